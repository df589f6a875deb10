"""The secretariat's writes to the agreement and its bodies. Each runs in a transaction and leaves an audit row."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max

from vagenin.agreement.models import (
    AgreementPeriod,
    Area,
    Body,
    BodyMembership,
    FocusTheme,
    MemberRole,
    Principle,
    Responsibility,
    Signatory,
    ThemePartner,
)
from vagenin.common.audit import audit_value, record, save_changes
from vagenin.common.deletion import delete_checked, move_links
from vagenin.organisations.models import Organisation, Person

# Never copied from one object to its copy: identity and timestamps belong to the new row.
_NOT_COPIED = {"id", "uuid", "created_at", "updated_at"}


def _next_number(queryset: models.QuerySet[Any], field: str) -> int:
    return (queryset.aggregate(top=Max(field))["top"] or 0) + 1


def _renumber(queryset: models.QuerySet[Any], field: str, ordered_pks: list[int]) -> None:
    """Number the rows 1..n in the given order without ever breaking the unique constraint on `field`."""
    # Unique constraints are checked row by row (PostgreSQL does not defer them, nor does SQLite), so first
    # park every row above the current maximum, then write the final numbers.
    top = queryset.aggregate(top=Max(field))["top"] or 0
    for offset, pk in enumerate(ordered_pks, start=1):
        queryset.filter(pk=pk).update(**{field: top + offset})
    for number, pk in enumerate(ordered_pks, start=1):
        queryset.filter(pk=pk).update(**{field: number})


def _move(queryset: models.QuerySet[Any], field: str, obj: models.Model, to: int) -> int:
    """Put `obj` at position `to` (1-based, clamped) among `queryset` and renumber; returns the new position."""
    pks = list(queryset.order_by(field).values_list("pk", flat=True))
    pks.remove(obj.pk)
    position = min(max(to, 1), len(pks) + 1)
    pks.insert(position - 1, obj.pk)
    _renumber(queryset, field, pks)
    return position


def _copy_fields(obj: models.Model, *skip: str) -> dict[str, Any]:
    """The concrete field values of `obj`, by attribute name, for creating a copy."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in _NOT_COPIED and field.name not in skip
    }


# Periods


@transaction.atomic
def create_period(*, actor: Any, data: dict[str, Any], copy_from: AgreementPeriod | None = None) -> AgreementPeriod:
    """Create a period; with `copy_from`, its principles, areas, focus themes and theme partners come along."""
    period = AgreementPeriod(**data)
    period.full_clean()
    period.save()
    if copy_from is not None:
        _copy_content(source=copy_from, target=period)
    changes = {"slug": period.slug, "copied_from": copy_from.slug if copy_from else ""}
    record(actor=actor, action="period.created", obj=period, changes=changes)
    return period


def _copy_content(*, source: AgreementPeriod, target: AgreementPeriod) -> None:
    # Signatories and bodies are not copied: a revised agreement is signed anew and organises itself anew.
    Principle.objects.bulk_create(
        Principle(period=target, **_copy_fields(principle, "period")) for principle in source.principles.all()
    )
    partners = []
    for area in source.areas.prefetch_related("themes__partners"):
        new_area = Area.objects.create(period=target, **_copy_fields(area, "period"))
        for theme in area.themes.all():
            new_theme = FocusTheme.objects.create(area=new_area, **_copy_fields(theme, "area"))
            partners += [ThemePartner(theme=new_theme, **_copy_fields(p, "theme")) for p in theme.partners.all()]
    ThemePartner.objects.bulk_create(partners)


@transaction.atomic
def update_period(*, actor: Any, period: AgreementPeriod, data: dict[str, Any]) -> AgreementPeriod:
    """Update a period's texts and dates."""
    save_changes(actor=actor, obj=period, data=data, action="period.updated")
    return period


# Signatories


