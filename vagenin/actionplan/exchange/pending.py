"""Uploaded import files waiting between the preview and the confirmation, kept in private storage.

A checked file is kept under a random token in a folder of MEDIA_ROOT, which is never served (attachments
are downloaded through a view that checks access; see docs/deploy.md). The session holds only the token
(`SESSION_KEY`; `permissions.get_pending_upload_for` checks it). Confirming or cancelling deletes the
file, and files older than MAX_AGE are purged whenever a new one is kept.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

SESSION_KEY = "actionplan_import"
FOLDER = "pending-imports"
# Long enough to read a preview and confirm it; an older preview has expired and the file is purged.
MAX_AGE = datetime.timedelta(days=1)
TOKEN = re.compile(r"[0-9a-f]{32}")
SUFFIX = ".upload"


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str  # the file name as uploaded
    content: bytes
    uploaded_by: int  # the user's primary key


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


def _path(token: str) -> Path | None:
    """Where the token's file is; None for anything but a token `keep` could have made."""
    return folder() / f"{token}{SUFFIX}" if TOKEN.fullmatch(token) else None


def keep(*, name: str, content: bytes, uploaded_by: int) -> str:
    """Store a checked file until it is confirmed or cancelled; returns its token. Purges expired files first."""
    purge()
    token = secrets.token_hex(16)
    path = _path(token)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    # One line of JSON about the file, then the file as uploaded; written aside and renamed, so never half there.
    header = json.dumps({"name": name, "uploaded_by": uploaded_by}).encode("utf-8")
    partial = path.with_suffix(".partial")
    partial.write_bytes(header + b"\n" + content)
    os.replace(partial, path)
    return token


def load(token: str) -> PendingUpload | None:
    """The file kept under the token, or None when there is none or it has expired."""
    path = _path(token)
    if path is None:
        return None
    try:
        if path.stat().st_mtime < time.time() - MAX_AGE.total_seconds():
            discard(token)
            return None
        header, _, content = path.read_bytes().partition(b"\n")
    except FileNotFoundError:
        return None
    about = json.loads(header)
    return PendingUpload(token=token, name=about["name"], content=content, uploaded_by=about["uploaded_by"])


def discard(token: str) -> None:
    """Delete the file kept under the token, if there is one."""
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def purge(*, max_age: datetime.timedelta = MAX_AGE) -> int:
    """Delete every kept file (and any partly written one) older than `max_age`; returns how many."""
    cutoff = time.time() - max_age.total_seconds()
    deleted = 0
    for path in folder().glob("*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                deleted += 1
        except FileNotFoundError:  # deleted meanwhile by a confirmation in another request
            continue
    return deleted
