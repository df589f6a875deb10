from typing import Any

from django.urls import path

from vagenin.actionplan.feeds import NewInitiativesFeed
from vagenin.api import views
from vagenin.common.pagecache import cache_for_anonymous

LIST: dict[str, Any] = {"get": "list"}
DETAIL: dict[str, Any] = {"get": "retrieve"}

app_name = "api"
urlpatterns = [
    path("", views.docs, name="docs"),
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("organisations/", views.OrganisationViewSet.as_view(LIST), name="organisations-list"),
    path("organisations/<slug:slug>/", views.OrganisationViewSet.as_view(DETAIL), name="organisations-detail"),
    path("counties/", views.CountyViewSet.as_view(LIST), name="counties-list"),
    path("counties/<str:code>/", views.CountyViewSet.as_view(DETAIL), name="counties-detail"),
    path("municipalities/", views.MunicipalityViewSet.as_view(LIST), name="municipalities-list"),
    path("municipalities/<str:code>/", views.MunicipalityViewSet.as_view(DETAIL), name="municipalities-detail"),
    path("agreements/", views.AgreementViewSet.as_view(LIST), name="agreements-list"),
    path("agreements/<slug:slug>/", views.AgreementViewSet.as_view(DETAIL), name="agreements-detail"),
    path("areas/", views.AreaViewSet.as_view(LIST), name="areas-list"),
    path("areas/<slug:period>/<slug:slug>/", views.AreaViewSet.as_view(DETAIL), name="areas-detail"),
    path("themes/", views.ThemeViewSet.as_view(LIST), name="themes-list"),
    path("themes/<slug:period>/<slug:area>/<slug:slug>/", views.ThemeViewSet.as_view(DETAIL), name="themes-detail"),
    path("bodies/", views.BodyViewSet.as_view(LIST), name="bodies-list"),
    path("bodies/<slug:period>/<slug:slug>/", views.BodyViewSet.as_view(DETAIL), name="bodies-detail"),
    path("initiatives/", views.InitiativeViewSet.as_view(LIST), name="initiatives-list"),
    path("initiatives/<slug:slug>/", views.InitiativeViewSet.as_view(DETAIL), name="initiatives-detail"),
    path("events/", views.EventViewSet.as_view(LIST), name="events-list"),
    path("events/<uuid:event_uuid>/", views.EventViewSet.as_view(DETAIL), name="events-detail"),
    path("initiatives.atom", cache_for_anonymous(NewInitiativesFeed()), name="initiatives-feed"),
]
