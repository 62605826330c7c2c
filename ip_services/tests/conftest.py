from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ip_services import services
from ip_services.models import IpAsset

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name: str = "检索报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def patent(users) -> IpAsset:
    return services.asset_create(
        actor=users["holder"],
        kind=IpAsset.Kind.INVENTION,
        title="一种治疗肝纤维化的中药组合物",
        number="ZL201810000001.1",
        filing_date=dt.date(2018, 3, 15),
        grant_date=dt.date(2021, 6, 1),
        status=IpAsset.Status.GRANTED,
        owners="首都医科大学附属北京地坛医院",
    )


@pytest.fixture
def acknowledged(users):
    for role in ("holder", "other_holder", "enterprise"):
        services.disclaimer_acknowledge(user=users[role])