@transaction.atomic
def add_signatory(
    *,
    actor: Any,
    period: AgreementPeriod,
    organisation: Organisation,
    signed_on: datetime.date | None,
    left_on: datetime.date | None = None,
    note_sv: str = "",
    note_en: str = "",
) -> Signatory:
    """Record that an organisation signed the period."""
    signatory = Signatory(
        period=period, organisation=organisation, signed_on=signed_on, left_on=left_on, note_sv=note_sv, note_en=note_en
    )
    signatory.full_clean()
    signatory.save()
    changes = {"period": period.slug, "organisation": organisation.slug, "signed_on": audit_value(signed_on)}
    record(actor=actor, action="signatory.added", obj=signatory, changes=changes)
    return signatory


@transaction.atomic
def update_signatory(*, actor: Any, signatory: Signatory, data: dict[str, Any]) -> Signatory:
    """Update a signature's organisation, dates or note."""
    save_changes(actor=actor, obj=signatory, data=data, action="signatory.updated")
    return signatory


@transaction.atomic
def mark_signatory_left(*, actor: Any, signatory: Signatory, on: datetime.date) -> Signatory:
    """Record that a signatory left the agreement; it stays in the list with the date."""
    signatory.left_on = on
    signatory.full_clean()
    signatory.save(update_fields=["left_on"])
    record(actor=actor, action="signatory.left", obj=signatory, changes={"left_on": on.isoformat()})
    return signatory


@transaction.atomic
def remove_signatory(*, actor: Any, signatory: Signatory) -> None:
    """Remove a signature entered by mistake (an organisation that left is marked as left instead)."""
    changes = {"organisation": signatory.organisation.slug}
    delete_checked(actor=actor, obj=signatory, action="signatory.removed", changes=changes)


# Principles


@transaction.atomic
def add_principle(*, actor: Any, period: AgreementPeriod, text_sv: str, text_en: str = "") -> Principle:
    """Add a principle last in the period's list."""
    number = _next_number(Principle.objects.filter(period=period), "number")
    principle = Principle(period=period, number=number, text_sv=text_sv, text_en=text_en)
    principle.full_clean()
    principle.save()
    record(actor=actor, action="principle.created", obj=principle, changes={"number": str(number), "text_sv": text_sv})
    return principle


@transaction.atomic
def update_principle(*, actor: Any, principle: Principle, data: dict[str, Any]) -> Principle:
    """Update a principle's text."""
    save_changes(actor=actor, obj=principle, data=data, action="principle.updated")
    return principle


@transaction.atomic
def move_principle(*, actor: Any, principle: Principle, to: int) -> Principle:
    """Move a principle to position `to` (1-based); the others are renumbered around it."""
    before = principle.number
    _move(Principle.objects.filter(period_id=principle.period_id), "number", principle, to)
    principle.refresh_from_db(fields=["number"])
    if principle.number != before:
        changes = {"number": f"{before} → {principle.number}"}
        record(actor=actor, action="principle.moved", obj=principle, changes=changes)
    return principle


@transaction.atomic
def delete_principle(*, actor: Any, principle: Principle, move_to: Principle | None = None) -> None:
    """Delete a principle and close the gap in the numbering. What names it (initiatives) is moved to `move_to`
    first when given; otherwise InUseError while anything names it."""
    changes: dict[str, Any] = {"text_sv": principle.text_sv}
    if move_to is not None:
        changes.update(moved_to=move_to.number, moved=move_links(principle, to=move_to))
    siblings = Principle.objects.filter(period_id=principle.period_id)
    delete_checked(actor=actor, obj=principle, action="principle.deleted", changes=changes)
    _renumber(siblings, "number", list(siblings.order_by("number").values_list("pk", flat=True)))


# Areas, focus themes and their partners


@transaction.atomic
def create_area(*, actor: Any, period: AgreementPeriod, data: dict[str, Any]) -> Area:
    """Add a collaboration area last in the period."""
    area = Area(period=period, number=_next_number(Area.objects.filter(period=period), "number"), **data)
    area.full_clean()
    area.save()
    record(actor=actor, action="area.created", obj=area, changes={"period": period.slug, "slug": area.slug})
    return area


