"""Models of the library (成果信息库)."""

from .access import AccessRequest, BehaviourEvent, Favourite
from .freshness import EntryFreshness, LibrarySettings, RefreshProposal
from .imports import ImportJob
from .publication import PublicationSettings
from .search import HolderKind, IpStatus, SearchDocument

__all__ = [
    "AccessRequest",
    "BehaviourEvent",
    "EntryFreshness",
    "Favourite",
    "HolderKind",
    "ImportJob",
    "IpStatus",
    "LibrarySettings",
    "PublicationSettings",
    "RefreshProposal",
    "SearchDocument",
]
