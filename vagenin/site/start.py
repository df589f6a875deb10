"""The modules' entries on the staff start page: for each role, the pages it can use, asked of each app's own
permission helpers, so a link is shown exactly when the page behind it opens for this user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from vagenin.accounts.models import StaffRole
from vagenin.accounts.permissions import editable_organisation_ids, has_role, is_coordinator
from vagenin.actionplan.models import ProgressReport, ReportStatus
from vagenin.grants.models import ReviewAssignment
from vagenin.grants.permissions import is_grant_officer, may_review
from vagenin.indicators.permissions import may_manage_statistics
from vagenin.meetings.permissions import may_create_events, may_see_statistics
from vagenin.newsletter.permissions import may_write_news
from vagenin.settlement.permissions import can_read_settlement, is_settlement_officer, reporting_municipality_ids


@dataclass
class Section:
    title: str
    about: str
    links: list[tuple[str, str]] = field(default_factory=list)


def returned_reports(user: Any) -> list[ProgressReport]:
    """The progress reports the secretariat has sent back to the organisations the user edits for, with its
    comment: flagged on the start page until they are sent in again. Oldest decision first."""
    organisations = editable_organisation_ids(user)
    if not organisations:
        return []
    return list(
        ProgressReport.objects.filter(status=ReportStatus.RETURNED, initiative__lead_organisation_id__in=organisations)
        .select_related("initiative")
        .order_by("decided_at", "pk")
    )


def sections(user: Any) -> list[Section]:
    """The modules this user works in, each with what the role does there and links to its pages."""
    found: list[Section] = []
    analyst = has_role(user, StaffRole.ANALYST)

    settlement = Section(
        _("Bosättning"),
        _("Länstal och kommuntal för mottagandet av nyanlända, kommunernas beredskap och rapportering."),
    )
    if can_read_settlement(user):
        settlement.links.append((_("Bosättningsår, modell och beslut"), reverse("settlement:manage")))
        settlement.links.append((_("Kommunernas beredskap"), reverse("settlement:readiness")))
    if is_settlement_officer(user):
        settlement.links.append((_("Importera Migrationsverkets siffror"), reverse("settlement:import")))
    if reporting_municipality_ids(user):
        settlement.links.append((_("Rapportera för min kommun"), reverse("settlement:report_home")))
    if analyst or can_read_settlement(user) or reporting_municipality_ids(user):
        settlement.links.append((_("Offentliga kommuntal"), reverse("settlement:index")))
        found.append(settlement)

    grants = Section(_("Bidrag"), _("Utlysningar, ansökningar, bedömning, beslut och återrapportering."))
    if is_grant_officer(user):
        grants.links.append((_("Handläggning av ansökningar"), reverse("grants:officer_list")))
        grants.links.append((_("Program och utlysningar"), reverse("grants:manage")))
    if is_grant_officer(user) or analyst:
        grants.links.append((_("Statistik över ansökningar och beslut"), reverse("grants:overview")))
    if may_review(user) and ReviewAssignment.objects.filter(reviewer=user).exists():
        grants.links.append((_("Mina granskningar"), reverse("grants:my_reviews")))
    if grants.links:
        found.append(grants)

    statistics = Section(_("Statistik och integrationsrapport"), _("Officiell statistik, indikatorer och rapporten."))
    if may_manage_statistics(user):
        statistics.links.append((_("Import, indikatorer och rapporter"), reverse("indicators:staff_home")))
        statistics.links.append((_("Länets och kommunernas statistik"), reverse("indicators:index")))
        found.append(statistics)

    meetings = Section(_("Möten"), _("Rådslag, processdagar, nätverksträffar och deras beslut."))
    if may_create_events(user):
        meetings.links.append((_("Mina arrangemang"), reverse("meetings:my_events")))
        meetings.links.append((_("Skapa ett möte"), reverse("meetings:create")))
    if may_see_statistics(user):
        meetings.links.append((_("Deltagarstatistik"), reverse("meetings:statistics")))
    if meetings.links:
        meetings.links.append((_("Beslutsregistret"), reverse("meetings:decisions")))
        found.append(meetings)

    news = Section(_("Nyheter och nyhetsbrev"), _("Nyheter, kunskapsbanken och nyhetsbrevet."))
    if may_write_news(user):
        news.links.append((_("Nyheter och kunskapsbank"), reverse("newsletter:news_manage")))
    if is_coordinator(user):
        news.links.append((_("Nyhetsbrev"), reverse("newsletter:issues")))
    if news.links:
        found.append(news)

    if analyst:
        overviews = Section(
            _("Handlingsplanen"),
            _("Som analytiker läser du översikter och exporter som inte innehåller personuppgifter."),
        )
        overviews.links.append((_("Översikt över handlingsplanen, utkast medräknade"), reverse("actionplan:overview")))
        overviews.links.append((_("Exportera insatser"), reverse("actionplan:export")))
        found.insert(0, overviews)
    return found
