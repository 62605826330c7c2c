"""Browser journey (marker ``e2e``, run with ``pytest -m e2e evaluation``): staff form a panel → experts sign
and score in the browser → staff close → the report PDF carries the Chinese text and the radar chart → the
achievement is in the passed state. Screenshots go to artifacts/screenshots/evaluation/."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots" / "evaluation"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "pw-e2e-12345"


@pytest.fixture
def people(db):
    from achievements.models import Achievement, AchievementType, TeamMember
    from evaluation.models import Expert
    from platform_core.accounts.models import Organization
    from platform_core.accounts.services import user_create

    def user(username, display, roles, org):
        organization, _ = Organization.objects.get_or_create(name=org)
        return user_create(
            username=username,
            password=PASSWORD,
            roles=roles,
            email=f"{username}@e2e.example.com",
            display_name=display,
            organization=organization,
        )

    staff = user("e2e_staff", "王专员", ["staff"], "河北省质量信息协会")
    holder = user("e2e_holder", "张教授", ["holder"], "首都医科大学附属北京地坛医院")
    experts = {}
    for username, display, org, role, sector in (
        ("e2e_clin", "周专家", "上海中医药大学附属曙光医院", "clinical", "hospital"),
        ("e2e_eng", "陈专家", "北京中医药大学", "engineering", "university"),
        ("e2e_ind", "吴专家", "京津冀健康产业投资基金", "industry", "investment"),
    ):
        u = user(username, display, ["evaluator"], org)
        experts[username] = Expert.objects.create(
            user=u, organization=u.organization, panel_role=role, sector=sector
        )
    achievement = Achievement.objects.create(
        name="扶正化瘀颗粒抗肝纤维化（浏览器旅程）",
        summary="扶正化瘀颗粒逆转慢性乙肝肝纤维化",
        holder=holder,
        organization=holder.organization,
        achievement_type=AchievementType.objects.get(code="tcm_formula"),
        maturity="pilot",
        trl=5,
        state=Achievement.State.ACCEPTED,
    )
    TeamMember.objects.create(achievement=achievement, name="张教授", role="leader")
    return {"staff": staff, "experts": experts, "achievement": achievement}


def _login(browser, base, username):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    page.on("dialog", lambda d: d.accept())
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return ctx, page


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_panel_sign_score_close_report(live_server, people, tmp_path):
    from playwright.sync_api import sync_playwright

    from achievements.models import Achievement
    from evaluation.models import Evaluation

    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    base = live_server.url
    achievement = people["achievement"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # 1. staff: create the evaluation, form the panel automatically, start, audit complete
        ctx, page = _login(browser, base, "e2e_staff")
        page.goto(base + "/evaluation/")
        page.click(f"[data-testid=start-evaluation-{achievement.pk}]")
        page.click("form button.btn-primary")
        page.wait_for_load_state("networkidle")
        page.click("[data-testid=auto-assign]")
        page.wait_for_load_state("networkidle")
        assert page.locator("text=专家组构成均衡").count() == 1
        page.click("[data-testid=action-start]")
        page.wait_for_load_state("networkidle")
        page.check("input[name=result][value=complete]")
        page.click("[data-testid=audit-submit]")
        page.wait_for_load_state("networkidle")
        _shot(page, "01-panel")
        ctx.close()
        evaluation = Evaluation.objects.get(achievement=achievement)
        assert evaluation.state == "scoring"
        # 2. each expert: blocked from the materials, signs, then scores in the browser (autosave) and submits
        for n, (username, expert) in enumerate(people["experts"].items()):
            ctx, page = _login(browser, base, username)
            response = page.goto(f"{base}/evaluation/{evaluation.pk}/materials/")
            assert response.status == 403
            page.goto(base + "/evaluation/tasks/")
            page.click(f"[data-testid=declare-{evaluation.pk}]")
            page.fill("input[name=full_name]", str(expert.user))
            page.check("input[name=agreed]")
            page.click("[data-testid=sign]")
            page.wait_for_load_state("networkidle")
            assert "扶正化瘀颗粒" in page.content()
            page.goto(base + "/evaluation/tasks/")
            page.click(f"[data-testid=score-{evaluation.pk}]")
            page.wait_for_load_state("networkidle")
            for i, field in enumerate(page.locator("input[data-field=score]").all()):
                field.fill(str(8 - n + (i % 2) * 0.5))
            page.locator("textarea[data-field=comment]").first.fill("临床需求明确，受众人群广。")
            page.fill("#swot-strength", "疗效确切\n多靶点机制")
            page.select_option("#trl-level", "6")
            page.check("#rec-yes")
            page.wait_for_function(
                "document.querySelector('[data-testid=save-status]').textContent.includes('已保存')"
            )
            if n == 0:
                _shot(page, "02-scoring")
            with page.expect_navigation():
                page.click("[data-testid=submit-sheet]")
            page.wait_for_load_state("networkidle")
            assert page.locator(".state-badge[data-state=submitted]").count() >= 1, page.locator(
                ".alert"
            ).all_inner_texts()
            ctx.close()
        # 3. staff: close scoring, look at the result, write the conclusion, close as passed, get the report
        ctx, page = _login(browser, base, "e2e_staff")
        page.goto(f"{base}/evaluation/{evaluation.pk}/")
        page.click("[data-testid=action-finish_scoring]")
        page.wait_for_load_state("networkidle")
        page.goto(f"{base}/evaluation/{evaluation.pk}/results/")
        assert page.locator("[data-testid=radar] svg polygon").count() > 5
        _shot(page, "03-results")
        page.goto(f"{base}/evaluation/{evaluation.pk}/conclusion/")
        page.select_option("select[name=recommend_publication]", "1")
        page.fill("textarea[name=conclusion]", "成果临床需求明确，技术路线可行，建议发布至成果信息库。")
        page.fill("textarea[name=transfer_suggestions]", "建议以许可方式转化。")
        page.fill("textarea[name=expert_suggestions]", "补充多中心临床数据。")
        page.select_option("select[name=maturity_conclusion]", "pilot")
        page.select_option("select[name=trl_conclusion]", "6")
        page.click("[data-testid=save-conclusion]")
        page.wait_for_load_state("networkidle")
        page.click("[data-testid=action-pass]")
        page.wait_for_load_state("networkidle")
        page.click("[data-testid=report-link]")
        page.wait_for_selector("a[href$='/download/']", timeout=60_000)
        href = page.locator("a[href$='/download/']").first.get_attribute("href")
        pdf = page.request.get(base + href).body()
        ctx.close()
        browser.close()
    assert pdf[:4] == b"%PDF"
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for words in (
        "评估报告",
        "成果概述",
        "技术成熟度评定情况",
        "转化建议",
        "专家建议",
        "利益冲突回避声明",
        "临床评估",
        "知识产权",
    ):
        assert words in text, words
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(path), str(SHOTS / "04-report")],
        check=True,
    )
    assert re.search(r"周专家", text)
    achievement.refresh_from_db()
    assert achievement.state == Achievement.State.EVALUATION_PASSED
    assert achievement.trl == 6
