"""Access helpers for news, the knowledge bank and newsletter issues."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from vagenin.accounts.permissions import can_edit_organisation, editable_organisation_ids, is_coordinator
from vagenin.newsletter.models import Document, Issue, IssueStatus, NewsItem


def may_write_news(user: Any) -> bool:
    """The secretariat, and partner editors for their own organisations."""
    return is_coordinator(user) or bool(editable_organisation_ids(user))


def get_news_for(user: Any, news_id: uuid.UUID, need: Literal["view", "edit", "review"] = "view") -> NewsItem:
    """A news item: published ones for everyone; others only for its organisation's editors and the secretariat."""
    item = get_object_or_404(NewsItem.objects.select_related("organisation"), uuid=news_id)
    if need == "review":
        if not is_coordinator(user):
            raise PermissionDenied
        return item
    editable = can_edit_organisation(user, item.organisation_id)
    if need == "edit" and not editable:
        raise Http404("No such news item for this user.")
    if need == "view" and not item.is_public and not editable:
        raise Http404("No such news item for this user.")
    return item


def get_document_for(user: Any, document_id: uuid.UUID, need: Literal["view", "edit"] = "view") -> Document:
    """Every knowledge-bank entry is public; only the secretariat changes them."""
    if need == "edit" and not is_coordinator(user):
        raise PermissionDenied
    return get_object_or_404(Document.objects.select_related("organisation"), uuid=document_id)


def get_issue_for(user: Any, issue_id: uuid.UUID, need: Literal["view", "manage"] = "view") -> Issue:
    """A sent issue for everyone; drafts and sending issues only for the secretariat."""
    if need == "manage" and not is_coordinator(user):
        raise PermissionDenied
    issue = get_object_or_404(Issue, uuid=issue_id)
    if need == "view" and issue.status != IssueStatus.SENT and not is_coordinator(user):
        raise Http404("No such issue.")
    return issue
