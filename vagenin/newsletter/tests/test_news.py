"""News: the partner's approval workflow, scheduled publishing, images with alt text, the public list and feeds."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.common.models import AuditEntry
from vagenin.newsletter import services
from vagenin.newsletter.forms import check_image
from vagenin.newsletter.models import NewsItem, NewsStatus
from vagenin.newsletter.tests.builders import PNG, area, make_news

pytestmark = pytest.mark.django_db


def _draft(personas: Personas) -> NewsItem:
    return services.create_news(
        actor=personas.editor_a,
        organisation=personas.org_a,
        data={"title_sv": "Språkcafé", "summary_sv": "Varje vecka.", "body_sv": "## Tid\n\n- tisdagar"},
    )


def test_partner_item_is_submitted_approved_and_mailed(personas: Personas) -> None:
    item = _draft(personas)
    services.submit_news(actor=personas.editor_a, item=item)
    assert NewsItem.objects.get(pk=item.pk).status == NewsStatus.SUBMITTED
    with pytest.raises(services.TransitionError):
        services.submit_news(actor=personas.editor_a, item=item)
    item = services.approve_news(actor=personas.coordinator, item=item)
    assert item.is_public
    assert NewsItem.objects.published().filter(pk=item.pk).exists()
    actions = list(AuditEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert {"news.created", "news.submitted", "news.approved"} <= set(actions)


def test_mails_on_commit(personas: Personas, django_capture_on_commit_callbacks: object) -> None:
    item = _draft(personas)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.submit_news(actor=personas.editor_a, item=item)
    assert "Språkcafé" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.return_news(actor=personas.coordinator, item=item, comment="Lägg till en adress.")
    assert mail.outbox[-1].to == [personas.editor_a.email]
    assert "Lägg till en adress." in mail.outbox[-1].body


def test_return_needs_a_comment_and_a_submitted_item(personas: Personas) -> None:
    item = _draft(personas)
    with pytest.raises(services.TransitionError):
        services.return_news(actor=personas.coordinator, item=item, comment="x")
    services.submit_news(actor=personas.editor_a, item=item)
    with pytest.raises(services.TransitionError):
        services.return_news(actor=personas.coordinator, item=item, comment=" ")
    services.return_news(actor=personas.coordinator, item=item, comment="Kortare ingress.")
    assert NewsItem.objects.get(pk=item.pk).status == NewsStatus.RETURNED


def test_editor_cannot_change_a_submitted_item(personas: Personas) -> None:
    item = _draft(personas)
    services.submit_news(actor=personas.editor_a, item=item)
    with pytest.raises(services.TransitionError):
        services.update_news(actor=personas.editor_a, item=item, data={"title_sv": "Nytt"}, is_coordinator=False)
    services.update_news(actor=personas.coordinator, item=item, data={"title_sv": "Nytt"}, is_coordinator=True)
    assert NewsItem.objects.get(pk=item.pk).title_sv == "Nytt"


def test_scheduled_item_appears_at_its_time_without_a_job(personas: Personas) -> None:
    item = _draft(personas)
    later = timezone.now() + datetime.timedelta(days=2)
    services.approve_news(actor=personas.coordinator, item=item, published_at=later)
    item.refresh_from_db()
    assert item.state == "scheduled"
    assert reverse("newsletter:news_detail", kwargs={"newsitem": item.uuid})
    assert personas.client("anonymous").get(item.get_absolute_url()).status_code == 404
    assert not NewsItem.objects.published().exists()
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert NewsItem.objects.published().filter(pk=item.pk).exists()
        response = personas.client("anonymous").get(reverse("newsletter:news_list"))
        assert "Språkcafé" in response.content.decode()


def test_image_needs_alt_text_in_the_database() -> None:
    from django.db import IntegrityError, transaction

    from testsupport.personas import make_organisation

    organisation = make_organisation("org")
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItem.objects.create(organisation=organisation, title_sv="x", summary_sv="y", image="news/a.png")


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bild.png", PNG, True),
        ("bild.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, True),
        ("bild.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 8, True),
        ("bild.webp", b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 8, False),
        ("bild.png", b"<svg onload=alert(1)>", False),
        ("bild.svg", b"<svg/>", False),
        ("bild.gif", b"GIF89a", False),
    ],
)
def test_image_check(name: str, content: bytes, ok: bool) -> None:
    upload = SimpleUploadedFile(name, content)
    if ok:
        assert check_image(upload).startswith("image/")
    else:
        with pytest.raises(ValidationError):
            check_image(upload)


def test_form_requires_alt_text_for_an_image(personas: Personas) -> None:
    client = personas.client("editor_a")
    data = {"organisation": personas.org_a.pk, "title_sv": "Med bild", "summary_sv": "Ingress"}
    response = client.post(
        reverse("newsletter:news_create"), {**data, "image": SimpleUploadedFile("a.png", PNG, "image/png")}
    )
    assert response.status_code == 200
    assert "alternativtext" in response.content.decode()
    response = client.post(
        reverse("newsletter:news_create"),
        {**data, "image_alt_sv": "En blå yta", "image": SimpleUploadedFile("a.png", PNG, "image/png")},
    )
    assert response.status_code == 302
    item = NewsItem.objects.get(title_sv="Med bild")
    assert item.image and item.status == NewsStatus.DRAFT


def test_editor_writes_only_for_own_organisation(personas: Personas) -> None:
    response = personas.client("editor_a").post(
        reverse("newsletter:news_create"), {"organisation": personas.org_b.pk, "title_sv": "X", "summary_sv": "Y"}
    )
    assert response.status_code == 200
    assert not NewsItem.objects.exists()


def test_public_list_filters_and_renders_markup_safely(personas: Personas) -> None:
    work = area()
    tagged = make_news(personas.org_a, "Arbetsnyhet", body_sv="## Mer\n\n<script>alert(1)</script>")
    tagged.areas.add(work)
    make_news(personas.org_b, "Annan nyhet")
    make_news(personas.org_b, "Utkastet", published=False)
    client = personas.client("anonymous")
    page = client.get(reverse("newsletter:news_list")).content.decode()
    assert "Arbetsnyhet" in page and "Annan nyhet" in page and "Utkastet" not in page
    page = client.get(reverse("newsletter:news_list") + "?omrade=arbete").content.decode()
    assert "Arbetsnyhet" in page and "Annan nyhet" not in page
    detail = client.get(tagged.get_absolute_url()).content.decode()
    assert "<h2>Mer</h2>" in detail and "<script>alert(1)" not in detail


def test_english_page_uses_english_text(personas: Personas) -> None:
    item = make_news(personas.org_a, "Svensk rubrik", title_en="English title")
    page = personas.client("anonymous").get("/en" + item.get_absolute_url()).content.decode()
    assert "English title" in page


def test_feeds_per_language_and_area(personas: Personas) -> None:
    work = area()
    item = make_news(personas.org_a, "Svensk", title_en="English")
    item.areas.add(work)
    make_news(personas.org_b, "Otaggad")
    client = personas.client("anonymous")
    sv = client.get(reverse("newsletter:feed_sv")).content.decode()
    en = client.get(reverse("newsletter:feed_en")).content.decode()
    by_area = client.get(reverse("newsletter:feed_area", kwargs={"area": "arbete"})).content.decode()
    assert "<title>Svensk</title>" in sv and "<title>English</title>" in en
    assert "Svensk" in by_area and "Otaggad" not in by_area
    assert f"urn:uuid:{item.uuid}" in sv
    assert client.get(reverse("newsletter:feed_area", kwargs={"area": "finns-inte"})).status_code == 404


def test_a_document_an_issue_names_is_not_deleted(personas: Personas) -> None:
    from vagenin.newsletter.models import Document
    from vagenin.newsletter.tests.builders import make_document, make_issue

    document = make_document("Guide som används")
    issue = make_issue(personas.coordinator, documents=[document])
    client = personas.client("coordinator")
    url = reverse("newsletter:document_delete", kwargs={"document": document.uuid})
    response = client.post(url, follow=True)
    assert Document.objects.filter(pk=document.pk).exists()
    text = response.content.decode()
    assert "kan inte tas bort" in text and "Nyhetsbrev 1" in text
    issue.documents.clear()
    assert client.post(url).status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    entry = AuditEntry.objects.get(action="document.deleted")
    assert entry.changes["title"] == "Guide som används"
