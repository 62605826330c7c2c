import pytest

from achievements.models import Achievement
from platform_core.workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def test_demo_seed_covers_every_state_and_is_idempotent():
    from achievements import demo
    from platform_core.demo import seed_core

    seed_core()
    demo.seed()
    count, logs = Achievement.objects.count(), TransitionLog.objects.count()
    assert count >= 30
    assert set(Achievement.objects.values_list("state", flat=True)) == set(Achievement.State.values)
    # backdated history: clocks show real working days
    assert TransitionLog.objects.filter(working_days__gt=0).exists()
    demo.seed()
    assert (Achievement.objects.count(), TransitionLog.objects.count()) == (count, logs)
