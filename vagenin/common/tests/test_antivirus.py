"""Virus scanning with clamd: the protocol against a fake clamd on a real socket, and the upload check around it."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from testsupport.fake_clamd import EICAR, SIGNATURE, FakeClamd, unused_port
from vagenin.common import antivirus
from vagenin.common.uploads import check_upload

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_clean_stream_is_sent_in_length_prefixed_chunks_and_passes() -> None:
    with FakeClamd() as clamd:
        assert antivirus.scan([b"first ", b"", b"second"], address=clamd.address, timeout=5) is None
    assert clamd.commands == ["zINSTREAM"]
    assert clamd.streams == [b"first second"]


@pytest.mark.parametrize("unix", [False, True], ids=["tcp", "unix"])
def test_the_eicar_test_string_is_found_and_named(unix: bool) -> None:
    with FakeClamd(unix=unix) as clamd:
        assert antivirus.scan([b"harmless ", EICAR], address=clamd.address, timeout=5) == SIGNATURE
        assert antivirus.scan([b"harmless"], address=clamd.address, timeout=5) is None


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [("error", "INSTREAM size limit exceeded. ERROR"), ("close", "closed the connection without a verdict")],
)
def test_an_error_or_no_answer_is_no_verdict(behaviour: Any, message: str) -> None:
    with FakeClamd(behaviour) as clamd, pytest.raises(antivirus.ScanError, match=message):
        antivirus.scan([PDF], address=clamd.address, timeout=5)


def test_a_clamd_that_does_not_answer_in_time_is_no_verdict() -> None:
    with FakeClamd("hang") as clamd, pytest.raises(antivirus.ScanError, match="TimeoutError"):
        antivirus.scan([PDF], address=clamd.address, timeout=0.2)
    assert clamd.streams == [PDF]


def test_an_unreachable_clamd_is_no_verdict() -> None:
    with pytest.raises(antivirus.ScanError, match="ConnectionRefusedError"):
        antivirus.scan([PDF], address=f"tcp://127.0.0.1:{unused_port()}", timeout=5)
    with pytest.raises(antivirus.ScanError, match="FileNotFoundError"):
        antivirus.scan([PDF], address="unix:///nonexistent/clamd.ctl", timeout=5)


@pytest.mark.parametrize(
    "address", ["127.0.0.1:3310", "tcp://", "tcp://127.0.0.1:port", "tcp://[::1", "unix://", "http://x"]
)
def test_a_malformed_address_is_no_verdict(address: str) -> None:
    with pytest.raises(antivirus.ScanError, match="neither tcp://host:port nor unix:///path"):
        antivirus.scan([PDF], address=address, timeout=5)


@pytest.mark.parametrize("unix", [False, True], ids=["tcp", "unix"])
def test_ping(unix: bool) -> None:
    with FakeClamd(unix=unix) as clamd:
        antivirus.ping(address=clamd.address, timeout=5)
    assert clamd.commands == ["zPING"]
    with pytest.raises(antivirus.ScanError):
        antivirus.ping(address=f"tcp://127.0.0.1:{unused_port()}", timeout=5)


# The upload check --------------------------------------------------------------------------------------


def _upload_logs(caplog: Any) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "vagenin.common.uploads"]


def _pdf(content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile("rapport.pdf", content, content_type="application/pdf")


def test_without_an_address_nothing_is_scanned(settings: Any) -> None:
    settings.CLAMAV_ADDRESS = ""
    with FakeClamd() as clamd:
        assert check_upload(_pdf(PDF + EICAR)) == "application/pdf"
    assert clamd.commands == []


def test_a_clean_upload_is_scanned_whole_and_left_rewound(settings: Any) -> None:
    # Larger than Django's 64 KB chunks, so that it travels in several.
    content = PDF + b"0" * 200_000
    upload = _pdf(content)
    with FakeClamd() as clamd:
        settings.CLAMAV_ADDRESS = clamd.address
        assert check_upload(upload) == "application/pdf"
    assert clamd.streams == [content]
    assert upload.tell() == 0
    assert upload.read() == content


def test_an_infected_upload_is_refused_naming_the_finding(settings: Any, caplog: Any) -> None:
    upload = _pdf(PDF + EICAR)
    with FakeClamd() as clamd:
        settings.CLAMAV_ADDRESS = clamd.address
        with pytest.raises(ValidationError) as refused:
            check_upload(upload)
    assert refused.value.code == "infected"
    assert refused.value.messages == [f"Filen stoppades av viruskontrollen ({SIGNATURE})."]
    with translation.override("en"):
        assert refused.value.messages == [f"The file was stopped by the virus check ({SIGNATURE})."]
    assert upload.tell() == 0
    assert [(record.levelno, SIGNATURE in record.getMessage()) for record in _upload_logs(caplog)] == [
        (logging.WARNING, True)
    ]


@pytest.mark.parametrize("behaviour", ["error", "close", "unreachable"])
def test_no_verdict_refuses_the_upload_and_logs_an_error(settings: Any, caplog: Any, behaviour: Any) -> None:
    settings.CLAMAV_TIMEOUT = 5
    upload = _pdf()
    with FakeClamd("scan" if behaviour == "unreachable" else behaviour) as clamd:
        unreachable = f"tcp://127.0.0.1:{unused_port()}"
        settings.CLAMAV_ADDRESS = unreachable if behaviour == "unreachable" else clamd.address
        with pytest.raises(ValidationError) as refused:
            check_upload(upload)
    assert refused.value.code == "scan_failed"
    assert refused.value.messages == ["Filen kunde inte kontrolleras mot virus just nu. Försök igen senare."]
    with translation.override("en"):
        assert refused.value.messages == [
            "The file could not be checked for viruses right now. Please try again later."
        ]
    assert upload.tell() == 0
    [record] = _upload_logs(caplog)
    assert record.levelno == logging.ERROR
    assert "rapport.pdf" in record.getMessage()
    assert settings.CLAMAV_ADDRESS in record.getMessage()


def test_bad_files_are_refused_before_clamd_is_asked(settings: Any) -> None:
    with FakeClamd() as clamd:
        settings.CLAMAV_ADDRESS = clamd.address
        with pytest.raises(ValidationError):
            check_upload(SimpleUploadedFile("falsk.pdf", b"<html>" + EICAR))
    assert clamd.commands == []


# The health check --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_pings_a_configured_clamd(settings: Any) -> None:
    with FakeClamd() as clamd:
        settings.CLAMAV_ADDRESS = clamd.address
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "antivirus": "ok"}
    settings.CLAMAV_ADDRESS = f"tcp://127.0.0.1:{unused_port()}"
    response = Client().get("/healthz")
    # Reading the site still works: the load balancer must keep it in service; monitoring sees "degraded".
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "ok", "antivirus": "error: ScanError"}
