"""band() at every boundary of REQUIREMENTS.md's table, and the Chinese labels."""

import pytest
from django.utils import translation

from quality_metrics import indicators
from quality_metrics.indicators import band, band_label

CASES = [
    # conversion_rate: ≥80 excellent, 60 ≤ x < 80 good, < 60 needs improvement
    ("conversion_rate", 100, "excellent"),
    ("conversion_rate", 80, "excellent"),
    ("conversion_rate", 79.99, "good"),
    ("conversion_rate", 60, "good"),
    ("conversion_rate", 59.99, "needs_improvement"),
    ("conversion_rate", 59.9, "needs_improvement"),
    ("conversion_rate", 0, "needs_improvement"),
    # satisfaction: ≥90 very satisfied ("90 分以上" includes 90), 70 ≤ x < 90 satisfied, < 70 unsatisfied
    ("satisfaction", 90, "very_satisfied"),
    ("satisfaction", 89.99, "satisfied"),
    ("satisfaction", 70, "satisfied"),
    ("satisfaction", 69.99, "unsatisfied"),
    ("satisfaction", 0, "unsatisfied"),
    # timeliness: ≤3 efficient, 3 < x ≤ 7 average (3.5 falls there), > 7 inefficient
    ("timeliness", 0, "efficient"),
    ("timeliness", 3, "efficient"),
    ("timeliness", 3.01, "average"),
    ("timeliness", 3.5, "average"),
    ("timeliness", 4, "average"),
    ("timeliness", 7, "average"),
    ("timeliness", 7.01, "inefficient"),
    # conformity: ≥95 / ≥80
    ("conformity", 95, "excellent"),
    ("conformity", 94.99, "good"),
    ("conformity", 80, "good"),
    ("conformity", 79.99, "needs_improvement"),
    # docking_success: ≥70 / ≥50
    ("docking_success", 70, "excellent"),
    ("docking_success", 69.99, "good"),
    ("docking_success", 50, "good"),
    ("docking_success", 49.99, "needs_improvement"),
    # incubation_success: ≥60 / ≥40
    ("incubation_success", 60, "excellent"),
    ("incubation_success", 59.99, "good"),
    ("incubation_success", 40, "good"),
    ("incubation_success", 39.99, "needs_improvement"),
    # ip_protection: ≥90 ("90%以上" includes 90) / ≥70
    ("ip_protection", 90, "excellent"),
    ("ip_protection", 89.99, "good"),
    ("ip_protection", 70, "good"),
    ("ip_protection", 69.99, "needs_improvement"),
]


@pytest.mark.parametrize(("code", "value", "expected"), CASES)
def test_band_boundaries(code, value, expected):
    assert band(code, value) == expected


def test_every_indicator_is_covered_at_both_boundaries():
    covered = {code for code, _, _ in CASES}
    assert covered == set(indicators.CODES)
    assert indicators.CODES == (
        "conversion_rate",
        "satisfaction",
        "timeliness",
        "conformity",
        "docking_success",
        "incubation_success",
        "ip_protection",
    )


def test_unknown_indicator_is_refused():
    with pytest.raises(ValueError):
        band("speed", 1)


@pytest.mark.parametrize(
    ("band_code", "label"),
    [
        ("excellent", "优秀"),
        ("good", "良好"),
        ("needs_improvement", "需改进"),
        ("very_satisfied", "非常满意"),
        ("satisfied", "满意"),
        ("unsatisfied", "不满意"),
        ("efficient", "高效"),
        ("average", "一般"),
        ("inefficient", "低效"),
    ],
)
def test_chinese_band_labels(band_code, label):
    with translation.override("zh-hans"):
        assert str(band_label(band_code)) == label


def test_no_value_has_no_band():
    assert indicators.get("conformity").band(None) is None
    assert indicators.is_below_band("needs_improvement")
    assert not indicators.is_below_band("good")
    assert not indicators.is_below_band(None)
