"""URL patterns for this part of the action plan (included from actionplan/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
