"""A visitor subscribes in Chromium, confirms through the mailed link, gets an issue and unsubscribes with
the link in it; the secretariat composes, previews, tests and sends an issue. Pages are checked with axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Browser

from testsupport.browser import PageWatch, axe_violations, new_context
from testsupport.personas import make_personas
from vagenin.actionplan.tests.builders import make_period
from vagenin.newsletter import services
from vagenin.newsletter.models import Subscriber, SubscriberStatus
from vagenin.newsletter.tests.builders import make_issue, make_news

pytestmark = pytest.mark.browser
VISITOR = "vera.besokare@example.org"


def _link(url: str, body: str, word: str) -> str:
    found = re.search(re.escape(url) + rf"/\S*{word}/\S+", body)
    assert found, body
    return found.group(0)


@pytest.mark.django_db(transaction=True)
def test_subscribe_confirm_receive_and_unsubscribe(live_server: Any, browser: Browser, browser_settings: Any) -> None:
    browser_settings.SITE_URL = live_server.url
    browser_settings.NEWSLETTER_RATE_PER_SECOND = 0
    cache.clear()
    personas = make_personas()
    make_period()
    context = new_context(browser, live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch = PageWatch(page)

    page.goto("/nyheter/nyhetsbrev/")
    assert not axe_violations(page)
    page.get_by_label(re.compile("^E-postadress")).fill(VISITOR)
    page.get_by_label("engelska").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Prenumerera").click()
    assert page.locator("h1").inner_text() == "Bekräfta din prenumeration"
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING

    confirm = mail.outbox[-1]
    assert confirm.to == [VISITOR] and "Confirm" in confirm.subject  # in the language chosen
    page.goto(_link(live_server.url, str(confirm.body), "bekrafta"))
    with page.expect_navigation():
        page.get_by_role("button").filter(has_text="newsletter").click()
    assert "confirmed" in page.locator(".messages").inner_text()
    assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE

    news = make_news(personas.org_a, "Processdagarna", title_en="The process days")
    issue = make_issue(personas.coordinator, news=[news])
    services.start_sending(actor=personas.coordinator, issue=issue)
    sent = mail.outbox[-1]
    assert sent.to == [VISITOR] and sent.subject == "Newsletter 1" and "The process days" in str(sent.body)
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(_link(live_server.url, str(sent.body), "avsluta"))
    assert VISITOR in page.locator("main").inner_text()
    assert not axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "You have unsubscribed"
    assert not Subscriber.objects.exists()
    problems = watch.take()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_compose_preview_test_and_send(live_server: Any, browser: Browser, browser_settings: Any) -> None:
    """The secretariat composes an issue in Chromium, previews both languages, mails itself a test and sends."""
    from vagenin.newsletter.models import Issue, IssueStatus
    from vagenin.newsletter.tests.builders import make_subscriber

    browser_settings.SITE_URL = live_server.url
    browser_settings.NEWSLETTER_RATE_PER_SECOND = 0
    cache.clear()
    personas = make_personas()
    make_period()
    make_news(personas.org_a, "Processdagarna är klara", title_en="The process days are over")
    make_subscriber("las@example.org")
    make_subscriber("reads@example.org", language="en")
    context = new_context(browser, live_server.url, personas.client("coordinator"))
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch = PageWatch(page)

    page.goto("/nyheter/redaktion/nyhetsbrev/")
    with page.expect_navigation():
        page.get_by_role("link", name="Skriv ett nytt nummer").click()
    assert not axe_violations(page)
    page.locator("#id_subject_sv").fill("Vinternumret")
    page.locator("#id_subject_en").fill("Winter issue")
    page.locator("#id_intro_sv").fill("## Hej\n\nVälkommen till vinterns nummer.")
    page.get_by_label("Processdagarna är klara").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Spara utkast").click()
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.DRAFT and list(issue.news.values_list("title_sv", flat=True))

    with page.expect_navigation():
        page.get_by_role("link", name="Förhandsgranska på svenska och engelska").click()
    text = page.locator("main").inner_text()
    assert "Vinternumret" in text and "Winter issue" in text and "The process days are over" in text
    assert not axe_violations(page)
    page.go_back()

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Skicka ett test till")).click()
    assert [message.to for message in mail.outbox] == [[personas.coordinator.email]] * 2
    mail.outbox.clear()

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka nu").click()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {"las@example.org": "Vinternumret", "reads@example.org": "Winter issue"}
    assert not axe_violations(page)
    problems = watch.take()
    context.close()
    assert not problems, "\n".join(problems)
