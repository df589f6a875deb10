"""Form rendering shared by every form: an error summary on top, errors beside each field."""

from typing import Any

from django.db import models
from django.forms import Field
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "common/form.html"
    field_template_name = "common/field.html"


def formfield_https(db_field: "models.Field[Any, Any]", **kwargs: Any) -> Field | None:
    """ModelForm field callback: URLs typed without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)
