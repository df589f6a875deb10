"""Checks for uploaded files: size, extension, content (magic bytes) and viruses, before anything is stored."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from vagenin.common import antivirus

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    content_type: str
    magic: tuple[bytes, ...]


# Office formats are zip containers; the extension says which one.
ALLOWED: dict[str, Kind] = {
    "pdf": Kind("application/pdf", (b"%PDF-",)),
    "png": Kind("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "pptx": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", (b"PK\x03\x04",)),
    "odt": Kind("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": Kind("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
}


def check_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; a ValidationError saying what is wrong otherwise."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = ALLOWED.get(extension)
    if kind is None:
        raise ValidationError(
            _("Filtypen är inte tillåten. Tillåtna filtyper: %(types)s."), params={"types": ", ".join(sorted(ALLOWED))}
        )
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Filen är för stor (högst %(mb)s MB)."), params={"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in kind.magic):
        raise ValidationError(
            _("Filens innehåll stämmer inte med filtypen %(extension)s."), params={"extension": extension}
        )
    scan_for_viruses(upload)
    return kind.content_type


def scan_for_viruses(upload: UploadedFile) -> None:
    """Refuse an upload clamd finds infected, and every upload while a configured clamd gives no verdict.

    Does nothing when CLAMAV_ADDRESS is empty. Leaves the file rewound.
    """
    address = settings.CLAMAV_ADDRESS
    if not address:
        return
    try:
        finding = antivirus.scan(upload.chunks(), address=address, timeout=settings.CLAMAV_TIMEOUT)
    except antivirus.ScanError as error:
        # Fail closed: an unscanned file is never accepted.
        logger.error("Upload %r refused because the virus scan failed: %s", upload.name, error)
        raise ValidationError(
            _("Filen kunde inte kontrolleras mot virus just nu. Försök igen senare."), code="scan_failed"
        ) from error
    finally:
        upload.seek(0)
    if finding is not None:
        logger.warning("Upload %r refused: clamd found %s", upload.name, finding)
        raise ValidationError(
            _("Filen stoppades av viruskontrollen (%(finding)s)."), params={"finding": finding}, code="infected"
        )
