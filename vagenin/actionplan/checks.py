"""Dates of progress reports and milestones against the initiative's dates and today. The forms show these
messages beside the fields; the services refuse the same (ValidationError) whoever calls them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vagenin.actionplan.models import Initiative


def report_period_errors(
    initiative: Initiative, start: datetime.date | None, end: datetime.date | None
) -> dict[str, str]:
    """What is wrong with a report period, by field: it may not end in the future, nor before the initiative
    starts (a period that only begins before the start, as a reporting round's may, is fine)."""
    errors: dict[str, str] = {}
    if start and end and end < start:
        errors["period_end"] = _("Periodens slut kan inte vara före dess början.")
    elif end and end > timezone.localdate():
        errors["period_end"] = _("Perioden har inte tagit slut än. Rapportera när den är över.")
    elif end and initiative.starts_on and end < initiative.starts_on:
        message = _("Perioden slutar innan insatsen startar (%(start)s): det finns inget att rapportera.")
        errors["period_end"] = message % {"start": date_format(initiative.starts_on)}
    return errors


def milestone_done_error(initiative: Initiative, done_on: datetime.date | None) -> str | None:
    """What is wrong with the day a milestone was done: not in the future, not before the initiative starts."""
    if done_on is None:
        return None
    if done_on > timezone.localdate():
        return _("Datumet kan inte ligga i framtiden.")
    if initiative.starts_on and done_on < initiative.starts_on:
        return _("Delmålet kan inte vara klart före insatsens start (%(start)s).") % {
            "start": date_format(initiative.starts_on)
        }
    return None


def check_report_period(initiative: Initiative, start: datetime.date, end: datetime.date) -> None:
    errors = report_period_errors(initiative, start, end)
    if errors:
        raise ValidationError(errors)


def check_milestone_done(initiative: Initiative, done_on: datetime.date | None, field: str = "done_on") -> None:
    error = milestone_done_error(initiative, done_on)
    if error:
        raise ValidationError({field: error})
