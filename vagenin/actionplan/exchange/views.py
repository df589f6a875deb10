"""Import and export of initiatives as CSV or XLSX, for the secretariat's coordinators.

An upload is checked and previewed; the file waits in private storage (pending.py), the session holding
only its token, until the coordinator confirms, and is then checked again and applied in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.accounts.models import User
from vagenin.accounts.permissions import require_coordinator, require_overview_reader
from vagenin.actionplan.exchange import files, pending, services
from vagenin.actionplan.exchange.columns import COLUMNS
from vagenin.actionplan.exchange.forms import UploadForm
from vagenin.actionplan.exchange.permissions import get_pending_upload_for
from vagenin.agreement.models import AgreementPeriod

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _render(request: HttpRequest, form: UploadForm, period: AgreementPeriod, **context: Any) -> HttpResponse:
    context = {"form": form, "period": period, "columns": COLUMNS, **context}
    return render(request, "actionplan/exchange/import.html", context)


def _discard_pending(request: HttpRequest) -> None:
    """Forget this session's previewed upload, if any, and delete its file."""
    token = request.session.pop(pending.SESSION_KEY, None)
    if isinstance(token, str):
        pending.discard(token)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file; every bad row is listed, or else a preview of what would change waits for confirmation."""
    require_coordinator(request.user)
    period = AgreementPeriod.objects.current_or_404()
    if request.method != "POST":
        # The preview's "Cancel" leads here: a previewed file nobody confirmed is deleted.
        _discard_pending(request)
        return _render(request, UploadForm(), period)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, period)
    plans, problems = services.validate(form.rows, services.load_reference(period))
    file_name = form.cleaned_data["file"].name
    _discard_pending(request)  # a new upload replaces the one previewed before
    if problems:
        return _render(request, UploadForm(), period, problems=problems, file_name=file_name)
    assert isinstance(request.user, User)  # login_required let only signed-in users through
    token = pending.keep(name=file_name, content=form.content, uploaded_by=request.user.pk)
    request.session[pending.SESSION_KEY] = token  # the session holds the token only, never the file
    context = {
        "changes": [plan for plan in plans if plan.action != "unchanged"],
        "token": token,
        "file_name": file_name,
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
    period = AgreementPeriod.objects.current_or_404()
    upload = get_pending_upload_for(request.user, request.session, request.POST.get("token", ""))
    if upload is None:
        messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
        return redirect("actionplan:import")
    assert isinstance(request.user, User)  # login_required let only signed-in users through
    # Whatever happens now, the preview is used up: a rejected file is uploaded again after it is corrected.
    _discard_pending(request)
    try:
        result = services.import_initiatives(
            actor=request.user, period=period, name=upload.name, content=upload.content
        )
    except services.ImportRejected as rejected:
        # The data changed between the preview and the confirmation.
        return _render(request, UploadForm(), period, problems=rejected.problems, file_name=upload.name)
    except files.UploadError as error:
        messages.error(
            request, _("Importen kunde inte genomföras och ingenting ändrades: %(error)s") % {"error": error}
        )
        return redirect("actionplan:import")
    except ValidationError as error:
        # A rule only the model knows; the transaction was rolled back.
        message = "; ".join(error.messages)
        messages.error(
            request, _("Importen kunde inte genomföras och ingenting ändrades: %(error)s") % {"error": message}
        )
        return redirect("actionplan:import")
    messages.success(
        request,
        _("Importen är klar: %(created)s nya, %(updated)s ändrade och %(unchanged)s oförändrade insatser.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    return redirect("actionplan:import")


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Every initiative of the current period, drafts too, as CSV (default) or XLSX (?format=xlsx). It holds no
    personal data, so analysts may take it as well as coordinators."""
    require_overview_reader(request.user)
    period = AgreementPeriod.objects.current_or_404()
    rows = services.export_rows(period)
    stem = f"insatser-{period.slug}-{timezone.localdate().isoformat()}"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(files.to_xlsx(rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    else:
        response = HttpResponse(files.to_csv(rows), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response
