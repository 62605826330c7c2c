"""HTML views of the evaluation app (thin: selectors read, services write)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from evaluation.exports import export_csv, export_xlsx
from platform_core.permissions import staff_required


@staff_required
def evaluation_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from .evaluations import _visible

    evaluation = _visible(request, pk)
    name = f"evaluation-{evaluation.number or evaluation.pk}"
    if fmt == "csv":
        response = HttpResponse(export_csv(evaluation), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        export_xlsx(evaluation),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