@transaction.atomic
def update_area(*, actor: Any, area: Area, data: dict[str, Any]) -> Area:
    """Update an area's texts."""
    save_changes(actor=actor, obj=area, data=data, action="area.updated")
    return area


@transaction.atomic
def add_theme(*, actor: Any, area: Area, data: dict[str, Any]) -> FocusTheme:
    """Add a focus theme last in the area."""
    theme = FocusTheme(area=area, number=_next_number(FocusTheme.objects.filter(area=area), "number"), **data)
    theme.full_clean()
    theme.save()
    record(actor=actor, action="theme.created", obj=theme, changes={"area": area.slug, "slug": theme.slug})
    return theme


@transaction.atomic
def update_theme(*, actor: Any, theme: FocusTheme, data: dict[str, Any]) -> FocusTheme:
    """Update a focus theme's texts."""
    save_changes(actor=actor, obj=theme, data=data, action="theme.updated")
    return theme


@transaction.atomic
def delete_theme(*, actor: Any, theme: FocusTheme, move_to: FocusTheme | None = None) -> None:
    """Delete a focus theme with its partner list. What names it (initiatives, submissions, events …) is moved
    to `move_to` first when given; otherwise InUseError while anything names it."""
    changes: dict[str, Any] = {"area": theme.area.slug, "slug": theme.slug}
    if move_to is not None:
        changes.update(moved_to=move_to.slug, moved=move_links(theme, to=move_to))
    delete_checked(actor=actor, obj=theme, action="theme.deleted", changes=changes, owned=[ThemePartner])


@transaction.atomic
def add_theme_partner(
    *,
    actor: Any,
    theme: FocusTheme,
    organisation: Organisation | None,
    group_sv: str = "",
    group_en: str = "",
    note_sv: str = "",
    note_en: str = "",
) -> ThemePartner:
    """Name a collaboration partner for a theme, last in its list: an organisation or a group of actors."""
    partner = ThemePartner(
        theme=theme,
        order=_next_number(ThemePartner.objects.filter(theme=theme), "order"),
        organisation=organisation,
        group_sv=group_sv,
        group_en=group_en,
        note_sv=note_sv,
        note_en=note_en,
    )
    partner.full_clean()
    partner.save()
    record(actor=actor, action="themepartner.added", obj=partner, changes={"theme": theme.slug, "label": str(partner)})
    return partner


@transaction.atomic
def update_theme_partner(*, actor: Any, partner: ThemePartner, data: dict[str, Any]) -> ThemePartner:
    """Update which organisation or group a partner is, and its note."""
    save_changes(actor=actor, obj=partner, data=data, action="themepartner.updated")
    return partner


@transaction.atomic
def move_theme_partner(*, actor: Any, partner: ThemePartner, to: int) -> ThemePartner:
    """Move a partner to position `to` (1-based) in its theme's list."""
    before = partner.order
    _move(ThemePartner.objects.filter(theme_id=partner.theme_id), "order", partner, to)
    partner.refresh_from_db(fields=["order"])
    if partner.order != before:
        record(actor=actor, action="themepartner.moved", obj=partner, changes={"order": f"{before} → {partner.order}"})
    return partner


@transaction.atomic
def remove_theme_partner(*, actor: Any, partner: ThemePartner) -> None:
    """Remove a partner from a theme and close the gap in the order."""
    siblings = ThemePartner.objects.filter(theme_id=partner.theme_id)
    delete_checked(actor=actor, obj=partner, action="themepartner.removed", changes={"theme": partner.theme.slug})
    _renumber(siblings, "order", list(siblings.order_by("order").values_list("pk", flat=True)))


# Bodies, responsibilities and memberships


