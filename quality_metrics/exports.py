"""Exports for SPSS/Excel analysis (000 §7.2.2.2): every table as .xlsx (openpyxl) or .csv (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

FORMATS = ("xlsx", "csv")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, int | float | dt.date):
        return value
    return str(value)


def table_response(
    fmt: str, filename: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """``filename`` without extension; ``fmt`` is "xlsx" or "csv"."""
    if fmt == "csv":
        buffer = StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese text correctly only with a BOM
        writer = csv.writer(buffer)
        writer.writerow([str(c) for c in columns])
        for row in rows:
            writer.writerow([_plain(v) for v in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=filename[:31])
        sheet.append([str(c) for c in columns])
        for row in rows:
            sheet.append([_plain(v) for v in row])
        out = BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
