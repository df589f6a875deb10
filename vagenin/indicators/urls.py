from django.urls import path, re_path

from vagenin.indicators import views

app_name = "indicators"

GEO = r"(?P<geo>[0-9]{2}|[0-9]{4})"

urlpatterns = [
    path("", views.index, name="index"),
    path("rapport/<uuid:integration_report>/", views.report_page, name="report"),
    re_path(rf"^rapport/(?P<integration_report>[0-9a-f-]{{36}})/{GEO}/$", views.edition_page, name="edition"),
    path("kansli/", views.staff_home, name="staff_home"),
    path("kansli/import/", views.import_upload, name="import"),
    path("kansli/import/<uuid:batch_id>/", views.import_detail, name="import_detail"),
    path("kansli/import/<uuid:batch_id>/bekrafta/", views.import_confirm, name="import_confirm"),
    path("kansli/import/<uuid:batch_id>/kasta/", views.import_discard, name="import_discard"),
    path("kansli/indikatorer/ny/", views.indicator_edit, name="indicator_add"),
    path("kansli/indikatorer/<slug:code>/", views.indicator_edit, name="indicator_edit"),
    path("kansli/rapporter/<uuid:integration_report>/", views.report_detail, name="report_detail"),
    re_path(
        r"^kansli/rapporter/(?P<integration_report>[0-9a-f-]{36})/avsnitt/(?P<number>[0-9]{1,2})/$",
        views.section_edit,
        name="section_edit",
    ),
    path("kansli/rapporter/<uuid:integration_report>/skapa/", views.report_generate, name="report_generate"),
    path("kansli/versioner/<uuid:publication_id>/", views.publication_detail, name="publication_detail"),
    path("kansli/versioner/<uuid:publication_id>/publicera/", views.publication_publish, name="publication_publish"),
    re_path(
        rf"^kansli/versioner/(?P<publication_id>[0-9a-f-]{{36}})/{GEO}/$",
        views.edition_preview,
        name="edition_preview",
    ),
    re_path(rf"^{GEO}/$", views.dashboard, name="dashboard"),
    re_path(rf"^{GEO}/(?P<code>[-a-zA-Z0-9_]+)/$", views.indicator_page, name="indicator"),
]
