"""Forms of news, the knowledge bank and the newsletter. They only validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vagenin.actionplan.models import Initiative
from vagenin.agreement.models import AgreementPeriod, Area, FocusTheme
from vagenin.common.uploads import check_upload, scan_for_viruses
from vagenin.newsletter import blocks
from vagenin.newsletter.models import (
    LANGUAGES,
    Document,
    DocumentKind,
    DocumentLanguage,
    DocumentQuerySet,
    Issue,
    NewsItem,
)
from vagenin.organisations.models import Organisation

MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_KINDS = {
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "webp": ("image/webp", (b"RIFF",)),
}
MARKUP_HELP = _(
    "Rubriker med ## eller ###, punktlistor med - och numrerade listor med 1. "
    "Länkar skrivs [text](https://adress). Tom rad mellan stycken."
)


def check_image(upload: UploadedFile) -> str:
    """The content type of an acceptable image (PNG, JPEG or WebP by its first bytes), else a ValidationError."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in IMAGE_KINDS:
        raise ValidationError(_("Bilden måste vara PNG, JPEG eller WebP."))
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("Bilden är för stor (högst %(mb)s MB)."), params={"mb": MAX_IMAGE_BYTES // (1024 * 1024)}
        )
    content_type, magics = IMAGE_KINDS[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    is_webp = extension != "webp" or head[8:12] == b"WEBP"
    if not any(head.startswith(magic) for magic in magics) or not is_webp:
        raise ValidationError(
            _("Filens innehåll är inte en bild av typen %(extension)s."), params={"extension": extension}
        )
    scan_for_viruses(upload)
    return content_type


def current_areas() -> QuerySet[Area]:
    period = AgreementPeriod.objects.current()
    return Area.objects.filter(period=period) if period else Area.objects.none()


def current_themes() -> QuerySet[FocusTheme]:
    period = AgreementPeriod.objects.current()
    themes = FocusTheme.objects.filter(area__period=period) if period else FocusTheme.objects.none()
    return themes.select_related("area").order_by("area__number", "number")


def _translated_labels(form: forms.BaseForm, *names: str) -> None:
    fields: dict[str, Any] = form.fields
    for name in names:
        fields[name].label_from_instance = lambda obj: obj.name


class NewsForm(forms.ModelForm):
    """A news item's text, image and tags; the organisation among those the writer may write for."""

    class Meta:
        model = NewsItem
        fields = [
            "organisation",
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "body_sv",
            "body_en",
            "image",
            "image_alt_sv",
            "image_alt_en",
            "areas",
            "themes",
        ]
        widgets = {
            "summary_sv": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_sv": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
            "areas": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "image": forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.webp"}),
        }
        help_texts = {
            "body_sv": MARKUP_HELP,
            "image_alt_sv": _("Obligatorisk när nyheten har en bild: beskriv vad bilden visar."),
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["organisation"].queryset = organisations
        fields["areas"].queryset = current_areas()
        fields["themes"].queryset = current_themes()
        _translated_labels(self, "areas", "themes")
        self.image_type = ""

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            self.image_type = check_image(image)
        return image

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("image") and not (data.get("image_alt_sv") or "").strip():
            self.add_error("image_alt_sv", _("Skriv en alternativtext som beskriver bilden."))
        return data


class ApproveNewsForm(forms.Form):
    published_at = forms.DateTimeField(
        label=_("Publiceras"),
        required=False,
        help_text=_("Lämna tomt för att publicera nu. En senare tid schemalägger nyheten."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Vad behöver ändras?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


class NewsFilterForm(forms.Form):
    """Filters of the public news list; invalid values are ignored."""

    omrade = forms.ModelChoiceField(
        label=_("Samverkansområde"), queryset=Area.objects.none(), required=False, to_field_name="slug"
    )
    tema = forms.ModelChoiceField(
        label=_("Fokusområde"), queryset=FocusTheme.objects.none(), required=False, to_field_name="slug"
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, to_field_name="slug"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["omrade"].queryset = current_areas()
        fields["omrade"].empty_label = _("Alla områden")
        fields["tema"].queryset = current_themes()
        fields["tema"].empty_label = _("Alla fokusområden")
        fields["organisation"].queryset = (
            Organisation.objects.filter(news_items__isnull=False).distinct().order_by("name")
        )
        fields["organisation"].empty_label = _("Alla organisationer")
        _translated_labels(self, "omrade", "tema")

    def filter(self, items: QuerySet[NewsItem]) -> QuerySet[NewsItem]:
        if not self.is_valid():
            return items
        data = self.cleaned_data
        if data["omrade"]:
            items = items.filter(areas=data["omrade"])
        if data["tema"]:
            items = items.filter(themes=data["tema"])
        if data["organisation"]:
            items = items.filter(organisation=data["organisation"])
        return items


class DocumentForm(forms.ModelForm):
    """A knowledge-bank entry: a checked file, an external link, or at least a description."""

    url = forms.URLField(label=_("extern länk"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Document
        fields = [
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "kind",
            "date",
            "language",
            "organisation",
            "areas",
            "themes",
            "file",
            "url",
        ]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "date": forms.DateInput(attrs={"type": "date"}),
            "areas": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["organisation"].queryset = Organisation.objects.order_by("name")
        fields["areas"].queryset = current_areas()
        fields["themes"].queryset = current_themes()
        _translated_labels(self, "areas", "themes")
        self.content_type = ""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.content_type = check_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("url") and not (data.get("description_sv") or "").strip():
            raise ValidationError(_("Ladda upp en fil, ange en länk eller skriv en beskrivning."))
        return data


class DocumentFilterForm(forms.Form):
    """Search and filters of the knowledge bank, as in the project catalogue."""

    q = forms.CharField(label=_("Sök"), required=False, max_length=200)
    typ = forms.ChoiceField(label=_("Typ"), choices=[("", _("Alla typer")), *DocumentKind.choices], required=False)
    omrade = forms.ModelChoiceField(
        label=_("Samverkansområde"), queryset=Area.objects.none(), required=False, to_field_name="slug"
    )
    sprak = forms.ChoiceField(
        label=_("Språk"), choices=[("", _("Alla språk")), *DocumentLanguage.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["omrade"].queryset = current_areas()
        fields["omrade"].empty_label = _("Alla områden")
        _translated_labels(self, "omrade")

    def filter(self, documents: DocumentQuerySet) -> DocumentQuerySet:
        if not self.is_valid():
            return documents
        data = self.cleaned_data
        if data["typ"]:
            documents = documents.filter(kind=data["typ"])
        if data["omrade"]:
            documents = documents.filter(areas=data["omrade"])
        if data["sprak"]:
            documents = documents.filter(language=data["sprak"])
        return documents.search(data["q"] or "")


class HoneypotForm(forms.Form):
    """A field people never see or fill in; bots that fill every field reveal themselves."""

    website = forms.CharField(
        label=_("Lämna tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        template_name="newsletter/_honeypot_field.html",
    )  # type: ignore[call-arg]  # Field(template_name=) is Django 5.0; django-stubs lacks it

    @property
    def is_from_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ChoicesForm(forms.Form):
    """Language and areas: the only choices a subscriber makes."""

    language = forms.ChoiceField(label=_("Språk för nyhetsbrevet"), choices=LANGUAGES, widget=forms.RadioSelect)
    areas = forms.ModelMultipleChoiceField(
        label=_("Samverkansområden"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj inget för att få allt."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["areas"].queryset = current_areas()
        _translated_labels(self, "areas")


class SubscribeForm(ChoicesForm, HoneypotForm):
    email = forms.EmailField(label=_("E-postadress"), max_length=254)

    field_order = ["email", "language", "areas", "website"]


class IssueForm(forms.ModelForm):
    """An issue's own text and the blocks it draws on."""

    extra_blocks = forms.MultipleChoiceField(
        label=_("Fler block"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    class Meta:
        model = Issue
        fields = [
            "subject_sv",
            "subject_en",
            "intro_sv",
            "intro_en",
            "news",
            "initiatives",
            "documents",
            "extra_blocks",
        ]
        widgets = {
            "intro_sv": forms.Textarea(attrs={"rows": 8}),
            "intro_en": forms.Textarea(attrs={"rows": 8}),
            "news": forms.CheckboxSelectMultiple,
            "initiatives": forms.CheckboxSelectMultiple,
            "documents": forms.CheckboxSelectMultiple,
        }
        help_texts = {"intro_sv": MARKUP_HELP}

    def __init__(self, *args: Any, since: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        initiatives = Initiative.objects.published().filter(published_at__isnull=False)
        documents = Document.objects.all()
        if since is not None:
            initiatives = initiatives.filter(published_at__gte=since)
            documents = documents.filter(created_at__gte=since)
        fields["news"].queryset = _recent(NewsItem.objects.published(), "-published_at", self.instance, "news")
        fields["initiatives"].queryset = _recent(initiatives, "-published_at", self.instance, "initiatives")
        fields["initiatives"].help_text = _("Insatser som publicerats sedan förra numret.")
        fields["documents"].queryset = _recent(documents, "-created_at", self.instance, "documents")
        fields["extra_blocks"].choices = [(key, label) for key, (label, _p) in sorted(blocks.available().items())]
        fields["extra_blocks"].help_text = _("Innehåll från andra delar av plattformen, t.ex. kommande möten.")
        for name in ("news", "initiatives", "documents"):
            fields[name].label_from_instance = lambda obj: obj.title


def _recent(candidates: QuerySet[Any], order: str, issue: Issue, relation: str, count: int = 30) -> QuerySet[Any]:
    """The newest candidates, and whatever the issue already holds, as a filterable queryset (no slice)."""
    ids = list(candidates.order_by(order).values_list("pk", flat=True)[:count])
    if issue.pk:
        ids += list(getattr(issue, relation).values_list("pk", flat=True))
    return candidates.model.objects.filter(pk__in=ids).order_by(order)


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(label=_("Skicka"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def clean_when(self) -> Any:
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise ValidationError(_("Välj en tid som inte har passerat."))
        return when
