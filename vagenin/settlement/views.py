"""Settlement pages: public decided quotas and reception, the officer's work on a year, municipal reporting."""

from __future__ import annotations

import base64
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vagenin.accounts.types import AuthenticatedRequest
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.organisations.models import County, Municipality
from vagenin.settlement import charts, services, sources
from vagenin.settlement import model as pure
from vagenin.settlement.factorfile import parse_factor_file
from vagenin.settlement.forms import (
    AdjustForm,
    ConsultationForm,
    DecisionForm,
    FactorsForm,
    MonthlyForm,
    ReadinessForm,
    ReceptionYearsForm,
    RevisionForm,
    UploadForm,
    WeightsForm,
    YearForm,
    current_quarter,
)
from vagenin.settlement.migrationsverket import ImportRejected, QuotaExport, parse_export
from vagenin.settlement.models import (
    HOME_COUNTY_CODE,
    AnnualReception,
    Consultation,
    MonthlyReception,
    MunicipalityFactors,
    MunicipalQuota,
    ReadinessReport,
    SettlementYear,
)
from vagenin.settlement.monthlyfile import parse_monthly_file
from vagenin.settlement.permissions import (
    can_read_consultations,
    can_read_settlement,
    get_quota_for,
    get_reporting_municipality_for,
    get_year_for,
    get_year_municipality_for,
    is_settlement_officer,
    reporting_municipalities,
    require_settlement_officer,
    require_settlement_reader,
)
from vagenin.settlement.queries import (
    WeightChoice,
    county_municipalities,
    factor_rows,
    fulfilment,
    percent,
    run_model,
)

IMPORT_SESSION_KEY = "settlement_import"
FACTOR_SESSION_KEY = "settlement_factor_import"
MONTHLY_SESSION_KEY = "settlement_monthly_import"


def _home_county() -> County:
    return County.objects.get(code=HOME_COUNTY_CODE)


def _names(county: County | None = None) -> dict[str, str]:
    municipalities = Municipality.objects.all() if county is None else Municipality.objects.filter(county=county)
    # The short names ("Falun"): Migrationsverket's and the factor files' spellings are matched against them.
    return dict(municipalities.values_list("code", "short_name"))


def _latest_run(settlement_year: SettlementYear) -> Any:
    return settlement_year.runs.order_by("-created_at", "-pk").first()


# Public --------------------------------------------------------------------------------------------------


@cache_for_anonymous
def index(request: HttpRequest) -> HttpResponse:
    """Decided years of the county: quotas and reception are public records."""
    county = County.objects.filter(code=HOME_COUNTY_CODE).first()
    years = list(SettlementYear.objects.filter(county=county).decided().with_revisions()) if county else []
    latest = years[0] if years else None
    context: dict[str, Any] = {"county": county, "years": years, "latest": latest}
    if latest is not None:
        context |= _fulfilment_context(latest)
    return render(request, "settlement/index.html", context)


def _fulfilment_context(settlement_year: SettlementYear) -> dict[str, Any]:
    rows = fulfilment(settlement_year)
    quota_total = sum(row.quota or 0 for row in rows)
    received_total = sum(row.received for row in rows)
    months = MonthlyReception.objects.county_totals(settlement_year)
    cumulative, running = [], 0
    for month in months:
        running += month["received"] or 0
        cumulative.append(
            {
                "month": month["month"],
                "assigned": month["assigned"],
                "received": month["received"],
                "cumulative": running,
                "percent": percent(Fraction(running, quota_total)) if quota_total else "–",
            }
        )
    return {
        "fulfilment_rows": [{"row": row, "percent": percent(row.ratio, 0)} for row in rows],
        "quota_total": quota_total,
        "received_total": received_total,
        "county_percent": percent(Fraction(received_total, quota_total), 0) if quota_total else "–",
        "fulfilment_chart": mark_safe(charts.fulfilment_bars(rows, chart_id="fulfilment-chart")),
        "county_months": cumulative,
        "county_chart": mark_safe(
            charts.monthly_line(settlement_year.year, cumulative, quota_total, chart_id="county-months-chart")
        )
        if cumulative
        else "",
        "map": mark_safe(charts.fulfilment_map(settlement_year.county.code, rows, chart_id="fulfilment-map")),
    }


