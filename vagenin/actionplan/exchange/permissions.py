"""Access to import and export. Import is for coordinators only (`accounts.permissions.require_coordinator`), export
for coordinators and analysts (`require_overview_reader`: it holds no personal data);
a previewed upload may be confirmed only from the session that uploaded it, by the user who did."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from vagenin.actionplan.exchange import pending


def get_pending_upload_for(user: Any, session: SessionBase, token: str) -> pending.PendingUpload | None:
    """The upload this session previewed if `token` names it (a token from elsewhere opens nothing); None when
    there is none, it has expired or was replaced by a newer upload, or another user kept it."""
    if not token or session.get(pending.SESSION_KEY) != token:
        return None
    upload = pending.load(token)
    if upload is None or upload.uploaded_by != user.pk:
        return None
    return upload
