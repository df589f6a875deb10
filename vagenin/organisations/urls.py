from django.urls import path

from vagenin.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("ny/", views.organisation_create, name="create"),
    path("sok/", views.organisation_search, name="search"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/redigera/", views.organisation_edit, name="edit"),
    path("<slug:slug>/kontaktpersoner/", views.contact_list, name="contacts"),
    path("<slug:slug>/kontaktpersoner/ny/", views.contact_add, name="contact_add"),
    path("<slug:slug>/kontaktpersoner/<uuid:position>/", views.contact_edit, name="contact_edit"),
    path("<slug:slug>/kontaktpersoner/<uuid:position>/avsluta/", views.contact_end, name="contact_end"),
]