@cache_for_anonymous
def year_public(request: HttpRequest, year_id: uuid.UUID) -> HttpResponse:
    settlement_year = get_year_for(request.user, year_id)
    quotas = list(MunicipalQuota.objects.for_year(settlement_year))
    reception = {
        a.municipality_id: a
        for a in AnnualReception.objects.filter(year=settlement_year.year, municipality__county=settlement_year.county)
    }
    context = {
        "settlement_year": settlement_year,
        "quotas": [{"quota": q, "annual": reception.get(q.municipality_id)} for q in quotas],
        **_fulfilment_context(settlement_year),
    }
    return render(request, "settlement/year_public.html", context)


def explain(quota: MunicipalQuota) -> pure.MunicipalityProposal | None:
    """The model's explanation of a municipality's proposal, from the run that proposed it."""
    if quota.model_run is None:
        return None
    try:
        proposal = run_model(
            SettlementYear.objects.with_revisions().get(pk=quota.settlement_year_id),
            WeightChoice.of_run(quota.model_run),
        )
    except pure.ModelInputError:
        return None
    try:
        return proposal.municipality(quota.municipality.code)
    except KeyError:
        return None


FACTOR_LABELS = {
    pure.Factor.LABOUR_MARKET: gettext_lazy("Arbetsmarknad"),
    pure.Factor.POPULATION: gettext_lazy("Folkmängd"),
    pure.Factor.RECEPTION: gettext_lazy("Tidigare mottagande och asylsökande"),
    pure.Factor.HOUSING: gettext_lazy("Bostadsmarknad"),
}


def _contribution_rows(proposal: pure.MunicipalityProposal | None, county_quota: int | None) -> list[dict[str, Any]]:
    if proposal is None:
        return []
    return [
        {
            "label": str(FACTOR_LABELS[item.factor]),
            "weight": percent(item.weight),
            "basis": f"{float(item.basis):.0f}" if item.basis is not None else "–",
            "factor_share": percent(item.factor_share, 2),
            "contribution": percent(item.contribution, 2),
            "places": f"{float(item.contribution * county_quota):.1f}" if county_quota is not None else "–",
        }
        for item in proposal.contributions
    ]


@cache_for_anonymous
def municipality_public(request: HttpRequest, quota_id: uuid.UUID) -> HttpResponse:
    """A municipality's quota explained: factor values, each factor's contribution, the adjustment and why."""
    quota = get_quota_for(request.user, quota_id)
    settlement_year = SettlementYear.objects.with_revisions().get(pk=quota.settlement_year_id)
    factors = (
        MunicipalityFactors.objects.filter(settlement_year=settlement_year, municipality=quota.municipality)
        .prefetch_related("earlier")
        .first()
    )
    proposal = explain(quota)
    months = list(
        MonthlyReception.objects.filter(settlement_year=settlement_year, municipality=quota.municipality).order_by(
            "month"
        )
    )
    running, cumulative = 0, []
    for month in months:
        running += month.received
        cumulative.append(
            {
                "month": month.month,
                "assigned": month.assigned,
                "received": month.received,
                "cumulative": running,
                "percent": percent(Fraction(running, quota.quota)) if quota.quota else "–",
            }
        )
    annual = AnnualReception.objects.filter(year=settlement_year.year, municipality=quota.municipality).first()
    context = {
        "quota": quota,
        "settlement_year": settlement_year,
        "factors": factors,
        "proposal": proposal,
        "contributions": _contribution_rows(proposal, settlement_year.county_quota),
        "share": percent(proposal.share, 2) if proposal else None,
        "exact_quota": f"{float(proposal.exact_quota):.2f}" if proposal else None,
        "months": cumulative,
        "chart": mark_safe(
            charts.monthly_line(settlement_year.year, cumulative, quota.quota, chart_id="municipality-months-chart")
        )
        if cumulative
        else "",
        "annual": annual,
    }
    return render(request, "settlement/municipality_public.html", context)


# The officer's pages -------------------------------------------------------------------------------------


