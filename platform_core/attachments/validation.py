"""Upload validation: name, size, extension whitelist and the bytes themselves.

Nothing the client says about the file is trusted: not its content type, not its path. The extension
must be on the whitelist and the sniffed content must be what the extension claims. Every refusal raises
:class:`platform_core.errors.ValidationFailed` with a message that names the problem.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from platform_core.errors import ValidationFailed

DEFAULT_EXTENSIONS: tuple[str, ...] = (
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "png",
    "jpg",
    "jpeg",
    "txt",
    "csv",
    "zip",
)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Suffixes that must never appear anywhere in a name (x.pdf.html, a.php.jpg) or inside a zip.
DANGEROUS_SUFFIXES = frozenset(
    [
        "html",
        "htm",
        "xhtml",
        "shtml",
        "svg",
        "svgz",
        "xml",
        "xsl",
        "js",
        "mjs",
        "jsp",
        "jspx",
        "php",
        "php3",
        "php4",
        "php5",
        "phtml",
        "phar",
        "asp",
        "aspx",
        "cgi",
        "pl",
        "py",
        "rb",
        "sh",
        "bash",
        "zsh",
        "ps1",
        "psm1",
        "bat",
        "cmd",
        "com",
        "exe",
        "dll",
        "msi",
        "msp",
        "scr",
        "cpl",
        "hta",
        "vbs",
        "vbe",
        "wsf",
        "wsh",
        "jar",
        "class",
        "apk",
        "app",
        "deb",
        "rpm",
        "elf",
        "bin",
        "so",
        "dylib",
        "lnk",
        "reg",
        "docm",
        "xlsm",
        "pptm",
        "dotm",
        "xltm",
        "swf",
    ]
)

ZIP_MAX_TOTAL = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_MAX_ENTRIES = 1000

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_MARKERS = (b"<script", b"<html", b"<!doctype html", b"<svg", b"<iframe", b"<body", b"javascript:")

OOXML_MAIN_PART = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
OLE2_TYPES = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
LABELS = {
    "pdf": "PDF",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "pptx": "PowerPoint (PPTX)",
    "doc": "Word (DOC)",
    "xls": "Excel (XLS)",
    "ppt": "PowerPoint (PPT)",
    "txt": "TXT",
    "csv": "CSV",
    "zip": "ZIP",
}


@dataclass(frozen=True)
class CheckedUpload:
    """What validation learnt about an upload: the safe display name and the facts of the bytes."""

    name: str
    extension: str
    size: int
    sha256: str
    detected_type: str


def clean_name(raw: str) -> str:
    """The display name: directories stripped (both separators), control characters refused."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in name):
        raise ValidationFailed(_("The file name contains control characters."), code="bad_name")
    if not name or name.strip(".") == "" or name.startswith("."):
        raise ValidationFailed(_("The file name is not valid."), code="bad_name")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 190 - len(ext)] + dot + ext) if dot else name[:200]
    return unicodedata.normalize("NFC", name)


def check_name(name: str, allowed: Iterable[str]) -> str:
    allowed_set = {e.lower().lstrip(".") for e in allowed}
    parts = name.lower().split(".")
    if len(parts) < 2 or not parts[-1]:
        raise ValidationFailed(_("The file has no extension."), code="bad_extension")
    extension = parts[-1]
    hidden = [p for p in parts[1:-1] if p in DANGEROUS_SUFFIXES]
    if hidden:
        raise ValidationFailed(
            _("The file name hides a dangerous type (.%(ext)s); rename the file.") % {"ext": hidden[0]},
            code="double_extension",
        )
    if extension not in allowed_set:
        raise ValidationFailed(
            _("Files of type .%(ext)s are not accepted. Accepted types: %(allowed)s.")
            % {"ext": extension, "allowed": ", ".join(sorted(allowed_set))},
            code="bad_extension",
        )
    return extension


def _mismatch(extension: str) -> ValidationFailed:
    return ValidationFailed(
        _("The file content does not match its extension: declared as %(label)s, but it is not.")
        % {"label": LABELS.get(extension, extension.upper())},
        code="content_mismatch",
    )


