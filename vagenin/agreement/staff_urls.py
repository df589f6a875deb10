"""The secretariat's editing of the agreement's content and bodies."""

from django.urls import path

app_name = "agreement_staff"
urlpatterns: list = []
