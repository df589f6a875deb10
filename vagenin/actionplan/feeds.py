"""Atom feeds of newly published initiatives, one per language, for feed readers and harvesting the catalogue."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from vagenin.actionplan.models import Initiative
from vagenin.agreement.models import FocusTheme

FEED_LENGTH = 50
# As long as the open-data API's public cache: a new initiative shows up within five minutes.
CACHE_SECONDS = 300


class StableAtom1Feed(Atom1Feed):
    """An Atom feed whose bytes depend only on its entries: an empty feed is not "updated" at every request (the
    default is now), so its ETag stays the same and conditional requests get 304."""

    def latest_post_date(self) -> datetime.datetime:
        if not self.items:
            return datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
        return super().latest_post_date()


class NewInitiativesFeed(Feed):
    """The newest published initiatives, newest first, in one language: one feed per language, each with its
    titles, summaries, area names and links in that language (Swedish where an initiative has no English)."""

    feed_type = StableAtom1Feed
    # Atom's <rights>: the public data is free to reuse (the API states the same licence).
    feed_copyright = "CC0 1.0 Universal (https://creativecommons.org/publicdomain/zero/1.0/)"

    def __init__(self, language: str = "sv") -> None:
        super().__init__()
        self.language = language

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The feed's language is its own, not the reader's: the Swedish feed links to the Swedish pages.
        with translation.override(self.language):
            response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    def title(self) -> str:
        if self.language == "en":
            return "Vägen in – new initiatives in the action plan"
        return "Vägen in – nya insatser i handlingsplanen"

    def subtitle(self) -> str:
        if self.language == "en":
            return "Initiatives and projects just published in the Vägen in project catalogue."
        return "Insatser och projekt som nyss har publicerats i projektkatalogen för Vägen in."

    def link(self) -> str:
        return reverse("actionplan:catalogue")

    def feed_url(self) -> str:
        return reverse("api:initiatives-feed-en" if self.language == "en" else "api:initiatives-feed")

    def items(self) -> QuerySet[Initiative]:
        themes = FocusTheme.objects.select_related("area").order_by("area__number", "number")
        return (
            Initiative.objects.published()
            .filter(published_at__isnull=False)
            .select_related("lead_organisation")
            .prefetch_related(Prefetch("themes", queryset=themes))
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Initiative) -> str:
        return item.title

    def item_description(self, item: Initiative) -> str:
        # Atom1Feed marks the summary as HTML; the summary is plain text, so it is escaped once more.
        return escape(item.summary)

    def item_link(self, item: Initiative) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Initiative) -> str:
        # The UUID, not the link: the entry keeps its identity if the initiative's slug changes.
        return f"urn:uuid:{item.uuid}"

    def item_pubdate(self, item: Initiative) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Initiative) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Initiative) -> str:
        # The leading organisation, never a person: the contact person is not published.
        return item.lead_organisation.name

    def item_categories(self, item: Initiative) -> list[str]:
        return list(dict.fromkeys(theme.area.short_name for theme in item.themes.all()))
