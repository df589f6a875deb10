"""Plain-text mail is rendered without HTML escaping, and only after the transaction commits."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from vagenin.common.mail import render_text, send_templated_mail_on_commit


def test_plain_text_is_not_html_escaped() -> None:
    body = render_text(
        "actionplan/email/report_returned_body.txt",
        {
            "report": type(
                "R",
                (),
                {
                    "initiative": type("I", (), {"title": "Språk & arbete"})(),
                    "reviewer_comment": "Lägg till <antal> & datum",
                    "uuid": "00000000-0000-0000-0000-000000000000",
                },
            )(),
            "site_url": "http://x",
        },
    )
    assert "Språk & arbete" in body
    assert "Lägg till <antal> & datum" in body
    assert "&amp;" not in body


@pytest.mark.django_db
def test_mail_waits_for_the_commit(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_templated_mail_on_commit(
            template="accounts/email/invitation",
            context={
                "user": type("U", (), {"get_short_name": "Ada"})(),
                "inviter": "Bo & Co",
                "url": "http://x/?a=1&b=2",
                "site_url": "http://x",
            },
            to=["ada@example.org"],
        )
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert mail.outbox[0].to == ["ada@example.org"]
    assert "Bo & Co" in mail.outbox[0].body and "a=1&b=2" in mail.outbox[0].body
