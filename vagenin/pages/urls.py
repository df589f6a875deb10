from django.urls import path

from vagenin.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("kontakt/", views.contact, name="contact"),
    path("kontakt/tack/", views.contact_sent, name="contact_sent"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("synpunkt/", views.page_feedback, name="feedback"),
    path("kansli/inkorg/", views.inbox, name="inbox"),
    path("kansli/inkorg/sidrespons/", views.feedback_stats, name="feedback_stats"),
    path("kansli/inkorg/<uuid:message>/", views.message_detail, name="message"),
    path("kansli/inkorg/<uuid:message>/svar/", views.message_reply, name="message_reply"),
    path("kansli/inkorg/<uuid:message>/hanterat/", views.message_mark_handled, name="message_handled"),
    path("kansli/inkorg/<uuid:message>/oppna-igen/", views.message_reopen, name="message_reopen"),
    path("kansli/inkorg/<uuid:message>/ta-bort/", views.message_delete, name="message_delete"),
]
