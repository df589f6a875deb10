"""Atom feeds of published news: one per language, and one per area of the agreement in force in each language."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import escape

from vagenin.actionplan.feeds import StableAtom1Feed
from vagenin.agreement.models import AgreementPeriod, Area
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.newsletter.models import NewsItem

FEED_LENGTH = 30
CACHE_SECONDS = 300


def _english() -> bool:
    return (translation.get_language() or "sv").startswith("en")


class NewsFeed(Feed):
    """The newest published news in one language (English text where there is one, else Swedish): the feed's
    own language, or without one the language of its address (/en/…)."""

    feed_type = StableAtom1Feed

    def __init__(self, language: str | None = None) -> None:
        super().__init__()
        self.language = language

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(self.language or translation.get_language()):
            response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Area | None:
        return None

    def title(self, obj: Area | None = None) -> str:
        if _english():
            return "Vägen in – news" + (f": {obj.short_name}" if obj else "")
        return "Vägen in – nyheter" + (f": {obj.short_name}" if obj else "")

    def subtitle(self, obj: Area | None = None) -> str:
        if _english():
            return "News from the regional integration partnership Vägen in, Dalarna."
        return "Nyheter från den regionala överenskommelsen Vägen in i Dalarna."

    def link(self, obj: Area | None = None) -> str:
        return reverse("newsletter:news_list")

    def items(self, obj: Area | None = None) -> QuerySet[NewsItem]:
        items = NewsItem.objects.published().select_related("organisation").prefetch_related("areas")
        if obj is not None:
            items = items.filter(areas=obj)
        return items.order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return escape(item.summary)

    def item_link(self, item: NewsItem) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: NewsItem) -> str:
        return f"urn:uuid:{item.uuid}"

    def item_pubdate(self, item: NewsItem) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsItem) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: NewsItem) -> str:
        return item.organisation.display_name

    def item_categories(self, item: NewsItem) -> list[str]:
        return [area.short_name for area in item.areas.all()]


class AreaNewsFeed(NewsFeed):
    """News tagged with one area of the agreement in force, in the language of the address."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Area:
        period = AgreementPeriod.objects.current()
        if period is None:
            raise Http404("No agreement period.")
        return get_object_or_404(Area, period=period, slug=kwargs["area"])


news_feed_sv = cache_for_anonymous(NewsFeed("sv"))
news_feed_en = cache_for_anonymous(NewsFeed("en"))
area_feed = cache_for_anonymous(AreaNewsFeed())
