"""Reference data and the demo statistics for the indicators app's Django tests."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from vagenin.indicators import reporting


@pytest.fixture
def reference(db: None) -> None:
    call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def no_pdf(monkeypatch: Any) -> None:
    """Report generation without WeasyPrint: the web editions only (PDFs have their own test)."""
    monkeypatch.setattr(reporting, "PDF_ENABLED", False)


@pytest.fixture
def statistics(reference: None, no_pdf: None) -> None:
    """The demo definitions, the shipped files imported, and a published report."""
    from vagenin.indicators.demo import load_indicators

    load_indicators()
