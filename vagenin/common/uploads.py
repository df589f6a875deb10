"""Checks for uploaded files: size, extension and content (magic bytes), before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

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
    return kind.content_type
