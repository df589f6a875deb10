from django.urls import path

from vagenin.accounts import views

app_name = "accounts"
urlpatterns = [
    path("min-sida/", views.dashboard, name="dashboard"),
]
