"""Settlement (mounted at /bosattning/): public decided quotas, the officer's work, municipal reporting."""

from django.urls import path

from vagenin.settlement import views

app_name = "settlement"
urlpatterns = [
    path("", views.index, name="index"),
    path("ar/<uuid:year_id>/", views.year_public, name="year"),
    path("kommuntal/<uuid:quota_id>/", views.municipality_public, name="municipality"),
    path("hantera/", views.manage, name="manage"),
    path("hantera/import/", views.import_export, name="import"),
    path("hantera/beredskap/", views.readiness_overview, name="readiness"),
    path("hantera/ar/<uuid:year_id>/", views.manage_year, name="manage_year"),
    path("hantera/ar/<uuid:year_id>/berakna/", views.compute, name="compute"),
    path("hantera/ar/<uuid:year_id>/tank-om/", views.what_if, name="what_if"),
    path("hantera/ar/<uuid:year_id>/beslut/", views.decide, name="decide"),
    path("hantera/ar/<uuid:year_id>/faktorer/import/", views.factors_import, name="factors_import"),
    path("hantera/ar/<uuid:year_id>/manader/import/", views.monthly_import, name="monthly_import"),
    path("hantera/ar/<uuid:year_id>/faktorer/<str:code>/", views.factors_edit, name="factors_edit"),
    path("hantera/kommuntal/<uuid:quota_id>/", views.quota_manage, name="quota_manage"),
    path("rapportera/", views.report_home, name="report_home"),
    path("rapportera/<str:code>/", views.report, name="report"),
]
