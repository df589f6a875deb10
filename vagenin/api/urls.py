from django.urls import path

from vagenin.api import views

app_name = "api"
urlpatterns = [
    path("", views.docs, name="docs"),
]
