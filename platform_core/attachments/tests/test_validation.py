from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from platform_core.attachments.validation import clean_name, validate_upload
from platform_core.errors import ValidationFailed

from .conftest import MINIMAL_PDF, MINIMAL_PNG, make_docx, make_xlsx, upload


def refused(name: str, data: bytes, **kwargs) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as info:
        validate_upload(upload(name, data), **kwargs)
    return info.value


def test_png_renamed_pdf_is_refused_with_clear_message():
    with translation.override("zh-hans"):
        err = refused("报告.pdf", MINIMAL_PNG)
    assert err.code == "content_mismatch"
    assert "文件内容与扩展名不符" in str(err.message) and "PDF" in str(err.message)


def test_html_named_txt_is_refused():
    err = refused("notes.txt", b"hello\n<html><body><script>alert(1)</script></body></html>")
    assert err.code == "content_mismatch"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.txt", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ],
)
def test_svg_is_refused_in_every_disguise(name, data):
    refused(name, data)


def test_empty_file_is_refused():
    assert refused("empty.pdf", b"").code == "empty"


def test_oversize_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    assert refused("big.pdf", MINIMAL_PDF + b"0" * 2000).code == "too_large"
    assert refused("big.pdf", MINIMAL_PDF, max_bytes=10).code == "too_large"


@pytest.mark.parametrize("name", ["x.pdf.html", "a.php.jpg", "report.exe.pdf", "run.sh.txt"])
def test_double_extensions_hiding_executables_are_refused(name):
    assert refused(name, MINIMAL_PDF).code in {"double_extension", "bad_extension"}


@pytest.mark.parametrize("name", ["malware.exe", "page.html", "noext", "script.js"])
def test_extensions_off_the_whitelist_are_refused(name):
    assert refused(name, b"MZ\x90\x00").code == "bad_extension"


def test_per_call_whitelist():
    assert refused("sheet.xlsx", make_xlsx(), allowed_extensions=["pdf"]).code == "bad_extension"


@pytest.mark.parametrize("name", ["bad\x00name.pdf", "bad\nname.pdf", "rtl\u202eftp.pdf"])
def test_control_characters_in_name_are_refused(name):
    assert refused(name, MINIMAL_PDF).code == "bad_name"


@pytest.mark.parametrize("name", ["..", "../..", "..\\..", ".pdf", ""])
def test_names_that_are_only_path_parts_are_refused(name):
    with pytest.raises(ValidationFailed):
        clean_name(name)


def test_directories_are_stripped_from_names():
    assert clean_name("..\\..\\windows\\evil.pdf") == "evil.pdf"
    assert clean_name("../../etc/报告.pdf") == "报告.pdf"


def test_zip_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"\x00" * (5 * 1024 * 1024))  # compresses ~1000:1
    assert refused("data.zip", buf.getvalue()).code == "zip_bomb"


def test_zip_with_too_many_entries_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i in range(1001):
            z.writestr(f"f{i}.txt", b"x")
    assert refused("many.zip", buf.getvalue()).code == "zip_bomb"


@pytest.mark.parametrize("inner", ["setup.exe", "docs/index.html", "tool.pdf.bat"])
def test_zip_with_nested_executable_is_refused(inner):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", b"hello")
        z.writestr(inner, b"MZ" + b"\x01" * 50)
    assert refused("bundle.zip", buf.getvalue()).code == "zip_executable"


def test_zip_with_traversal_entry_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../etc/cron.d/x", b"hello")
    assert refused("bundle.zip", buf.getvalue()).code == "zip_path"


def test_docx_that_is_only_a_zip_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", b"hello")
    assert refused("fake.docx", buf.getvalue()).code == "content_mismatch"


def test_docx_with_macros_is_refused():
    buf = io.BytesIO(make_docx())
    with zipfile.ZipFile(buf, "a") as z:
        z.writestr("word/vbaProject.bin", b"\x00" * 10)
    assert refused("macro.docx", buf.getvalue()).code == "macro"


def test_binary_named_csv_is_refused():
    refused("data.csv", b"a,b\n1,\x002\n")
    refused("data.csv", MINIMAL_PNG)


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("申报书.pdf", MINIMAL_PDF, "application/pdf"),
        ("photo.PNG", MINIMAL_PNG, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 20, "image/jpeg"),
        (
            "说明.docx",
            make_docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("评分.xlsx", make_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "application/msword"),
        ("data.csv", "名称,数值\n肝病,1\n".encode(), "text/csv"),
        ("gbk.csv", "名称,数值\n肝病,1\n".encode("gbk"), "text/csv"),
        ("notes.txt", "慢性肝病 notes\n".encode(), "text/plain"),
    ],
    ids=lambda value: value if isinstance(value, str) else "bytes",  # stable ids for pytest-xdist
)
def test_valid_files_are_accepted(name, data, mime):
    checked = validate_upload(upload(name, data, content_type="text/html"))
    assert checked.detected_type == mime
    assert checked.size == len(data)
    assert len(checked.sha256) == 64


def test_valid_zip_is_accepted():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", "数据" * 10)
        z.writestr("b.pdf", MINIMAL_PDF)
    assert validate_upload(upload("data.zip", buf.getvalue())).detected_type == "application/zip"
