"""Who may see and do what in information services (one source for HTML, API and admin)."""

from __future__ import annotations

import rules

from platform_core.accounts.roles import is_staff_member


@rules.predicate
def is_published(user, article) -> bool:
    return article is not None and article.state == "published"


@rules.predicate
def is_asker(user, consultation) -> bool:
    return consultation is not None and getattr(user, "pk", None) == consultation.asker_id


@rules.predicate
def is_feedback_author(user, feedback) -> bool:
    return feedback is not None and getattr(user, "pk", None) == feedback.author_id


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


rules.add_perm("content.view_article", is_published | is_staff_member)
rules.add_perm("content.manage_article", is_staff_member)
rules.add_perm("content.add_consultation", is_logged_in)
rules.add_perm("content.view_consultation", is_asker | is_staff_member)
rules.add_perm("content.handle_consultation", is_staff_member)
rules.add_perm("content.add_feedback", is_logged_in)
rules.add_perm("content.view_feedback_item", is_feedback_author | is_staff_member)
rules.add_perm("content.handle_feedback", is_staff_member)
