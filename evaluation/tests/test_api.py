"""The evaluation API: visibility, the whole flow, AHP, Delphi, the scorecard engine, query counts."""

import pytest

from evaluation.models import (
    DelphiRound,
    Evaluation,
    IndicatorSystem,
    PanelMember,
    ScoreSheet,
)
from evaluation.selectors.indicators import indicator_tree

SAATY = {"0,1": "3", "0,2": "5", "1,2": "3"}


def test_ahp_compute_endpoint(api_for):
    r = api_for("evaluator").post(
        "/api/v1/evaluation/comparison-matrices/compute/",
        {"matrix": [["1", "3", "5"], ["1/3", "1", "3"], ["1/5", "1/3", "1"]]},
        format="json",
    )
    assert r.status_code == 200
    assert [round(w, 4) for w in r.json()["weights"]] == [0.6370, 0.2583, 0.1047]
    assert round(r.json()["cr"], 4) == 0.0332
    bad = api_for("evaluator").post(
        "/api/v1/evaluation/comparison-matrices/compute/", {"matrix": [["1", "x"], ["1", "1"]]}, format="json"
    )
    assert bad.status_code == 400


@pytest.fixture
def draft_system(users):
    from evaluation.services.indicators import indicator_create, indicator_system_create

    system = indicator_system_create(code="test-sys", name="测试体系", actor=users["staff"])
    for code in ("a", "b", "c"):
        indicator_create(system_id=system.pk, actor=users["staff"], code=code, name=code.upper())
    return system


def test_inconsistent_matrix_cannot_be_adopted(api_for, draft_system):
    api = api_for("staff")
    r = api.post(
        "/api/v1/evaluation/comparison-matrices/",
        {"system": draft_system.pk, "values": {"0,1": "9", "0,2": "1/9", "1,2": "9"}},
        format="json",
    )
    assert r.status_code == 201 and r.json()["cr"] >= 0.10
    refused = api.post(f"/api/v1/evaluation/comparison-matrices/{r.json()['id']}/adopt/")
    assert refused.status_code == 400 and refused.json()["code"] == "inconsistent"
    assert set(draft_system.indicators.values_list("weight", flat=True)) == {0}
    ok = api.post(
        "/api/v1/evaluation/comparison-matrices/", {"system": draft_system.pk, "values": SAATY}, format="json"
    )
    assert api.post(f"/api/v1/evaluation/comparison-matrices/{ok.json()['id']}/adopt/").status_code == 200
    weights = [str(w) for w in draft_system.indicators.order_by("order").values_list("weight", flat=True)]
    assert weights == ["0.636986", "0.258285", "0.104729"]
    assert IndicatorSystem.objects.get(pk=draft_system.pk).weight_method == "ahp"
    # off-scale values are refused
    assert (
        api.post(
            "/api/v1/evaluation/comparison-matrices/",
            {"system": draft_system.pk, "values": {"0,1": "10", "0,2": "1", "1,2": "1"}},
            format="json",
        ).status_code
        == 400
    )
    # not for evaluators
    assert (
        api_for("evaluator")
        .post(
            "/api/v1/evaluation/comparison-matrices/",
            {"system": draft_system.pk, "values": SAATY},
            format="json",
        )
        .status_code
        == 403
    )


def test_geometric_mean_aggregation(api_for, draft_system):
    api = api_for("staff")
    a = api.post(
        "/api/v1/evaluation/comparison-matrices/",
        {"system": draft_system.pk, "values": {"0,1": "3", "0,2": "3", "1,2": "1"}},
        format="json",
    ).json()
    b = api.post(
        "/api/v1/evaluation/comparison-matrices/",
        {"system": draft_system.pk, "values": {"0,1": "1/3", "0,2": "3", "1,2": "9"}},
        format="json",
    ).json()
    r = api.post(
        "/api/v1/evaluation/comparison-matrices/aggregate/", {"matrices": [a["id"], b["id"]]}, format="json"
    )
    assert r.status_code == 201
    assert r.json()["is_aggregate"] is True
    assert r.json()["values"][0][1] == pytest.approx(1.0)
    assert r.json()["values"][1][2] == pytest.approx(3.0)


def test_frozen_system_cannot_change(api_for):
    system = IndicatorSystem.objects.get(is_default=True)
    r = api_for("staff").post(
        "/api/v1/evaluation/comparison-matrices/",
        {
            "system": system.pk,
            "values": {
                "0,1": "1",
                "0,2": "1",
                "0,3": "1",
                "0,4": "1",
                "1,2": "1",
                "1,3": "1",
                "1,4": "1",
                "2,3": "1",
                "2,4": "1",
                "3,4": "1",
            },
        },
        format="json",
    )
    assert r.status_code == 409
    v2 = api_for("staff").post(f"/api/v1/evaluation/indicator-systems/{system.pk}/new-version/")
    assert v2.status_code == 200 and v2.json()["version"] == 2 and v2.json()["state"] == "draft"
    detail = api_for("holder").get(f"/api/v1/evaluation/indicator-systems/{v2.json()['id']}/").json()
    assert len(detail["indicators"]) == 22


