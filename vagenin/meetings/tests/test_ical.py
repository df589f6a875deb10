"""The iCalendar writer and feeds, read back with the strict test parser (see icalparse.py)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from testsupport.personas import Personas
from vagenin.actionplan.tests.builders import make_period
from vagenin.agreement.models import Area, Body, BodyKind
from vagenin.meetings import ical
from vagenin.meetings.models import Event, EventVisibility
from vagenin.meetings.tests import icalparse
from vagenin.meetings.tests.builders import make_event

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


def _event(starts: datetime.datetime, **fields: object) -> ical.CalendarEvent:
    defaults: dict[str, object] = {
        "uid": "abc@vagenin",
        "summary": "Processdag",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "stamp": datetime.datetime(2026, 12, 1, 12, tzinfo=UTC),
    }
    defaults.update(fields)
    return ical.CalendarEvent(**defaults)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [
        (datetime.datetime(2027, 3, 27, 10, 0), 9),  # the Saturday before summer time: UTC+1
        (datetime.datetime(2027, 3, 29, 10, 0), 8),  # the Monday after: UTC+2
        (datetime.datetime(2027, 10, 30, 10, 0), 8),  # the Saturday before winter time: UTC+2
        (datetime.datetime(2027, 11, 1, 10, 0), 9),  # the Monday after: UTC+1
    ],
)
def test_local_times_are_right_on_both_sides_of_the_daylight_saving_change(
    local: datetime.datetime, utc_hour: int
) -> None:
    starts = local.replace(tzinfo=STOCKHOLM)
    calendar = icalparse.parse(ical.calendar([_event(starts)]).encode())
    (event,) = calendar.components("VEVENT")
    assert event.get("DTSTART").params == {"TZID": "Europe/Stockholm"}
    assert event.get("DTSTART").value == local.strftime("%Y%m%dT%H%M%S")
    assert icalparse.resolve(calendar, event.get("DTSTART")) == datetime.datetime(
        local.year, local.month, local.day, utc_hour, tzinfo=UTC
    )
    assert icalparse.resolve(calendar, event.get("DTSTART")) == starts.astimezone(UTC)


def test_an_event_across_the_change_keeps_its_wall_clock_times() -> None:
    starts = datetime.datetime(2027, 3, 27, 18, 0, tzinfo=STOCKHOLM)
    ends = datetime.datetime(2027, 3, 28, 12, 0, tzinfo=STOCKHOLM)
    calendar = icalparse.parse(ical.calendar([_event(starts, ends_at=ends)]).encode())
    (event,) = calendar.components("VEVENT")
    assert event.get("DTEND").value == "20270328T120000"
    duration = icalparse.resolve(calendar, event.get("DTEND")) - icalparse.resolve(calendar, event.get("DTSTART"))
    assert duration == datetime.timedelta(hours=17)  # an hour is lost in the night


def test_text_is_escaped_and_long_lines_folded_without_splitting_characters() -> None:
    summary = "Rådslag; möte, med \\ och\nny rad " + "å" * 80
    body = ical.calendar([_event(datetime.datetime(2027, 5, 20, 9, tzinfo=STOCKHOLM), summary=summary)])
    calendar = icalparse.parse(body.encode())
    (event,) = calendar.components("VEVENT")
    assert event.text("SUMMARY") == summary
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "\r\n " in body


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        ical.calendar([_event(datetime.datetime(2027, 5, 20, 9))])


def test_the_strict_parser_rejects_what_clients_would() -> None:
    good = ical.calendar([_event(datetime.datetime(2027, 5, 20, 9, tzinfo=STOCKHOLM))])
    with pytest.raises(icalparse.CalendarError):
        icalparse.parse(good.replace("\r\n", "\n").encode())
    with pytest.raises(icalparse.CalendarError):
        icalparse.parse(good.replace("SUMMARY:Processdag", "SUMMARY:" + "x" * 80).encode())
    with pytest.raises(icalparse.CalendarError):
        icalparse.parse(good.replace("SUMMARY:Processdag", "SUMMARY:a,b").encode())
    with pytest.raises(icalparse.CalendarError):
        icalparse.parse(good.replace("END:VEVENT\r\n", "").encode())


@pytest.mark.django_db
def test_feeds_list_public_events_with_stable_uids_and_links_back(personas: Personas, client: Client) -> None:
    period = make_period()
    area = Area.objects.get(period=period, slug="arbete")
    body = Body.objects.create(period=period, slug="natverk", kind=BodyKind.NETWORK, name_sv="Nätverk")
    public = make_event(personas.org_a, "Öppen processdag", areas=[area], body=body)
    make_event(personas.org_a, "Parternas möte", visibility=EventVisibility.PARTNERS, areas=[area], body=body)
    urls = [
        "/moten/kalender.ics",
        f"/moten/kalender/{period.slug}/omrade/{area.slug}.ics",
        f"/moten/kalender/{period.slug}/organ/{body.slug}.ics",
        f"/moten/{public.uuid}/kalender.ics",
    ]
    for url in urls:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalparse.parse(response.content)
        events = calendar.components("VEVENT")
        assert [event.text("SUMMARY") for event in events] == ["Öppen processdag"], url
        assert events[0].text("UID") == f"{public.uuid}@vagenin"
        assert events[0].get("URL").value == f"http://127.0.0.1:8000/moten/{public.uuid}/"
        assert icalparse.resolve(calendar, events[0].get("DTSTART")) == public.starts_at.astimezone(UTC)


@pytest.mark.django_db
def test_the_feeds_carry_coming_events_and_the_last_years(personas: Personas, client: Client) -> None:
    """At national volume every event ever held would make each poll a megabyte: a year back is kept."""
    now = timezone.now().replace(second=0, microsecond=0)
    make_event(personas.org_a, "Förra året", starts_at=now - datetime.timedelta(days=300))
    make_event(personas.org_a, "För länge sedan", starts_at=now - datetime.timedelta(days=400))
    make_event(personas.org_a, "Snart")
    events = icalparse.parse(client.get("/moten/kalender.ics").content).components("VEVENT")
    assert [event.text("SUMMARY") for event in events] == ["Förra året", "Snart"]
    old = Event.objects.get(title_sv="För länge sedan")
    assert client.get(f"/moten/{old.uuid}/kalender.ics").status_code == 200  # one event's file is always there


@pytest.mark.django_db
def test_a_private_events_calendar_file_is_hidden(personas: Personas, client: Client) -> None:
    private = make_event(personas.org_a, visibility=EventVisibility.PARTNERS)
    assert client.get(f"/moten/{private.uuid}/kalender.ics").status_code == 404
