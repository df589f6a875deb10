"""A strict RFC 5545 reader for the tests: no iCalendar parser is installed (`icalendar` should be added to
the dev requirements for a real-parser test). It checks what a calendar client relies on and raises on
anything malformed: CRLF line ends, lines of at most 75 octets, unfolding, properly nested components,
the required properties, escapes, and local times resolved through the file's own VTIMEZONE rules.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

NAME = re.compile(r"^[A-Z][A-Z0-9-]*$")
ESCAPE = re.compile(r"\\(.)")
TEXT_PROPERTIES = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION"})
DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


class CalendarError(ValueError):
    pass


@dataclass
class Property:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> Property:
        found = [p for p in self.properties if p.name == name]
        if len(found) != 1:
            raise CalendarError(f"{self.name} has {len(found)} {name}")
        return found[0]

    def text(self, name: str) -> str:
        return unescape(self.get(name).value)

    def components(self, name: str) -> list[Component]:
        return [child for child in self.children if child.name == name]


def unescape(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if char in "nN":
            return "\n"
        if char in "\\;,":
            return char
        raise CalendarError(f"bad escape \\{char}")

    if re.search(r"(?<!\\)[;,]", value.replace("\\\\", "")):
        raise CalendarError(f"unescaped ; or , in TEXT: {value!r}")
    return ESCAPE.sub(replace, value)


def unfold(data: bytes) -> list[str]:
    if b"\n" in data.replace(b"\r\n", b""):
        raise CalendarError("bare LF line end")
    if not data.endswith(b"\r\n"):
        raise CalendarError("must end with CRLF")
    raw_lines = data.split(b"\r\n")[:-1]
    lines: list[bytes] = []
    for raw in raw_lines:
        if len(raw) > 75:
            raise CalendarError(f"line longer than 75 octets: {raw[:40]!r}…")
        if raw.startswith((b" ", b"\t")):
            if not lines:
                raise CalendarError("continuation without a line")
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return [line.decode("utf-8") for line in lines]  # raises on a split UTF-8 character


def _property(line: str) -> Property:
    head, sep, value = line.partition(":")
    if not sep:
        raise CalendarError(f"no colon: {line!r}")
    name, *params = head.split(";")
    if not NAME.match(name):
        raise CalendarError(f"bad property name {name!r}")
    parsed = {}
    for param in params:
        key, eq, val = param.partition("=")
        if not eq:
            raise CalendarError(f"bad parameter {param!r}")
        parsed[key] = val
    return Property(name, parsed, value)


def parse(data: bytes) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        prop = _property(line)
        if prop.name == "BEGIN":
            component = Component(prop.value)
            if stack:
                stack[-1].children.append(component)
            elif root is not None:
                raise CalendarError("more than one top-level component")
            else:
                root = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value:
                raise CalendarError(f"END:{prop.value} does not close {stack[-1].name if stack else 'nothing'}")
            stack.pop()
        else:
            if not stack:
                raise CalendarError("property outside a component")
            stack[-1].properties.append(prop)
    if stack or root is None or root.name != "VCALENDAR":
        raise CalendarError("unclosed or missing VCALENDAR")
    root.get("VERSION")
    root.get("PRODID")
    for event in root.components("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            event.get(required)
        for prop in event.properties:
            if prop.name in TEXT_PROPERTIES:
                unescape(prop.value)
    return root


def _stamp(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")


def _last_weekday(year: int, month: int, weekday: int, at: datetime.time) -> datetime.datetime:
    day = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1) if month < 12 else datetime.date(year, 12, 31)
    while day.weekday() != weekday:
        day -= datetime.timedelta(days=1)
    return datetime.datetime.combine(day, at)


def _offset(value: str) -> datetime.timedelta:
    sign = -1 if value[0] == "-" else 1
    return sign * datetime.timedelta(hours=int(value[1:3]), minutes=int(value[3:5]))


def resolve(calendar: Component, prop: Property) -> datetime.datetime:
    """A DATE-TIME property as UTC, through the calendar's VTIMEZONE (yearly BYMONTH/BYDAY=-1xx rules)."""
    if prop.value.endswith("Z"):
        return _stamp(prop.value[:-1]).replace(tzinfo=datetime.UTC)
    tzid = prop.params.get("TZID")
    if not tzid:
        raise CalendarError("floating time")
    (zone,) = [z for z in calendar.components("VTIMEZONE") if z.text("TZID") == tzid]
    local = _stamp(prop.value)
    transitions = []
    for kind in ("STANDARD", "DAYLIGHT"):
        for rule in zone.components(kind):
            start = _stamp(rule.get("DTSTART").value)
            parts = dict(part.split("=") for part in rule.get("RRULE").value.split(";"))
            if parts["FREQ"] != "YEARLY" or not parts["BYDAY"].startswith("-1"):
                raise CalendarError("unsupported rule in test parser")
            for year in (local.year - 1, local.year):
                when = _last_weekday(year, int(parts["BYMONTH"]), DAYS[parts["BYDAY"][2:]], start.time())
                transitions.append(
                    (when, _offset(rule.get("TZOFFSETFROM").value), _offset(rule.get("TZOFFSETTO").value))
                )
    transitions.sort()
    offset = None
    for when, _before, after in transitions:
        if when <= local:
            offset = after
    if offset is None:
        raise CalendarError("no rule in force")
    return (local - offset).replace(tzinfo=datetime.UTC)
