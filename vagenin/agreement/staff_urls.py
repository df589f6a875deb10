"""The secretariat's editing of the agreement's content and bodies (mounted at /kansli/overenskommelsen/)."""

from django.urls import URLPattern, URLResolver, include, path

from vagenin.agreement.staff_views import areas, bodies, periods

app_name = "agreement_staff"

signatory_urls: list[URLPattern | URLResolver] = [
    path("", periods.signatory_list, name="signatories"),
    path("ny/", periods.signatory_add, name="signatory_add"),
    path("<uuid:signatory_uuid>/", periods.signatory_edit, name="signatory_edit"),
    path("<uuid:signatory_uuid>/lamnat/", periods.signatory_leave, name="signatory_leave"),
    path("<uuid:signatory_uuid>/ta-bort/", periods.signatory_delete, name="signatory_delete"),
]

principle_urls: list[URLPattern | URLResolver] = [
    path("", periods.principle_list, name="principles"),
    path("ny/", periods.principle_add, name="principle_add"),
    path("<uuid:principle_uuid>/", periods.principle_edit, name="principle_edit"),
    path("<uuid:principle_uuid>/flytta/", periods.principle_move, name="principle_move"),
    path("<uuid:principle_uuid>/ta-bort/", periods.principle_delete, name="principle_delete"),
]

partner_urls: list[URLPattern | URLResolver] = [
    path("ny/", areas.partner_add, name="partner_add"),
    path("<uuid:partner_uuid>/", areas.partner_edit, name="partner_edit"),
    path("<uuid:partner_uuid>/flytta/", areas.partner_move, name="partner_move"),
    path("<uuid:partner_uuid>/ta-bort/", areas.partner_delete, name="partner_delete"),
]

area_urls: list[URLPattern | URLResolver] = [
    path("", areas.area_list, name="areas"),
    path("nytt/", areas.area_add, name="area_add"),
    path("<slug:area_slug>/", areas.area_edit, name="area_edit"),
    path("<slug:area_slug>/fokusomraden/nytt/", areas.theme_add, name="theme_add"),
    path("<slug:area_slug>/fokusomraden/<slug:theme_slug>/", areas.theme_edit, name="theme_edit"),
    path("<slug:area_slug>/fokusomraden/<slug:theme_slug>/ta-bort/", areas.theme_delete, name="theme_delete"),
    path("<slug:area_slug>/fokusomraden/<slug:theme_slug>/parter/", include(partner_urls)),
]

body_urls: list[URLPattern | URLResolver] = [
    path("", bodies.body_list, name="bodies"),
    path("nytt/", bodies.body_create, name="body_create"),
    path("<slug:body_slug>/", bodies.body, name="body"),
    path("<slug:body_slug>/redigera/", bodies.body_edit, name="body_edit"),
    path("<slug:body_slug>/ansvarsomraden/nytt/", bodies.responsibility_add, name="responsibility_add"),
    path(
        "<slug:body_slug>/ansvarsomraden/<slug:responsibility_slug>/",
        bodies.responsibility_edit,
        name="responsibility_edit",
    ),
    path(
        "<slug:body_slug>/ansvarsomraden/<slug:responsibility_slug>/ta-bort/",
        bodies.responsibility_delete,
        name="responsibility_delete",
    ),
    path("<slug:body_slug>/ledamoter/ny/", bodies.membership_add, name="membership_add"),
    path("<slug:body_slug>/ledamoter/<uuid:membership_uuid>/", bodies.membership_edit, name="membership_edit"),
    path("<slug:body_slug>/ledamoter/<uuid:membership_uuid>/avsluta/", bodies.membership_end, name="membership_end"),
    path(
        "<slug:body_slug>/ledamoter/<uuid:membership_uuid>/ta-bort/", bodies.membership_delete, name="membership_delete"
    ),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", periods.index, name="index"),
    path("ny/", periods.period_create, name="period_create"),
    path("<slug:period_slug>/", periods.period, name="period"),
    path("<slug:period_slug>/redigera/", periods.period_edit, name="period_edit"),
    path("<slug:period_slug>/parter/", include(signatory_urls)),
    path("<slug:period_slug>/principer/", include(principle_urls)),
    path("<slug:period_slug>/omraden/", include(area_urls)),
    path("<slug:period_slug>/organ/", include(body_urls)),
]
