"""Encryption at rest: ciphertext in the table, key rotation, loud failures on bad keys."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from platform_core import crypto
from platform_core.fields import DecryptionError, EncryptedTextField

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _reset_fernet_cache():
    crypto.reset_cache()
    yield
    crypto.reset_cache()


def test_round_trip_and_random_tokens(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    a, b = crypto.encrypt("肝纤维化"), crypto.encrypt("肝纤维化")
    assert a != b  # randomised: not searchable, not linkable
    assert "肝纤维化" not in a
    assert crypto.decrypt(a) == "肝纤维化"


@pytest.mark.parametrize("keys", [[], None, ["not-a-key"], [OLD_KEY, "short"]])
def test_missing_or_invalid_key_fails_loudly(settings, keys):
    settings.FIELD_ENCRYPTION_KEYS = keys
    with pytest.raises(ImproperlyConfigured):
        crypto.check_keys()
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_startup_system_check_reports_a_missing_key(settings):
    from achievements.models import Achievement

    settings.FIELD_ENCRYPTION_KEYS = []
    errors = Achievement._meta.get_field("background").check()
    assert [e.id for e in errors] == ["platform_core.E101"]
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    crypto.reset_cache()
    assert Achievement._meta.get_field("background").check() == []


def test_index_on_encrypted_field_is_refused():
    field = EncryptedTextField(db_index=True)
    field.set_attributes_from_name("secret")

    class Dummy:
        __name__ = "Dummy"

    field.model = Dummy
    assert "platform_core.E102" in [e.id for e in field.check()]


@pytest.mark.django_db
def test_lookups_other_than_isnull_are_refused(make_user):
    from achievements.models import Achievement

    with pytest.raises(FieldError):
        list(Achievement.objects.filter(background__icontains="肝"))
    assert list(Achievement.objects.filter(price_expectation__isnull=True)) == []


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - test constants
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_raw_sql_shows_ciphertext_and_rotation_keeps_rows_readable(settings, make_user):
    from achievements.models import Achievement, TechnicalParameter

    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    holder = make_user("holder")
    a = Achievement.objects.create(
        name="抗肝纤维化中药颗粒",
        holder=holder,
        background="慢性乙肝肝纤维化患者逆转率低",
        technical_details="黄芪 30g、丹参 15g、鳖甲 10g",
        price_expectation="800.00",
        contact_phone="13800138000",
    )
    p = TechnicalParameter.objects.create(achievement=a, name="半衰期", value="6.5", unit="h")
    raw_details = _raw("achievements_achievement", "technical_details", a.pk)
    raw_price = _raw("achievements_achievement", "price_expectation", a.pk)
    raw_phone = _raw("achievements_achievement", "contact_phone", a.pk)
    for raw, plain in [(raw_details, "黄芪"), (raw_price, "800"), (raw_phone, "13800138000")]:
        assert raw.startswith("gAAAA") and plain not in raw
    assert "6.5" not in _raw("achievements_technicalparameter", "value", p.pk)
    old_token = raw_details

    # A new key goes first, the old one stays: old rows still read, new writes use the new key.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    a.refresh_from_db()
    assert a.technical_details == "黄芪 30g、丹参 15g、鳖甲 10g"
    assert str(a.price_expectation) == "800.00"

    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert "achievements.Achievement" in out.getvalue()
    assert _raw("achievements_achievement", "technical_details", a.pk) != old_token

    # Only the new key now: every row still reads.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    a.refresh_from_db()
    p.refresh_from_db()
    assert a.technical_details.startswith("黄芪")
    assert a.contact_phone == "13800138000"
    assert p.value == "6.5"

    # Without the key that wrote them, rows fail loudly instead of showing garbage.
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    with pytest.raises(DecryptionError):
        a.refresh_from_db()


@pytest.mark.django_db
def test_rotation_without_an_old_key_refuses_and_changes_nothing(settings, make_user):
    from achievements.models import Achievement

    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    a = Achievement.objects.create(name="x", holder=make_user("holder"), background="秘密")
    before = _raw("achievements_achievement", "background", a.pk)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(DecryptionError):
        call_command("rotate_encryption_keys", stdout=StringIO())
    assert _raw("achievements_achievement", "background", a.pk) == before
