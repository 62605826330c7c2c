"""The search document of a library entry: only PUBLIC content, segmented, with the facet columns."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement, AchievementType, TechnicalField


class IpStatus(models.TextChoices):
    """A summary of the IP status for the facet (the titles and numbers stay behind their level)."""

    GRANTED = "granted", _("Granted IP rights")
    APPLIED = "applied", _("IP applied for")
    NONE = "none", _("No IP declared")
    UNDISCLOSED = "undisclosed", _("Not disclosed")


class HolderKind(models.TextChoices):
    """The kind of the holding organisation (mirrors ``Organization.Kind``)."""

    HOSPITAL = "hospital", _("Hospital")
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    ENTERPRISE = "enterprise", _("Enterprise")
    INVESTOR = "investor", _("Investment institution")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", _("Other")


class SearchDocument(models.Model):
    """One row per achievement in the library (published, in docking, agreement signed, converted).

    Written only by ``services.indexing``; deleted when the achievement leaves the library. Text columns
    hold the public sections only (never a registered-only or confidential one), so search, snippets and
    facets can never reveal what a reader may not see.
    """

    achievement = models.OneToOneField(
        Achievement,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
        verbose_name=_("achievement"),
    )
    title = models.CharField(_("achievement name"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    number = models.CharField(_("number"), max_length=30, blank=True)
    technical_field = models.ForeignKey(
        TechnicalField,
        null=True,
        blank=True,
        db_index=False,  # the (technical_field, -published_at) index serves it
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("technical field"),
    )
    achievement_type = models.ForeignKey(
        AchievementType,
        null=True,
        blank=True,
        db_index=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("achievement type"),
    )
    maturity = models.CharField(_("maturity"), max_length=20, blank=True)
    trl = models.PositiveSmallIntegerField(_("technology readiness level"), null=True, blank=True)
    organization_name = models.CharField(_("holding organisation"), max_length=200, blank=True)
    province = models.CharField(_("region"), max_length=50, blank=True)
    holder_kind = models.CharField(_("holder type"), max_length=20, blank=True)
    ip_status = models.CharField(_("IP status"), max_length=20, default=IpStatus.NONE)
    # multi-valued facets, space-delimited codes with spaces at both ends: " clinical research "
    scenario_codes = models.CharField(_("application scenarios"), max_length=300, blank=True)
    mode_codes = models.CharField(_("cooperation modes"), max_length=300, blank=True)
    tags = models.CharField(_("tags"), max_length=300, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published at"))
    is_stale = models.BooleanField(_("awaiting update"), default=False)
    # the public text, unsegmented (snippets; substring search with pg_trgm on PostgreSQL)
    plain = models.TextField(_("public text"), blank=True)
    # every token and sub-word, " tok1 tok2 … " (the portable index used on SQLite)
    tokens = models.TextField(_("tokens"), blank=True)
    # PostgreSQL: the weighted tsvector ('simple' configuration, GIN index added by the migration)
    vector = SearchVectorField(_("search vector"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        ordering = ["-published_at", "-achievement_id"]
        # Few indexes on purpose: facet columns of low cardinality (maturity, IP status, holder type, TRL,
        # region) are filtered while walking the newest-first indexes; single-column indexes on them only
        # tempt the planner into large bitmap ANDs. The keyword has its GIN indexes (migration 0002).
        indexes = [
            models.Index(fields=["-published_at", "-achievement"], name="library_doc_newest"),
            models.Index(fields=["technical_field", "-published_at"], name="library_doc_field"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def pk_id(self) -> int:
        return self.achievement_id

    @property
    def scenario_list(self) -> list[str]:
        return self.scenario_codes.split()

    @property
    def mode_list(self) -> list[str]:
        return self.mode_codes.split()

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.replace("，", ",").split(",") if t.strip()]