@transaction.atomic
def create_body(*, actor: Any, period: AgreementPeriod, data: dict[str, Any]) -> Body:
    """Add a governance body to the period."""
    body = Body(period=period, **data)
    body.full_clean()
    body.save()
    record(actor=actor, action="body.created", obj=body, changes={"period": period.slug, "slug": body.slug})
    return body


@transaction.atomic
def update_body(*, actor: Any, body: Body, data: dict[str, Any]) -> Body:
    """Update a body's description, place in the organisation, area and convener."""
    save_changes(actor=actor, obj=body, data=data, action="body.updated")
    return body


@transaction.atomic
def add_responsibility(*, actor: Any, body: Body, data: dict[str, Any]) -> Responsibility:
    """Add an area of responsibility last in the body's list."""
    order = _next_number(Responsibility.objects.filter(body=body), "order")
    responsibility = Responsibility(body=body, order=order, **data)
    responsibility.full_clean()
    responsibility.save()
    changes = {"body": body.slug, "slug": responsibility.slug}
    record(actor=actor, action="responsibility.created", obj=responsibility, changes=changes)
    return responsibility


@transaction.atomic
def update_responsibility(*, actor: Any, responsibility: Responsibility, data: dict[str, Any]) -> Responsibility:
    """Rename an area of responsibility."""
    save_changes(actor=actor, obj=responsibility, data=data, action="responsibility.updated")
    return responsibility


@transaction.atomic
def delete_responsibility(*, actor: Any, responsibility: Responsibility) -> None:
    """Delete an area of responsibility. Raises InUseError while seats refer to it."""
    changes = {"body": responsibility.body.slug, "slug": responsibility.slug}
    delete_checked(actor=actor, obj=responsibility, action="responsibility.deleted", changes=changes)


def _check_responsibility(body: Body, role: str, responsibility: Responsibility | None) -> None:
    if responsibility is not None and responsibility.body_id != body.pk:
        raise ValidationError({"responsibility": "The responsibility belongs to another body."})
    if role == MemberRole.RESPONSIBLE and responsibility is None:
        raise ValidationError({"responsibility": "A responsible member needs an area of responsibility."})


@transaction.atomic
def add_membership(
    *,
    actor: Any,
    body: Body,
    person: Person,
    organisation: Organisation | None,
    role: str,
    responsibility: Responsibility | None,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> BodyMembership:
    """Give a person a dated seat in a body, representing an organisation."""
    _check_responsibility(body, role, responsibility)
    membership = BodyMembership(
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        responsibility=responsibility,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    membership.full_clean()
    membership.save()
    changes = {"body": body.slug, "person": str(person), "role": role, "starts_on": starts_on.isoformat()}
    record(actor=actor, action="membership.added", obj=membership, changes=changes)
    return membership


@transaction.atomic
def update_membership(*, actor: Any, membership: BodyMembership, data: dict[str, Any]) -> BodyMembership:
    """Update a seat: who, for whom, role, responsibility and dates."""
    role = data.get("role", membership.role)
    _check_responsibility(membership.body, role, data.get("responsibility", membership.responsibility))
    save_changes(actor=actor, obj=membership, data=data, action="membership.updated")
    return membership


@transaction.atomic
def end_membership(*, actor: Any, membership: BodyMembership, on: datetime.date) -> BodyMembership:
    """End a seat on a day; the membership stays in the body's history."""
    membership.ends_on = on
    membership.full_clean()
    membership.save(update_fields=["ends_on"])
    record(actor=actor, action="membership.ended", obj=membership, changes={"ends_on": on.isoformat()})
    return membership


@transaction.atomic
def delete_membership(*, actor: Any, membership: BodyMembership) -> None:
    """Delete a seat entered by mistake (a seat that ended is ended instead, to keep the history)."""
    changes = {"body": membership.body.slug, "person": str(membership.person), "role": membership.role}
    delete_checked(actor=actor, obj=membership, action="membership.deleted", changes=changes)
