"""iCalendar (RFC 5545) written by hand: events in Europe/Stockholm with a VTIMEZONE. No Django.

Times are written as local wall-clock times with `TZID=Europe/Stockholm`, so a calendar shows 10:00 as
10:00 on both sides of the daylight-saving change; the VTIMEZONE tells clients the EU rule (last Sunday
of March and October). Text is escaped (backslash, semicolon, comma, newline) and lines are folded at 75
octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

TZID = "Europe/Stockholm"
ZONE = ZoneInfo(TZID)
PRODID = "-//Vägen in//Möten//SV"
LINE_OCTETS = 75

VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts_at: datetime.datetime  # timezone-aware
    ends_at: datetime.datetime
    stamp: datetime.datetime  # last change, timezone-aware: DTSTAMP and LAST-MODIFIED
    url: str = ""
    description: str = ""
    location: str = ""
    cancelled: bool = False
    sequence: int = 0


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, continuation lines starting with a space."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        length = len(char.encode("utf-8"))
        if size + length > limit:
            pieces.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += length
    pieces.append(current)
    return "\r\n ".join(pieces)


def local_time(moment: datetime.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("Calendar times must be timezone-aware.")
    return moment.astimezone(ZONE).strftime("%Y%m%dT%H%M%S")


def utc_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: CalendarEvent) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc_time(event.stamp)}",
        f"LAST-MODIFIED:{utc_time(event.stamp)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTART;TZID={TZID}:{local_time(event.starts_at)}",
        f"DTEND;TZID={TZID}:{local_time(event.ends_at)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[CalendarEvent], *, name: str = "", method: str = "") -> str:
    """A whole VCALENDAR with the Stockholm VTIMEZONE, CRLF line ends, folded lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
        lines.append(f"X-WR-TIMEZONE:{TZID}")
    lines.extend(VTIMEZONE)
    for event in events:
        lines.extend(_event_lines(event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
