"""The action plan and the public project catalogue (mounted at /handlingsplan/)."""

from django.urls import include, path

from vagenin.actionplan import views

app_name = "actionplan"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mina-insatser/", views.my_initiatives, name="mine"),
    path("ny/", views.initiative_create, name="create"),
    path("huvudinsatser/sok/", views.parent_search, name="parent_search"),
    path("organisationer/sok/", views.catalogue_organisation_search, name="organisation_search"),
    path("granskning/", views.review_queue, name="review_queue"),
    path("publicering/", views.publication_queue, name="publication_queue"),
    path("publicering/<slug:slug>/", views.publication_decide, name="publication_decide"),
    path("andringar/", views.recent_changes, name="recent_changes"),
    path("rapporter/<uuid:report_id>/", views.report_edit, name="report_edit"),
    path("rapporter/<uuid:report_id>/granska/", views.report_review, name="report_review"),
    path("rapporteringsomgangar/", views.rounds, name="rounds"),
    path("rapporteringsomgangar/<uuid:round_id>/", views.round_detail, name="round"),
    path("insatser/<slug:slug>/", views.detail, name="detail"),
    path("insatser/<slug:slug>/redigera/", views.initiative_edit, name="edit"),
    path("insatser/<slug:slug>/arbeta/", views.manage, name="manage"),
    path("insatser/<slug:slug>/synlighet/", views.initiative_visibility, name="visibility"),
    path("insatser/<slug:slug>/parter/", views.partner_add, name="partner_add"),
    path("insatser/<slug:slug>/parter/<slug:organisation>/ta-bort/", views.partner_remove, name="partner_remove"),
    path("insatser/<slug:slug>/finansiering/", views.funding_add, name="funding_add"),
    path("insatser/<slug:slug>/finansiering/<uuid:funding>/ta-bort/", views.funding_remove, name="funding_remove"),
    path("insatser/<slug:slug>/delmal/", views.milestone_edit, name="milestone_add"),
    path("insatser/<slug:slug>/delmal/<uuid:milestone>/", views.milestone_edit, name="milestone_edit"),
    path("insatser/<slug:slug>/indikatorer/", views.indicator_edit, name="indicator_add"),
    path("insatser/<slug:slug>/indikatorer/<uuid:indicator>/", views.indicator_edit, name="indicator_edit"),
    path("insatser/<slug:slug>/rapporter/", views.report_start, name="report_start"),
    path("insatser/<slug:slug>/lankar/", views.link_add, name="link_add"),
    path("insatser/<slug:slug>/lankar/<uuid:link>/ta-bort/", views.link_remove, name="link_remove"),
    path("insatser/<slug:slug>/bilagor/", views.attachment_add, name="attachment_add"),
    path("insatser/<slug:slug>/bilagor/<uuid:attachment>/", views.attachment_download, name="attachment"),
    path("insatser/<slug:slug>/bilagor/<uuid:attachment>/ta-bort/", views.attachment_remove, name="attachment_remove"),
    # The sub-packages, sharing the "actionplan" namespace.
    path("", include("vagenin.actionplan.overview.urls")),
    path("", include("vagenin.actionplan.submissions.urls")),
    path("", include("vagenin.actionplan.exchange.urls")),
]
