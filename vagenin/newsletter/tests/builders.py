"""Small builders for newsletter tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from vagenin.accounts.models import User
from vagenin.actionplan.tests.builders import make_period
from vagenin.agreement.models import Area
from vagenin.newsletter import services
from vagenin.newsletter.models import Document, Issue, NewsItem, Subscriber, SubscriberSource, SubscriberStatus
from vagenin.organisations.models import Organisation

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def area() -> Area:
    make_period()
    return Area.objects.get(slug="arbete")


def make_news(
    organisation: Organisation, title: str = "Nyhet", *, published: bool = True, when: Any = None, **fields: Any
) -> NewsItem:
    item = NewsItem.objects.create(
        organisation=organisation,
        title_sv=title,
        summary_sv=fields.pop("summary_sv", f"Ingress för {title}"),
        status="approved" if published else "draft",
        published_at=(when or timezone.now() - datetime.timedelta(hours=1)) if published else None,
        **fields,
    )
    return item


def make_document(title: str = "Guide för jämställdhetssäkra beslut", **fields: Any) -> Document:
    fields.setdefault("description_sv", "En guide för kommuner.")
    fields.setdefault("date", datetime.date(2019, 5, 1))
    return Document.objects.create(title_sv=title, **fields)


def make_subscriber(email: str, *, language: str = "sv", active: bool = True) -> Subscriber:
    return Subscriber.objects.create(
        email=email,
        language=language,
        source=SubscriberSource.FORM,
        status=SubscriberStatus.ACTIVE if active else SubscriberStatus.PENDING,
        consent_at=timezone.now() if active else None,
    )


def make_issue(actor: User, *, news: list[NewsItem] | None = None, **data: Any) -> Issue:
    values: dict[str, Any] = {
        "subject_sv": "Nyhetsbrev 1",
        "subject_en": "Newsletter 1",
        "intro_sv": "Hej!",
        "intro_en": "Hello!",
    }
    values |= data
    if news:
        values["news"] = news
    return services.save_issue(actor=actor, issue=None, data=values)
