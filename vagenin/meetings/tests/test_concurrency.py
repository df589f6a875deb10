"""Capacity under concurrent registrations, on PostgreSQL (SQLite serialises writes on its own and has no
row locks, so the test proves nothing there)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from testsupport.personas import make_organisation
from vagenin.meetings import services
from vagenin.meetings.models import Registration, RegistrationStatus
from vagenin.meetings.tests.builders import guest, make_event

THREADS = 8
SEATS = 3


@pytest.mark.django_db(transaction=True)
def test_many_registering_for_the_last_seats_at_once_never_exceed_capacity() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: run with DATABASE_URL=postgres://… to test concurrency.")
    event = make_event(make_organisation("arrangor"), capacity=SEATS)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def register(number: int) -> None:
        try:
            barrier.wait()
            services.register(
                actor=None, event=event, data=guest(f"G {number}", f"g{number}@example.org"), language="sv"
            )
        except BaseException as error:  # noqa: BLE001  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == SEATS
    assert statuses.count(RegistrationStatus.WAITLISTED) == THREADS - SEATS


@pytest.mark.django_db(transaction=True)
def test_the_same_address_twice_at_once_gets_one_registration() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: run with DATABASE_URL=postgres://… to test concurrency.")
    event = make_event(make_organisation("arrangor"), capacity=10)
    barrier = threading.Barrier(4)
    outcomes: list[Any] = []

    def register() -> None:
        try:
            barrier.wait()
            outcomes.append(services.register(actor=None, event=event, data=guest(), language="sv"))
        except services.TransitionError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Registration.objects.filter(event=event).count() == 1
    assert sum(isinstance(outcome, services.TransitionError) for outcome in outcomes) == 3
