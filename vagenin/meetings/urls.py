from django.urls import path

from vagenin.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("kalender/", views.calendars, name="calendars"),
    path("kalender.ics", views.feed_all, name="feed"),
    path("kalender/<slug:period_slug>/omrade/<slug:area_slug>.ics", views.feed_area, name="feed_area"),
    path("kalender/<slug:period_slug>/organ/<slug:body_slug>.ics", views.feed_body, name="feed_body"),
    path("beslut/", views.decisions, name="decisions"),
    path("beslut/<uuid:decision_uuid>/", views.decision_edit, name="decision_edit"),
    path("anmalan/", views.manage_registration, name="manage_registration"),
    path("anmalan/<uuid:registration_uuid>/beslut/", views.registration_decide, name="registration_decide"),
    path("utvardering/", views.evaluate, name="evaluate"),
    path("arrangera/", views.my_events, name="my_events"),
    path("nytt/", views.event_create, name="create"),
    path("statistik/", views.statistics_page, name="statistics"),
    path("dokument/<uuid:document_uuid>/", views.document_download, name="document"),
    path("dokument/<uuid:document_uuid>/ta-bort/", views.document_delete, name="document_delete"),
    path("program/<uuid:programmeitem_uuid>/ta-bort/", views.programme_delete, name="programme_delete"),
    path("<uuid:event_uuid>/", views.event_detail, name="detail"),
    path("<uuid:event_uuid>/kalender.ics", views.event_ics, name="event_ics"),
    path("<uuid:event_uuid>/anmal/", views.register, name="register"),
    path("<uuid:event_uuid>/anmald/", views.registered, name="registered"),
    path("<uuid:event_uuid>/arrangera/", views.organise, name="organise"),
    path("<uuid:event_uuid>/redigera/", views.event_edit, name="edit"),
    path("<uuid:event_uuid>/installa/", views.event_cancel, name="cancel"),
    path("<uuid:event_uuid>/program/", views.programme_add, name="programme_add"),
    path("<uuid:event_uuid>/dokument/", views.document_add, name="document_add"),
    path("<uuid:event_uuid>/deltagare/", views.participants, name="participants"),
    path("<uuid:event_uuid>/deltagare.csv", views.participants_csv, name="participants_csv"),
    path("<uuid:event_uuid>/narvaro/", views.checkin, name="checkin"),
    path("<uuid:event_uuid>/beslut/ny/", views.decision_add, name="decision_add"),
]
