from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "vagenin.grants"
    verbose_name = _("Bidrag")

    def ready(self) -> None:
        from vagenin.grants.personal_data import register_personal_data

        register_personal_data()
