"""The evaluation of an achievement: conflicts, balance, declarations, audit, scoring, closing."""

from decimal import Decimal

import pytest

from achievements.models import Achievement
from evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    Expert,
    ExpertRelation,
    PanelMember,
    ReminderLog,
    Score,
    ScoreSheet,
)
from evaluation.services.evaluations import (
    declaration_sign,
    evaluation_conclusion_save,
    evaluation_create,
    evaluation_transition,
    material_audit_record,
    panel_auto_assign,
    panel_member_assign,
    panel_member_replace,
    supplement_submit,
)
from evaluation.services.scoring import score_sheet_save
from platform_core.errors import ConflictError, InvalidTransition, PermissionDeniedError, ValidationFailed

from .conftest import fill_sheet


def test_expert_from_the_holders_organisation_cannot_be_assigned(accepted, users, make_user, holder_org):
    colleague = make_user("colleague", roles=["evaluator"], organization=holder_org)
    expert = Expert.objects.create(
        user=colleague, organization=holder_org, panel_role="clinical", sector="hospital"
    )
    ev = evaluation_create(achievement=accepted, actor=users["staff"])
    with pytest.raises(ValidationFailed) as exc:
        panel_member_assign(evaluation_id=ev.pk, expert_id=expert.pk, actor=users["staff"])
    assert exc.value.code == "conflict_of_interest"
    assert "same_organisation" in exc.value.extra["conflicts"]
    assert not PanelMember.objects.filter(evaluation=ev).exists()


def test_other_conflict_sources(accepted, users, make_user, experts):
    ev = evaluation_create(achievement=accepted, actor=users["staff"])
    # co-holding organisation
    co = make_user("co_org_expert", roles=["evaluator"])
    accepted.co_organizations.add(co.organization)
    e1 = Expert.objects.create(user=co, panel_role="engineering", sector="university")
    # listed in the team by name
    named = make_user("zhang", roles=["evaluator"])
    named.display_name = "张建国"
    named.save()
    e2 = Expert.objects.create(user=named, panel_role="clinical", sector="hospital")
    # declared relation to the holder's organisation
    ExpertRelation.objects.create(
        expert=experts["industry"], organization=accepted.organization, description="兼职顾问"
    )
    for expert, code in (
        (e1, "same_organisation"),
        (e2, "team_member"),
        (experts["industry"], "declared_relation"),
    ):
        with pytest.raises(ValidationFailed) as exc:
            panel_member_assign(evaluation_id=ev.pk, expert_id=expert.pk, actor=users["staff"])
        assert code in exc.value.extra["conflicts"]
    assert not PanelMember.objects.filter(evaluation=ev).exists()


def test_only_staff_assign(accepted, users, experts):
    ev = evaluation_create(achievement=accepted, actor=users["staff"])
    with pytest.raises(PermissionDeniedError):
        panel_member_assign(evaluation_id=ev.pk, expert_id=experts["clinical"].pk, actor=users["evaluator"])
    assert not ev.panel_members.exists()


def test_auto_assign_balances_roles_skips_conflicts_and_respects_the_load_cap(
    accepted, users, make_user, experts, holder_org, settings
):
    settings.EVALUATION_EXPERT_LOAD_CAP = 1
    conflicted = make_user("colleague", roles=["evaluator"], organization=holder_org)
    colleague = Expert.objects.create(
        user=conflicted, organization=holder_org, panel_role="clinical", sector="hospital"
    )
    busy_user = make_user("busy", roles=["evaluator"])
    busy = Expert.objects.create(user=busy_user, panel_role="engineering", sector="institute")
    ev = evaluation_create(achievement=accepted, actor=users["staff"])
    added = panel_auto_assign(evaluation_id=ev.pk, actor=users["staff"])
    assert sorted(m.panel_role for m in added) == ["clinical", "engineering", "industry"]
    assert {m.expert_id for m in added} == {e.pk for e in experts.values()}
    assert colleague.pk not in {m.expert_id for m in added}
    # another holder's achievement: the three experts are at their cap (1); the colleague has no
    # conflict there, and "busy" fills the engineering seat; nobody is left for industry
    other = Achievement.objects.create(name="另一成果", holder=users["other_holder"], state="accepted")
    ev2 = evaluation_create(achievement=other, actor=users["staff"])
    added2 = panel_auto_assign(evaluation_id=ev2.pk, actor=users["staff"])
    assert [m.expert_id for m in added2] == [colleague.pk, busy.pk]


