"""Access helpers: analysts and coordinators manage statistics and the report; everyone reads what is published."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from vagenin.accounts.models import StaffRole
from vagenin.accounts.permissions import has_role, is_coordinator
from vagenin.actionplan.models import Indicator
from vagenin.indicators.models import Edition, ImportBatch, IndicatorDefinition, Publication, Report


def may_manage_statistics(user: Any) -> bool:
    """Analysts and coordinators import statistics, define indicators and produce the report."""
    return is_coordinator(user) or has_role(user, StaffRole.ANALYST)


def require_statistics_staff(user: Any) -> None:
    if not may_manage_statistics(user):
        raise PermissionDenied("Only analysts and coordinators may do this.")


def get_batch_for(user: Any, batch_id: uuid.UUID) -> ImportBatch:
    require_statistics_staff(user)
    return get_object_or_404(ImportBatch.objects.select_related("created_by"), uuid=batch_id)


def get_indicator_for(user: Any, code: str, need: str = "view") -> IndicatorDefinition:
    """Every definition is public; changing one is for statistics staff."""
    if need == "edit":
        require_statistics_staff(user)
    return get_object_or_404(IndicatorDefinition.objects.select_related("area"), code=code)


def get_initiative_indicator_for(user: Any, indicator_uuid: uuid.UUID) -> Indicator:
    """An action-plan initiative's indicator, for statistics staff linking it to an official series."""
    require_statistics_staff(user)
    return get_object_or_404(Indicator.objects.select_related("initiative"), uuid=indicator_uuid)


def get_report_for(user: Any, integration_report: uuid.UUID) -> Report:
    require_statistics_staff(user)
    return get_object_or_404(Report, uuid=integration_report)


def get_publication_for(user: Any, publication_id: uuid.UUID) -> Publication:
    require_statistics_staff(user)
    return get_object_or_404(Publication.objects.select_related("report"), uuid=publication_id)


def get_published_edition(integration_report: uuid.UUID, geo_code: str) -> Edition:
    """The edition of the report's published version for a geography; 404 until a version is published."""
    edition = (
        Edition.objects.select_related("publication__report")
        .filter(
            publication__report__uuid=integration_report,
            publication__state=Publication.State.PUBLISHED,
            geo_code=geo_code,
        )
        .first()
    )
    if edition is None:
        raise Http404("No published edition.")
    return edition


def get_edition_for(user: Any, publication_id: uuid.UUID, geo_code: str) -> Edition:
    """Any version's edition, for statistics staff checking it before publishing."""
    require_statistics_staff(user)
    return get_object_or_404(
        Edition.objects.select_related("publication__report"), publication__uuid=publication_id, geo_code=geo_code
    )
