from django.urls import path

from vagenin.site import views

app_name = "site"
urlpatterns = [
    path("min-sida/", views.dashboard, name="dashboard"),
]
