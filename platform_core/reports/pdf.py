"""PDF rendering with WeasyPrint: Django templates from ``templates/reports/``, CJK fonts, no network.

The URL fetcher serves only the project's own static files (``static:`` URLs, or ``STATIC_URL`` paths,
which resolve against an internal base URL that never reaches the network); everything else — http,
https, file: — is refused, and WeasyPrint renders on without that resource. ``data:`` URLs are allowed.
"""

from __future__ import annotations

import base64
import binascii
import gc
import logging
import mimetypes
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from platform_core.errors import ValidationFailed

logger = logging.getLogger(__name__)

# Relative and root-relative URLs (e.g. ``{% static %}`` → /static/...) resolve against this base. The
# .invalid TLD (RFC 6761) never resolves, and the fetcher never opens a connection for it anyway.
INTERNAL_BASE_URL = "http://platform.invalid/"
INTERNAL_HOST = "platform.invalid"
DEFAULT_MAX_PAGES = 300
DEFAULT_TIME_LIMIT = 300  # seconds of layout before giving up


class ResourceRefused(OSError):
    """Raised for any URL outside the project's static files; WeasyPrint treats it as a missing resource."""


def decode_data_url(url: str) -> dict:
    """Decode a ``data:`` URL ourselves (WeasyPrint's default fetcher would go through urllib)."""
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise ResourceRefused("malformed data: URL")
    params = header.split(";")
    mime = params[0] or "text/plain"
    if "base64" in params[1:]:
        try:
            data = base64.b64decode(unquote(payload), validate=False)
        except (ValueError, binascii.Error) as exc:
            raise ResourceRefused("malformed data: URL") from exc
    else:
        data = unquote(payload).encode("utf-8")
    encoding = next((p.split("=", 1)[1] for p in params[1:] if p.startswith("charset=")), None)
    return {"string": data, "mime_type": mime, "encoding": encoding, "redirected_url": url}


@dataclass
class StaticOnlyFetcher:
    """A WeasyPrint ``url_fetcher`` that serves only static files. Keeps a log of what it was asked."""

    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def static_path(self, url: str) -> str | None:
        if url.startswith("static:"):
            return url[len("static:") :].lstrip("/")
        parts = urlsplit(url)
        static_url = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}"
        if (
            parts.scheme in {"http", "https"}
            and parts.netloc == INTERNAL_HOST
            and parts.path.startswith(static_url)
        ):
            return parts.path[len(static_url) :]
        return None

    def __call__(self, url: str, timeout: int = 10, ssl_context=None, **kwargs) -> dict:
        if url.startswith("data:"):
            self.served.append(url[:40])
            return decode_data_url(url)
        path = self.static_path(url)
        if path is not None:
            path = unquote(path.split("?", 1)[0].split("#", 1)[0])
            if path and ".." not in path.replace("\\", "/").split("/"):
                found = finders.find(path)
                if isinstance(found, list):
                    found = found[0] if found else None
                if found:
                    self.served.append(url)
                    mime, _enc = mimetypes.guess_type(found)
                    return {"file_obj": open(found, "rb"), "mime_type": mime, "redirected_url": url}  # noqa: SIM115
        self.refused.append(url)
        logger.info("PDF rendering refused to fetch %s", url)
        raise ResourceRefused(f"not a project static file: {url}")


@dataclass
class RenderedPdf:
    content: bytes
    pages: int
    fetcher: StaticOnlyFetcher


def render_pdf_document(
    template_name: str,
    context: dict,
    *,
    base_url: str | None = None,
    max_pages: int | None = None,
    time_limit: float | None = None,
    fetcher: StaticOnlyFetcher | None = None,
) -> RenderedPdf:
    """Render a template to PDF bytes and report the page count; refuses runaway documents."""
    from weasyprint import HTML

    fetcher = fetcher or StaticOnlyFetcher()
    cap = max_pages or getattr(settings, "REPORT_MAX_PAGES", DEFAULT_MAX_PAGES)
    limit = time_limit or getattr(settings, "REPORT_TIME_LIMIT", DEFAULT_TIME_LIMIT)
    started = time.monotonic()
    html = render_to_string(template_name, context)
    # Layout allocates hundreds of thousands of short-lived objects; in a process that has imported every
    # app, each full collection would also walk the ~200k objects already there. Freezing them for the
    # duration keeps the collector to WeasyPrint's own garbage (steadier and ~5-40 % faster renders); one
    # collection before unfreezing frees what the layout left behind, walking only the layout's objects.
    gc.freeze()
    try:
        document = HTML(string=html, base_url=base_url or INTERNAL_BASE_URL, url_fetcher=fetcher).render(
            presentational_hints=True
        )
        pages = len(document.pages)
        if pages > cap:
            raise ValidationFailed(
                _("The report has %(pages)d pages, more than the limit of %(cap)d.")
                % {"pages": pages, "cap": cap},
                code="too_many_pages",
            )
        if time.monotonic() - started > limit:
            raise ValidationFailed(_("Rendering the report took too long."), code="render_timeout")
        content = document.write_pdf()
        del document  # before the collection below, so that its cycles are freed with the rest
    finally:
        gc.collect()  # while still frozen: only the layout's own objects are walked (keeps peak RSS down)
        gc.unfreeze()
    return RenderedPdf(content=content, pages=pages, fetcher=fetcher)


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render ``template_name`` (usually ``reports/<something>.html``) with ``context`` to PDF bytes."""
    return render_pdf_document(template_name, context, base_url=base_url).content