def _check_zip(data: bytes, *, extension: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _mismatch(extension) from None
    if len(infos) > ZIP_MAX_ENTRIES:
        raise ValidationFailed(
            _("The archive has too many entries (more than %(n)d).") % {"n": ZIP_MAX_ENTRIES}, code="zip_bomb"
        )
    total = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos) or 1
    if total > ZIP_MAX_TOTAL or total / compressed > ZIP_MAX_RATIO:
        raise ValidationFailed(
            _("The archive expands to an unsafe size (possible zip bomb); it was refused."), code="zip_bomb"
        )
    for info in infos:
        entry = info.filename.replace("\\", "/")
        if entry.startswith("/") or ".." in entry.split("/"):
            raise ValidationFailed(
                _("The archive contains an unsafe path: %(name)s") % {"name": entry}, code="zip_path"
            )
        parts = entry.lower().rsplit("/", 1)[-1].split(".")
        if info.is_dir():
            continue
        if extension == "zip" and any(p in DANGEROUS_SUFFIXES for p in parts[1:]):
            raise ValidationFailed(
                _("The archive contains an executable or web file: %(name)s") % {"name": entry},
                code="zip_executable",
            )
        if extension != "zip" and entry.lower().endswith("vbaproject.bin"):
            raise ValidationFailed(_("Documents with macros are not accepted."), code="macro")
    return archive


def _check_text(data: bytes, extension: str) -> str:
    if b"\x00" in data:
        raise _mismatch(extension)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Chinese Windows saves CSV in GB18030/GBK; accept it as text too.
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationFailed(
                _("The text file is not valid UTF-8 (or GB18030) text."), code="content_mismatch"
            ) from None
    lowered = text.lower().encode("utf-8")
    if any(marker in lowered for marker in HTML_MARKERS):
        raise ValidationFailed(
            _("The text file contains HTML or script content; it was refused."), code="content_mismatch"
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text[:65536]):
        raise _mismatch(extension)
    return "text/csv" if extension == "csv" else "text/plain"


def sniff(data: bytes, extension: str) -> str:
    """The MIME type of ``data`` if it is what ``extension`` claims; otherwise ValidationFailed."""
    if extension == "pdf":
        if not data.startswith(PDF_MAGIC):
            raise _mismatch(extension)
        return "application/pdf"
    if extension == "png":
        if not data.startswith(PNG_MAGIC):
            raise _mismatch(extension)
        return "image/png"
    if extension in {"jpg", "jpeg"}:
        if not data.startswith(JPEG_MAGIC):
            raise _mismatch(extension)
        return "image/jpeg"
    if extension in OOXML_MAIN_PART:
        if not data.startswith(b"PK\x03\x04"):
            raise _mismatch(extension)
        names = set(_check_zip(data, extension=extension).namelist())
        main_part, mime = OOXML_MAIN_PART[extension]
        if "[Content_Types].xml" not in names or main_part not in names:
            raise _mismatch(extension)
        return mime
    if extension in OLE2_TYPES:
        if not data.startswith(OLE2_MAGIC):
            raise _mismatch(extension)
        return OLE2_TYPES[extension]
    if extension == "zip":
        if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            raise _mismatch(extension)
        _check_zip(data, extension=extension)
        return "application/zip"
    if extension in {"txt", "csv"}:
        if filetype.guess(data[:8192]) is not None:
            raise _mismatch(extension)
        return _check_text(data, extension)
    # An extension a caller whitelisted that we have no rule for: accept only what filetype recognises.
    kind = filetype.guess(data[:8192])
    if kind is None or kind.extension != extension:
        raise _mismatch(extension)
    return kind.mime


def validate_upload(
    uploaded_file, *, allowed_extensions: Iterable[str] | None = None, max_bytes: int | None = None
) -> CheckedUpload:
    """Check an uploaded file completely; returns what was learnt or raises ValidationFailed."""
    allowed = tuple(allowed_extensions) if allowed_extensions else DEFAULT_EXTENSIONS
    limit = max_bytes or getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)
    name = clean_name(getattr(uploaded_file, "name", "") or "")
    extension = check_name(name, allowed)
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise ValidationFailed(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    uploaded_file.seek(0)
    chunks: list[bytes] = []
    digest = hashlib.sha256()
    read = 0
    for chunk in uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]:
        read += len(chunk)
        if read > limit:
            raise ValidationFailed(
                _("The file is too large; the limit is %(limit)s.") % {"limit": filesizeformat(limit)},
                code="too_large",
            )
        digest.update(chunk)
        chunks.append(chunk)
    uploaded_file.seek(0)
    if read == 0:
        raise ValidationFailed(_("The file is empty."), code="empty")
    data = b"".join(chunks)
    detected = sniff(data, extension)
    return CheckedUpload(
        name=name, extension=extension, size=read, sha256=digest.hexdigest(), detected_type=detected
    )
