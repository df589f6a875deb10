"""A period that has ended is shown as ended everywhere: a note on every page, members as they were at its end."""

from __future__ import annotations

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from vagenin.agreement.models import AgreementPeriod
from vagenin.agreement.tests.builders import make_area, make_body, make_membership, make_period, make_person

ENDED = datetime.date(2020, 12, 31)


@pytest.fixture
def ended_period(db: None) -> AgreementPeriod:
    period = make_period(
        ends_on=ENDED, status_note_sv="En revidering pågår.", status_note_en="A revision is under way."
    )
    make_area(period)
    body = make_body(period, slug="natverket", name_sv="Nätverket")
    make_membership(body, make_person("Karin", "Berg"))  # sat from the signing, never left
    make_membership(body, make_person("Nils", "Senare"), starts_on=datetime.date(2021, 3, 1))  # after the end
    make_membership(body, make_person("Olle", "Tidig"), ends_on=datetime.date(2018, 6, 30))  # left before the end
    return period


def _pages(period: AgreementPeriod) -> list[str]:
    return [
        reverse("pages:home"),
        reverse("agreement:index"),
        reverse("agreement:areas"),
        period.areas.get().get_absolute_url(),
        reverse("agreement:bodies"),
        period.bodies.get().get_absolute_url(),
    ]


@time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_every_page_of_an_ended_period_says_so(client: Client, ended_period: AgreementPeriod) -> None:
    assert ended_period.has_ended and ended_period.as_of == ENDED
    for url in _pages(ended_period):
        html = client.get(url).content.decode()
        assert "gällde till och med 31 december 2020 och har löpt ut." in html, url
        assert "En revidering pågår." in html, url
    english = client.get("/en" + reverse("agreement:areas")).content.decode()
    assert "was in force until 31 December 2020 and has expired." in english
    assert "A revision is under way." in english


@time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_the_members_of_an_ended_period_are_those_at_its_end(client: Client, ended_period: AgreementPeriod) -> None:
    html = client.get(ended_period.bodies.get().get_absolute_url()).content.decode()
    assert "Ledamöter när perioden löpte ut" in html
    assert "Nuvarande ledamöter" not in html
    members, _, former = html.partition("Tidigare")
    assert "Karin Berg" in members
    assert "Nils Senare" not in html  # took a seat after the period had ended
    assert "Olle Tidig" in former
    body_list = client.get(reverse("agreement:bodies")).content.decode()
    assert "Karin Berg" in body_list and "Nils Senare" not in body_list and "Olle Tidig" not in body_list
    # Members as a list with their organisations, not a run-on sentence.
    assert re.search(r'<ul class="member-list"[^>]*>\s*<li>Karin Berg', body_list)


@time_machine.travel(datetime.datetime(2019, 5, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_a_period_in_force_has_no_note(client: Client, ended_period: AgreementPeriod) -> None:
    assert not ended_period.has_ended
    for url in _pages(ended_period):
        assert "har löpt ut" not in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_the_reference_period_carries_the_seeds_account_of_the_revision() -> None:
    call_command("load_reference", stdout=io.StringIO())
    period = AgreementPeriod.objects.get(slug="2015-2020")
    assert period.ends_on == ENDED
    assert "maj 2019" in period.status_note_sv and "May 2019" in period.status_note_en


@pytest.mark.django_db
def test_every_signatory_has_a_seat_in_the_demo_council() -> None:
    """The governor invites all signing parties: the council's members are derived from the signatories."""
    from vagenin.agreement.models import Body, Signatory

    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    council = Body.objects.get(slug="radslag")
    seated = set(council.memberships.values_list("organisation__slug", flat=True))
    signed = set(Signatory.objects.filter(period=council.period).values_list("organisation__slug", flat=True))
    assert signed - seated == set()
    assert "vansbro-kommun" in seated


@pytest.mark.django_db
def test_no_invented_person_speaks_for_two_organisations_in_the_demo() -> None:
    from django.db.models import Count

    from vagenin.organisations.models import Position

    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    contacts = Position.objects.filter(is_contact=True, ends_on__isnull=True)
    shared = contacts.values("person").annotate(organisations=Count("organisation", distinct=True))
    assert [row for row in shared if row["organisations"] > 1] == []


@pytest.mark.django_db
def test_reference_and_demo_follow_the_agreements_wording() -> None:
    """The theme's heading as the agreement words it, the umbrella partner kept with its examples, the merger
    stated once, and the secretariat's seats dated from its forming, after the signing."""
    from vagenin.agreement.demo import SECRETARIAT_FORMED, START
    from vagenin.agreement.models import BodyMembership, FocusTheme, ThemePartner
    from vagenin.organisations.models import Organisation

    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo_data", force=True, stdout=io.StringIO())
    assert FocusTheme.objects.get(slug="utbildning-pa-lika-villkor").name_sv == (
        "Utbildning på lika villkor för barn och ungdom"
    )
    examples = {"utbildning-pa-lika-villkor": "Rädda Barnen", "inkluderande-kultur-och-foreningsliv": "idrottsrörelsen"}
    for theme, example in examples.items():
        umbrella = ThemePartner.objects.get(theme__slug=theme, group_sv="Den ideella sektorn")
        assert umbrella.note_sv.startswith("exempelvis") and example in umbrella.note_sv
    descriptions = " ".join(Organisation.objects.values_list("description_sv", flat=True))
    assert "2019" not in descriptions  # the merger is said once, by the page of the organisation that ceased
    landstinget = Organisation.objects.get(slug="landstinget-dalarna")
    assert landstinget.merged_into is not None and landstinget.merged_into.slug == "region-dalarna"
    assert landstinget.dissolved_on == datetime.date(2018, 12, 31)
    html = Client().get(landstinget.get_absolute_url()).content.decode()
    assert "upphörde den 31 december 2018 och gick därefter upp i" in html
    secretariat = BodyMembership.objects.filter(body__slug__in=["kansli", "kansliets-arbetsgrupp"])
    assert secretariat.exists()
    assert min(secretariat.values_list("starts_on", flat=True)) == SECRETARIAT_FORMED > START
