"""An issue as it is read: sections built from its blocks, rendered as mail HTML, plain text and web page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vagenin.actionplan.models import Initiative
from vagenin.common.mail import render_text
from vagenin.newsletter import blocks, markup
from vagenin.newsletter.models import Document, Issue, IssueStatus, NewsItem, Subscriber

# Inline styles for e-mail clients, which ignore style sheets: one place, shared by every mail.
MAIL_STYLES = {
    "h2": "font-family:Arial,sans-serif;font-size:20px;line-height:1.3;color:#1a1a1a;margin:16px 0 8px",
    "h3": "font-family:Arial,sans-serif;font-size:17px;line-height:1.3;color:#1a1a1a;margin:14px 0 6px",
    "p": "font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;margin:0 0 12px",
    "ul": "font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;margin:0 0 12px;padding-left:20px",
    "ol": "font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;margin:0 0 12px;padding-left:20px",
    "li": "margin:0 0 4px",
    "a": "color:#00558c;text-decoration:underline",
}


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://", "mailto:")) else f"{settings.SITE_URL.rstrip('/')}{url}"


@dataclass
class Item:
    title: str
    url: str
    text: str = ""
    meta: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Content:
    issue: Issue
    language: str
    subject: str
    intro_markup: str
    sections: list[Section]

    @property
    def intro_html(self) -> SafeString:
        return mark_safe(markup.to_html(self.intro_markup, heading_offset=0))  # markup escapes all input

    @property
    def intro_mail_html(self) -> SafeString:
        return mark_safe(markup.to_html(self.intro_markup, styles=MAIL_STYLES))  # markup escapes all input

    @property
    def intro_text(self) -> str:
        return markup.to_text(self.intro_markup)


def _tagged_for(areas: set[int] | None, item_areas: set[int]) -> bool:
    """An item goes to everyone unless it is tagged with areas the subscriber did not choose."""
    return not areas or not item_areas or bool(areas & item_areas)


def previous_sent_at(issue: Issue) -> Any:
    previous = Issue.objects.sent().exclude(pk=issue.pk).filter(number__lt=issue.number).order_by("-number").first()
    return previous.sent_at if previous else None


def build(issue: Issue, language: str, *, areas: set[int] | None = None) -> Content:
    """The issue's sections in `language`, leaving out items tagged only with areas the reader did not choose."""
    with translation.override(language):
        news: list[NewsItem] = list(issue.news.prefetch_related("areas").order_by("-published_at"))
        docs: list[Document] = list(issue.documents.prefetch_related("areas").order_by("-date"))
        initiatives: list[Initiative] = list(
            issue.initiatives.select_related("lead_organisation").prefetch_related("themes").order_by("title_sv")
        )
        sections = []
        news_items = [
            Item(item.title, absolute(item.get_absolute_url()), item.summary, item.organisation.display_name)
            for item in news
            if _tagged_for(areas, {area.pk for area in item.areas.all()})
        ]
        if news_items:
            sections.append(Section("news", _("Nyheter"), news_items))
        initiative_items = [
            Item(
                initiative.title,
                absolute(initiative.get_absolute_url()),
                initiative.summary,
                initiative.lead_organisation.display_name,
            )
            for initiative in initiatives
            if _tagged_for(areas, {theme.area_id for theme in initiative.themes.all()})
        ]
        if initiative_items:
            sections.append(Section("initiatives", _("Nya insatser i handlingsplanen"), initiative_items))
        for block in blocks.collect(list(issue.extra_blocks), since=previous_sent_at(issue), language=language):
            sections.append(
                Section(block.key, block.title, [Item(i.title, absolute(i.url), i.text, i.when) for i in block.items])
            )
        doc_items = [
            Item(doc.title, absolute(doc.get_absolute_url()), doc.description[:300], doc.get_kind_display())
            for doc in docs
            if _tagged_for(areas, {area.pk for area in doc.areas.all()})
        ]
        if doc_items:
            sections.append(Section("documents", _("Nytt i kunskapsbanken"), doc_items))
        return Content(issue, language, issue.subject, issue.intro, sections)


def _context(content: Content, subscriber_links: dict[str, str] | None) -> dict[str, Any]:
    links = subscriber_links or {}
    return {
        "content": content,
        "issue": content.issue,
        "site_url": settings.SITE_URL,
        "web_url": absolute(content.issue.get_absolute_url()) if content.issue.status == IssueStatus.SENT else "",
        "unsubscribe_url": links.get("unsubscribe", ""),
        "preferences_url": links.get("preferences", ""),
        "styles": MAIL_STYLES,
        "language": content.language,
    }


def render_mail(content: Content, subscriber_links: dict[str, str] | None = None) -> tuple[str, str]:
    """The HTML and plain-text parts: tables and inline styles, no external resource, no tracking pixel."""
    context = _context(content, subscriber_links)
    with translation.override(content.language):
        # ".htm": a mail's layout tables are not the site's data tables, which the site's table checks look for.
        html = render_to_string("newsletter/email/issue.htm", context)
        text = render_text("newsletter/email/issue.txt", context)
    return html, text


def subscriber_links(subscriber: Subscriber, key: str) -> dict[str, str]:
    with translation.override(subscriber.language):
        return {
            "unsubscribe": absolute(reverse("newsletter:unsubscribe", kwargs={"key": key})),
            "preferences": absolute(reverse("newsletter:preferences", kwargs={"key": key})),
        }


UNSUBSCRIBE_MARK = "https://vagenin.invalid/unsubscribe-link"
PREFERENCES_MARK = "https://vagenin.invalid/preferences-link"


def render_with_marks(content: Content) -> tuple[str, str]:
    """The parts with stand-ins for the subscriber's own links: rendered once per version, not per recipient."""
    return render_mail(content, {"unsubscribe": UNSUBSCRIBE_MARK, "preferences": PREFERENCES_MARK})


def personalise(part: str, links: dict[str, str], *, html: bool) -> str:
    """A part rendered with `render_with_marks`, with this subscriber's links in place of the stand-ins."""
    unsubscribe, preferences = links["unsubscribe"], links["preferences"]
    if html:  # the template escaped what it printed; signed keys have nothing to escape but be safe
        from django.utils.html import escape

        unsubscribe, preferences = escape(unsubscribe), escape(preferences)
    return part.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(PREFERENCES_MARK, preferences)


def message(
    content: Content,
    *,
    to: str,
    links: dict[str, str],
    connection: Any = None,
    parts: tuple[str, str] | None = None,
) -> EmailMultiAlternatives:
    """One recipient's mail, with RFC 8058 one-click unsubscribe headers (the https link and a mailto).

    `parts` are the version's parts from `render_with_marks`; without them the mail is rendered here."""
    if parts is None:
        html, text = render_mail(content, links)
    else:
        html, text = personalise(parts[0], links, html=True), personalise(parts[1], links, html=False)
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0]
    headers = {
        "List-Unsubscribe": f"<{links['unsubscribe']}>, <mailto:{settings.SECRETARIAT_EMAIL}?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Vägen in <nyhetsbrev.{host}>",
    }
    mail = EmailMultiAlternatives(
        subject=content.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        connection=connection,
    )
    mail.attach_alternative(html, "text/html")
    return mail
