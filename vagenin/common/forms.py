"""Form rendering shared by every form: an error summary on top, errors beside each field; one-line fields."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import Field
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

# Every character that starts a new line somewhere: in a mail header, a CSV cell, a PDF heading or a screen reader.
LINE_BREAK = re.compile("[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


class FormRenderer(TemplatesSetting):
    form_template_name = "common/form.html"
    field_template_name = "common/field.html"


def formfield_https(db_field: "models.Field[Any, Any]", **kwargs: Any) -> Field | None:
    """ModelForm field callback: URLs typed without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def _validate_one_line(self: forms.CharField, value: Any) -> None:
    _char_field_validate(self, value)
    if isinstance(value, str) and not isinstance(self.widget, forms.Textarea) and LINE_BREAK.search(value):
        raise ValidationError(_("Skriv allt på en rad, utan radbrytningar."), code="line_break")


_char_field_validate = forms.CharField.validate


def refuse_line_breaks_in_one_line_fields() -> None:
    """Make every text field that is not a text area refuse line breaks (names, subjects, titles, addresses).

    A line break typed into a one-line field ends up in mail subjects and headers, in CSV rows and headings; it is
    refused with a message beside the field rather than silently joined. This holds for every form of every app,
    present and future, subclasses (e-mail, URL, slug) included, so it is set once, in CommonConfig.ready().
    """
    forms.CharField.validate = _validate_one_line  # type: ignore[method-assign,assignment]


def mark_swedish_options() -> None:
    """An <option> may hold only text: Swedish shown to an English reader is marked on the option itself.

    Select widgets include their option template by name, past the renderer, so the name is set on the class.
    """
    forms.Select.option_template_name = "common/widgets/select_option.html"
