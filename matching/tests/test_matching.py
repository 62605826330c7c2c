"""Suggestions: explainable, stored, recomputed when either side changes and when staff tune the weights."""

from __future__ import annotations

from django.utils import translation

from achievements.models import TechnicalField
from matching.models import MatchingWeights, MatchSuggestion
from matching.reasons import reason_label, vocabulary_names
from matching.services import matching as services
from matching.services.index import profile_rebuild

from .conftest import make_demand, make_published


def test_demand_gets_ranked_suggestions_with_chinese_reasons(
    users, achievement, django_capture_on_commit_callbacks
):
    other = make_published(
        users,
        holder="other_holder",
        name="人工肝血浆吸附装置",
        field="medical_device",
        summary="人工肝支持系统",
        tags="人工肝",
        maturity="industrial",
        trl=8,
    )
    with django_capture_on_commit_callbacks(execute=True):
        demand = make_demand(users["enterprise"], min_maturity="pilot", budget_max=500)
    rows = list(MatchSuggestion.objects.filter(demand=demand).order_by("-score"))
    assert rows[0].achievement_id == achievement.pk
    assert all(r.achievement_id != other.pk or r.score < rows[0].score for r in rows)
    codes = {r["code"] for r in rows[0].reasons}
    assert {"field_match", "maturity_ok", "modes_match", "budget_covers", "keywords"} <= codes
    vocab = vocabulary_names()
    with translation.override("zh-hans"):
        labels = [reason_label(r, vocab) for r in rows[0].reasons]
    assert "领域一致" in labels
    assert "成熟度满足" in labels
    assert "预算覆盖报价" in labels
    assert any(label.startswith("关键词：") and "肝纤维化" in label for label in labels)
    assert any(label.startswith("合作方式匹配：") and "许可" in label for label in labels)
    for r in rows[0].reasons:
        assert r["points"] <= r["weight"]


def test_dismissed_suggestion_stays_dismissed(users, achievement, demand):
    services.suggestions_refresh_for_demand(demand_id=demand.pk)
    s = MatchSuggestion.objects.get(demand=demand, achievement=achievement)
    services.suggestion_set_status(suggestion_id=s.pk, actor=users["enterprise"], status="dismissed")
    services.suggestions_refresh_for_demand(demand_id=demand.pk)
    assert MatchSuggestion.objects.get(pk=s.pk).status == "dismissed"


def test_new_achievement_enters_existing_demands_incrementally(users, demand):
    services.suggestions_refresh_for_demand(demand_id=demand.pk)
    assert not MatchSuggestion.objects.filter(demand=demand).exists()
    a = make_published(users, price="200", modes=("license",))
    services.suggestions_refresh_for_achievement(achievement_id=a.pk)
    assert MatchSuggestion.objects.filter(demand=demand, achievement=a).exists()


def test_demand_change_recomputes(users, achievement, django_capture_on_commit_callbacks):
    from matching.services.demands import demand_update

    demand = make_demand(
        users["enterprise"],
        title="寻求肝癌早筛试剂盒",
        description="甲胎蛋白异质体检测试剂盒",
        technical_field=TechnicalField.objects.get(code="diagnostic_reagent"),
    )
    services.suggestions_refresh_for_demand(demand_id=demand.pk)
    before = MatchSuggestion.objects.filter(demand=demand, achievement=achievement).first()
    with django_capture_on_commit_callbacks(execute=True):
        demand_update(
            demand_id=demand.pk,
            actor=users["enterprise"],
            title="寻求抗肝纤维化颗粒剂",
            description="中药复方颗粒剂",
            technical_field=TechnicalField.objects.get(code="tcm"),
        )
    after = MatchSuggestion.objects.get(demand=demand, achievement=achievement)
    assert before is None or after.score > before.score


def test_weights_change_recomputes_everything(users, achievement, demand, django_capture_on_commit_callbacks):
    services.suggestions_refresh_for_demand(demand_id=demand.pk)
    before = MatchSuggestion.objects.get(demand=demand, achievement=achievement)
    with django_capture_on_commit_callbacks(execute=True):
        services.weights_update(actor=users["staff"], field=0, text=80)
    after = MatchSuggestion.objects.get(pk=before.pk)
    assert after.weights_version == MatchingWeights.load().version == 2
    assert "field_match" not in {r["code"] for r in after.reasons}


def test_only_staff_tune_weights(users):
    import pytest

    from platform_core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        services.weights_update(actor=users["enterprise"], field=0)
    assert MatchingWeights.load().field == 20


def test_demands_for_achievement_respect_confidentiality(users, achievement):
    from matching.models import Demand

    public = make_demand(users["enterprise"], publish_by=users["staff"], title="公开需求：抗肝纤维化颗粒剂")
    private = make_demand(
        users["other_enterprise"],
        publish_by=users["staff"],
        title="保密需求：抗肝纤维化颗粒剂",
        confidentiality=Demand.Confidentiality.PRIVATE,
    )
    seen = [d.pk for d, _m in services.demands_for_achievement(achievement=achievement, user=users["holder"])]
    assert public.pk in seen and private.pk not in seen
    staff_seen = [
        d.pk for d, _m in services.demands_for_achievement(achievement=achievement, user=users["staff"])
    ]
    assert private.pk in staff_seen
    enterprises = services.enterprises_for_achievement(
        ranked_demands=services.demands_for_achievement(achievement=achievement, user=users["holder"]),
        achievement=achievement,
    )
    assert [e["organization"] for e in enterprises] == [users["enterprise"].organization]


def test_attention_counts_docking_projects(users, achievement, project):
    profile = profile_rebuild(achievement_id=achievement.pk)
    assert profile.popularity >= 2
