"""Who may reach the agreement's pages: the public pages are open, the staff pages are for coordinators only."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from testsupport.personas import PERSONA_NAMES, Personas
from vagenin.agreement.models import BodyMembership, Principle, Signatory, ThemePartner
from vagenin.agreement.permissions import get_period_for
from vagenin.agreement.tests.builders import (
    Sample,
    make_area,
    make_body,
    make_membership,
    make_partner,
    make_period,
    make_principle,
    make_responsibility,
    make_signatory,
    make_theme,
)
from vagenin.common.models import AuditEntry

LOGIN = "/konto/login/"
STAFF_EXPECTED = {"anonymous": "login", "editor_a": 403, "editor_b": 403, "coordinator": 200}
POST_ONLY = {"principle_move", "partner_move", "membership_end"}


def _status(personas: Personas, persona: str, url: str, method: str = "get", data: Any = None) -> int | str:
    response = getattr(personas.client(persona), method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    return response.status_code


def staff_kwargs(s: Sample) -> dict[str, dict[str, Any]]:
    """URL arguments for every staff view, addressing the sample's objects."""
    period = {"period_slug": s.period.slug}
    area = {**period, "area_slug": s.area.slug}
    theme = {**area, "theme_slug": s.theme.slug}
    partner = {**theme, "partner_uuid": s.partner.uuid}
    body = {**period, "body_slug": s.body.slug}
    responsibility = {**body, "responsibility_slug": s.responsibility.slug}
    membership = {**body, "membership_uuid": s.membership.uuid}
    signatory = {**period, "signatory_uuid": s.signatory.uuid}
    principle = {**period, "principle_uuid": s.principle.uuid}
    return {
        "index": {},
        "period_create": {},
        "period": period,
        "period_edit": period,
        "signatories": period,
        "signatory_add": period,
        "signatory_edit": signatory,
        "signatory_leave": signatory,
        "signatory_delete": signatory,
        "principles": period,
        "principle_add": period,
        "principle_edit": principle,
        "principle_move": principle,
        "principle_delete": principle,
        "areas": period,
        "area_add": period,
        "area_edit": area,
        "theme_add": area,
        "theme_edit": theme,
        "theme_delete": theme,
        "partner_add": theme,
        "partner_edit": partner,
        "partner_move": partner,
        "partner_delete": partner,
        "bodies": period,
        "body_create": period,
        "body": body,
        "body_edit": body,
        "responsibility_add": body,
        "responsibility_edit": responsibility,
        "responsibility_delete": responsibility,
        "membership_add": body,
        "membership_edit": membership,
        "membership_end": membership,
        "membership_delete": membership,
    }


STAFF_VIEWS = [
    "index",
    "period_create",
    "period",
    "period_edit",
    "signatories",
    "signatory_add",
    "signatory_edit",
    "signatory_leave",
    "signatory_delete",
    "principles",
    "principle_add",
    "principle_edit",
    "principle_move",
    "principle_delete",
    "areas",
    "area_add",
    "area_edit",
    "theme_add",
    "theme_edit",
    "theme_delete",
    "partner_add",
    "partner_edit",
    "partner_move",
    "partner_delete",
    "bodies",
    "body_create",
    "body",
    "body_edit",
    "responsibility_add",
    "responsibility_edit",
    "responsibility_delete",
    "membership_add",
    "membership_edit",
    "membership_end",
    "membership_delete",
]


def _staff_url_names() -> set[str]:
    """Every URL name the staff urlconf defines, so no new view escapes the matrix."""
    from vagenin.agreement import staff_urls

    names: set[str] = set()
    patterns = list(staff_urls.urlpatterns)
    while patterns:
        pattern = patterns.pop()
        if hasattr(pattern, "url_patterns"):
            patterns += pattern.url_patterns
        elif pattern.name:
            names.add(pattern.name)
    return names


