"""Root URL configuration. Interface pages are language-prefixed; the API and health check are not."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from vagenin.accounts.views import set_language
from vagenin.common import views as common_views

urlpatterns = [
    path("healthz", common_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("vagenin.api.urls")),
    path("", include("vagenin.site.root_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("vagenin.pages.urls")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("vagenin.accounts.urls")),
    path("", include("vagenin.site.urls")),
    path("organisationer/", include("vagenin.organisations.urls")),
    path("personer/", include("vagenin.organisations.people_urls")),
    path("handlingsplan/", include("vagenin.actionplan.urls")),
    path("moten/", include("vagenin.meetings.urls")),
    path("bosattning/", include("vagenin.settlement.urls")),
    path("bidrag/", include("vagenin.grants.urls")),
    path("nyheter/", include("vagenin.newsletter.urls")),
    path("overenskommelsen/", include("vagenin.agreement.urls")),
    path("statistik/", include("vagenin.indicators.urls")),
    path("kansli/overenskommelsen/", include("vagenin.agreement.staff_urls")),
    prefix_default_language=False,
)

handler400 = "vagenin.common.views.bad_request"
handler403 = "vagenin.common.views.permission_denied"
handler404 = "vagenin.common.views.page_not_found"
handler500 = "vagenin.common.views.server_error"
