"""RSS and Atom feeds of newly published library entries (6.3.1: "other channels")."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import SearchDocument


class LibraryFeed(Feed):
    title = _("Achievement library: newly published")
    description = _("Achievements newly published in the library of the achievement transfer platform.")

    def link(self):
        return reverse("library:index")

    def items(self):
        return (
            SearchDocument.objects.select_related("technical_field")
            .only(
                "achievement_id",
                "title",
                "summary",
                "published_at",
                "technical_field__name",
                "organization_name",
            )
            .order_by("-published_at", "-achievement_id")[:30]
        )

    def item_title(self, item: SearchDocument) -> str:
        return item.title

    def item_description(self, item: SearchDocument) -> str:
        parts = [item.summary]
        if item.organization_name:
            parts.append(str(item.organization_name))
        return " · ".join(p for p in parts if p)

    def item_link(self, item: SearchDocument) -> str:
        return reverse("library:detail", args=[item.achievement_id])

    def item_pubdate(self, item: SearchDocument):
        return item.published_at

    def item_categories(self, item: SearchDocument):
        return [item.technical_field.name] if item.technical_field_id else []


class LibraryAtomFeed(LibraryFeed):
    feed_type = Atom1Feed
    subtitle = LibraryFeed.description