def test_the_matrix_covers_every_staff_view() -> None:
    assert set(STAFF_VIEWS) == _staff_url_names()


@pytest.mark.parametrize("name", STAFF_VIEWS)
@pytest.mark.django_db
def test_staff_view_matrix(personas: Personas, sample: Sample, name: str) -> None:
    """Anonymous: login. Partner editors: 403, they have no business here. Coordinators: in."""
    url = reverse(f"agreement_staff:{name}", kwargs=staff_kwargs(sample)[name])
    if name in POST_ONLY:
        got = {persona: _status(personas, persona, url, "post", {"to": 1}) for persona in PERSONA_NAMES}
        assert got == {**STAFF_EXPECTED, "coordinator": 302}
    else:
        got = {persona: _status(personas, persona, url) for persona in PERSONA_NAMES}
        assert got == STAFF_EXPECTED


@pytest.mark.parametrize("name", [name for name in STAFF_VIEWS if name.endswith(("_delete", "_move", "_end", "_edit"))])
@pytest.mark.django_db
def test_editors_change_nothing_by_post(personas: Personas, sample: Sample, name: str) -> None:
    url = reverse(f"agreement_staff:{name}", kwargs=staff_kwargs(sample)[name])
    for persona in ("editor_a", "editor_b"):
        assert _status(personas, persona, url, "post", {"to": 2, "text_sv": "Kapad", "name_sv": "Kapad"}) == 403
    assert not AuditEntry.objects.exists()
    assert Signatory.objects.filter(pk=sample.signatory.pk).exists()
    assert Principle.objects.get(pk=sample.principle.pk).text_sv == "Regional samverkan"
    assert ThemePartner.objects.filter(pk=sample.partner.pk).exists()
    assert BodyMembership.objects.get(pk=sample.membership.pk).ends_on is None


def _unknown(s: Sample) -> dict[str, dict[str, Any]]:
    """URL arguments where the last part names nothing that exists."""
    kwargs = staff_kwargs(s)
    missing = uuid.UUID(int=0)
    return {
        "period": {"period_slug": "finns-inte"},
        "signatory_edit": {**kwargs["signatory_edit"], "signatory_uuid": missing},
        "principle_edit": {**kwargs["principle_edit"], "principle_uuid": missing},
        "area_edit": {**kwargs["area_edit"], "area_slug": "finns-inte"},
        "theme_edit": {**kwargs["theme_edit"], "theme_slug": "finns-inte"},
        "partner_edit": {**kwargs["partner_edit"], "partner_uuid": missing},
        "body": {**kwargs["body"], "body_slug": "finns-inte"},
        "responsibility_edit": {**kwargs["responsibility_edit"], "responsibility_slug": "finns-inte"},
        "membership_edit": {**kwargs["membership_edit"], "membership_uuid": missing},
    }


@pytest.mark.django_db
def test_unknown_objects_are_404_for_coordinators_and_403_for_everyone_else(personas: Personas, sample: Sample) -> None:
    for name, kwargs in _unknown(sample).items():
        url = reverse(f"agreement_staff:{name}", kwargs=kwargs)
        assert _status(personas, "coordinator", url) == 404, name
        assert _status(personas, "editor_a", url) == 403, name


