from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "vagenin.meetings"
    verbose_name = _("Möten")

    def ready(self) -> None:
        from vagenin.meetings.personal_data import register_personal_data

        register_personal_data()
