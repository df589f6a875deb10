"""URL patterns for importing and exporting initiatives (included from actionplan/urls.py)."""

from django.urls import URLPattern, path

from vagenin.actionplan import exchange_views

urlpatterns: list[URLPattern] = [
    path("import/", exchange_views.import_upload, name="import"),
    path("import/bekrafta/", exchange_views.import_confirm, name="import_confirm"),
    path("export/", exchange_views.export, name="export"),
]
