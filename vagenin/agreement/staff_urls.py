"""The secretariat's editing of the agreement's content and bodies (mounted at /kansli/overenskommelsen/)."""

from django.urls import URLPattern, URLResolver, include, path

from vagenin.agreement import staff_views as views

app_name = "agreement_staff"

signatory_urls: list[URLPattern | URLResolver] = [
    path("", views.signatory_list, name="signatories"),
    path("ny/", views.signatory_add, name="signatory_add"),
    path("<uuid:signatory_uuid>/", views.signatory_edit, name="signatory_edit"),
    path("<uuid:signatory_uuid>/lamnat/", views.signatory_leave, name="signatory_leave"),
    path("<uuid:signatory_uuid>/ta-bort/", views.signatory_delete, name="signatory_delete"),
]

principle_urls: list[URLPattern | URLResolver] = [
    path("", views.principle_list, name="principles"),
    path("ny/", views.principle_add, name="principle_add"),
    path("<uuid:principle_uuid>/", views.principle_edit, name="principle_edit"),
    path("<uuid:principle_uuid>/flytta/", views.principle_move, name="principle_move"),
    path("<uuid:principle_uuid>/ta-bort/", views.principle_delete, name="principle_delete"),
]

partner_urls: list[URLPattern | URLResolver] = [
    path("ny/", views.partner_add, name="partner_add"),
    path("<uuid:partner_uuid>/", views.partner_edit, name="partner_edit"),
    path("<uuid:partner_uuid>/flytta/", views.partner_move, name="partner_move"),
    path("<uuid:partner_uuid>/ta-bort/", views.partner_delete, name="partner_delete"),
]

area_urls: list[URLPattern | URLResolver] = [
    path("", views.area_list, name="areas"),
    path("nytt/", views.area_add, name="area_add"),
    path("<slug:area_slug>/", views.area_edit, name="area_edit"),
    path("<slug:area_slug>/fokusomraden/nytt/", views.theme_add, name="theme_add"),
    path("<slug:area_slug>/fokusomraden/<slug:theme_slug>/", views.theme_edit, name="theme_edit"),
    path("<slug:area_slug>/fokusomraden/<slug:theme_slug>/ta-bort/", views.theme_delete, name="theme_delete"),
    path("<slug:area_slug>/fokusomraden/<slug:theme_slug>/parter/", include(partner_urls)),
]

body_urls: list[URLPattern | URLResolver] = [
    path("", views.body_list, name="bodies"),
    path("nytt/", views.body_create, name="body_create"),
    path("<slug:body_slug>/", views.body, name="body"),
    path("<slug:body_slug>/redigera/", views.body_edit, name="body_edit"),
    path("<slug:body_slug>/ansvarsomraden/nytt/", views.responsibility_add, name="responsibility_add"),
    path(
        "<slug:body_slug>/ansvarsomraden/<slug:responsibility_slug>/",
        views.responsibility_edit,
        name="responsibility_edit",
    ),
    path(
        "<slug:body_slug>/ansvarsomraden/<slug:responsibility_slug>/ta-bort/",
        views.responsibility_delete,
        name="responsibility_delete",
    ),
    path("<slug:body_slug>/ledamoter/ny/", views.membership_add, name="membership_add"),
    path("<slug:body_slug>/ledamoter/<uuid:membership_uuid>/", views.membership_edit, name="membership_edit"),
    path("<slug:body_slug>/ledamoter/<uuid:membership_uuid>/avsluta/", views.membership_end, name="membership_end"),
    path(
        "<slug:body_slug>/ledamoter/<uuid:membership_uuid>/ta-bort/", views.membership_delete, name="membership_delete"
    ),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("ny/", views.period_create, name="period_create"),
    path("<slug:period_slug>/", views.period, name="period"),
    path("<slug:period_slug>/redigera/", views.period_edit, name="period_edit"),
    path("<slug:period_slug>/parter/", include(signatory_urls)),
    path("<slug:period_slug>/principer/", include(principle_urls)),
    path("<slug:period_slug>/omraden/", include(area_urls)),
    path("<slug:period_slug>/organ/", include(body_urls)),
]
