"""/api/v1/bodies/: the implementation organisation with seats, never people."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from testsupport.personas import make_organisation
from vagenin.agreement.models import BodyKind, MemberRole, Responsibility
from vagenin.api.tests.conftest import count_queries, get_json, make_body, make_period, seat

BODIES = reverse("api:bodies-list")


@pytest.fixture
def secretariat(db: None) -> dict[str, object]:
    period = make_period()
    lst = make_organisation("lansstyrelsen-dalarna")
    region = make_organisation("region-dalarna")
    kansli = make_body(period, "kansli", BodyKind.SECRETARIAT, order=1, convener=lst, name_en="The secretariat")
    group = make_body(period, "arbetsgrupp", BodyKind.WORKING_GROUP, order=2, parent=kansli)
    housing = Responsibility.objects.create(body=group, order=1, slug="bostad", name_sv="Bostad", name_en="Housing")
    seat(kansli, lst, first_name="Lena", last_name="Landshövding", role=MemberRole.CHAIR)
    seat(group, region, first_name="Rut", last_name="Regionsson", role=MemberRole.RESPONSIBLE, responsibility=housing)
    seat(group, lst, first_name="Gunnar", last_name="Gammal", ends_on=datetime.date(2016, 1, 1))
    return {"period": period, "kansli": kansli, "group": group}


@pytest.mark.usefixtures("secretariat")
def test_bodies_with_responsibilities_and_current_seats() -> None:
    bodies = {row["slug"]: row for row in get_json(BODIES)["results"]}
    assert list(bodies) == ["kansli", "arbetsgrupp"]
    kansli = bodies["kansli"]
    assert (kansli["period"], kansli["kind"], kansli["convener"], kansli["parent"]) == (
        "2015-2020",
        "secretariat",
        "lansstyrelsen-dalarna",
        None,
    )
    assert kansli["kind_label_sv"] == "Kansli"
    assert kansli["name_en"] == "The secretariat"
    assert [(m["role"], m["organisation"]) for m in kansli["members"]] == [("chair", "lansstyrelsen-dalarna")]
    group = bodies["arbetsgrupp"]
    assert group["parent"] == "kansli"
    assert group["responsibilities"] == [{"slug": "bostad", "name_sv": "Bostad", "name_en": "Housing"}]
    # The member who left in 2016 is not a current seat.
    assert [(m["role"], m["organisation"], m["responsibility"]) for m in group["members"]] == [
        ("responsible", "region-dalarna", "bostad")
    ]
    assert group["url"] == "http://testserver/overenskommelsen/2015-2020/organisation/arbetsgrupp/"


@pytest.mark.usefixtures("secretariat")
def test_no_person_names_or_contact_details() -> None:
    for url in (BODIES, reverse("api:bodies-detail", args=["2015-2020", "arbetsgrupp"])):
        for fmt in ("json", "csv"):
            text = Client().get(url, {"format": fmt}).content.decode()
            for secret in ("Lena", "Landshövding", "Rut", "Regionsson", "Gunnar", "@test.example", "070-000"):
                assert secret not in text, (url, fmt, secret)
    seats = get_json(BODIES)["results"][1]["members"]
    assert set(seats[0]) == {"role", "role_label_sv", "role_label_en", "organisation", "responsibility"}


@pytest.mark.usefixtures("secretariat")
def test_filters_by_period_and_kind() -> None:
    other = make_period("2021-2025", starts_on=datetime.date(2021, 1, 1))
    make_body(other, "kansli", BodyKind.SECRETARIAT)
    assert [(b["period"], b["slug"]) for b in get_json(BODIES, kind="secretariat")["results"]] == [
        ("2021-2025", "kansli"),
        ("2015-2020", "kansli"),
    ]
    assert [b["slug"] for b in get_json(BODIES, period="2015-2020")["results"]] == ["kansli", "arbetsgrupp"]
    assert get_json(BODIES, period="2021-2025", kind="working_group")["count"] == 0
    assert Client().get(BODIES, {"kind": "kommitté"}).status_code == 400


@pytest.mark.usefixtures("secretariat")
def test_detail_by_period_and_slug() -> None:
    assert get_json(reverse("api:bodies-detail", args=["2015-2020", "kansli"]))["kind"] == "secretariat"
    assert Client().get(reverse("api:bodies-detail", args=["2015-2020", "finns-inte"])).status_code == 404
    assert Client().get(reverse("api:bodies-detail", args=["1999-2000", "kansli"])).status_code == 404


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows() -> None:
    period = make_period()
    organisation = make_organisation("org")

    def add(start: int, count: int) -> None:
        for number in range(start, start + count):
            parent = make_body(period, f"grupp-{number}", convener=organisation)
            body = make_body(period, f"organ-{number}", parent=parent, convener=organisation, order=number)
            responsibility = Responsibility.objects.create(body=body, slug="ansvar", name_sv="Ansvar")
            seat(body, organisation, role=MemberRole.RESPONSIBLE, responsibility=responsibility)
            seat(body, organisation)

    add(0, 2)
    few = count_queries(BODIES)
    add(2, 40)
    assert count_queries(BODIES) == few
    assert get_json(BODIES)["count"] == 84
