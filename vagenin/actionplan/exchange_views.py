"""Import and export of initiatives as CSV or XLSX, for the secretariat's coordinators.

An upload is checked and previewed; the file waits in the session (compressed) until the coordinator
confirms, and is then checked again and applied in one transaction.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
import zlib
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vagenin.accounts.models import User
from vagenin.actionplan import exchange
from vagenin.actionplan.permissions import require_coordinator
from vagenin.agreement.models import AgreementPeriod
from vagenin.common.uploads import scan_for_viruses

SESSION_KEY = "actionplan_import"
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    """A CSV or XLSX file of initiatives: checked for name, size, viruses and content before any row is read."""

    file = forms.FileField(
        label=gettext_lazy("Fil med insatser"),
        help_text=gettext_lazy("CSV (UTF-8, komma- eller semikolonavgränsad) eller XLSX, högst 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            exchange.check_upload(upload.name or "", upload.size or 0)
            scan_for_viruses(upload)
            self.content = upload.read()
            self.rows = exchange.read_table(upload.name or "", self.content)
        except exchange.UploadError as error:
            raise ValidationError(str(error)) from error
        return upload


def _period() -> AgreementPeriod:
    period = AgreementPeriod.objects.current()
    if period is None:
        raise Http404("No agreement period has been loaded.")
    return period


def column_help() -> list[tuple[str, str]]:
    """Each column of the file with what it holds."""
    return [
        ("external_id", _("Nyckeln: finns id:t redan ändras den insatsen, annars skapas en ny. Obligatorisk.")),
        ("title_sv", _("Titel på svenska, högst 200 tecken. Obligatorisk.")),
        ("title_en", _("Titel på engelska, högst 200 tecken.")),
        ("summary_sv", _("Sammanfattning på svenska, högst 500 tecken. Obligatorisk.")),
        ("summary_en", _("Sammanfattning på engelska, högst 500 tecken.")),
        ("description_sv", _("Beskrivning på svenska.")),
        ("lead_organisation", _("Den ansvariga organisationens kortadress, t.ex. avesta-kommun. Obligatorisk.")),
        ("themes", _("Fokusområden som samverkansområde/fokusområde (kortadresser), åtskilda med |. Minst ett.")),
        ("municipalities", _("Kommunkoder åtskilda med |, eller * för hela länet. Obligatorisk.")),
        ("target_groups", _("Målgruppernas kortadresser åtskilda med |.")),
        ("starts_on", _("Startdatum som ÅÅÅÅ-MM-DD.")),
        ("ends_on", _("Slutdatum som ÅÅÅÅ-MM-DD, inte före startdatumet.")),
        ("status", _("idea, planned, ongoing, completed eller cancelled. Obligatorisk.")),
        ("progress", _("Framsteg i procent, ett heltal 0–100 (tomt blir 0).")),
        ("parent", _("Huvudinsatsens externa id, om insatsen är en delinsats.")),
        ("visibility", _("draft eller published. Tomt: nya insatser blir utkast, befintliga behåller sin.")),
    ]


def _render(request: HttpRequest, form: UploadForm, period: AgreementPeriod, **context: Any) -> HttpResponse:
    context = {"form": form, "period": period, "columns": column_help(), **context}
    return render(request, "actionplan/exchange/import.html", context)


def _store(request: HttpRequest, name: str, content: bytes) -> str:
    """Keep the checked file in the session until it is confirmed; returns the token the confirm form carries."""
    token = uuid.uuid4().hex
    request.session[SESSION_KEY] = {
        "token": token,
        "name": name,
        "sha256": hashlib.sha256(content).hexdigest(),
        "data": base64.b64encode(zlib.compress(content)).decode("ascii"),
    }
    return token


def _stored(request: HttpRequest, token: str) -> tuple[str, bytes] | None:
    """The file kept for this token, or None when it has expired or another upload replaced it."""
    stored = request.session.get(SESSION_KEY)
    if not stored or not token or stored.get("token") != token:
        return None
    content = zlib.decompress(base64.b64decode(stored["data"]))
    if hashlib.sha256(content).hexdigest() != stored["sha256"]:
        return None
    return stored["name"], content


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file; every bad row is listed, or else a preview of what would change waits for confirmation."""
    require_coordinator(request.user)
    period = _period()
    if request.method != "POST":
        return _render(request, UploadForm(), period)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, period)
    plans, problems = exchange.validate(form.rows, exchange.load_reference(period))
    if problems:
        request.session.pop(SESSION_KEY, None)
        return _render(request, UploadForm(), period, problems=problems, file_name=form.cleaned_data["file"].name)
    token = _store(request, form.cleaned_data["file"].name, form.content)
    context = {
        "changes": [plan for plan in plans if plan.action != "unchanged"],
        "token": token,
        "file_name": form.cleaned_data["file"].name,
        "created": sum(1 for plan in plans if plan.action == "create"),
        "updated": sum(1 for plan in plans if plan.action == "update"),
        "unchanged": sum(1 for plan in plans if plan.action == "unchanged"),
    }
    return render(request, "actionplan/exchange/preview.html", {"period": period, **context})


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Apply the previewed file: checked again, then all rows in one transaction, or nothing."""
    require_coordinator(request.user)
    period = _period()
    stored = _stored(request, request.POST.get("token", ""))
    if stored is None:
        messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
        return redirect("actionplan:import")
    name, content = stored
    assert isinstance(request.user, User)  # login_required let only signed-in users through
    try:
        result = exchange.import_initiatives(actor=request.user, period=period, name=name, content=content)
    except exchange.ImportRejected as rejected:
        # The data changed between the preview and the confirmation.
        request.session.pop(SESSION_KEY, None)
        return _render(request, UploadForm(), period, problems=rejected.problems, file_name=name)
    except exchange.UploadError as error:
        request.session.pop(SESSION_KEY, None)
        messages.error(
            request, _("Importen kunde inte genomföras och ingenting ändrades: %(error)s") % {"error": error}
        )
        return redirect("actionplan:import")
    except ValidationError as error:
        # A rule only the model knows; the transaction was rolled back.
        request.session.pop(SESSION_KEY, None)
        message = "; ".join(error.messages)
        messages.error(
            request, _("Importen kunde inte genomföras och ingenting ändrades: %(error)s") % {"error": message}
        )
        return redirect("actionplan:import")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Importen är klar: %(created)s nya, %(updated)s ändrade och %(unchanged)s oförändrade insatser.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    return redirect("actionplan:import")


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Every initiative of the current period, drafts too, as CSV (default) or XLSX (?format=xlsx)."""
    require_coordinator(request.user)
    period = _period()
    rows = exchange.export_rows(period)
    stem = f"insatser-{period.slug}-{timezone.localdate().isoformat()}"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(exchange.to_xlsx(rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    else:
        response = HttpResponse(exchange.to_csv(rows), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response
