"""The spine, stretches 3–5 (see test_spine.py for the whole list): the library and its confidential part, the
market from demand to conversion, and the case survey feeding the quality dashboard."""

from __future__ import annotations

import re

import pytest

from .conftest import login
from .spine import (
    PDF_BYTES,
    badge,
    new_user,
    no_horizontal_scroll,
    page_text,
    set_field,
    submit,
    transition,
    unique_tag,
    zh,
)

pytestmark = [pytest.mark.e2e]


# --------------------------------------------------------------------------------------------- stretch 3
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_spine_3_enterprise_searches_and_is_granted_the_confidential_part(new_page, shot, device):
    from achievements.library.models import AccessRequest
    from achievements.models import Achievement

    phone = device == "phone"
    tag = unique_tag()
    enterprise_user = new_user(f"ent_{device}_{tag}", "enterprise", f"河北肝康生物科技{tag}", "enterprise")
    enterprise = new_page(viewport=(375, 812), mobile=True) if phone else new_page()
    login(enterprise, enterprise_user.username)

    # search 肝纤维化, then narrow by maturity with a facet
    enterprise.goto("/library/")
    total_before = enterprise.get_by_test_id("result-count").inner_text()
    enterprise.get_by_test_id("library-q").fill("肝纤维化")
    with enterprise.expect_navigation():
        enterprise.get_by_test_id("library-q").press("Enter")
    assert "q=" in enterprise.url
    results = enterprise.get_by_test_id("result")
    assert results.count() >= 1
    count_text = enterprise.get_by_test_id("result-count").inner_text()
    assert re.search(r"\d", count_text) and count_text != total_before, (count_text, total_before)
    assert "肝纤维化" in results.first.inner_text()
    shot(enterprise, "01-search-肝纤维化")
    if phone:
        assert no_horizontal_scroll(enterprise)
    facet = enterprise.locator("[data-facet=maturity] a[data-facet-value]").first
    if facet.is_visible():
        facet_value = facet.get_attribute("data-facet-value")
        with enterprise.expect_navigation():
            facet.click()
    else:  # on a phone the facets fold away: the same filter through its URL
        facet_value = facet.get_attribute("data-facet-value")
        enterprise.goto(enterprise.url + f"&maturity={facet_value}")
    assert f"maturity={facet_value}" in enterprise.url
    assert enterprise.get_by_test_id("chips").count() == 1
    shot(enterprise, "02-filtered-by-maturity")

    # open a result of the demo holder that has a confidential part: search its name, click the result
    from achievements.library.selectors.detail import entry_view

    candidates = Achievement.objects.filter(
        holder__username="holder", state=Achievement.State.PUBLISHED, name__contains="肝纤维化"
    ).order_by("pk")
    target = next(
        (
            a
            for a in candidates
            if a.contact_name and "contact" in entry_view(a, enterprise_user).confidential
        ),
        None,
    )
    assert target is not None, (
        "the demo holder has no published 肝纤维化 achievement with a confidential part"
    )
    enterprise.goto("/library/")
    enterprise.get_by_test_id("library-q").fill(target.name)
    with enterprise.expect_navigation():
        enterprise.get_by_test_id("library-q").press("Enter")
    with enterprise.expect_navigation():
        enterprise.locator(f"[data-testid=result][data-id='{target.pk}'] a.result-title").click()
    assert enterprise.get_by_test_id("request-access").count() == 1
    assert target.name in enterprise.locator("h1").inner_text()
    # the contact (a confidential section of the demo entries) is not in the HTML without a grant
    # (the name may also be in the public team table; the phone is not)
    assert target.contact_name and enterprise.get_by_test_id("contact").count() == 0
    assert not target.contact_phone or target.contact_phone not in enterprise.content()
    shot(enterprise, "03-detail-before-grant")
    if phone:
        assert no_horizontal_scroll(enterprise)

    # request the confidential part
    enterprise.get_by_test_id("request-access").click()
    enterprise.wait_for_load_state()
    for box in enterprise.locator("input[name=sections]").all():
        box.check()
    enterprise.fill("textarea[name=message]", "我司拟评估该成果的产业化可行性，申请查看详细技术参数。")
    shot(enterprise, "04-request-form")
    submit(enterprise, "[data-testid=send-request]")
    request = AccessRequest.objects.get(requester=enterprise_user, achievement=target)
    assert request.state == "requested"

    # the holder grants it
    holder = new_page(viewport=(375, 812), mobile=True) if phone else new_page()
    login(holder, "holder")
    holder.goto("/library/access-requests/incoming/")
    assert "钱经理" in page_text(holder) or enterprise_user.username in page_text(holder)
    holder.goto(f"/library/access-requests/{request.pk}/")
    shot(holder, "05-holder-sees-request")
    submit(holder, "[data-testid=act-grant]")
    request.refresh_from_db()
    assert request.state == "granted"
    assert zh(AccessRequest.State.GRANTED.label) in badge(holder)

    # the enterprise now reads it
    enterprise.goto(f"/library/{target.pk}/")
    contact = enterprise.get_by_test_id("contact")
    assert contact.count() == 1 and target.contact_name in contact.inner_text()
    assert not target.contact_phone or target.contact_phone in contact.inner_text()
    shot(enterprise, "06-detail-after-grant")
    if phone:
        assert no_horizontal_scroll(enterprise)


