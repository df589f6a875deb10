from django.urls import path

from vagenin.indicators import views

app_name = "indicators"

# A geography is "20" (the county) or a four-digit municipality code; the views answer 404 for any other.
urlpatterns = [
    path("", views.index, name="index"),
    path("rapport/<uuid:integration_report>/", views.report_page, name="report"),
    path("rapport/<uuid:integration_report>/<str:geo>/", views.edition_page, name="edition"),
    path("kansli/", views.staff_home, name="staff_home"),
    path("kansli/import/", views.import_upload, name="import"),
    path("kansli/import/<uuid:batch_id>/", views.import_detail, name="import_detail"),
    path("kansli/import/<uuid:batch_id>/bekrafta/", views.import_confirm, name="import_confirm"),
    path("kansli/import/<uuid:batch_id>/kasta/", views.import_discard, name="import_discard"),
    path("kansli/indikatorer/ny/", views.indicator_edit, name="indicator_add"),
    path("kansli/indikatorer/<str:code>/", views.indicator_edit, name="indicator_edit"),
    path("kansli/indikatorer/<str:code>/ta-bort/", views.indicator_delete, name="indicator_delete"),
    path("kansli/insatsindikatorer/", views.initiative_indicators, name="initiative_indicators"),
    path("kansli/insatsindikatorer/<uuid:indicator_uuid>/", views.follow_series, name="follow_series"),
    path("kansli/rapporter/<uuid:integration_report>/", views.report_detail, name="report_detail"),
    path("kansli/rapporter/<uuid:integration_report>/avsnitt/<str:number>/", views.section_edit, name="section_edit"),
    path("kansli/rapporter/<uuid:integration_report>/skapa/", views.report_generate, name="report_generate"),
    path("kansli/versioner/<uuid:publication_id>/", views.publication_detail, name="publication_detail"),
    path("kansli/versioner/<uuid:publication_id>/publicera/", views.publication_publish, name="publication_publish"),
    path("kansli/versioner/<uuid:publication_id>/<str:geo>/", views.edition_preview, name="edition_preview"),
    path("<str:geo>/", views.dashboard, name="dashboard"),
    path("<str:geo>/<str:code>/", views.indicator_page, name="indicator"),
]
