"""Searching organisations and people for the choice fields of other apps' forms (see common/widgets.py).

The search endpoints (`views.organisation_search`, `views.person_search`) and the forms' fallback for a typed
name both narrow a queryset that `permissions.organisation_choices` or `person_choices` gave for the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, CharField, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Concat

from vagenin.organisations.models import Organisation, Person, Position

LIMIT = 20


@dataclass(frozen=True)
class Found:
    results: list[dict[str, str]]
    more: bool


def organisation_label(organisation: Organisation) -> str:
    return organisation.display_name


def person_label(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


def organisations_named(organisations: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    """Those whose Swedish or English name, organisation number or short address is exactly `text`."""
    return organisations.filter(
        Q(name__iexact=text) | Q(name_en__iexact=text) | Q(organisation_number=text) | Q(slug=text)
    ).order_by("name")


def people_named(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Those whose full name ("first last") or e-mail address is exactly `text`."""
    return (
        people.annotate(full_name=Concat("first_name", Value(" "), "last_name", output_field=CharField()))
        .filter(Q(full_name__iexact=text) | Q(email__iexact=text))
        .order_by("last_name", "first_name", "pk")
    )


def _first_words_first(field: str, query: str) -> Case:
    return Case(When(**{f"{field}__istartswith": query}, then=Value(0)), default=Value(1), output_field=IntegerField())


def search_organisations(organisations: QuerySet[Organisation], query: str) -> Found:
    """Up to LIMIT organisations whose name contains `query`, those starting with it first."""
    query = " ".join(query.split())[:100]
    if not query:
        return Found(results=[], more=False)
    rows = list(
        organisations.filter(Q(name__icontains=query) | Q(name_en__icontains=query) | Q(organisation_number=query))
        .select_related("municipality", "county")
        .annotate(rank=_first_words_first("name", query))
        .order_by("rank", "name", "pk")[: LIMIT + 1]
    )
    results = []
    for organisation in rows[:LIMIT]:
        place = organisation.municipality or organisation.county
        detail = organisation.get_type_display() + (f", {place}" if place else "")
        results.append({"id": str(organisation.pk), "label": organisation_label(organisation), "detail": detail})
    return Found(results=results, more=len(rows) > LIMIT)


def search_people(people: QuerySet[Person], query: str, *, organisation_id: int | None = None) -> Found:
    """Up to LIMIT people whose name or e-mail address contains `query`, with their current organisations."""
    query = " ".join(query.split())[:100]
    if not query:
        return Found(results=[], more=False)
    if organisation_id is not None:
        people = people.filter(pk__in=Position.objects.filter(organisation_id=organisation_id).values("person_id"))
    full_name = Concat("first_name", Value(" "), "last_name", output_field=CharField())
    current = Position.objects.current().select_related("organisation").order_by("organisation__name")
    rows = list(
        people.annotate(full_name=full_name)
        .filter(Q(full_name__icontains=query) | Q(last_name__icontains=query) | Q(email__iexact=query))
        .annotate(rank=_first_words_first("full_name", query))
        .prefetch_related(Prefetch("positions", queryset=current, to_attr="current_positions"))
        .order_by("rank", "last_name", "first_name", "pk")[: LIMIT + 1]
    )
    results = []
    for person in rows[:LIMIT]:
        names = sorted({position.organisation.display_name for position in person.current_positions})
        results.append({"id": str(person.pk), "label": person_label(person), "detail": ", ".join(names)})
    return Found(results=results, more=len(rows) > LIMIT)
