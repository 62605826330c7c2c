"""HTML pages and the autosave endpoint: visibility (404/403), the declaration gate, optimistic locking."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.models import Evaluation, Expert, PanelMember, Score, ScoreSheet
from evaluation.selectors.indicators import indicator_tree

from .conftest import fill_sheet


def _client(client_for, users, key):
    return client_for(key)


def test_materials_403_until_declaration_signed(client_for, evaluation, users):
    url = reverse("evaluation:materials", args=[evaluation.pk])
    assert client_for("evaluator").get(url).status_code == 403
    assert client_for("holder").get(url).status_code == 404
    assert client_for("enterprise").get(url).status_code == 404
    assert client_for("staff").get(url).status_code == 200
    member = evaluation.panel_members.get(expert__user=users["evaluator"])
    c = client_for("evaluator")
    response = c.post(
        reverse("evaluation:declaration", args=[member.pk]), {"full_name": "evaluator", "agreed": "on"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.state == PanelMember.State.ACTIVE
    assert member.declaration.ip_address == "127.0.0.1"
    page = c.get(url)
    assert page.status_code == 200
    assert "扶正化瘀颗粒抗肝纤维化" in page.content.decode()


def test_declaration_with_a_wrong_name_is_refused(client_for, evaluation, users):
    member = evaluation.panel_members.get(expert__user=users["evaluator"])
    response = client_for("evaluator").post(
        reverse("evaluation:declaration", args=[member.pk]), {"full_name": "someone else", "agreed": "on"}
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.state == PanelMember.State.ASSIGNED
    assert (
        client_for("other_evaluator").get(reverse("evaluation:declaration", args=[member.pk])).status_code
        == 404
    )


def _leaf_ids(evaluation):
    return [leaf.pk for leaf in indicator_tree(evaluation.indicator_system).leaves]


def test_same_sheet_saved_from_two_tabs(client_for, scoring, users):
    sheet = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    url = reverse("evaluation:sheet_save", args=[sheet.pk])
    leaf = _leaf_ids(scoring)[0]
    tab1, tab2 = client_for("evaluator"), client_for("evaluator")
    # both tabs loaded version 1
    r1 = tab1.post(
        url,
        json.dumps({"version": 1, "scores": {str(leaf): {"score": "8", "comment": "第一页"}}}),
        content_type="application/json",
    )
    assert r1.status_code == 200
    assert r1.json()["version"] == 2
    r2 = tab2.post(
        url,
        json.dumps({"version": 1, "scores": {str(leaf): {"score": "3", "comment": "第二页"}}}),
        content_type="application/json",
    )
    assert r2.status_code == 409
    body = r2.json()
    assert body["code"] == "version_conflict"
    assert body["current"]["version"] == 2
    assert body["current"]["scores"][str(leaf)] == {"score": "8.0", "comment": "第一页", "evidence": ""}
    score = Score.objects.get(sheet=sheet, indicator_id=leaf)
    assert (score.score, score.comment) == (Decimal("8.0"), "第一页")
    # tab 2 reloads the current version and saves
    r3 = tab2.post(
        url,
        json.dumps({"version": 2, "scores": {str(leaf): {"score": "7.5"}}}),
        content_type="application/json",
    )
    assert r3.status_code == 200


def test_autosave_bad_input_is_400_and_changes_nothing(client_for, scoring, users):
    sheet = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    url = reverse("evaluation:sheet_save", args=[sheet.pk])
    leaf = _leaf_ids(scoring)[0]
    c = client_for("evaluator")
    assert c.post(url, "not json", content_type="application/json").status_code == 400
    assert (
        c.post(
            url,
            json.dumps({"version": 1, "scores": {str(leaf): {"score": "99"}}}),
            content_type="application/json",
        ).status_code
        == 400
    )
    assert (
        c.post(url, json.dumps({"version": 1, "scores": ["x"]}), content_type="application/json").status_code
        == 400
    )
    assert (
        c.post(
            url, json.dumps({"version": 1, "trl_level": "12"}), content_type="application/json"
        ).status_code
        == 400
    )
    assert not Score.objects.filter(sheet=sheet).exists()
    sheet.refresh_from_db()
    assert sheet.version == 1
    # another expert may not write it
    other = client_for("other_evaluator").post(
        url,
        json.dumps({"version": 1, "scores": {str(leaf): {"score": "5"}}}),
        content_type="application/json",
    )
    assert other.status_code == 403
    assert not Score.objects.filter(sheet=sheet).exists()


def test_other_sheets_hidden_until_own_submitted(client_for, scoring, users):
    mine = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    theirs = ScoreSheet.objects.get(panel_member__expert__user=users["other_evaluator"])
    c = client_for("evaluator")
    assert c.get(reverse("evaluation:sheet", args=[mine.pk])).status_code == 200
    assert c.get(reverse("evaluation:sheet", args=[theirs.pk])).status_code == 403
    assert client_for("holder").get(reverse("evaluation:sheet", args=[theirs.pk])).status_code == 404
    fill_sheet(mine, users["evaluator"])
    assert client_for("evaluator").get(reverse("evaluation:sheet", args=[theirs.pk])).status_code == 200


def test_scoring_page_shows_level_guidance_and_autosave_hooks(client_for, scoring, users):
    sheet = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    html = client_for("evaluator").get(reverse("evaluation:sheet", args=[sheet.pk])).content.decode()
    assert "受众人数多" in html  # level guidance beside 临床需求
    assert 'data-save-url="/evaluation/sheets/' in html
    assert "scoresheet.js" in html
    assert "<script>" not in html.replace("<script src=", "")  # no inline scripts (CSP)


def test_submit_locks_the_sheet(client_for, scoring, users):
    sheet = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    fill_sheet(sheet, users["evaluator"], submit=False)
    sheet.refresh_from_db()
    c = client_for("evaluator")
    assert (
        c.post(reverse("evaluation:sheet_submit", args=[sheet.pk]), {"version": sheet.version}).status_code
        == 302
    )
    sheet.refresh_from_db()
    assert sheet.state == ScoreSheet.State.SUBMITTED
    leaf = _leaf_ids(scoring)[0]
    r = c.post(
        reverse("evaluation:sheet_save", args=[sheet.pk]),
        json.dumps({"version": sheet.version, "scores": {str(leaf): {"score": "1"}}}),
        content_type="application/json",
    )
    assert r.status_code == 409
    assert Score.objects.get(sheet=sheet, indicator_id=leaf).score == Decimal("8")


@pytest.mark.parametrize(
    ("role", "status"), [("staff", 200), ("evaluator", 403), ("holder", 403), ("anonymous", 302)]
)
def test_staff_pages_are_staff_only(client_for, evaluation, role, status):
    for name, args in (
        ("evaluation:list", []),
        ("evaluation:expert_list", []),
        ("evaluation:system_list", []),
        ("evaluation:results", [evaluation.pk]),
    ):
        assert client_for(role).get(reverse(name, args=args)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 200), ("evaluator", 200), ("holder", 302), ("other_holder", 404), ("enterprise", 404)],
)
def test_evaluation_detail_visibility(client_for, evaluation, role, status):
    assert client_for(role).get(evaluation.get_absolute_url()).status_code == status


def test_staff_can_run_the_panel_from_the_page(client_for, accepted, users, experts):
    c = client_for("staff")
    response = c.post(
        reverse("evaluation:create") + f"?achievement={accepted.pk}",
        {
            "achievement": accepted.pk,
            "indicator_system": Evaluation._meta.get_field("indicator_system")
            .related_model.objects.get(is_default=True)
            .pk,
            "mode": "meeting",
            "leader": users["staff"].pk,
            "work_group": [users["staff"].pk],
            "aggregation": "median",
            "min_per_role": 1,
            "hide_others_until_submitted": "on",
        },
    )
    assert response.status_code == 302
    ev = Evaluation.objects.get(achievement=accepted)
    assert ev.mode == "meeting" and ev.aggregation == "median"
    assert c.post(reverse("evaluation:panel_auto", args=[ev.pk])).status_code == 302
    assert ev.panel_members.count() == 3
    page = c.get(ev.get_absolute_url()).content.decode()
    assert "evaluator3" in page


def test_list_pages_query_count_does_not_grow(
    client_for, accepted, users, experts, django_assert_max_num_queries, make_user
):
    from achievements.models import Achievement
    from evaluation.services.evaluations import evaluation_create, panel_member_assign

    c = client_for("staff")

    def make(n):
        for i in range(n):
            a = Achievement.objects.create(
                name=f"成果{i}-{n}", holder=users["other_holder"], state="accepted"
            )
            ev = evaluation_create(achievement=a, actor=users["staff"])
            panel_member_assign(
                evaluation_id=ev.pk,
                expert_id=experts["clinical"].pk,
                actor=users["staff"],
                enforce_load=False,
            )

    make(1)
    c.get(reverse("evaluation:list"))
    with django_assert_max_num_queries(14) as one:
        c.get(reverse("evaluation:list"))
    make(19)
    with django_assert_max_num_queries(len(one.captured_queries)):
        c.get(reverse("evaluation:list"))
    with django_assert_max_num_queries(14) as one:
        c.get(reverse("evaluation:expert_list"))
    for i in range(15):
        u = make_user(f"exp{i}", roles=["evaluator"])
        Expert.objects.create(user=u, panel_role="industry", sector="enterprise")
    with django_assert_max_num_queries(len(one.captured_queries)):
        c.get(reverse("evaluation:expert_list"))


def test_my_tasks_query_count(client_for, scoring, users, django_assert_max_num_queries):
    c = client_for("evaluator")
    c.get(reverse("evaluation:my_tasks"))
    with django_assert_max_num_queries(14):
        response = c.get(reverse("evaluation:my_tasks"))
    assert "扶正化瘀颗粒抗肝纤维化" in response.content.decode()


def test_export_excel_and_csv(client_for, scoring, users):
    sheet = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    fill_sheet(sheet, users["evaluator"])
    c = client_for("staff")
    csv_body = c.get(reverse("evaluation:export", args=[scoring.pk, "csv"])).content.decode("utf-8-sig")
    assert "临床需求" in csv_body and "依据充分" in csv_body
    xlsx = c.get(reverse("evaluation:export", args=[scoring.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert (
        client_for("evaluator").get(reverse("evaluation:export", args=[scoring.pk, "csv"])).status_code == 403
    )


def test_other_list_pages_query_count(client_for, users, small_template, django_assert_max_num_queries):
    from evaluation.scorecards import scorecard_evaluation_create
    from evaluation.services.indicators import indicator_system_create

    c = client_for("staff")
    pages = [
        reverse("evaluation:system_list"),
        reverse("evaluation:scorecard_list"),
        reverse("evaluation:delphi_list"),
    ]
    scorecard_evaluation_create(
        template=small_template, title="评价", members=[users["evaluator"]], actor=users["staff"]
    )
    counts = {}
    for url in pages:
        c.get(url)
        with django_assert_max_num_queries(15) as q:
            assert c.get(url).status_code == 200
        counts[url] = len(q.captured_queries)
    for i in range(15):
        indicator_system_create(code=f"s{i}", name=f"体系{i}", actor=users["staff"])
        scorecard_evaluation_create(
            template=small_template, title=f"评价{i}", members=[users["evaluator"]], actor=users["staff"]
        )
    for url in pages:
        with django_assert_max_num_queries(counts[url]):
            c.get(url)
