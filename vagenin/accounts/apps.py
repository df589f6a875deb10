from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "vagenin.accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        from vagenin.accounts.personal_data import register_personal_data

        register_personal_data()
        from django.contrib.auth.signals import user_logged_in

        from vagenin.accounts.signals import remember_language_at_login

        user_logged_in.connect(remember_language_at_login, dispatch_uid="accounts-remember-language")
