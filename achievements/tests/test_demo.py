import pytest

from achievements.models import Achievement
from platform_core.workflow.engine import history
from platform_core.workflow.models import TransitionLog

pytestmark = pytest.mark.django_db

S = Achievement.State
DEAL_STATES = {S.IN_DOCKING, S.AGREEMENT_SIGNED, S.CONVERTED}


def test_demo_seed_covers_every_state_up_to_publication_and_is_idempotent():
    from achievements import demo
    from platform_core.demo import seed_core

    seed_core()
    demo.seed()
    count, logs = Achievement.objects.count(), TransitionLog.objects.count()
    assert count >= 30
    # the deal states are left to the matching demo, which makes them with real records
    assert set(Achievement.objects.values_list("state", flat=True)) == set(S.values) - DEAL_STATES
    # backdated history: clocks show real working days
    assert TransitionLog.objects.filter(working_days__gt=0).exists()
    demo.seed()
    assert (Achievement.objects.count(), TransitionLog.objects.count()) == (count, logs)


def test_whole_demo_gives_every_deal_state_its_records_in_order():
    """After the achievements and matching demos every state is shown, and each achievement in docking, with
    an agreement signed or converted has the docking project, agreement and implementation behind it, made
    after its publication."""
    from achievements import demo
    from matching import demo as matching_demo
    from matching.models import Agreement, DockingProject, ImplementationProject
    from platform_core.demo import seed_core

    seed_core()
    demo.seed()
    matching_demo.seed()
    assert set(Achievement.objects.values_list("state", flat=True)) == set(S.values)
    for achievement in Achievement.objects.filter(state__in=DEAL_STATES):
        projects = DockingProject.objects.filter(achievement=achievement)
        if achievement.state == S.IN_DOCKING:
            assert projects.filter(state__in=DockingProject.OPEN_STATES).exists(), achievement.name
            continue
        agreement = Agreement.objects.filter(project__achievement=achievement, state="signed").first()
        assert agreement is not None, achievement.name
        assert agreement.signed_on > achievement.published_at.date(), achievement.name
        if achievement.state == S.CONVERTED:
            assert ImplementationProject.objects.filter(agreement=agreement, state="converted").exists()
        actions = [log.action for log in history(achievement)]
        expected = ["publish", "start_docking", "sign_agreement"]
        expected += ["convert"] if achievement.state == S.CONVERTED else []
        assert [a for a in actions if a in expected] == expected, (achievement.name, actions)
    # a docking project closed without a deal sent its achievement back to the library's open entries
    for project in DockingProject.objects.filter(state="closed"):
        achievement = project.achievement
        if not DockingProject.objects.filter(
            achievement=achievement, state__in=(*DockingProject.OPEN_STATES, "agreement_signed")
        ).exists():
            assert achievement.state == S.PUBLISHED, achievement.name
