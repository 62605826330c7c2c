"""The parts of the submission form: steps, the fields a review reason may point to, their labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Achievement

STEPS: list[tuple[str, object]] = [
    ("basic", _("Basic information")),
    ("technical", _("Technical information")),
    ("ip", _("Intellectual property")),
    ("cooperation", _("Cooperation")),
    ("team", _("Team")),
    ("materials", _("Materials")),
    ("review", _("Review and submit")),
]
STEP_KEYS = [key for key, _label in STEPS]
STEP_LABELS = dict(STEPS)


def _label(name: str):
    return Achievement._meta.get_field(name).verbose_name


# target key -> (label, step). Keys are field names or row-section keys.
FIELD_TARGETS: dict[str, tuple[object, str]] = {
    "name": (_label("name"), "basic"),
    "summary": (_label("summary"), "basic"),
    "achievement_type": (_label("achievement_type"), "basic"),
    "technical_field": (_label("technical_field"), "basic"),
    "maturity": (_label("maturity"), "basic"),
    "scenarios": (_label("scenarios"), "basic"),
    "trl": (_label("trl"), "basic"),
    "tags": (_label("tags"), "basic"),
    "organization": (_label("organization"), "basic"),
    "co_organizations": (_label("co_organizations"), "basic"),
    "background": (_label("background"), "basic"),
    "innovation_points": (_label("innovation_points"), "basic"),
    "contributions": (_label("contributions"), "basic"),
    "technical_parameters": (_("Technical parameters"), "technical"),
    "technical_details": (_label("technical_details"), "technical"),
    "application_cases": (_("Application cases"), "technical"),
    "ip_status": (_("IP status"), "ip"),
    "cooperation_modes": (_label("cooperation_modes"), "cooperation"),
    "cooperation_note": (_label("cooperation_note"), "cooperation"),
    "price_expectation": (_label("price_expectation"), "cooperation"),
    "contact": (_("Contact"), "cooperation"),
    "team": (_("Project team"), "team"),
}
# Completeness problems name single contact fields; they belong to the "contact" target.
TARGET_ALIASES = {"contact_name": "contact", "contact_phone": "contact", "contact_email": "contact"}


def target_label(achievement: Achievement, kind: str, target: str) -> str:
    if kind == "field":
        return str(FIELD_TARGETS.get(target, (target, ""))[0])
    if kind == "material":
        from .models import RequiredMaterial

        if target == "other":
            return str(_("Other materials"))
        material = RequiredMaterial.objects.filter(
            achievement_type_id=achievement.achievement_type_id, code=target
        ).first()
        return str(_("Material: %(name)s") % {"name": material.name if material else target})
    return str(_("General"))


def step_of_target(kind: str, target: str) -> str:
    if kind == "material":
        return "materials"
    if kind == "field":
        return FIELD_TARGETS.get(TARGET_ALIASES.get(target, target), ("", "basic"))[1]
    return "review"
