"""Converting the achievement record's interim IP status entries into IP assets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from ip_services.models import IpAsset

pytestmark = pytest.mark.django_db


def test_status_entries_become_assets_once(users):
    from achievements.models import IpStatusEntry
    from achievements.services import achievement_create

    achievement = achievement_create(holder=users["holder"], name="扶正化瘀抗肝纤维化中药颗粒")
    IpStatusEntry.objects.create(
        achievement=achievement,
        ip_type="invention",
        title="一种抗肝纤维化中药组合物",
        number="ZL201810000009.9",
        status="granted",
        protection_scope="权利要求 1",
        filed_on=dt.date(2018, 5, 1),
    )
    IpStatusEntry.objects.create(achievement=achievement, ip_type="registration", title="医疗器械注册证")
    call_command("ip_import_status_entries")
    call_command("ip_import_status_entries")
    asset = IpAsset.objects.get()
    assert asset.holder == users["holder"]
    assert list(asset.achievements.all()) == [achievement]
    assert asset.expiry_date == dt.date(2038, 4, 30)
    assert asset.claims_summary == "权利要求 1"
    assert asset.status == IpAsset.Status.GRANTED
