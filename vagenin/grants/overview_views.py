"""Overviews of grants per programme and year: applications, granted and paid amounts per municipality and
organisation type, as tables, accessible charts, CSV and XLSX."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from vagenin.accounts.models import StaffRole
from vagenin.accounts.permissions import has_role
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.actionplan.charts import Bar, bar_chart
from vagenin.grants.models import GRANTED_OUTCOMES, Application, Programme, Status
from vagenin.grants.permissions import is_grant_officer
from vagenin.organisations.models import OrganisationType

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Row:
    label: str
    applications: int
    requested: int
    granted: int
    paid: int


def _rows(applications: object, group: str, labels: dict[str, str]) -> list[Row]:
    granted = Q(outcome__in=GRANTED_OUTCOMES)
    paid = Q(status__in=[Status.PAID, Status.REPORTED, Status.CLOSED], outcome__in=GRANTED_OUTCOMES)
    result = (
        applications.values(group)  # type: ignore[attr-defined]  # a QuerySet
        .annotate(
            n=Count("pk"),
            requested=Sum("amount_requested"),
            granted=Sum("amount_granted", filter=granted),
            paid=Sum("amount_granted", filter=paid),
        )
        .order_by(group)
    )
    rows = [
        Row(
            label=labels.get(item[group], item[group]) if item[group] is not None else _("Utan kommun"),
            applications=item["n"],
            requested=item["requested"] or 0,
            granted=item["granted"] or 0,
            paid=item["paid"] or 0,
        )
        for item in result
    ]
    return sorted(rows, key=lambda row: str(row.label).casefold())


def _chart(chart_id: str, title: str, rows: list[Row]) -> tuple[str, str]:
    total = sum(row.granted for row in rows)
    top = max(rows, key=lambda row: row.granted, default=None)
    summary = (
        _("Totalt beviljat %(total)s kr. Mest till %(label)s (%(amount)s kr).")
        % {"total": total, "label": top.label, "amount": top.granted}
        if top and top.granted
        else _("Inga beviljade bidrag i urvalet.")
    )
    bars = [Bar(label=str(row.label), value=row.granted, display=f"{row.granted} kr") for row in rows]
    return bar_chart(chart_id=chart_id, title=title, description=summary, bars=bars), summary


@login_required
def overview(request: AuthenticatedRequest) -> HttpResponse:
    """Applications and money per municipality and organisation type for one programme and year."""
    if not (is_grant_officer(request.user) or has_role(request.user, StaffRole.ANALYST)):
        raise PermissionDenied
    programmes = list(Programme.objects.order_by("name_sv"))
    years = list(Application.objects.values_list("call__year", flat=True).distinct().order_by("-call__year"))
    slug = request.GET.get("program") or (programmes[0].slug if programmes else "")
    year_text = request.GET.get("ar", "")
    year = int(year_text) if year_text.isdigit() else (years[0] if years else None)
    applications = Application.objects.not_draft().filter(call__programme__slug=slug, call__year=year or 0)
    municipalities = _rows(applications, "organisation__municipality__short_name", {})
    types = _rows(applications, "organisation__type", {str(k): str(v) for k, v in OrganisationType.choices})
    output = request.GET.get("format")
    if output in ("csv", "xlsx"):
        return _export(output, slug, year, municipalities, types)
    chart_m, summary_m = _chart("grants-municipality", _("Beviljat per kommun"), municipalities)
    chart_t, summary_t = _chart("grants-type", _("Beviljat per organisationstyp"), types)
    context = {
        "programmes": programmes,
        "years": years,
        "slug": slug,
        "year": year,
        "municipalities": municipalities,
        "types": types,
        "chart_m": chart_m,
        "summary_m": summary_m,
        "chart_t": chart_t,
        "summary_t": summary_t,
        "totals": Row(
            label=_("Totalt"),
            applications=sum(r.applications for r in types),
            requested=sum(r.requested for r in types),
            granted=sum(r.granted for r in types),
            paid=sum(r.paid for r in types),
        ),
    }
    return render(request, "grants/overview.html", context)


def _export(output: str, slug: str, year: int | None, municipalities: list[Row], types: list[Row]) -> HttpResponse:
    header = [_("Grupp"), _("Namn"), _("Ansökningar"), _("Sökt (kr)"), _("Beviljat (kr)"), _("Utbetalt (kr)")]
    lines = [
        [group, row.label, row.applications, row.requested, row.granted, row.paid]
        for group, rows in ((_("Kommun"), municipalities), (_("Organisationstyp"), types))
        for row in rows
    ]
    name = f"bidrag-{slug}-{year}"
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(lines)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Bidrag")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append([str(value) if not isinstance(value, int) else value for value in line])
    content = io.BytesIO()
    workbook.save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
