from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "vagenin.common"
    verbose_name = _("Gemensamt")

    def ready(self) -> None:
        from vagenin.common import pagecache
        from vagenin.common.forms import mark_swedish_options, refuse_line_breaks_in_one_line_fields

        pagecache.connect_signals()
        refuse_line_breaks_in_one_line_fields()
        mark_swedish_options()