@login_required
def manage(request: AuthenticatedRequest) -> HttpResponse:
    """Every settlement year of the county; the officer opens a new one."""
    require_settlement_reader(request.user)
    county = _home_county()
    form = YearForm(request.POST or None)
    if request.method == "POST":
        require_settlement_officer(request.user)
        if form.is_valid():
            try:
                settlement_year = services.create_year(
                    actor=request.user,
                    county=county,
                    year=form.cleaned_data["year"],
                    reception_first_year=form.cleaned_data["reception_first_year"],
                    reception_last_year=form.cleaned_data["reception_last_year"],
                )
            except services.TransitionError:
                form.add_error("year", _("Året finns redan."))
            else:
                messages.success(request, _("Bosättningsåret är skapat."))
                return redirect("settlement:manage_year", year_id=settlement_year.uuid)
    years = SettlementYear.objects.filter(county=county).with_revisions()
    return render(
        request,
        "settlement/manage.html",
        {"county": county, "years": years, "form": form, "officer": is_settlement_officer(request.user)},
    )


@login_required
def manage_year(request: AuthenticatedRequest, year_id: uuid.UUID) -> HttpResponse:
    """A year at work: county quota, factor data, the model's proposal, adjustments and the decision."""
    settlement_year = get_year_for(request.user, year_id, need="read")
    officer = is_settlement_officer(request.user)
    revision_form = RevisionForm(prefix="revision")
    years_form = ReceptionYearsForm(
        prefix="years",
        initial={
            "reception_first_year": settlement_year.reception_first_year,
            "reception_last_year": settlement_year.reception_last_year,
        },
    )
    if request.method == "POST":
        require_settlement_officer(request.user)
        action = request.POST.get("action")
        try:
            if action == "revision":
                revision_form = RevisionForm(request.POST, prefix="revision")
                if revision_form.is_valid():
                    services.add_revision(
                        actor=request.user, settlement_year=settlement_year, data=revision_form.cleaned_data
                    )
                    messages.success(request, _("Länstalet är sparat."))
                    return redirect("settlement:manage_year", year_id=settlement_year.uuid)
            elif action == "years":
                years_form = ReceptionYearsForm(request.POST, prefix="years")
                if years_form.is_valid():
                    services.update_year(
                        actor=request.user, settlement_year=settlement_year, data=years_form.cleaned_data
                    )
                    messages.success(request, _("Åren för tidigare mottagande är sparade."))
                    return redirect("settlement:manage_year", year_id=settlement_year.uuid)
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("settlement:manage_year", year_id=settlement_year.uuid)
    run = _latest_run(settlement_year)
    choice = WeightChoice.of_run(run)
    factors = {row.municipality_id: row for row in factor_rows(settlement_year)}
    quotas = {q.municipality_id: q for q in MunicipalQuota.objects.for_year(settlement_year)}
    consulted: dict[int, int] = {}
    for municipality_id in Consultation.objects.filter(settlement_year=settlement_year).values_list(
        "municipality_id", flat=True
    ):
        consulted[municipality_id] = consulted.get(municipality_id, 0) + 1
    rows = [
        {
            "municipality": m,
            "factors": factors.get(m.pk),
            "quota": quotas.get(m.pk),
            "consultations": consulted.get(m.pk, 0),
        }
        for m in county_municipalities(settlement_year)
    ]
    total = sum(q.quota for q in quotas.values())
    context = {
        "settlement_year": settlement_year,
        "officer": officer,
        "factor_sources": [(key, label) for key, (label, _p) in sorted(sources.available().items())] if officer else [],
        "revision_form": revision_form,
        "years_form": years_form,
        "weights_form": WeightsForm(initial=WeightsForm.initial_of(choice), prefix="weights"),
        "decision_form": DecisionForm(initial={"decided_on": timezone.localdate()}),
        "run": run,
        "rows": rows,
        "total": total,
        "balanced": settlement_year.county_quota is not None and total == settlement_year.county_quota,
        "difference": (total - settlement_year.county_quota) if settlement_year.county_quota is not None else None,
        "default_weights": WeightChoice.default(),
    }
    return render(request, "settlement/manage_year.html", context)


