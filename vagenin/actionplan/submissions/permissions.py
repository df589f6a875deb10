"""Access to project submissions: the secretariat's moderation and the submitter's private edit link."""

from __future__ import annotations

import uuid
from typing import Any

from django.shortcuts import get_object_or_404

from vagenin.accounts.permissions import require_coordinator
from vagenin.actionplan.models import ProjectSubmission


def get_submission_for_moderation(user: Any, submission_id: uuid.UUID) -> ProjectSubmission:
    """A submission for the secretariat's moderation; everyone else gets 403."""
    require_coordinator(user)
    return get_object_or_404(
        ProjectSubmission.objects.select_related("organisation", "initiative", "moderated_by"), uuid=submission_id
    )


def get_submission_by_token(token: uuid.UUID) -> ProjectSubmission:
    """A submission by its private edit link; 404 once it is published or declined."""
    return get_object_or_404(ProjectSubmission.objects.open(), edit_token=token)
