"""Forms for grants. They only validate; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from vagenin.accounts.models import User
from vagenin.accounts.permissions import editable_organisation_ids, is_coordinator
from vagenin.common.uploads import check_upload
from vagenin.grants import orgnr, rules
from vagenin.grants.models import (
    Application,
    Call,
    Criterion,
    FieldKind,
    FormField,
    FormVersion,
    Outcome,
    Programme,
    Status,
)
from vagenin.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
BUDGET_ROWS = 8


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "code",
            "name_sv",
            "name_en",
            "legal_basis_sv",
            "legal_basis_en",
            "municipalities_may_apply",
            "civil_society_may_apply",
            "others_may_apply",
            "rules_sv",
            "rules_en",
            "asks_participants",
        ]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    file = forms.FileField(label=_("Fil"))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        self.content_type = check_upload(upload)
        return upload


class NewFormForm(forms.Form):
    name = forms.CharField(label=_("Formulärets namn"), max_length=200)


class FieldForm(forms.ModelForm):
    class Meta:
        model = FormField
        fields = ["order", "kind", "label_sv", "label_en", "help_sv", "help_en", "required", "choices_sv", "choices_en"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == FieldKind.CHOICE and not (data.get("choices_sv") or "").strip():
            self.add_error("choices_sv", _("Ange minst ett alternativ."))
        return data


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "title_sv",
            "title_en",
            "year",
            "description_sv",
            "description_en",
            "how_to_apply_sv",
            "how_to_apply_en",
            "reporting_sv",
            "reporting_en",
            "opens_at",
            "closes_at",
            "report_due_on",
            "amount_available",
            "form_version",
            "published",
        ]
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME, "report_due_on": DATE}
        help_texts = {
            "opens_at": _("Svensk tid."),
            "closes_at": _("Svensk tid. Ansökningar kan skickas in fram till, men inte med, denna sekund."),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields_form_version: Any = self.fields["form_version"]
        fields_form_version.queryset = FormVersion.objects.filter(form__programme=programme).select_related("form")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Utlysningen måste stänga efter att den öppnar."))
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["order", "name_sv", "name_en", "max_score"]


def organisation_by_number(text: str) -> Organisation:
    """The register's organisation with the organisation number typed, or a ValidationError saying what is wrong."""
    try:
        number = orgnr.parse(text)
    except orgnr.OrgnrError as error:
        if error.code == "check_digit":
            raise forms.ValidationError(
                _(
                    "%(number)s är inte ett giltigt organisationsnummer: kontrollsiffran stämmer inte. "
                    "Kontrollera numret."
                ),
                code="check_digit",
                params={"number": text.strip()},
            ) from error
        raise forms.ValidationError(
            _("Ange organisationsnumret som NNNNNN-NNNN (tio siffror)."), code="format"
        ) from error
    organisation = Organisation.objects.filter(organisation_number=number).first()
    if organisation is None:
        raise forms.ValidationError(
            _(
                "Ingen organisation i registret har organisationsnumret %(number)s. Kontrollera numret, eller be "
                "kansliet att lägga in organisationen i registret."
            ),
            code="not_found",
            params={"number": number},
        )
    if organisation.dissolved_on is not None:
        raise forms.ValidationError(
            _("%(name)s (%(number)s) har upphört och kan inte söka."),
            code="dissolved",
            params={"name": organisation.name, "number": number},
        )
    return organisation


