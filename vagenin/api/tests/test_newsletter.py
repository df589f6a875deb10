"""The newsletter's open data: published news and the knowledge bank, no personal data, a steady query count."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testsupport.personas import Personas
from vagenin.newsletter.tests.builders import area, make_document, make_news

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_carry_over() -> None:
    cache.clear()


def test_only_published_news_without_people(personas: Personas) -> None:
    work = area()
    item = make_news(personas.org_a, "Publicerad", body_sv="## Rubrik")
    item.areas.add(work)
    make_news(personas.org_a, "Utkast", published=False)
    rows = Client().get(reverse("api:news-list")).json()["results"]
    assert [row["title_sv"] for row in rows] == ["Publicerad"]
    assert rows[0]["organisation"] == personas.org_a.slug and rows[0]["areas"] == ["arbete"]
    assert "created_by" not in rows[0] and "decided_by" not in rows[0] and "reviewer_comment" not in rows[0]
    detail = Client().get(reverse("api:news-detail", kwargs={"newsitem": item.uuid}))
    assert detail.status_code == 200 and detail.json()["body_sv"] == "## Rubrik"
    assert Client().get(reverse("api:news-list") + "?area=bostad").json()["results"] == []


def test_documents_filter_by_kind(personas: Personas) -> None:
    make_document("Guiden", kind="guide")
    make_document("Rapporten", kind="report")
    rows = Client().get(reverse("api:documents-list") + "?kind=report").json()["results"]
    assert [row["title_sv"] for row in rows] == ["Rapporten"]
    assert rows[0]["file_url"] is None
    csv = Client().get(reverse("api:documents-list") + "?format=csv")
    assert csv.status_code == 200 and "Guiden" in csv.content.decode()


def test_lists_keep_their_query_count(personas: Personas) -> None:
    work = area()

    def count(url: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        return len(queries)

    def grow(start: int, number: int) -> None:
        for index in range(start, start + number):
            make_news(personas.org_a, f"Nyhet {index}").areas.add(work)
            make_document(f"Dokument {index}", organisation=personas.org_b).areas.add(work)

    grow(0, 3)
    urls = [reverse("api:news-list"), reverse("api:documents-list")]
    urls += [reverse(name) for name in ("newsletter:news_list", "newsletter:documents", "newsletter:archive")]
    few = [count(url) for url in urls]
    grow(3, 30)
    many = [count(url) for url in urls]
    assert few == many
    assert max(many) <= 15