def test_delphi_round_flow(api_for, users, draft_system):
    from evaluation.services.indicators import indicator_weights_set

    api = api_for("staff")
    r = api.post(
        "/api/v1/evaluation/delphi-rounds/",
        {
            "system": draft_system.pk,
            "experts": [users["evaluator"].pk, users["other_evaluator"].pk],
            "full_score": 5,
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    round_id = r.json()["id"]
    ids = list(draft_system.indicators.order_by("order").values_list("pk", flat=True))
    answers = {"evaluator": [5, 4, 2], "other_evaluator": [5, 3, 1]}
    assert api_for("holder").get(f"/api/v1/evaluation/delphi-rounds/{round_id}/").status_code == 404
    for key, scores in answers.items():
        resp = api_for(key).post(
            f"/api/v1/evaluation/delphi-rounds/{round_id}/answer/",
            {
                "ratings": {str(i): {"score": sc} for i, sc in zip(ids, scores, strict=True)},
                "familiarity": "familiar",
                "basis": {"theory": "high", "practice": "high", "peers": "low", "intuition": "low"},
            },
            format="json",
        )
        assert resp.status_code == 200, resp.json()
    assert (
        api_for("evaluator").get(f"/api/v1/evaluation/delphi-rounds/{round_id}/statistics/").status_code
        == 403
    )
    closed = api.post(f"/api/v1/evaluation/delphi-rounds/{round_id}/close/")
    assert closed.status_code == 200
    results = DelphiRound.objects.get(pk=round_id).results
    # identical rankings → W = 1; response rate 2/2; Cr = (1.0 + 0.8) / 2 = 0.9
    assert results["kendall"]["w"] == 1.0
    assert results["response_rate"] == 1.0 and results["authority"] == 0.9
    assert [row["mean"] for row in results["indicators"]] == [5.0, 3.5, 1.5]
    adopted = api.post(f"/api/v1/evaluation/delphi-rounds/{round_id}/adopt/")
    assert adopted.status_code == 200 and adopted.json()["weight_method"] == "delphi"
    new = IndicatorSystem.objects.get(pk=adopted.json()["id"])
    assert [str(w) for w in new.indicators.order_by("order").values_list("weight", flat=True)] == [
        "0.500000",
        "0.350000",
        "0.150000",
    ]
    assert indicator_weights_set  # manual weighting stays available


def test_api_evaluation_flow_with_conflict_gate(api_for, accepted, users, experts, holder_org, make_user):
    from evaluation.models import Expert

    api = api_for("staff")
    r = api.post(
        "/api/v1/evaluation/evaluations/",
        {
            "achievement": accepted.pk,
            "indicator_system": IndicatorSystem.objects.get(is_default=True).pk,
            "trl_scale": None,
            "mode": "correspondence",
            "leader": users["staff"].pk,
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    ev_id = r.json()["id"]
    colleague = make_user("colleague", roles=["evaluator"], organization=holder_org)
    conflicted = Expert.objects.create(
        user=colleague, organization=holder_org, panel_role="clinical", sector="hospital"
    )
    refused = api.post(
        f"/api/v1/evaluation/evaluations/{ev_id}/assign/", {"expert": conflicted.pk}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "conflict_of_interest"
    assert api.post(f"/api/v1/evaluation/evaluations/{ev_id}/auto-assign/").status_code == 200
    assert (
        api.post(
            f"/api/v1/evaluation/evaluations/{ev_id}/transition/", {"action": "start"}, format="json"
        ).status_code
        == 200
    )
    assert api_for("evaluator").get(f"/api/v1/evaluation/evaluations/{ev_id}/").status_code == 200
    assert api_for("holder").get(f"/api/v1/evaluation/evaluations/{ev_id}/").status_code == 404
    for key in ("evaluator", "other_evaluator", "evaluator3"):
        member = PanelMember.objects.get(evaluation_id=ev_id, expert__user__username=key)
        client = api_for(key) if key != "evaluator3" else _api(member.expert.user)
        assert (
            client.post(
                f"/api/v1/evaluation/panel-members/{member.pk}/declaration/",
                {"full_name": key, "agreed": True},
                format="json",
            ).status_code
            == 200
        )
    assert (
        api.post(
            f"/api/v1/evaluation/evaluations/{ev_id}/audit/", {"result": "complete"}, format="json"
        ).status_code
        == 200
    )
    ev = Evaluation.objects.get(pk=ev_id)
    assert ev.state == "scoring"
    sheet = ScoreSheet.objects.get(panel_member__evaluation=ev, panel_member__expert__user=users["evaluator"])
    leaf = indicator_tree(ev.indicator_system).leaves[0].pk
    me = api_for("evaluator")
    assert (
        me.post(
            f"/api/v1/evaluation/score-sheets/{sheet.pk}/save/",
            {"version": 1, "scores": {str(leaf): {"score": "8"}}},
            format="json",
        ).status_code
        == 200
    )
    stale = me.post(
        f"/api/v1/evaluation/score-sheets/{sheet.pk}/save/",
        {"version": 1, "scores": {str(leaf): {"score": "2"}}},
        format="json",
    )
    assert stale.status_code == 409 and stale.json()["current"]["scores"][str(leaf)]["score"] == "8.0"
    other = ScoreSheet.objects.get(
        panel_member__evaluation=ev, panel_member__expert__user=users["other_evaluator"]
    )
    assert me.get(f"/api/v1/evaluation/score-sheets/{other.pk}/").status_code == 404
    assert api.get(f"/api/v1/evaluation/evaluations/{ev_id}/results/").status_code == 200


def _api(user):
    from rest_framework.test import APIClient

    c = APIClient()
    c.force_authenticate(user)
    return c


def test_scorecard_engine_api(api_for, users, small_template):
    api = api_for("staff")
    r = api.post(
        "/api/v1/evaluation/scorecard-evaluations/",
        {"template": small_template.pk, "title": "年度评价", "members": [users["evaluator"].pk]},
        format="json",
    )
    assert r.status_code == 201, r.json()
    card = r.json()["id"]
    assert (
        api.post(
            f"/api/v1/evaluation/scorecard-evaluations/{card}/transition/", {"action": "open"}, format="json"
        ).status_code
        == 200
    )
    sheet = api_for("evaluator").get("/api/v1/evaluation/scorecard-sheets/").json()["results"][0]
    ids = {
        c["code"]: c["id"]
        for c in api.get(f"/api/v1/evaluation/scorecard-templates/{small_template.pk}/").json()["criteria"]
    }
    points = {"A1.1": 2, "A1.2": 4, "A2": 4, "B": "79.5", "C1": 0, "C2": 0}
    saved = api_for("evaluator").post(
        f"/api/v1/evaluation/scorecard-sheets/{sheet['id']}/save/",
        {"version": 1, "scores": {str(ids[k]): {"points": v} for k, v in points.items()}},
        format="json",
    )
    assert saved.status_code == 200 and saved.json()["total"] == "89.50"
    assert (
        api_for("evaluator").post(f"/api/v1/evaluation/scorecard-sheets/{sheet['id']}/submit/").status_code
        == 200
    )
    closed = api.post(
        f"/api/v1/evaluation/scorecard-evaluations/{card}/transition/", {"action": "close"}, format="json"
    )
    assert closed.status_code == 200
    detail = api.get(f"/api/v1/evaluation/scorecard-evaluations/{card}/").json()
    assert detail["total"] == "89.50" and detail["grade"] == "qualified"  # 89.5 is 合格, not 优秀


def test_evaluation_list_endpoint_query_count(api_for, users, experts, django_assert_max_num_queries):
    from achievements.models import Achievement
    from evaluation.services.evaluations import evaluation_create

    api = api_for("staff")

    def make(n):
        for i in range(n):
            a = Achievement.objects.create(
                name=f"API成果{n}-{i}", holder=users["other_holder"], state="accepted"
            )
            evaluation_create(achievement=a, actor=users["staff"])

    make(1)
    with django_assert_max_num_queries(12) as one:
        assert api.get("/api/v1/evaluation/evaluations/").status_code == 200
    make(19)
    with django_assert_max_num_queries(len(one.captured_queries)):
        r = api.get("/api/v1/evaluation/evaluations/")
    assert r.json()["count"] == 20
    with django_assert_max_num_queries(10) as one:
        api.get("/api/v1/evaluation/experts/")
    with django_assert_max_num_queries(len(one.captured_queries)):
        api.get("/api/v1/evaluation/score-sheets/")


def test_schema_generates(api_for):
    r = api_for("staff").get("/api/schema/")
    assert r.status_code == 200
    assert b"/api/v1/evaluation/score-sheets/{id}/save/" in r.content


def test_object_lookup_comes_before_body_validation(api_for, users, scoring):
    """Who may not see a panel member or a score sheet gets 404 even with an invalid body, never a 400 that
    would confirm the record exists (issue 11); its own record with the same body answers 400."""
    others = PanelMember.objects.filter(evaluation=scoring, expert__user=users["other_evaluator"]).get()
    own = PanelMember.objects.filter(evaluation=scoring, expert__user=users["evaluator"]).get()
    other_sheet = ScoreSheet.objects.get(panel_member=others)
    own_sheet = ScoreSheet.objects.get(panel_member=own)
    invalid = {"version": "not-a-number", "agreed": "maybe", "full_name": ""}
    for role in ("evaluator", "holder", "enterprise"):
        api = api_for(role)
        for url in (
            f"/api/v1/evaluation/panel-members/{others.pk}/declaration/",
            f"/api/v1/evaluation/panel-members/{others.pk}/recuse/",
            f"/api/v1/evaluation/score-sheets/{other_sheet.pk}/save/",
            f"/api/v1/evaluation/score-sheets/{other_sheet.pk}/submit/",
        ):
            assert api.post(url, invalid, format="json").status_code == 404, (role, url)
    me = api_for("evaluator")
    assert (
        me.post(f"/api/v1/evaluation/score-sheets/{own_sheet.pk}/save/", invalid, format="json").status_code
        == 400
    )
    assert (
        me.post(f"/api/v1/evaluation/panel-members/{own.pk}/declaration/", invalid, format="json").status_code
        == 400
    )
