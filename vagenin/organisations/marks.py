"""Marks on the public organisation list that an upper layer owns, registered from above.

The list shows whether each organisation signed the agreement in force, which the `agreement` app knows and
this app may not import (see docs/architecture.md). The agreement registers a function that annotates the
list's queryset with `is_signatory` (a boolean) when its app is ready; this app only applies what is registered.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet, Value

from vagenin.organisations.models import Organisation

Annotator = Callable[[QuerySet[Organisation]], QuerySet[Organisation]]

_annotate_signatories: list[Annotator] = []


def register_signatory_mark(annotator: Annotator) -> None:
    """Set the function that annotates organisations with `is_signatory` (one per site)."""
    _annotate_signatories[:] = [annotator]


def with_signatory_mark(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The organisations annotated with `is_signatory`; False for all when no app has registered a mark."""
    if not _annotate_signatories:
        return organisations.annotate(is_signatory=Value(False))
    return _annotate_signatories[0](organisations)
