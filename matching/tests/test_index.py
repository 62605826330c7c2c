"""The index: incremental maintenance equals a full rebuild; confidential sections are never indexed."""

from __future__ import annotations

from achievements.models import Achievement
from matching.models import CorpusStat, MatchProfile, TokenPosting, TokenStat
from matching.services.index import index_rebuild_all, profile_rebuild
from platform_core.workflow.engine import transition

from .conftest import make_published


def snapshot():
    stat = CorpusStat.objects.get(pk=1)
    return (
        stat.doc_count,
        stat.total_len,
        dict(TokenStat.objects.filter(df__gt=0).values_list("token", "df")),
        sorted(TokenPosting.objects.values_list("profile_id", "token", "tf")),
    )


def test_incremental_equals_full_rebuild(users):
    a = make_published(users, name="扶正化瘀颗粒治疗肝纤维化", tags="肝纤维化,颗粒剂")
    make_published(
        users,
        holder="other_holder",
        name="人工肝血浆吸附装置",
        field="medical_device",
        summary="人工肝支持系统",
        tags="人工肝,肝衰竭",
    )
    incremental = snapshot()
    assert incremental[0] == 2
    assert incremental[2]["肝纤维化"] == 1 and incremental[2]["人工肝"] == 1
    index_rebuild_all()
    assert snapshot() == incremental
    # retiring one removes it from the statistics
    transition(Achievement, a.pk, action="retire", actor=users["staff"], reason="过时")
    profile_rebuild(achievement_id=a.pk)
    after = snapshot()
    assert after[0] == 1
    assert "肝纤维化" not in after[2]
    assert not TokenPosting.objects.filter(profile_id=a.pk).exists()
    assert MatchProfile.objects.get(pk=a.pk).is_public is False
    index_rebuild_all()
    assert snapshot() == after


def test_unchanged_record_is_not_rewritten(users, django_assert_max_num_queries):
    a = make_published(users)
    version = CorpusStat.objects.get(pk=1).version
    profile_rebuild(achievement_id=a.pk)
    assert CorpusStat.objects.get(pk=1).version == version


def test_granted_sections_are_not_indexed(users):
    from achievements import services

    a = make_published(users, index=False, background="秘方黄芪配伍", name="某颗粒")
    # the holder keeps the background for granted readers only (edits happen while a draft; set it directly
    # through the service's confidentiality on a new draft instead)
    draft = services.achievement_create(
        holder=users["holder"], name="保密成果", confidentiality={"background": "granted"}
    )
    assert draft.level_of("background") == "granted"
    from matching.documents import achievement_terms

    draft.background = "独门秘方黄芪配伍"
    assert "黄芪" not in achievement_terms(draft)
    profile_rebuild(achievement_id=a.pk)
    assert TokenPosting.objects.filter(profile_id=a.pk, token="黄芪").exists()  # public background is indexed


def test_publication_reindexes_through_the_signal(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = make_published(users, index=False)
    assert MatchProfile.objects.filter(pk=a.pk, is_public=True).exists()
    assert TokenPosting.objects.filter(profile_id=a.pk, token="肝纤维化").exists()
