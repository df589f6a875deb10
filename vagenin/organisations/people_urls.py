"""The secretariat's register of people (mounted at /personer/)."""

from django.urls import path

from vagenin.organisations import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("ny/", views.person_create, name="create"),
    path("sok/", views.person_search, name="search"),
    path("<uuid:person_id>/", views.person_edit, name="edit"),
    path("<uuid:person_id>/befattningar/ny/", views.position_add, name="position_add"),
    path("<uuid:person_id>/befattningar/<uuid:position>/avsluta/", views.person_position_end, name="position_end"),
    path("<uuid:person_id>/ta-bort/", views.person_delete, name="delete"),
]
