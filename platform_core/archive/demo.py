"""Demo archive entries (idempotent): a few signed paper documents archived by hand.

Domain apps archive their own reports, score sheets and agreements in their demos; this only makes the
register non-empty on a fresh `seed_demo` (call it after the core seed).
"""

from __future__ import annotations

from platform_core.accounts.models import Organization, User

from .models import ArchiveEntry
from .services import archive_document

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

DOCUMENTS = [
    ("signed_form", "评估专家利益冲突声明（签字版）", "首都医科大学附属北京地坛医院", "专家签字扫描件"),
    ("agreement", "疏肝健脾方技术转让合同", "石家庄以岭药业股份有限公司", "双方盖章原件扫描"),
    ("submission_form", "慢性乙型肝炎中药复方成果提交申请表", "河北省中医药科学院", ""),
    ("quality_report", "2025 年度平台服务质量报告", "河北省质量信息协会", ""),
    ("platform_evaluation_report", "2025 年度平台评价报告", "河北省质量信息协会", "评价组 5 人"),
]


def seed(stdout=None) -> None:
    staff = User.objects.filter(username="staff").first()
    created = 0
    for doc_type, title, org_name, note in DOCUMENTS:
        if ArchiveEntry.objects.filter(title=title).exists():
            continue
        org = Organization.objects.filter(name=org_name).first()
        archive_document(
            subject=org,
            subject_label=org_name,
            doc_type=doc_type,
            title=title,
            archived_by=staff,
            file_bytes=PDF,
            filename=f"{title}.pdf",
            note=note,
        )
        created += 1
    if stdout is not None:
        stdout.write(f"archive: {created} demo documents archived")
