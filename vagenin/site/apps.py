from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top layer: ties the other apps together (loaders, the staff start page, the navigation's context)."""

    name = "vagenin.site"
    label = "site"
    verbose_name = _("Webbplatsen")

    def ready(self) -> None:
        from vagenin.site import factor_sources

        factor_sources.register()