def test_start_needs_a_balanced_panel(accepted, users, experts):
    ev = evaluation_create(achievement=accepted, actor=users["staff"])
    panel_member_assign(evaluation_id=ev.pk, expert_id=experts["clinical"].pk, actor=users["staff"])
    with pytest.raises(InvalidTransition):
        evaluation_transition(evaluation_id=ev.pk, action="start", actor=users["staff"])
    ev.refresh_from_db()
    accepted.refresh_from_db()
    assert ev.state == Evaluation.State.DRAFT
    assert accepted.state == Achievement.State.ACCEPTED


def test_start_moves_the_achievement(evaluation, users, accepted):
    evaluation_transition(evaluation_id=evaluation.pk, action="start", actor=users["staff"])
    accepted.refresh_from_db()
    evaluation.refresh_from_db()
    assert evaluation.state == Evaluation.State.AUDITING
    assert accepted.state == Achievement.State.UNDER_EVALUATION


def test_declaration_needs_the_typed_name_and_consent(evaluation, users):
    member = evaluation.panel_members.get(expert__user=users["evaluator"])
    with pytest.raises(ValidationFailed):
        declaration_sign(member_id=member.pk, actor=users["evaluator"], full_name="别人", agreed=True)
    with pytest.raises(ValidationFailed):
        declaration_sign(member_id=member.pk, actor=users["evaluator"], full_name="evaluator", agreed=False)
    with pytest.raises(PermissionDeniedError):
        declaration_sign(
            member_id=member.pk, actor=users["other_evaluator"], full_name="other_evaluator", agreed=True
        )
    assert not ConflictDeclaration.objects.exists()
    declaration_sign(
        member_id=member.pk,
        actor=users["evaluator"],
        full_name=" evaluator ",
        agreed=True,
        ip_address="10.1.2.3",
    )
    member.refresh_from_db()
    assert member.state == PanelMember.State.ACTIVE
    assert member.declaration.ip_address == "10.1.2.3"
    assert "利益" in member.declaration.statement
    assert ScoreSheet.objects.filter(panel_member=member).exists()


def test_signed_expert_sees_the_achievement_unsigned_does_not(evaluation, users, accepted):
    assert not users["evaluator"].has_perm("achievements.view_achievement", accepted)
    member = evaluation.panel_members.get(expert__user=users["evaluator"])
    declaration_sign(member_id=member.pk, actor=users["evaluator"], full_name="evaluator", agreed=True)
    assert users["evaluator"].has_perm("achievements.view_achievement", accepted)
    assert users["evaluator"].has_perm("achievements.view_materials", accepted)
    assert not users["other_evaluator"].has_perm("achievements.view_materials", accepted)


def test_material_audit_incomplete_pauses_then_resumes(evaluation, users, accepted):
    evaluation_transition(evaluation_id=evaluation.pk, action="start", actor=users["staff"])
    with pytest.raises(ValidationFailed):
        material_audit_record(evaluation_id=evaluation.pk, actor=users["staff"], result="incomplete")
    material_audit_record(
        evaluation_id=evaluation.pk, actor=users["staff"], result="incomplete", reasons="缺少药效学研究资料"
    )
    evaluation.refresh_from_db()
    assert evaluation.state == Evaluation.State.SUPPLEMENT
    with pytest.raises(PermissionDeniedError):
        supplement_submit(evaluation_id=evaluation.pk, actor=users["other_holder"])
    supplement_submit(evaluation_id=evaluation.pk, actor=users["holder"], note="已补充")
    evaluation.refresh_from_db()
    assert evaluation.state == Evaluation.State.AUDITING


def test_fundamental_error_means_not_evaluated(evaluation, users, accepted):
    evaluation_transition(evaluation_id=evaluation.pk, action="start", actor=users["staff"])
    material_audit_record(
        evaluation_id=evaluation.pk, actor=users["staff"], result="fundamental_error", reasons="数据造假"
    )
    evaluation.refresh_from_db()
    accepted.refresh_from_db()
    assert evaluation.state == Evaluation.State.NOT_EVALUATED
    assert accepted.state == Achievement.State.NOT_EVALUATED


def test_score_bounds_and_version_conflict(scoring, users):
    sheet = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    leaf = (
        Score._meta.get_field("indicator")
        .related_model.objects.filter(system=scoring.indicator_system, level=2)
        .first()
    )
    with pytest.raises(ValidationFailed):
        score_sheet_save(
            sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={leaf.pk: {"score": "11"}}
        )
    with pytest.raises(ValidationFailed):
        score_sheet_save(
            sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={leaf.pk: {"score": "7.25"}}
        )
    assert not Score.objects.filter(sheet=sheet).exists()
    score_sheet_save(
        sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={leaf.pk: {"score": "7.5"}}
    )
    with pytest.raises(ConflictError) as exc:
        score_sheet_save(
            sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={leaf.pk: {"score": "2"}}
        )
    assert exc.value.extra["current"]["scores"][str(leaf.pk)]["score"] == "7.5"
    assert Score.objects.get(sheet=sheet, indicator=leaf).score == Decimal("7.5")
    with pytest.raises(PermissionDeniedError):
        score_sheet_save(
            sheet_id=sheet.pk, actor=users["other_evaluator"], version=2, scores={leaf.pk: {"score": "1"}}
        )


