from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "vagenin.common"
    verbose_name = _("Gemensamt")

    def ready(self) -> None:
        from vagenin.common import pagecache

        pagecache.connect_signals()
