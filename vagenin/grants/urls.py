"""Grants (mounted at /bidrag/): public programmes, calls and granted grants; applying; handling."""

from django.urls import path

from vagenin.grants import overview_views, views

app_name = "grants"
urlpatterns = [
    path("", views.index, name="index"),
    path("beviljade/", views.granted, name="granted"),
    path("program/<slug:slug>/", views.programme_detail, name="programme"),
    path("program/<slug:slug>/dokument/<uuid:document_id>/", views.document_download, name="document"),
    path("utlysningar/<slug:slug>/", views.call_detail, name="call"),
    path("utlysningar/<slug:slug>/ansok/", views.apply, name="apply"),
    # Applicants
    path("mina-ansokningar/", views.my_applications, name="mine"),
    path("ansokningar/<uuid:application_id>/", views.application_detail, name="application"),
    path("ansokningar/<uuid:application_id>/redigera/", views.application_edit, name="application_edit"),
    path("ansokningar/<uuid:application_id>/skicka-in/", views.application_submit, name="application_submit"),
    path("ansokningar/<uuid:application_id>/aterkalla/", views.application_withdraw, name="application_withdraw"),
    path("ansokningar/<uuid:application_id>/meddelande/", views.application_message, name="application_message"),
    path("ansokningar/<uuid:application_id>/ansokan.pdf", views.application_receipt, name="application_receipt"),
    path("ansokningar/<uuid:application_id>/beslut.pdf", views.decision_letter, name="decision_letter"),
    path("ansokningar/<uuid:application_id>/filer/<uuid:file_id>/", views.file_download, name="file"),
    path("ansokningar/<uuid:application_id>/filer/<uuid:file_id>/ta-bort/", views.file_remove, name="file_remove"),
    path("ansokningar/<uuid:application_id>/slutrapport/", views.final_report, name="final_report"),
    # Reviewers
    path("mina-granskningar/", views.my_reviews, name="my_reviews"),
    path("granskning/<uuid:assignment_id>/", views.review, name="review"),
    # The grant officer
    path("handlaggning/", views.officer_list, name="officer_list"),
    path("handlaggning/statistik/", overview_views.overview, name="overview"),
    path("handlaggning/utlysningar/<slug:call_slug>/bedomningar/", views.call_review, name="call_review"),
    path("handlaggning/ansokningar/<uuid:application_id>/", views.officer_application, name="officer_application"),
    path(
        "handlaggning/ansokningar/<uuid:application_id>/handlagg/",
        views.officer_start_review,
        name="officer_start_review",
    ),
    path(
        "handlaggning/ansokningar/<uuid:application_id>/komplettering/",
        views.officer_request_information,
        name="officer_request_information",
    ),
    path("handlaggning/ansokningar/<uuid:application_id>/granskare/", views.officer_assign, name="officer_assign"),
    path(
        "handlaggning/ansokningar/<uuid:application_id>/granskare/<uuid:assignment_id>/ta-bort/",
        views.officer_unassign,
        name="officer_unassign",
    ),
    path("handlaggning/ansokningar/<uuid:application_id>/beslut/", views.officer_decide, name="officer_decide"),
    path("handlaggning/ansokningar/<uuid:application_id>/utbetalning/", views.officer_paid, name="officer_paid"),
    path("handlaggning/ansokningar/<uuid:application_id>/avsluta/", views.officer_close, name="officer_close"),
    path("handlaggning/ansokningar/<uuid:application_id>/slutrapport/", views.officer_report, name="officer_report"),
    path("handlaggning/ansokningar/<uuid:application_id>/insats/", views.officer_initiative, name="officer_initiative"),
    path("handlaggning/program/", views.manage, name="manage"),
    path("handlaggning/program/nytt/", views.programme_edit, name="programme_create"),
    path("handlaggning/program/<slug:slug>/", views.programme_edit, name="programme_edit"),
    path("handlaggning/program/<slug:slug>/dokument/", views.programme_document, name="programme_document"),
    path("handlaggning/program/<slug:slug>/formular/", views.form_create, name="form_create"),
    path("handlaggning/program/<slug:slug>/utlysningar/ny/", views.call_edit, name="call_create"),
    path("handlaggning/program/<slug:slug>/utlysningar/<slug:call_slug>/", views.call_edit, name="call_edit"),
    path(
        "handlaggning/program/<slug:slug>/utlysningar/<slug:call_slug>/kriterier/",
        views.criterion_add,
        name="criterion_add",
    ),
    path("handlaggning/formular/<uuid:version_id>/", views.form_version, name="form_version"),
    path("handlaggning/formular/<uuid:version_id>/fragor/<uuid:field_id>/", views.form_version, name="form_field"),
    path(
        "handlaggning/formular/<uuid:version_id>/fragor/<uuid:field_id>/ta-bort/",
        views.form_field_remove,
        name="form_field_remove",
    ),
    path("handlaggning/formular/<uuid:version_id>/ny-version/", views.form_new_version, name="form_new_version"),
]
