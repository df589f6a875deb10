"""Benchmark data for the newsletter: published news, a knowledge bank, sent issues with their deliveries, and
100,000 confirmed subscribers at national volume.

Run by `python -m bench` after the organisations, agreement and action-plan generators; `bench.newsletter_send`
uses `subscribers` alone to measure sending.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from bench.rows import bulk_insert
from vagenin.agreement.models import Area
from vagenin.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Document,
    DocumentKind,
    Issue,
    IssueStatus,
    NewsItem,
    NewsStatus,
    Subscriber,
    SubscriberSource,
    SubscriberStatus,
)
from vagenin.organisations.models import Organisation

NATIONAL_SUBSCRIBERS = 100_000
NATIONAL_NEWS = 3_000
NATIONAL_DOCUMENTS = 1_000
SENT_ISSUES = 16
ENGLISH_SHARE = 0.1
CHOOSES_AREAS_SHARE = 0.3
DELIVERIES_PER_ISSUE = 2_000
NOW = datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)


def subscribers(rng: random.Random, count: int) -> list[Subscriber]:
    """`count` confirmed subscribers on the example domain, a tenth in English, some with chosen areas."""
    consent = timezone.now() - datetime.timedelta(days=30)
    rows = bulk_insert(
        Subscriber,
        (
            Subscriber(
                email=f"prenumerant{number}@bench.example",
                language="en" if rng.random() < ENGLISH_SHARE else "sv",
                status=SubscriberStatus.ACTIVE,
                source=SubscriberSource.FORM,
                consent_at=consent,
            )
            for number in range(count)
        ),
        rng,
    )
    areas = list(Area.objects.values_list("pk", flat=True))
    through = Subscriber.areas.through
    if areas:
        links = [
            through(subscriber_id=row.pk, area_id=rng.choice(areas))
            for row in rows
            if rng.random() < CHOOSES_AREAS_SHARE
        ]
        through.objects.bulk_create(links, batch_size=2000)
    return rows


def generate(rng: random.Random, scale: float) -> dict[str, int]:
    organisations = list(Organisation.objects.values_list("pk", flat=True)[:500])
    areas = list(Area.objects.values_list("pk", flat=True))
    news = bulk_insert(
        NewsItem,
        (
            NewsItem(
                organisation_id=rng.choice(organisations),
                title_sv=f"Nyhet {number}",
                title_en=f"News {number}",
                summary_sv="Nyheter från samverkan om integration i länet.",
                body_sv="## Bakgrund\n\nText om insatsen.\n\n- första punkten\n- andra punkten",
                status=NewsStatus.APPROVED,
                published_at=NOW - datetime.timedelta(hours=number),
            )
            for number in range(max(1, int(NATIONAL_NEWS * scale)))
        ),
        rng,
    )
    NewsItem.areas.through.objects.bulk_create(
        [NewsItem.areas.through(newsitem_id=item.pk, area_id=rng.choice(areas)) for item in news], batch_size=2000
    )
    kinds = list(DocumentKind.values)
    documents = bulk_insert(
        Document,
        (
            Document(
                title_sv=f"Rapport om etablering {number}",
                description_sv="Sammanfattning av arbetet med nyanländas etablering och samverkan.",
                kind=rng.choice(kinds),
                date=(NOW - datetime.timedelta(days=number)).date(),
            )
            for number in range(max(1, int(NATIONAL_DOCUMENTS * scale)))
        ),
        rng,
    )
    people = subscribers(rng, max(1, int(NATIONAL_SUBSCRIBERS * scale)))
    issues = bulk_insert(
        Issue,
        (
            Issue(
                number=number + 1,
                subject_sv=f"Nyhetsbrev {number + 1}",
                status=IssueStatus.SENT,
                sent_at=NOW - datetime.timedelta(days=90 * (SENT_ISSUES - number)),
            )
            for number in range(SENT_ISSUES)
        ),
        rng,
    )
    deliveries = Delivery.objects.bulk_create(
        (
            Delivery(issue=issue, subscriber=person, status=DeliveryStatus.SENT, attempts=1, sent_at=issue.sent_at)
            for issue in issues
            for person in people[:DELIVERIES_PER_ISSUE]
        ),
        batch_size=2000,
    )
    return {
        "news items": len(news),
        "documents": len(documents),
        "subscribers": len(people),
        "sent issues": len(issues),
        "deliveries": len(deliveries),
    }
