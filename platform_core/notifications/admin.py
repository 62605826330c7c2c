from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = ["read_at", "created_at"]
    search_fields = ["title", "body", "recipient__username"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
