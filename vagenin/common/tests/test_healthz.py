from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_database_and_cache() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_when_cache_fails() -> None:
    with mock.patch("vagenin.common.views.cache.set", side_effect=ConnectionError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error: ConnectionError"