@login_required
@require_POST
def compute(request: AuthenticatedRequest, year_id: uuid.UUID) -> HttpResponse:
    """Save the weights and compute the model's proposal for every municipality."""
    settlement_year = get_year_for(request.user, year_id, need="manage")
    form = WeightsForm(request.POST, prefix="weights")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("settlement:manage_year", year_id=settlement_year.uuid)
    try:
        services.compute_proposal(actor=request.user, settlement_year=settlement_year, choice=form.choice())
    except services.TransitionError as error:
        messages.error(request, str(error))
    except pure.ModelInputError as error:
        messages.error(request, _("Modellen kan inte räknas: %(problems)s") % {"problems": "; ".join(error.problems)})
    else:
        messages.success(request, _("Modellens förslag är beräknat och sparat."))
    return redirect("settlement:manage_year", year_id=settlement_year.uuid)


@login_required
@require_POST
def take_factors(request: AuthenticatedRequest, year_id: uuid.UUID) -> HttpResponse:
    """Fill the empty factor values from another app's data (the indicator store, when it offers them)."""
    settlement_year = get_year_for(request.user, year_id, need="manage")
    try:
        counts = services.take_factor_values(
            actor=request.user, settlement_year=settlement_year, source=request.POST.get("source", "")
        )
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Faktorer är hämtade: %(created)s kommuner nya, %(changed)s kompletterade, %(unchanged)s oförändrade.")
            % {"created": counts.created, "changed": counts.changed, "unchanged": counts.unchanged},
        )
    return redirect("settlement:manage_year", year_id=settlement_year.uuid)


@login_required
def what_if(request: AuthenticatedRequest, year_id: uuid.UUID) -> HttpResponse:
    """Other weights, and their effect on every municipality, without saving anything (a GET form)."""
    settlement_year = get_year_for(request.user, year_id, need="read")
    current_choice = WeightChoice.of_run(_latest_run(settlement_year))
    form = WeightsForm(request.GET or None, initial=WeightsForm.initial_of(current_choice))
    problems: list[str] = []
    rows: list[dict[str, Any]] = []
    choice = form.choice() if form.is_bound and form.is_valid() else current_choice
    try:
        current = run_model(settlement_year, current_choice)
        trial = run_model(settlement_year, choice)
    except pure.ModelInputError as error:
        problems = list(error.problems)
    else:
        for now, then in zip(current.municipalities, trial.municipalities, strict=True):
            rows.append(
                {
                    "name": now.name,
                    "current_share": percent(now.share, 2),
                    "current": now.quota,
                    "share": percent(then.share, 2),
                    "quota": then.quota,
                    "change": then.quota - now.quota,
                }
            )
    return render(
        request,
        "settlement/what_if.html",
        {"settlement_year": settlement_year, "form": form, "rows": rows, "problems": problems},
    )


