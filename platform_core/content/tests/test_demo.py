import pytest

from platform_core.content import demo, selectors
from platform_core.content.models import Article, Consultation, ConsultationMessage, Feedback
from platform_core.demo import seed_core
from platform_core.workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_clocks_show_numbers():
    seed_core()
    demo.seed()
    counts = (
        Article.objects.count(),
        Consultation.objects.count(),
        ConsultationMessage.objects.count(),
        Feedback.objects.count(),
        TransitionLog.objects.count(),
    )
    demo.seed()
    assert counts == (
        Article.objects.count(),
        Consultation.objects.count(),
        ConsultationMessage.objects.count(),
        Feedback.objects.count(),
        TransitionLog.objects.count(),
    )
    assert all("示例" in t for t in Article.objects.values_list("title", flat=True))
    assert set(Consultation.objects.values_list("state", flat=True)) >= {
        "submitted",
        "assigned",
        "answered",
        "reopened",
        "closed",
    }
    holiday = Consultation.objects.get(subject__startswith="抗肝纤维化中药复方申报")
    clock = selectors.consultation_clock(holiday)
    assert (clock.response_days, clock.completion_days) == (3, 5)
    assert set(Article.objects.values_list("kind", flat=True)) == set(Article.Kind.values)
