from typing import Any

from django.urls import path

from vagenin.api import views

LIST: dict[str, Any] = {"get": "list"}
DETAIL: dict[str, Any] = {"get": "retrieve"}

app_name = "api"
urlpatterns = [
    path("", views.docs, name="docs"),
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("dcat.rdf", views.dcat, name="dcat"),
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
    path("settlement-quotas/", views.SettlementQuotaViewSet.as_view(LIST), name="settlement-quotas-list"),
    path("settlement-reception/", views.SettlementReceptionViewSet.as_view(LIST), name="settlement-reception-list"),
    path("grants/", views.GrantViewSet.as_view(LIST), name="grants-list"),
    path("indicators/", views.IndicatorViewSet.as_view(LIST), name="indicators-list"),
    path("indicators/<str:code>/", views.IndicatorViewSet.as_view(DETAIL), name="indicators-detail"),
    path("observations/", views.ObservationViewSet.as_view(LIST), name="observations-list"),
    path("events/", views.EventViewSet.as_view(LIST), name="events-list"),
    path("events/<uuid:event_uuid>/", views.EventViewSet.as_view(DETAIL), name="events-detail"),
    path("initiatives.atom", views.initiatives_feed, name="initiatives-feed"),
    path("initiatives.en.atom", views.initiatives_feed_en, name="initiatives-feed-en"),
    path("news/", views.NewsViewSet.as_view(LIST), name="news-list"),
    path("news/<uuid:newsitem>/", views.NewsViewSet.as_view(DETAIL), name="news-detail"),
    path("documents/", views.DocumentViewSet.as_view(LIST), name="documents-list"),
    path("documents/<uuid:document>/", views.DocumentViewSet.as_view(DETAIL), name="documents-detail"),
]
