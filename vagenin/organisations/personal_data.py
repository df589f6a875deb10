"""People in the register (contact persons, members of bodies) in the registry of personal data."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from vagenin.common.personaldata import Source, Subject, matching, register
from vagenin.organisations.models import Person


def _find(subject: Subject) -> Any:
    return Person.objects.filter(matching({"email": ["email"], "name": ["first_name", "last_name"]}, subject))


def _export(person: Person) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "positions": [
            {"organisation": organisation, "title": title, "starts_on": str(starts or ""), "ends_on": str(ends or "")}
            for organisation, title, starts, ends in person.positions.values_list(
                "organisation__name", "title_sv", "starts_on", "ends_on"
            )
        ],
    }


def _erase(person: Person) -> str:
    """A person without seats or positions is deleted; otherwise the rows stay, naming no one."""
    if not person.positions.exists() and not person.body_memberships.exists():
        person.delete()
        return "deleted"
    person.first_name, person.last_name, person.email, person.phone = "Raderad", "person", "", ""
    person.save()
    return "anonymised"


def register_personal_data() -> None:
    register(
        Source(
            model=Person,
            fields=("first_name", "last_name", "email", "phone"),
            find=_find,
            export=_export,
            erase=_erase,
            purpose=_("Kontaktpersoner hos parterna och ledamöter i överenskommelsens organ."),
        )
    )
