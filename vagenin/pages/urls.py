from django.urls import path

from vagenin.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("kontakt/", views.contact, name="contact"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("synpunkt/", views.page_feedback, name="feedback"),
]
