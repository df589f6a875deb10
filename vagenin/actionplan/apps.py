from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplanConfig(AppConfig):
    name = "vagenin.actionplan"
    verbose_name = _("Handlingsplan")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from vagenin.actionplan.models import register_fold
        from vagenin.actionplan.personal_data import register_personal_data

        register_personal_data()
        connection_created.connect(register_fold, dispatch_uid="actionplan.register_fold")
