from django.urls import path

from vagenin.agreement import views

app_name = "agreement"
urlpatterns = [
    path("", views.index, name="index"),
    path("omraden/", views.areas, name="areas"),
    path("organisation/", views.bodies, name="bodies"),
    path("<slug:period>/", views.period_detail, name="period"),
    path("<slug:period>/omraden/<slug:area>/", views.area_detail, name="area"),
    path("<slug:period>/organisation/<slug:body>/", views.body_detail, name="body"),
]
