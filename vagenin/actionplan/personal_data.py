"""The submitter of a public project submission in the registry of personal data."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from vagenin.actionplan.models import ProjectSubmission
from vagenin.common.personaldata import Source, Subject, matching, register


def _find(subject: Subject) -> Any:
    return ProjectSubmission.objects.filter(
        matching({"email": ["submitter_email"], "name": ["submitter_name"]}, subject)
    )


def _export(submission: ProjectSubmission) -> dict[str, Any]:
    return {
        "title": submission.title,
        "submitted": submission.created_at.isoformat(),
        "status": submission.status,
        "submitter_name": submission.submitter_name,
        "submitter_email": submission.submitter_email,
        "organisation_name": submission.organisation_name,
    }


def _erase(submission: ProjectSubmission) -> str:
    """The project stays (it may be a published initiative's origin); who sent it does not."""
    submission.submitter_name = ""
    submission.submitter_email = ""
    submission.save(update_fields=["submitter_name", "submitter_email"])
    return "anonymised"


def register_personal_data() -> None:
    register(
        Source(
            model=ProjectSubmission,
            fields=("submitter_name", "submitter_email"),
            find=_find,
            export=_export,
            erase=_erase,
            purpose=_("Den som skickat in ett projekt till projektkatalogen, för frågor under granskningen."),
        )
    )