@login_required
def factors_edit(request: AuthenticatedRequest, year_id: uuid.UUID, code: str) -> HttpResponse:
    settlement_year, municipality = get_year_municipality_for(request.user, year_id, code)
    existing = (
        MunicipalityFactors.objects.filter(settlement_year=settlement_year, municipality=municipality)
        .prefetch_related("earlier")
        .first()
    )
    years = settlement_year.reception_years()
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = {
            key: getattr(existing, key)
            for key in ("population", "labour_market", "asylum_seekers_abo", "asylum_seekers_ebo", "housing")
        }
        for item in existing.earlier.all():
            initial[f"newcomers_{item.year}"] = item.newcomers
            initial[f"minors_{item.year}"] = item.unaccompanied_minors
    form = FactorsForm(request.POST or None, initial=initial, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_factors(
                actor=request.user,
                settlement_year=settlement_year,
                municipality=municipality,
                data=form.factor_data(),
                earlier=form.earlier(),
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Faktorerna för %(name)s är sparade.") % {"name": municipality.short_name})
        return redirect("settlement:manage_year", year_id=settlement_year.uuid)
    return render(
        request,
        "settlement/factors_form.html",
        {"settlement_year": settlement_year, "municipality": municipality, "form": form},
    )


def _pack(content: bytes) -> str:
    return base64.b64encode(zlib.compress(content)).decode("ascii")


def _unpack(text: str) -> bytes:
    return zlib.decompress(base64.b64decode(text))


@dataclass(frozen=True)
class _Upload:
    """A file that is read, shown row by row (or every problem), and written only when the officer confirms."""

    session_key: str
    url_name: str  # this upload's page, where a confirmation without a waiting file goes back to
    template: str
    parse: Callable[[bytes, str, SettlementYear, dict[str, str]], list[Any]]
    write: Callable[..., services.ImportCounts]
    done: str | Promise  # the success message, with %(created)s, %(changed)s and %(unchanged)s


_FACTORS = _Upload(
    session_key=FACTOR_SESSION_KEY,
    url_name="settlement:factors_import",
    template="settlement/factors_import.html",
    parse=lambda content, name, year, names: parse_factor_file(content, file_name=name, municipalities=names),
    write=services.import_factors,
    done=gettext_lazy("Faktorerna är inlästa: %(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade."),
)
_MONTHLY = _Upload(
    session_key=MONTHLY_SESSION_KEY,
    url_name="settlement:monthly_import",
    template="settlement/monthly_import.html",
    parse=lambda content, name, year, names: parse_monthly_file(
        content, file_name=name, municipalities=names, year=year.year
    ),
    write=services.import_monthly,
    done=gettext_lazy("Månadssiffrorna är inlästa: %(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade."),
)


def _upload_then_confirm(
    request: AuthenticatedRequest, settlement_year: SettlementYear, upload: _Upload, context: dict[str, Any]
) -> HttpResponse:
    """Upload: parse and keep the file in the session (or list every problem); confirm: parse it again and write."""
    names = _names(settlement_year.county)
    form = UploadForm()
    rejected: list[Any] = []
    rows: list[Any] = []
    stored = request.session.get(upload.session_key)
    if request.method == "POST" and request.POST.get("action") == "confirm":
        if not stored or stored.get("year") != str(settlement_year.uuid):
            messages.error(request, _("Ingen fil väntar på att läsas in. Ladda upp den igen."))
            return redirect(upload.url_name, year_id=settlement_year.uuid)
        try:
            rows = upload.parse(_unpack(stored["content"]), stored["name"], settlement_year, names)
            counts = upload.write(actor=request.user, settlement_year=settlement_year, rows=rows)
        except ImportRejected as error:
            rejected = list(error.rejected)
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("settlement:manage_year", year_id=settlement_year.uuid)
        else:
            del request.session[upload.session_key]
            counts_text = {"created": counts.created, "changed": counts.changed, "unchanged": counts.unchanged}
            messages.success(request, str(upload.done) % counts_text)
            return redirect("settlement:manage_year", year_id=settlement_year.uuid)
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            name = form.cleaned_data["file"].name
            try:
                rows = upload.parse(form.content, name, settlement_year, names)
            except ImportRejected as error:
                rejected = list(error.rejected)
            else:
                request.session[upload.session_key] = {
                    "year": str(settlement_year.uuid),
                    "name": name,
                    "content": _pack(form.content),
                }
    context = {"settlement_year": settlement_year, "form": form, "rows": rows, "rejected": rejected, **context}
    return render(request, upload.template, context)


@login_required
def factors_import(request: AuthenticatedRequest, year_id: uuid.UUID) -> HttpResponse:
    """Upload a factor file, see every row (or every problem), then confirm."""
    settlement_year = get_year_for(request.user, year_id, need="manage")
    return _upload_then_confirm(request, settlement_year, _FACTORS, {"years": settlement_year.reception_years()})


@login_required
def monthly_import(request: AuthenticatedRequest, year_id: uuid.UUID) -> HttpResponse:
    """Upload the months' figures for the county's municipalities, see every row (or every problem), confirm."""
    settlement_year = get_year_for(request.user, year_id, need="manage")
    return _upload_then_confirm(request, settlement_year, _MONTHLY, {})


@login_required
def quota_manage(request: AuthenticatedRequest, quota_id: uuid.UUID) -> HttpResponse:
    """One municipality's quota: adjust it with a justification, and the consultation log."""
    require_settlement_reader(request.user)
    quota = get_quota_for(request.user, quota_id)
    settlement_year = quota.settlement_year
    adjust_form = AdjustForm(
        initial={"quota": quota.quota, "justification": quota.justification}, proposed=quota.proposed, prefix="adjust"
    )
    consultation_form = ConsultationForm(initial={"held_on": timezone.localdate()}, prefix="consultation")
    if request.method == "POST":
        require_settlement_officer(request.user)
        try:
            if request.POST.get("action") == "adjust":
                adjust_form = AdjustForm(request.POST, proposed=quota.proposed, prefix="adjust")
                if adjust_form.is_valid():
                    services.adjust_quota(
                        actor=request.user,
                        quota=quota,
                        final=adjust_form.cleaned_data["quota"],
                        justification=adjust_form.cleaned_data["justification"],
                    )
                    messages.success(request, _("Kommuntalet är sparat."))
                    return redirect("settlement:quota_manage", quota_id=quota.uuid)
            else:
                consultation_form = ConsultationForm(request.POST, prefix="consultation")
                if consultation_form.is_valid():
                    services.record_consultation(
                        actor=request.user,
                        settlement_year=settlement_year,
                        municipality=quota.municipality,
                        **consultation_form.cleaned_data,
                    )
                    messages.success(request, _("Samrådet är antecknat."))
                    return redirect("settlement:quota_manage", quota_id=quota.uuid)
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("settlement:quota_manage", quota_id=quota.uuid)
    show_consultations = can_read_consultations(request.user)
    consultations = (
        Consultation.objects.filter(settlement_year=settlement_year, municipality=quota.municipality).select_related(
            "recorded_by"
        )
        if show_consultations
        else Consultation.objects.none()
    )
    return render(
        request,
        "settlement/quota_manage.html",
        {
            "quota": quota,
            "settlement_year": settlement_year,
            "adjust_form": adjust_form,
            "consultation_form": consultation_form,
            "consultations": consultations,
            "show_consultations": show_consultations,
            "officer": is_settlement_officer(request.user),
        },
    )


@login_required
@require_POST
def decide(request: AuthenticatedRequest, year_id: uuid.UUID) -> HttpResponse:
    """The decision that freezes the year: refused while the quotas do not sum to the county quota."""
    settlement_year = get_year_for(request.user, year_id, need="manage")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("settlement:manage_year", year_id=settlement_year.uuid)
    try:
        services.decide_year(actor=request.user, settlement_year=settlement_year, **form.cleaned_data)
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Kommuntalen är beslutade och låsta."))
    return redirect("settlement:manage_year", year_id=settlement_year.uuid)


@login_required
def import_export(request: AuthenticatedRequest) -> HttpResponse:
    """Upload one of Migrationsverket's exports as published; preview the county's rows; confirm."""
    require_settlement_officer(request.user)
    county = _home_county()
    names = _names()
    form = UploadForm()
    rejected: list[Any] = []
    export: Any = None
    plan: Any = None
    stored = request.session.get(IMPORT_SESSION_KEY)
    if request.method == "POST" and request.POST.get("action") == "confirm":
        if not stored:
            messages.error(request, _("Ingen fil väntar på att läsas in. Ladda upp den igen."))
            return redirect("settlement:import")
        try:
            export = parse_export(_unpack(stored["content"]), file_name=stored["name"], municipalities=names)
            if isinstance(export, QuotaExport):
                settlement_year, counts = services.import_quota_export(actor=request.user, export=export, county=county)
            else:
                counts = services.import_reception_export(actor=request.user, export=export, county=county)
        except ImportRejected as error:
            rejected = list(error.rejected)
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("settlement:import")
        else:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(
                request,
                _("Filen är inläst: %(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade rader.")
                % {"created": counts.created, "changed": counts.changed, "unchanged": counts.unchanged},
            )
            if isinstance(export, QuotaExport):
                return redirect("settlement:manage_year", year_id=settlement_year.uuid)
            return redirect("settlement:manage")
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            name = form.cleaned_data["file"].name
            try:
                export = parse_export(form.content, file_name=name, municipalities=names)
            except ImportRejected as error:
                rejected = list(error.rejected)
            else:
                request.session[IMPORT_SESSION_KEY] = {"name": name, "content": _pack(form.content)}
                if isinstance(export, QuotaExport):
                    plan = services.plan_quota_import(export, county)
    return render(
        request,
        "settlement/import.html",
        {
            "form": form,
            "rejected": rejected,
            "export": export,
            "plan": plan,
            "county": county,
            "is_quota": isinstance(export, QuotaExport),
            "reception_rows": export.in_county(county.code)
            if export is not None and not isinstance(export, QuotaExport)
            else [],
        },
    )


@login_required
def readiness_overview(request: AuthenticatedRequest) -> HttpResponse:
    """Who has reported readiness this quarter, and the county's capacity."""
    require_settlement_reader(request.user)
    year, quarter = current_quarter(timezone.localdate())
    try:
        year = int(request.GET.get("ar", year))
        quarter = int(request.GET.get("kvartal", quarter))
    except ValueError:
        pass
    quarter = min(max(quarter, 1), 4)
    county = _home_county()
    reports = {
        r.municipality_id: r
        for r in ReadinessReport.objects.filter(year=year, quarter=quarter, municipality__county=county)
    }
    rows = [
        {"municipality": m, "report": reports.get(m.pk)}
        for m in Municipality.objects.filter(county=county).order_by("code")
    ]
    totals = {
        key: sum(getattr(r, key) for r in reports.values())
        for key in ("housing_available", "housing_planned", "sfi_places", "civic_orientation_places")
    }
    return render(
        request,
        "settlement/readiness_overview.html",
        {
            "rows": rows,
            "year": year,
            "quarter": quarter,
            "reported": len(reports),
            "totals": totals,
            "quarters": [1, 2, 3, 4],
        },
    )


# Municipal reporting -------------------------------------------------------------------------------------


@login_required
def report_home(request: AuthenticatedRequest) -> HttpResponse:
    municipalities = reporting_municipalities(request.user)
    if not municipalities and not can_read_settlement(request.user):
        raise PermissionDenied("Only settlement officers report reception and readiness.")
    if len(municipalities) == 1 and not is_settlement_officer(request.user):
        return redirect("settlement:report", code=municipalities[0].code)
    return render(request, "settlement/report_home.html", {"municipalities": municipalities})


@login_required
def report(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """A municipality reports its monthly reception and its quarterly readiness."""
    municipality = get_reporting_municipality_for(request.user, code)
    years = list(SettlementYear.objects.filter(county=municipality.county).with_revisions())
    settlement_year = years[0] if years else None
    wanted = request.GET.get("ar") or request.POST.get("settlement_year")
    if wanted:
        settlement_year = next((y for y in years if str(y.year) == wanted), settlement_year)
    year, quarter = current_quarter(timezone.localdate())
    monthly_form = MonthlyForm(prefix="monthly", initial={"month": timezone.localdate().month})
    readiness_form = ReadinessForm(prefix="readiness", initial={"year": year, "quarter": quarter})
    if request.method == "POST":
        if request.POST.get("action") == "monthly" and settlement_year is not None:
            monthly_form = MonthlyForm(request.POST, prefix="monthly")
            if monthly_form.is_valid():
                data = dict(monthly_form.cleaned_data)
                month = data.pop("month")
                services.save_monthly(
                    actor=request.user,
                    settlement_year=settlement_year,
                    municipality=municipality,
                    month=month,
                    data=data,
                )
                messages.success(request, _("Månadens siffror är sparade."))
                return redirect(f"{request.path}?ar={settlement_year.year}")
        elif request.POST.get("action") == "readiness":
            readiness_form = ReadinessForm(request.POST, prefix="readiness")
            if readiness_form.is_valid():
                data = dict(readiness_form.cleaned_data)
                services.save_readiness(
                    actor=request.user,
                    municipality=municipality,
                    year=data.pop("year"),
                    quarter=data.pop("quarter"),
                    data=data,
                )
                messages.success(request, _("Beredskapsrapporten är sparad."))
                return redirect(request.path)
    months = (
        MonthlyReception.objects.filter(settlement_year=settlement_year, municipality=municipality).order_by("month")
        if settlement_year
        else MonthlyReception.objects.none()
    )
    quota = (
        MunicipalQuota.objects.filter(settlement_year=settlement_year, municipality=municipality).first()
        if settlement_year
        else None
    )
    readiness = ReadinessReport.objects.filter(municipality=municipality).order_by("-year", "-quarter")[:8]
    return render(
        request,
        "settlement/report.html",
        {
            "municipality": municipality,
            "settlement_year": settlement_year,
            "years": years,
            "monthly_form": monthly_form,
            "readiness_form": readiness_form,
            "months": months,
            "quota": quota,
            "readiness": readiness,
        },
    )