def test_others_sheets_hidden_until_own_submitted(scoring, users):
    mine = ScoreSheet.objects.get(panel_member__expert__user=users["evaluator"])
    theirs = ScoreSheet.objects.get(panel_member__expert__user=users["other_evaluator"])
    assert users["evaluator"].has_perm("evaluation.view_sheet", mine)
    assert not users["evaluator"].has_perm("evaluation.view_sheet", theirs)
    fill_sheet(mine, users["evaluator"])
    evaluator = type(users["evaluator"]).objects.get(pk=users["evaluator"].pk)
    assert evaluator.has_perm("evaluation.view_sheet", ScoreSheet.objects.get(pk=theirs.pk))
    assert not users["other_evaluator"].has_perm("evaluation.view_sheet", ScoreSheet.objects.get(pk=mine.pk))


def test_full_evaluation_passes_and_classifies_the_achievement(
    scoring, users, accepted, experts, django_capture_on_commit_callbacks, settings
):
    settings.EVALUATION_ARCHIVE_SCORE_SHEETS = False  # the sheet PDF has its own test (speed)
    values = {"clinical": "9", "engineering": "8", "industry": "7"}
    for role, expert in experts.items():
        sheet = ScoreSheet.objects.get(panel_member__expert=expert)
        fill_sheet(sheet, expert.user, value=values[role], trl=6 if role != "industry" else 7)
    evaluation_transition(evaluation_id=scoring.pk, action="finish_scoring", actor=users["staff"])
    scoring.refresh_from_db()
    assert scoring.state == Evaluation.State.REVIEW
    # every indicator gets 9, 8, 7 → weighted totals 90, 80, 70 → mean 80
    assert scoring.panel_score == Decimal("80.00")
    assert scoring.results["panel_total"] == 80.0
    assert [d["score"] for d in scoring.results["dimensions"]] == [80.0] * 5
    assert scoring.trl_conclusion == 6
    with pytest.raises(InvalidTransition):
        evaluation_transition(evaluation_id=scoring.pk, action="pass", actor=users["staff"])
    evaluation_conclusion_save(
        evaluation_id=scoring.pk,
        actor=users["staff"],
        recommend_publication=True,
        conclusion="建议发布",
        transfer_suggestions="建议许可转化",
        expert_suggestions="补充 III 期临床数据",
        maturity_conclusion="pilot",
        trl_conclusion=6,
    )
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_transition(evaluation_id=scoring.pk, action="pass", actor=users["staff"])
    scoring.refresh_from_db()
    accepted.refresh_from_db()
    assert scoring.state == Evaluation.State.PASSED
    assert accepted.state == Achievement.State.EVALUATION_PASSED
    assert accepted.trl == 6 and accepted.maturity == "pilot"
    assert scoring.report is not None and scoring.report.status == "done"
    assert scoring.report_code.startswith("PGBG-")
    with scoring.report.file.open("rb") as fh:
        assert fh.read(4) == b"%PDF"
    from platform_core.archive.models import ArchiveEntry

    # the report is archived with a retrieval code
    entry = ArchiveEntry.objects.get(doc_type__code="evaluation_report")
    assert entry.code == scoring.report_code and entry.report_id == scoring.report_id


def test_score_sheet_pdf_is_archived_with_a_signature_block(scoring, users, experts):
    from evaluation.reports import score_sheet_context
    from evaluation.services.reports import evaluation_documents_archive
    from platform_core.archive.models import ArchiveEntry
    from platform_core.reports.models import ReportRecord
    from platform_core.reports.pdf import render_pdf

    sheet = fill_sheet(
        ScoreSheet.objects.get(panel_member__expert=experts["clinical"]), experts["clinical"].user
    )
    context = score_sheet_context(sheet)
    assert [r["name"] for r in context["rows"]][:2] == ["临床需求", "效用提升度"]
    assert context["declaration"].full_name == "evaluator"
    pdf = render_pdf("reports/evaluation/score_sheet.html", context)
    assert pdf[:4] == b"%PDF"
    # once the evaluation is closed, the archive step renders and archives each submitted sheet
    Evaluation.objects.filter(pk=scoring.pk).update(state="passed")
    report = ReportRecord.objects.create(
        content_type_id=1,
        object_id=1,
        kind="x",
        title="x",
        template_name="x",
        context_builder="x",
        status="done",
    )
    from platform_core.archive.services import archive_document

    filed = archive_document(  # the report itself is already in the register
        subject=scoring, doc_type="evaluation_report", title="x", archived_by=None,
        file_bytes=b"%PDF-1.4\n%%EOF\n", filename="r.pdf", subject_label="x",
    )  # fmt: skip
    Evaluation.objects.filter(pk=scoring.pk).update(report=report, report_code=filed.code)
    assert evaluation_documents_archive(evaluation_id=scoring.pk) is True
    entry = ArchiveEntry.objects.get(doc_type__code="score_sheet")
    assert entry.report.status == "done" and entry.code.startswith("PFB-")