# --------------------------------------------------------------------------------------------- stretch 4
def test_spine_4_demand_matches_inquiry_agreement_and_implementation(new_page, shot):
    import datetime as dt

    from achievements.models import Achievement, ApplicationScenario, CooperationMode, TechnicalField
    from matching.models import Agreement, AgreementTemplate, Demand, DockingProject, ImplementationProject

    tag = unique_tag()
    user = new_user(f"ent_demand_{tag}", "enterprise", f"石家庄以岭肝健康{tag}", "enterprise")
    enterprise = new_page()
    login(enterprise, user.username)

    # the enterprise posts a demand
    title = f"寻求抗肝纤维化中药颗粒剂（{tag}）"
    enterprise.goto("/demands/new/")
    set_field(enterprise, "title", title)
    set_field(enterprise, "technical_field", TechnicalField.objects.get(code="tcm").pk)
    # Scenarios and cooperation modes cannot be chosen here yet: templates/partials/field.html renders a
    # CheckboxSelectMultiple as ONE checkbox named after the field (value "on"). When it lists the options,
    # choose them: clinical, licence.
    for name, code, model in (
        ("scenarios", "clinical", ApplicationScenario),
        ("cooperation_modes", "license", CooperationMode),
    ):
        option = enterprise.locator(f"input[name={name}][value='{model.objects.get(code=code).pk}']")
        if option.count():
            option.check()
    set_field(enterprise, "min_maturity", "pilot")
    set_field(enterprise, "budget_max", "1000")
    set_field(enterprise, "description", "引进治疗慢性乙肝肝纤维化的中药复方颗粒剂，要求完成 II 期临床。")
    set_field(enterprise, "tags", "肝纤维化,颗粒剂")
    set_field(enterprise, "confidentiality", "registered")
    shot(enterprise, "01-demand-form")
    submit(enterprise, "[data-testid=submit-demand]")
    demand = Demand.objects.get(title=title)
    assert demand.state == "submitted"

    # staff publish it
    staff = new_page()
    login(staff, "staff")
    staff.goto(f"/demands/{demand.pk}/")
    transition(staff, "publish")
    demand.refresh_from_db()
    assert demand.state == "published"

    # explainable matches on the enterprise's demand page
    enterprise.goto(f"/demands/{demand.pk}/")
    suggestions = enterprise.get_by_test_id("suggestion")
    assert suggestions.count() >= 1
    first = suggestions.first.inner_text()
    assert "领域一致" in first and "成熟度" in first, first
    shot(enterprise, "02-explainable-matches")

    # the enterprise opens an inquiry (a docking project) from the best suggestion still open for docking
    from matching.models import MatchSuggestion

    best = (
        MatchSuggestion.objects.filter(
            demand=demand, status="new", achievement__state=Achievement.State.PUBLISHED
        )
        .select_related("achievement")
        .order_by("-score")
        .first()
    )
    assert best is not None, "no published achievement among the suggestions"
    row = suggestions.filter(has_text=best.achievement.name).first
    with enterprise.expect_navigation():
        row.get_by_test_id("inquire").click()
    project = DockingProject.objects.get(demand=demand)
    achievement = project.achievement
    assert enterprise.url.endswith(f"/docking/{project.pk}/"), enterprise.url
    shot(enterprise, "03-docking-project")

    # staff: contact, negotiation, agreed terms (with no IP warranty: a risk)
    staff.goto(f"/docking/{project.pk}/")
    transition(staff, "contact")
    transition(staff, "start_negotiation")
    assert Achievement.objects.get(pk=achievement.pk).state == Achievement.State.IN_DOCKING
    staff.click("[data-bs-target='#terms-form']")
    form = "#terms-form"
    staff.locator(form).wait_for(state="visible")
    for name, value in {
        "proposed_by": "platform", "cooperation_mode": "license", "technical_scope": "颗粒剂处方、工艺与质量标准",
        "territory": "中国境内", "field_of_use": "慢性肝病", "term_years": "10", "payment_method": "milestones",
        "price": "320", "payment_schedule": "生效后 30%\n验收合格后 70%", "acceptance_criteria": "三批中试样品全检合格",
        "dispute_resolution": "arbitration",
    }.items():  # fmt: skip
        set_field(staff, name, value, scope=form)
    if staff.locator(f"{form} input[name=confidentiality]").count():
        staff.check(f"{form} input[name=confidentiality]")
    if staff.locator(f"{form} input[name=ip_warranty]").count():  # not agreed: the checklist must flag it
        staff.uncheck(f"{form} input[name=ip_warranty]")
    submit(staff, "[data-testid=terms-agree]")
    assert project.terms.get().agreed
    assert "320" in staff.get_by_test_id("terms").inner_text()
    shot(staff, "04-agreed-terms")

    # the agreement is drafted from the licence template; the checklist flags the missing IP warranty
    template = AgreementTemplate.objects.get(code="license")
    set_field(staff, "template", template.pk)
    submit(staff, "[data-testid=draft-agreement]")
    agreement = Agreement.objects.get(project=project)
    assert staff.url.endswith(f"/agreements/{agreement.pk}/"), staff.url
    flag = staff.locator("[data-risk=no_ip_warranty]")
    assert flag.count() == 1 and flag.get_attribute("data-status") == "open"
    shot(staff, "05-risk-flagged")
    transition(staff, "submit_review")
    transition(staff, "approve")
    assert Agreement.objects.get(pk=agreement.pk).state == "in_review"  # blocked by the open risk
    staff.get_by_test_id("action-return_for_revision").click()  # opens the reason box
    staff.locator("#reason-return_for_revision").wait_for(state="visible")
    staff.fill("#reason-return_for_revision textarea[name=reason]", "补充知识产权保证条款")
    submit(staff, "#reason-return_for_revision button")
    assert Agreement.objects.get(pk=agreement.pk).state == "draft"

    # the risk point is fixed in the draft
    staff.get_by_test_id("edit-agreement").click()
    staff.wait_for_load_state()
    staff.fill(
        "[name=clause_ip_warranty]", "甲方保证其为本合同所涉技术成果的合法权利人，不侵犯任何第三方知识产权。"
    )
    submit(staff, "[data-testid=save-agreement]")
    assert agreement.risk_flags.get(code="no_ip_warranty").status == "resolved"
    assert staff.locator("[data-risk=no_ip_warranty]").get_attribute("data-status") == "resolved"
    shot(staff, "06-risk-fixed")
    transition(staff, "submit_review")
    transition(staff, "approve")
    assert Agreement.objects.get(pk=agreement.pk).state == "approved"

    # the signed copy is uploaded: archived; project and achievement follow
    signed_on = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    set_field(staff, "signed_on", signed_on)
    set_field(staff, "value", "320")
    staff.set_input_files(
        "input[name=signed_copy]", {"name": "签署版.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    submit(staff, "[data-testid=sign]")
    agreement.refresh_from_db()
    assert agreement.state == "signed" and agreement.archive_code
    assert agreement.archive_code in staff.get_by_test_id("archive-code").inner_text()
    assert Achievement.objects.get(pk=achievement.pk).state == Achievement.State.AGREEMENT_SIGNED
    shot(staff, "07-signed")

    # implementation: a milestone, the outcome with evidence, converted
    implementation = ImplementationProject.objects.get(agreement=agreement)
    staff.goto(f"/implementation/{implementation.pk}/")
    staff.click("[data-bs-target='#milestone-form']")
    form = "#milestone-form"
    staff.locator(form).wait_for(state="visible")
    today = dt.date.today()
    for name, value in {
        "title": "技术资料交付", "planned_start": today - dt.timedelta(days=30), "planned_end": today - dt.timedelta(days=10),
        "actual_start": today - dt.timedelta(days=30), "actual_end": today - dt.timedelta(days=8), "status": "done",
    }.items():  # fmt: skip
        set_field(staff, name, value.isoformat() if isinstance(value, dt.date) else value, scope=form)
    submit(staff, f"{form} button")
    assert "技术资料交付" in staff.get_by_test_id("milestones").inner_text()
    outcome = "form[action$='/outcome/']"
    set_field(staff, "outcome_kind", "product_launched", scope=outcome)
    set_field(staff, "outcome_description", "取得制剂批件并上市", scope=outcome)
    staff.set_input_files(
        f"{outcome} input[type=file]",
        {"name": "批件.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
    )
    submit(staff, f"{outcome} button")
    transition(staff, "convert")
    assert ImplementationProject.objects.get(pk=implementation.pk).state == "converted"
    assert Achievement.objects.get(pk=achievement.pk).state == Achievement.State.CONVERTED
    assert zh(ImplementationProject.State.CONVERTED.label) in badge(staff)
    shot(staff, "08-converted")


# --------------------------------------------------------------------------------------------- stretch 5
def _indicator_grid(page) -> dict[str, str]:
    cells = page.locator("[data-testid=indicator-grid] td[data-indicator]")
    return {
        f"{c.get_attribute('data-indicator')}/{c.get_attribute('data-period')}": c.inner_text().strip()
        for c in cells.all()
    }


def test_spine_5_case_survey_and_quality_dashboard(new_page, shot):
    from achievements.models import Achievement
    from quality_metrics.models import SurveyInvitation
    from quality_metrics.tasks import service_cases_scan

    admin = new_page()
    login(admin, "admin")
    admin.goto("/quality/")
    assert "七" in page_text(admin) or admin.get_by_test_id("indicator-grid").count() == 1
    before = _indicator_grid(admin)
    funnel_before = admin.get_by_test_id("funnel-table").inner_text()
    assert before, "the dashboard shows no indicators"
    shot(admin, "01-dashboard-before")

    # a service case of the demo holder closes: staff accept a submitted achievement of theirs
    achievement = (
        Achievement.objects.filter(holder__username="holder", state=Achievement.State.SUBMITTED)
        .order_by("pk")
        .first()
    )
    assert achievement is not None, "the demo data has no submitted achievement of the holder"
    staff = new_page()
    login(staff, "staff")
    staff.goto(f"/achievements/{achievement.pk}/review/")
    staff.check("input[name=decision][value=accept]")
    submit(staff, "[data-testid=decide]")
    achievement.refresh_from_db()
    assert achievement.state == Achievement.State.ACCEPTED

    # the five-minute log scan (a Celery beat job, no screen) derives the case and sends the survey
    service_cases_scan()
    invitation = (
        SurveyInvitation.objects.filter(
            user__username="holder", responded_at__isnull=True, case__isnull=False
        )
        .order_by("-sent_at")
        .first()
    )
    assert invitation is not None, "no case survey was sent to the holder"

    # the holder answers from the tokenised link, without logging in
    visitor = new_page()
    visitor.goto(f"/survey/{invitation.token}/")
    assert visitor.get_by_test_id("survey-submit").count() == 1
    for name in sorted(
        set(visitor.locator("main input[type=radio]").evaluate_all("xs => xs.map(x => x.name)"))
    ):
        options = visitor.locator(f"main input[type=radio][name='{name}']")
        choice = options.nth(options.count() - 1)
        label = visitor.locator(f"label[for='{choice.get_attribute('id')}']")
        (label if label.count() else choice).click()
    for area in visitor.locator("main textarea").all():
        area.fill("评估专家反馈及时，受理快。")
    shot(visitor, "02-survey")
    submit(visitor, "[data-testid=survey-submit]")
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    assert "感谢" in page_text(visitor) or "谢谢" in page_text(visitor)
    shot(visitor, "03-thanks")
    # the link cannot be used twice
    visitor.goto(f"/survey/{invitation.token}/")
    assert "已" in visitor.get_by_test_id("survey-status").inner_text()

    # the admin's dashboard shows the new numbers
    if admin.locator("form[action$='/quality/recompute/'] button").count():
        submit(admin, "form[action$='/quality/recompute/'] button")
    admin.goto("/quality/")
    after = _indicator_grid(admin)
    funnel_after = admin.get_by_test_id("funnel-table").inner_text()
    changed = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
    assert changed or funnel_after != funnel_before, (before, after)
    shot(admin, "04-dashboard-after")
