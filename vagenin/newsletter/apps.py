from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "vagenin.newsletter"
    verbose_name = _("Nyheter och nyhetsbrev")

    def ready(self) -> None:
        from vagenin.newsletter.personal_data import register_personal_data

        register_personal_data()