def test_finish_scoring_waits_for_every_sheet(scoring, users, experts):
    fill_sheet(ScoreSheet.objects.get(panel_member__expert=experts["clinical"]), experts["clinical"].user)
    with pytest.raises(InvalidTransition):
        evaluation_transition(evaluation_id=scoring.pk, action="finish_scoring", actor=users["staff"])
    scoring.refresh_from_db()
    assert scoring.state == Evaluation.State.SCORING


def test_recusal_and_replacement(scoring, users, experts, make_user):
    spare_user = make_user("spare", roles=["evaluator"])
    spare = Expert.objects.create(user=spare_user, panel_role="clinical", sector="government")
    member = scoring.panel_members.get(expert=experts["clinical"])
    new = panel_member_replace(
        member_id=member.pk, expert_id=spare.pk, actor=users["staff"], reason="临时出差"
    )
    member.refresh_from_db()
    assert member.state == PanelMember.State.RECUSED
    assert new.replaces_id == member.pk and new.state == PanelMember.State.ASSIGNED
    # the recused expert no longer sees the materials
    assert not users["evaluator"].has_perm("evaluation.view_materials", Evaluation.objects.get(pk=scoring.pk))


def test_reminders_are_sent_once_and_escalate_after_the_due_date(scoring, users):
    import datetime as dt

    from evaluation.services.reminders import evaluation_reminders_send
    from platform_core.notifications.models import Notification

    Evaluation.objects.filter(pk=scoring.pk).update(due_date=dt.date(2026, 3, 10))  # a Tuesday
    before = Notification.objects.count()
    assert evaluation_reminders_send(today=dt.date(2026, 3, 9)) == 3
    assert evaluation_reminders_send(today=dt.date(2026, 3, 9)) == 0
    assert evaluation_reminders_send(today=dt.date(2026, 3, 1)) == 0
    sent = evaluation_reminders_send(today=dt.date(2026, 3, 11))
    assert sent == 3 + 1  # three experts + the work group (staff)
    assert evaluation_reminders_send(today=dt.date(2026, 3, 12)) == 0
    assert Notification.objects.count() == before + 7
    assert ReminderLog.objects.filter(kind="overdue").count() == 3


def test_clock_pauses_while_waiting_for_the_supplement(evaluation, users):
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType

    from evaluation.selectors.panels import evaluation_clock
    from platform_core.workflow.models import TransitionLog

    evaluation_transition(evaluation_id=evaluation.pk, action="start", actor=users["staff"])
    material_audit_record(
        evaluation_id=evaluation.pk, actor=users["staff"], result="incomplete", reasons="缺资料"
    )
    supplement_submit(evaluation_id=evaluation.pk, actor=users["holder"])
    logs = TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Evaluation), object_id=evaluation.pk
    ).order_by("id")
    tz = dt.timezone(dt.timedelta(hours=8))
    # started Monday 2026-03-02, supplement requested Wednesday 03-04, received Monday 03-09
    for log, day in zip(logs, [(3, 2), (3, 2), (3, 4), (3, 9)], strict=True):
        log.created_at = dt.datetime(2026, *day, 10, tzinfo=tz)
        log.save(update_fields=["created_at"])
    Evaluation.objects.filter(pk=evaluation.pk).update(
        state="passed", closed_at=dt.datetime(2026, 3, 11, 10, tzinfo=tz)
    )
    clock = evaluation_clock(Evaluation.objects.get(pk=evaluation.pk))
    # 03-02 → 03-11 is 7 working days; 03-04 → 03-09 waiting is 3 (Thu, Fri, Mon): 4 counted
    assert clock == {"total": 7, "paused": 3, "net": 4}


def test_holder_follows_the_evaluation_on_the_supplement_page(evaluation, users, client_for):
    from django.urls import reverse

    r = client_for("holder").get(evaluation.get_absolute_url())
    assert r.status_code == 302 and r["Location"] == reverse("evaluation:supplement", args=[evaluation.pk])
    assert client_for("holder").get(reverse("evaluation:supplement", args=[evaluation.pk])).status_code == 200
    assert client_for("other_holder").get(evaluation.get_absolute_url()).status_code == 404
