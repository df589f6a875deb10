from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementConfig(AppConfig):
    name = "vagenin.agreement"
    verbose_name = _("Överenskommelsen")

    def ready(self) -> None:
        from vagenin.agreement.models import mark_signatories
        from vagenin.organisations.marks import register_signatory_mark

        register_signatory_mark(mark_signatories)
