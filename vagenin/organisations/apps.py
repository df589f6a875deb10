from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "vagenin.organisations"
    verbose_name = _("Organisationer")

    def ready(self) -> None:
        from vagenin.organisations.personal_data import register_personal_data

        register_personal_data()
