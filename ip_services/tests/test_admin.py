import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_ip_admin_changelist_renders(client_for, patent):
    client = client_for("admin")
    for model in admin.site._registry:
        if model._meta.app_label != "ip_services":
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:ip_services_ipasset_change", args=[patent.pk])).status_code == 200
