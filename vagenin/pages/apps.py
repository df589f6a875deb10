from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "vagenin.pages"
    verbose_name = _("Sidor")

    def ready(self) -> None:
        from vagenin.pages.personal_data import register_personal_data

        register_personal_data()
