from django.urls import path

from vagenin.site import views

app_name = "site"
urlpatterns = [
    path("konto/min-sida/", views.dashboard, name="dashboard"),
    path("kansli/personuppgifter/", views.personal_data, name="personal_data"),
    path("kansli/personuppgifter/radera/", views.personal_data_erase, name="personal_data_erase"),
]
