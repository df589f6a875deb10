"""Links and attachments: who may add them, what uploads are refused, and who may download."""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from testsupport.fake_clamd import EICAR, SIGNATURE, FakeClamd, unused_port
from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.actionplan.models import Attachment, Link
from vagenin.actionplan.tests.builders import make_initiative
from vagenin.common.models import AuditEntry

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def _upload(name: str = "rapport.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.django_db
def test_editor_adds_and_removes_a_link(personas: Personas) -> None:
    initiative = make_initiative(personas.org_a, "Insats")
    client = personas.client("editor_a")
    response = client.post(
        reverse("actionplan:link_add", args=[initiative.slug]), {"title": "", "url": "inte en adress"}
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    client.post(
        reverse("actionplan:link_add", args=[initiative.slug]), {"title": "Om projektet", "url": "example.org/p"}
    )
    link = Link.objects.get()
    assert link.url == "https://example.org/p"
    client.post(reverse("actionplan:link_remove", args=[initiative.slug, link.uuid]))
    assert not Link.objects.exists()
    assert {"initiative.link_added", "initiative.link_removed"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00", "Filtypen är inte tillåten"),
        ("falsk.pdf", b"<html><script>alert(1)</script>", "Filens innehåll stämmer inte med filtypen pdf"),
        ("stor.pdf", PDF + b"0" * (10 * 1024 * 1024), "Filen är för stor"),
    ],
)
@pytest.mark.django_db
def test_bad_uploads_are_refused_and_nothing_is_stored(
    personas: Personas, name: str, content: bytes, message: str
) -> None:
    initiative = make_initiative(personas.org_a, "Insats")
    response = personas.client("editor_a").post(
        reverse("actionplan:attachment_add", args=[initiative.slug]), {"title": "Fil", "file": _upload(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("persona", PERSONA_NAMES)
@pytest.mark.django_db
def test_attachment_permissions(personas: Personas, persona: str) -> None:
    published = make_initiative(personas.org_a, "Publicerad")
    draft = make_initiative(personas.org_a, "Utkast", published=False)
    personas.client("editor_a").post(
        reverse("actionplan:attachment_add", args=[published.slug]), {"title": "Rapport", "file": _upload()}
    )
    personas.client("editor_a").post(
        reverse("actionplan:attachment_add", args=[draft.slug]), {"title": "Hemlig", "file": _upload()}
    )
    public, secret = Attachment.objects.get(title="Rapport"), Attachment.objects.get(title="Hemlig")
    client = personas.client(persona)
    response = client.get(reverse("actionplan:attachment", args=[published.slug, public.uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]  # FileResponse
    expected = {"anonymous": 404, "editor_a": 200, "editor_b": 404, "coordinator": 200}[persona]
    assert client.get(reverse("actionplan:attachment", args=[draft.slug, secret.uuid])).status_code == expected
    # Another initiative's slug with this attachment's id finds nothing.
    other = make_initiative(personas.org_b, "Annan")
    assert client.get(reverse("actionplan:attachment", args=[other.slug, public.uuid])).status_code == 404
    remove = reverse("actionplan:attachment_remove", args=[published.slug, public.uuid])
    status = client.post(remove).status_code
    assert status == {"anonymous": 302, "editor_a": 302, "editor_b": 404, "coordinator": 302}[persona]
    assert Attachment.objects.filter(pk=public.pk).exists() == (persona in {"anonymous", "editor_b"})


@pytest.mark.django_db
def test_with_clamd_configured_a_clean_attachment_is_scanned_and_stored(personas: Personas, settings: Any) -> None:
    initiative = make_initiative(personas.org_a, "Insats")
    with FakeClamd() as clamd:
        settings.CLAMAV_ADDRESS = clamd.address
        response = personas.client("editor_a").post(
            reverse("actionplan:attachment_add", args=[initiative.slug]), {"title": "Rapport", "file": _upload()}
        )
    assert response.status_code == 302
    assert clamd.streams == [PDF]
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF


@pytest.mark.django_db
def test_an_infected_attachment_is_refused_beside_the_file_field_and_nothing_is_stored(
    personas: Personas, settings: Any
) -> None:
    initiative = make_initiative(personas.org_a, "Insats")
    with FakeClamd() as clamd:
        settings.CLAMAV_ADDRESS = clamd.address
        response = personas.client("editor_a").post(
            reverse("actionplan:attachment_add", args=[initiative.slug]),
            {"title": "Smittad rapport", "file": _upload(content=PDF + EICAR)},
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        f'<p class="error-message" id="id_attachment_file_error">Filen stoppades av viruskontrollen ({SIGNATURE}).</p>'
        in html
    )
    assert 'value="Smittad rapport"' in html
    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action="initiative.attachment_added").exists()


@pytest.mark.django_db
def test_while_clamd_is_unreachable_attachments_are_refused_with_an_error_logged(
    personas: Personas, settings: Any, caplog: Any
) -> None:
    initiative = make_initiative(personas.org_a, "Insats")
    settings.CLAMAV_ADDRESS = f"tcp://127.0.0.1:{unused_port()}"
    with caplog.at_level(logging.ERROR, logger="vagenin.common.uploads"):
        response = personas.client("editor_a").post(
            reverse("actionplan:attachment_add", args=[initiative.slug]),
            {"title": "Rapport", "file": _upload()},
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filen kunde inte kontrolleras mot virus just nu. Försök igen senare." in html
    assert 'value="Rapport"' in html
    assert not Attachment.objects.exists()
    assert [record.levelno for record in caplog.records if record.name == "vagenin.common.uploads"] == [logging.ERROR]


@pytest.mark.django_db
def test_every_field_on_the_working_page_has_its_own_id(personas: Personas) -> None:
    """The link and attachment forms both have a "title"; each label must lead to its own field."""
    initiative = make_initiative(personas.org_a, "Insats")
    client = personas.client("editor_a")
    html = client.get(reverse("actionplan:manage", args=[initiative.slug])).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    for field_id in ("id_link_title", "id_attachment_title"):
        assert f'<label for="{field_id}">' in html and f'id="{field_id}"' in html

    # A refused upload shows the error summary, whose link leads to the attachment's own field.
    response = client.post(
        reverse("actionplan:attachment_add", args=[initiative.slug]), {"title": "", "file": _upload()}
    )
    assert response.status_code == 400
    assert '<a href="#id_attachment_title">' in response.content.decode()
