"""Safe rich text: the only HTML staff may store and the only HTML the pages render unescaped."""

from __future__ import annotations

import html as html_lib

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "b",
        "i",
        "a",
        "blockquote",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags removed together with their content (everything else not allowed is unwrapped, keeping its text).
DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript"})


def sanitize_html(html: str | None) -> str:
    """Keep paragraphs, h2–h4, lists, strong/em, links (rel=noopener), tables and blockquotes.

    Scripts and styles disappear with their content; event handlers, ``style`` attributes and
    ``javascript:``/``data:`` URLs are dropped.
    """
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(html: str | None) -> str:
    """The text of a fragment without any markup (for summaries and the API's excerpt)."""
    if not html:
        return ""
    text = nh3.clean(str(html), tags=set(), clean_content_tags=set(DROP_WITH_CONTENT))
    return html_lib.unescape(text).strip()
