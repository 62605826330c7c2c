from .holder import (
    create,
    delete,
    detail,
    material_delete,
    my_list,
    step,
    submission_pdf,
    submit,
    withdraw,
)
from .review import diff, queue, reassign, review

__all__ = [
    "create",
    "delete",
    "detail",
    "diff",
    "material_delete",
    "my_list",
    "queue",
    "reassign",
    "review",
    "step",
    "submission_pdf",
    "submit",
    "withdraw",
]