class StartApplicationForm(forms.Form):
    """Which organisation applies: picked from the user's organisations, or found by its organisation number."""

    organisation = forms.ModelChoiceField(
        label=_("Sökande organisation"), queryset=Organisation.objects.none(), required=False
    )
    organisation_number = forms.CharField(
        label=_("Eller organisationsnummer"),
        max_length=20,
        required=False,
        help_text=_("NNNNNN-NNNN. Organisationen hämtas ur registret."),
    )

    def __init__(self, *args: Any, user: User, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.programme = user, programme
        organisations = Organisation.objects.active()
        if not is_coordinator(user):
            organisations = organisations.filter(pk__in=editable_organisation_ids(user))
        allowed = [o.pk for o in organisations if programme.may_apply(o)]
        self.allowed = set(allowed)
        fields_organisation: Any = self.fields["organisation"]
        fields_organisation.queryset = Organisation.objects.filter(pk__in=allowed).order_by("name")

    def clean_organisation_number(self) -> Organisation | None:
        text = self.cleaned_data.get("organisation_number", "")
        if not text.strip():
            return None
        organisation = organisation_by_number(text)
        params = {"name": organisation.name, "number": organisation.organisation_number}
        if organisation.pk not in self.allowed:
            if not self.programme.may_apply(organisation):
                raise forms.ValidationError(
                    _("%(name)s (%(number)s) får inte söka i programmet: det är öppet för %(kinds)s."),
                    code="kind",
                    params={**params, "kinds": ", ".join(self.programme.applicant_kind_labels()).lower()},
                )
            raise forms.ValidationError(
                _("Du är inte redaktör för %(name)s (%(number)s) och kan inte söka för organisationen."),
                code="not_editor",
                params=params,
            )
        return organisation

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        picked, by_number = data.get("organisation"), data.get("organisation_number")
        if "organisation_number" in self.errors:
            return data
        if picked is None and by_number is None:
            self.add_error("organisation", _("Välj organisation eller ange dess organisationsnummer."))
        elif picked is not None and by_number is not None and picked != by_number:
            self.add_error(
                "organisation_number",
                _("Organisationsnumret hör till %(name)s, inte till den organisation du valt.")
                % {"name": by_number.name},
            )
        else:
            data["organisation"] = picked or by_number
        return data


def _key(field: FormField) -> str:
    return f"f_{field.uuid.hex}"


class ApplicationAnswersForm(forms.Form):
    """The application's own fields and the questions of its form version, typed, bilingual, with help."""

    title = forms.CharField(label=_("Projektets namn"), max_length=200)
    purpose = forms.CharField(
        label=_("Ändamål"),
        max_length=500,
        required=False,
        help_text=_("En mening om vad pengarna ska användas till. Visas offentligt om bidraget beviljas."),
    )
    amount_requested = forms.IntegerField(label=_("Sökt belopp (kr)"), min_value=0, required=False)
    co_applicants = forms.ModelMultipleChoiceField(
        label=_("Medsökande organisationer"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Organisationer i registret som söker tillsammans med er."),
    )
    co_applicant_number = forms.CharField(
        label=_("Lägg till medsökande med organisationsnummer"),
        max_length=20,
        required=False,
        help_text=_("NNNNNN-NNNN. Organisationen hämtas ur registret."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.questions = list(application.form_version.fields.all())
        self.budget_fields: list[tuple[FormField, list[tuple[str, str]]]] = []
        fields_co_applicants: Any = self.fields["co_applicants"]
        fields_co_applicants.queryset = Organisation.objects.active().exclude(pk=application.organisation_id)
        existing_files = set(application.files.values_list("field_uuid", flat=True))
        answers = application.answers
        for question in self.questions:
            key, label, help_text = _key(question), question.label, question.help
            value = answers.get(str(question.uuid))
            # Required answers are checked when the application is submitted, so a draft saves half-done.
            common = {"label": label, "help_text": help_text, "required": False}
            if question.kind == FieldKind.TEXT:
                self.fields[key] = forms.CharField(max_length=300, initial=value, **common)
            elif question.kind == FieldKind.LONG_TEXT:
                self.fields[key] = forms.CharField(widget=forms.Textarea, max_length=10000, initial=value, **common)
            elif question.kind == FieldKind.NUMBER:
                self.fields[key] = forms.DecimalField(max_digits=14, decimal_places=2, initial=value, **common)
            elif question.kind == FieldKind.AMOUNT:
                self.fields[key] = forms.IntegerField(min_value=0, initial=value, **common)
            elif question.kind == FieldKind.CHOICE:
                self.fields[key] = forms.ChoiceField(choices=[("", "—"), *question.options()], initial=value, **common)
            elif question.kind == FieldKind.DATE:
                self.fields[key] = forms.DateField(widget=DATE, initial=value, **common)
            elif question.kind == FieldKind.FILE:
                self.fields[key] = forms.FileField(**common)
                self.fields[key].has_file = question.uuid in existing_files  # type: ignore[attr-defined]  # for the template
            elif question.kind == FieldKind.CONTACT:
                contact = value or {}
                self.fields[f"{key}_name"] = forms.CharField(
                    label=_("%(label)s: namn") % {"label": label},
                    max_length=200,
                    initial=contact.get("name"),
                    required=False,
                    help_text=help_text,
                )
                self.fields[f"{key}_email"] = forms.EmailField(
                    label=_("%(label)s: e-post") % {"label": label}, initial=contact.get("email"), required=False
                )
                self.fields[f"{key}_phone"] = forms.CharField(
                    label=_("%(label)s: telefon") % {"label": label},
                    max_length=40,
                    initial=contact.get("phone"),
                    required=False,
                )
            elif question.kind == FieldKind.BUDGET:
                rows = list(value or [])
                names = []
                for n in range(BUDGET_ROWS):
                    row = rows[n] if n < len(rows) else {}
                    item, amount = f"{key}_item_{n}", f"{key}_amount_{n}"
                    self.fields[item] = forms.CharField(
                        label=_("Post %(n)s") % {"n": n + 1}, max_length=200, initial=row.get("item"), required=False
                    )
                    self.fields[amount] = forms.IntegerField(
                        label=_("Belopp för post %(n)s (kr)") % {"n": n + 1},
                        min_value=0,
                        initial=row.get("amount"),
                        required=False,
                    )
                    names.append((item, amount))
                self.budget_fields.append((question, names))

    def clean_co_applicant_number(self) -> Organisation | None:
        text = self.cleaned_data.get("co_applicant_number", "")
        if not text.strip():
            return None
        organisation = organisation_by_number(text)
        if organisation.pk == self.application.organisation_id:
            raise forms.ValidationError(_("Det är den sökande organisationen själv."), code="self")
        return organisation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("co_applicant_number") is not None:
            chosen = [*(data.get("co_applicants") or []), data["co_applicant_number"]]
            data["co_applicants"] = list(dict.fromkeys(chosen))
        for _question, names in self.budget_fields:
            rows = [
                {"item": data.get(item) or "", "amount": data.get(amount) or 0}
                for item, amount in names
                if data.get(item) or data.get(amount)
            ]
            for item, amount in names:
                if data.get(amount) and not data.get(item):
                    self.add_error(item, _("Skriv vad beloppet är till."))
            total = rules.budget_total(rows)
            requested = data.get("amount_requested") or 0
            if rows and total != requested:
                self.add_error(
                    "amount_requested",
                    _("Budgeten summerar till %(total)s kr men det sökta beloppet är %(requested)s kr.")
                    % {"total": total, "requested": requested},
                )
        for question in self.questions:
            if question.kind == FieldKind.FILE:
                upload = data.get(_key(question))
                if upload:
                    try:
                        content_type = check_upload(upload)
                    except forms.ValidationError as error:
                        self.add_error(_key(question), error)
                    else:
                        self.uploads[str(question.uuid)] = (upload, content_type)
        return data

    @property
    def uploads(self) -> dict[str, tuple[UploadedFile, str]]:
        if not hasattr(self, "_uploads"):
            self._uploads: dict[str, tuple[UploadedFile, str]] = {}
        return self._uploads

    def answers(self) -> dict[str, Any]:
        """The answers keyed by field uuid, as stored on the application."""
        data: dict[str, Any] = self.cleaned_data
        result: dict[str, Any] = {}
        for question in self.questions:
            key, stored = _key(question), str(question.uuid)
            if question.kind in (FieldKind.FILE, FieldKind.ORGANISATION):
                continue
            if question.kind == FieldKind.CONTACT:
                result[stored] = {part: data.get(f"{key}_{part}") or "" for part in ("name", "email", "phone")}
            elif question.kind == FieldKind.BUDGET:
                names = next(n for q, n in self.budget_fields if q is question)
                result[stored] = [
                    {"item": data.get(item) or "", "amount": data.get(amount) or 0}
                    for item, amount in names
                    if data.get(item)
                ]
            elif question.kind == FieldKind.DATE:
                result[stored] = data[key].isoformat() if data.get(key) else ""
            elif question.kind == FieldKind.NUMBER:
                result[stored] = str(data[key]) if data.get(key) is not None else ""
            else:
                result[stored] = data.get(key) if data.get(key) is not None else ""
        return result

    def core(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "purpose": data.get("purpose") or "",
            "amount_requested": data.get("amount_requested") or 0,
        }

    def question_rows(self) -> list[dict[str, Any]]:
        """The questions in order with their bound fields, for the template."""
        rows = []
        for question in self.questions:
            key = _key(question)
            if question.kind == FieldKind.CONTACT:
                bound = [self[f"{key}_{part}"] for part in ("name", "email", "phone")]
            elif question.kind == FieldKind.BUDGET:
                names = next(n for q, n in self.budget_fields if q is question)
                bound = [(self[item], self[amount]) for item, amount in names]  # type: ignore[misc]  # pairs
            elif question.kind == FieldKind.ORGANISATION:
                bound = []
            else:
                bound = [self[key]]
            rows.append({"question": question, "bound": bound})
        return rows


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Meddelande"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Granskare"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields_reviewer: Any = self.fields["reviewer"]
        fields_reviewer.queryset = (
            User.objects.filter(is_active=True, role_grants__isnull=False).distinct().order_by("full_name", "email")
        )


class ReviewForm(forms.Form):
    no_conflict = forms.BooleanField(
        label=_("Jag intygar att jag inte är jävig: jag har ingen koppling till den sökande eller de medsökande."),
        required=False,
    )
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, criteria: list[Criterion], initial_scores: dict[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s (0–%(max)s)") % {"name": criterion.name, "max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                initial=initial_scores.get(criterion.pk),
            )

    def scores(self) -> dict[Criterion, int | None]:
        return {c: self.cleaned_data.get(f"c_{c.pk}") for c in self.criteria}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Beslut"), choices=Outcome.choices, widget=forms.RadioSelect)
    amount_granted = forms.IntegerField(
        label=_("Beviljat belopp (kr)"), min_value=0, required=False, help_text=_("Behövs vid delvis beviljat bidrag.")
    )
    conditions = forms.CharField(label=_("Villkor"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DATE)
    registration_number = forms.CharField(label=_("Diarienummer"), max_length=40)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.GRANTED_PART:
            amount = data.get("amount_granted") or 0
            if not 0 < amount < self.application.amount_requested:
                self.add_error(
                    "amount_granted",
                    _("Ange ett belopp över 0 och under det sökta beloppet (%(requested)s kr).")
                    % {"requested": self.application.amount_requested},
                )
        return data


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Utbetalningsdatum"), widget=DATE)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class FinalReportForm(forms.Form):
    narrative = forms.CharField(label=_("Vad gjordes?"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    amount_used = forms.IntegerField(label=_("Använt belopp totalt (kr)"), min_value=0)

    SEX_LABELS = {"women": _("Kvinnor"), "men": _("Män"), "other": _("Annat eller ej angivet")}

    def __init__(
        self, *args: Any, application: Application, asks_participants: bool, budget: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.asks_participants = asks_participants
        report = getattr(application, "final_report", None)
        participants = report.participants if report else {}
        spent = report.spent if report else {}
        if report is not None:
            self.fields["narrative"].initial = report.narrative
            self.fields["amount_used"].initial = report.amount_used
        self.participant_rows: list[tuple[str, list[str]]] = []
        if asks_participants:
            for sex in rules.SEXES:
                names = []
                for group in rules.AGE_GROUPS:
                    name = f"p_{sex}_{group}"
                    self.fields[name] = forms.IntegerField(
                        label=_("%(sex)s, %(group)s år") % {"sex": self.SEX_LABELS[sex], "group": group},
                        min_value=0,
                        required=False,
                        initial=participants.get(sex, {}).get(group),
                    )
                    names.append(name)
                self.participant_rows.append((str(self.SEX_LABELS[sex]), names))
        for n, row in enumerate(budget):
            self.fields[f"s_{n}"] = forms.IntegerField(
                label=_("Använt för ”%(item)s” (budget %(amount)s kr)")
                % {"item": row.get("item"), "amount": row.get("amount")},
                min_value=0,
                required=False,
                initial=spent.get(str(n)),
            )

    def participants(self) -> dict[str, dict[str, int]]:
        return (
            {
                sex: {group: self.cleaned_data.get(f"p_{sex}_{group}") or 0 for group in rules.AGE_GROUPS}
                for sex in rules.SEXES
            }
            if self.asks_participants
            else {}
        )

    def spent(self) -> dict[str, int]:
        return {str(n): self.cleaned_data.get(f"s_{n}") or 0 for n in range(len(self.budget))}


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    call = forms.ModelChoiceField(
        label=_("Utlysning"), queryset=Call.objects.all(), required=False, to_field_name="slug"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields_status: Any = self.fields["status"]
        fields_status.choices = [("", _("Alla")), *Status.choices]