@pytest.mark.django_db
def test_objects_of_another_period_are_not_reachable_through_this_one(personas: Personas, sample: Sample) -> None:
    """A UUID or slug from period B under period A's slug is 404, and nothing changes."""
    other = make_period("2021-2025", starts_on=sample.period.starts_on.replace(year=2021))
    area = make_area(other, "bostad")
    theme = make_theme(area, "planering")
    body = make_body(other, "styrgrupp")
    objects: dict[str, dict[str, Any]] = {
        "signatory_delete": {"signatory_uuid": make_signatory(other, personas.org_b).uuid},
        "principle_delete": {"principle_uuid": make_principle(other, 1).uuid},
        "area_edit": {"area_slug": area.slug},
        "theme_delete": {"area_slug": sample.area.slug, "theme_slug": theme.slug},
        "partner_delete": {
            "area_slug": sample.area.slug,
            "theme_slug": sample.theme.slug,
            "partner_uuid": make_partner(theme, 1, group_sv="Kommunerna").uuid,
        },
        "body_edit": {"body_slug": body.slug},
        "responsibility_delete": {
            "body_slug": sample.body.slug,
            "responsibility_slug": make_responsibility(body, "bostad-och-utbildning").slug,
        },
        "membership_delete": {
            "body_slug": sample.body.slug,
            "membership_uuid": make_membership(body, sample.person).uuid,
        },
    }
    client = personas.client("coordinator")
    for name, kwargs in objects.items():
        url = reverse(f"agreement_staff:{name}", kwargs={"period_slug": sample.period.slug, **kwargs})
        assert client.get(url).status_code == 404, name
        assert client.post(url).status_code == 404, name
    assert not AuditEntry.objects.exists()


PUBLIC_VIEWS = ["index", "areas", "bodies", "period", "area", "body"]


def public_kwargs(s: Sample) -> dict[str, dict[str, str]]:
    period = {"period": s.period.slug}
    return {
        "index": {},
        "areas": {},
        "bodies": {},
        "period": period,
        "area": {**period, "area": s.area.slug},
        "body": {**period, "body": s.body.slug},
    }


@pytest.mark.parametrize("name", PUBLIC_VIEWS)
@pytest.mark.django_db
def test_public_pages_are_open_to_everyone(personas: Personas, sample: Sample, name: str) -> None:
    url = reverse(f"agreement:{name}", kwargs=public_kwargs(sample)[name])
    assert {persona: _status(personas, persona, url) for persona in PERSONA_NAMES} == dict.fromkeys(PERSONA_NAMES, 200)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("period", {"period": "finns-inte"}),
        ("area", {"period": "2015-2020", "area": "finns-inte"}),
        ("area", {"period": "finns-inte", "area": "arbete"}),
        ("body", {"period": "2015-2020", "body": "finns-inte"}),
    ],
)
@pytest.mark.django_db
def test_unknown_public_pages_are_404(personas: Personas, sample: Sample, name: str, kwargs: dict[str, str]) -> None:
    assert _status(personas, "anonymous", reverse(f"agreement:{name}", kwargs=kwargs)) == 404


@pytest.mark.django_db
def test_public_pages_without_any_period_are_404(personas: Personas) -> None:
    assert _status(personas, "anonymous", reverse("agreement:index")) == 404


@pytest.mark.parametrize(("name", "staff_name"), [("period", "period"), ("area", "area_edit"), ("body", "body")])
@pytest.mark.django_db
def test_public_pages_link_coordinators_to_editing(
    personas: Personas, sample: Sample, name: str, staff_name: str
) -> None:
    url = reverse(f"agreement:{name}", kwargs=public_kwargs(sample)[name])
    edit_url = reverse(f"agreement_staff:{staff_name}", kwargs=staff_kwargs(sample)[staff_name])
    assert f'href="{edit_url}"' in personas.client("coordinator").get(url).content.decode()
    for persona in ("anonymous", "editor_a"):
        assert "/kansli/overenskommelsen/" not in personas.client(persona).get(url).content.decode()


@pytest.mark.django_db
def test_access_helper_lets_anyone_view_and_only_coordinators_edit(personas: Personas, sample: Sample) -> None:
    assert get_period_for(AnonymousUser(), sample.period.slug, need="view") == sample.period
    assert get_period_for(personas.coordinator, sample.period.slug) == sample.period
    with pytest.raises(PermissionDenied):
        get_period_for(personas.editor_a, sample.period.slug)
    with pytest.raises(PermissionDenied):
        get_period_for(personas.editor_a, "finns-inte")
    with pytest.raises(Http404):
        get_period_for(personas.coordinator, "finns-inte")
