from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "platform_core.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Notification
        from .services import unread_forget

        def forget(sender, instance, **kwargs):
            unread_forget(instance.recipient_id)

        post_save.connect(forget, sender=Notification, weak=False, dispatch_uid="notifications_unread_save")
        post_delete.connect(
            forget, sender=Notification, weak=False, dispatch_uid="notifications_unread_delete"
        )
