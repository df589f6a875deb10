"""An autocomplete combobox for large choice sets (people, organisations, initiatives).

A `<select>` of thousands of options makes a page of a megabyte and seconds of rendering. `SearchChoiceField`
renders only the current choice: a text input with the chosen label and a hidden input with its key. The
script `common/combobox.js` turns the text input into a WAI-ARIA combobox that asks the field's JSON search
endpoint for matching choices. Without the script the text input is a plain field: the server resolves what
was typed, an id or the exact name, within the field's queryset, and says so beside the field when nothing or
more than one choice matches. The queryset decides what the user may pick, whatever the endpoint or the typist
sends; the endpoint should return the same set (an app's permissions function that both use).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms.utils import flatatt
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from vagenin.common.models import SwedishFallback

TEXT_SUFFIX = "_text"
SWEDISH_MARK = mark_safe(' lang="sv"')  # a constant


@dataclass(frozen=True)
class Picked:
    """What the combobox holds: the chosen key (empty once the text is changed by hand) and the text shown."""

    key: str
    text: str


def normalised(text: str) -> str:
    return " ".join(text.split())


class Combobox(forms.Widget):
    """A text input (the label) with a hidden input (the key), enhanced by common/combobox.js."""

    template_name = "common/widgets/combobox.html"

    def __init__(
        self,
        *,
        search_url: str | Promise = "",
        params: dict[str, str] | None = None,
        filter_from: tuple[str, str] | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.search_url = search_url
        self.params = params or {}
        # (name of another field in the form, query parameter): the other field's key narrows the search.
        self.filter_from = filter_from

    def format_value(self, value: Any) -> Any:
        return value if isinstance(value, Picked) else Picked(key="", text="" if value is None else str(value))

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        url = str(self.search_url)
        query = urlencode(self.params)
        widget = context["widget"]
        widget["search_url"] = f"{url}?{query}" if query else url
        widget["text_name"] = name + TEXT_SUFFIX
        widget["filter_from"] = self.filter_from
        return context

    def value_from_datadict(self, data: Any, files: MultiValueDict[str, Any], name: str) -> Picked | None:
        key = data.get(name)
        text = data.get(name + TEXT_SUFFIX)
        if key is None and text is None:
            return None
        if text is None:  # posted by a client that only knows the key (a test, a script)
            text = key
        return Picked(key=str(key or ""), text=normalised(str(text)))

    def value_omitted_from_data(self, data: Any, files: MultiValueDict[str, Any], name: str) -> bool:
        return name not in data and name + TEXT_SUFFIX not in data


class SearchChoiceField(forms.ModelChoiceField):
    """A model choice from a large set, picked through a `Combobox`.

    `match(queryset, text)` narrows the queryset to the choices whose name is exactly `text` (the typed
    fallback); an id (the primary key) is always accepted. The key is the primary key.
    """

    widget = Combobox
    default_error_messages = {
        "not_found": _("”%(text)s” finns inte bland det du kan välja. Skriv namnet exakt, eller välj i listan."),
        "ambiguous": _("Flera val heter ”%(text)s”. Välj i listan, eller skriv id-numret."),
    }

    def __init__(
        self,
        queryset: QuerySet[Any],
        *,
        match: Callable[[QuerySet[Any], str], QuerySet[Any]],
        search_url: str | Promise = "",
        params: dict[str, str] | None = None,
        filter_from: tuple[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", Combobox(search_url=search_url, params=params, filter_from=filter_from))
        super().__init__(queryset, **kwargs)
        self.match = match

    @property
    def combobox(self) -> Combobox:
        widget = self.widget
        assert isinstance(widget, Combobox)
        return widget

    @property
    def choices_queryset(self) -> QuerySet[Any]:
        queryset = self.queryset
        assert queryset is not None  # always given to __init__
        return queryset

    def prepare_value(self, value: Any) -> Picked:
        if isinstance(value, Picked):
            return value
        if value in self.empty_values:
            return Picked(key="", text="")
        if isinstance(value, Model):
            return Picked(key=str(value.pk), text=self.label_from_instance(value))
        # The initial value is a primary key: shown with its label even if no longer among the choices.
        obj = self.choices_queryset.model._default_manager.filter(pk=value).first() if str(value).isdigit() else None
        if obj is None:
            return Picked(key="", text=str(value))
        return Picked(key=str(obj.pk), text=self.label_from_instance(obj))

    def to_python(self, value: Any) -> Model | None:
        if isinstance(value, str):
            value = Picked(key=value, text=normalised(value))
        if value is None or not isinstance(value, Picked) or not value.text:
            return None
        # The chosen key stands while the text is still the label it came with.
        if value.key.isdigit():
            chosen = self.choices_queryset.filter(pk=value.key).first()
            if chosen is not None and normalised(self.label_from_instance(chosen)) == value.text:
                return chosen
        text = value.text
        if text.isdigit():
            chosen = self.choices_queryset.filter(pk=text).first()
            if chosen is not None:
                return chosen
        found = list(self.match(self.choices_queryset, text)[:2])
        if not found:
            raise ValidationError(self.error_messages["not_found"], code="not_found", params={"text": text})
        if len(found) > 1:
            raise ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"text": text})
        return found[0]

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            chosen = self.to_python(data)
        except ValidationError:
            return True
        return self.prepare_value(initial).key != (str(chosen.pk) if chosen is not None else "")


def use_search_field(
    form: forms.BaseForm,
    name: str,
    queryset: QuerySet[Any],
    *,
    match: Callable[[QuerySet[Any], str], QuerySet[Any]],
    label_from_instance: Callable[[Any], str],
    search_url: str | Promise,
    params: dict[str, str] | None = None,
    filter_from: tuple[str, str] | None = None,
) -> SearchChoiceField:
    """Replace a form's (model) choice field by a `SearchChoiceField` with the same label, help text and
    requiredness, choosing from `queryset`."""
    old = form.fields[name]
    field = SearchChoiceField(
        queryset,
        match=match,
        search_url=search_url,
        params=params,
        filter_from=filter_from,
        label=old.label,
        required=old.required,
        help_text=old.help_text,
        initial=old.initial,
        disabled=old.disabled,
    )
    field.label_from_instance = label_from_instance  # type: ignore[method-assign,assignment]  # per-field label
    form.fields[name] = field
    return field


class PlainSelect(forms.Select):
    """A `<select>` written in Python: the same HTML as Django's templates give (with the Swedish mark of
    `common/widgets/select_option.html`), without a template include per option. For the filter forms that every
    visit to a list renders (issue 15: the filter form was half of the catalogue's rendering)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}{}>{}</option>',
            (
                (
                    str(option["value"]),
                    flatatt(option["attrs"]),  # escaped by flatatt
                    SWEDISH_MARK if isinstance(option["label"], SwedishFallback) else "",
                    "" if option["label"] is None else str(option["label"]),
                )
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)
