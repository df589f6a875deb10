"""URL patterns for importing and exporting initiatives (included from actionplan/urls.py)."""

from django.urls import URLPattern, path

from vagenin.actionplan.exchange import views

urlpatterns: list[URLPattern] = [
    path("import/", views.import_upload, name="import"),
    path("import/bekrafta/", views.import_confirm, name="import_confirm"),
    path("export/", views.export, name="export"),
]
