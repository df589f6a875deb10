"""The logged-in user's start page, and user management for coordinators."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from vagenin.accounts import permissions
from vagenin.accounts.forms import InviteForm, UserEditForm, UserSearchForm
from vagenin.accounts.models import MembershipRole, User
from vagenin.accounts.services import (
    LastCoordinatorError,
    invite_user,
    remember_language,
    resend_invitation,
    update_user,
)
from vagenin.accounts.types import AuthenticatedRequest
from vagenin.organisations.models import Organisation


def get_user_for(actor: object, user_id: uuid.UUID) -> User:
    """A user account a coordinator manages (404 for an unknown id)."""
    if not permissions.is_coordinator(actor):
        raise PermissionDenied
    return get_object_or_404(User, uuid=user_id)


@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    permissions.require_coordinator(request.user)
    form = UserSearchForm(request.GET or None)
    users = User.objects.with_access().order_by("email")
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            users = users.filter(Q(email__icontains=query) | Q(full_name__icontains=query))
        role = form.cleaned_data["roll"]
        if role == "editor":
            users = users.filter(memberships__role=MembershipRole.EDITOR).distinct()
        elif role:
            users = users.filter(role_grants__role=role)
    page = Paginator(users, 50).get_page(request.GET.get("sida"))
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


@login_required
def user_invite(request: AuthenticatedRequest) -> HttpResponse:
    permissions.require_coordinator(request.user)
    form = InviteForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        user = invite_user(actor=request.user, **form.cleaned_data)
        messages.success(request, _("%(email)s har fått en inbjudan via e-post.") % {"email": user.email})
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "managed": None})


@login_required
def user_edit(request: AuthenticatedRequest, user_id: uuid.UUID) -> HttpResponse:
    managed = permissions.get_user_for(request.user, user_id)
    initial = {
        "full_name": managed.full_name,
        "language": managed.language,
        "is_active": managed.is_active,
        "roles": list(managed.role_grants.values_list("role", flat=True)),
        "editor_of": Organisation.objects.filter(memberships__user=managed, memberships__role=MembershipRole.EDITOR),
    }
    form = UserEditForm(request.POST or None, initial=initial, actor=request.user, user=managed)
    if request.method == "POST" and form.is_valid():
        try:
            update_user(actor=request.user, user=managed, **form.cleaned_data)
        except LastCoordinatorError:
            form.add_error(None, _("Minst en aktiv samordnare måste finnas kvar."))
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "managed": managed})


@login_required
@require_POST
def user_resend(request: AuthenticatedRequest, user_id: uuid.UUID) -> HttpResponse:
    managed = permissions.get_user_for(request.user, user_id)
    resend_invitation(actor=request.user, user=managed)
    messages.success(request, _("En ny länk har skickats till %(email)s.") % {"email": managed.email})
    return redirect("accounts:user_edit", user_id=managed.uuid)


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, back to the same page in the chosen language; a logged-in user's choice is also
    remembered for the site's e-mail to them."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.method != "POST" or language not in dict(settings.LANGUAGES):
        return response
    if isinstance(response, HttpResponseRedirect):
        # Django's translate_url resolves the address in the request's language, so from /en/… to Swedish (the
        # unprefixed default) it finds nothing and leaves the visitor on the English page.
        response["Location"] = _in_language(response["Location"], language)
    if request.user.is_authenticated:
        remember_language(user=request.user, language=language)
    return response


def _in_language(url: str, language: str) -> str:
    """The same page of the site in `language` (every language has the same paths, the default unprefixed);
    anything else (another site, the API, an address that does not resolve) unchanged."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url
    current = get_language_from_path(parts.path)
    path = parts.path[len(current) + 1 :] if current else parts.path
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    with translation.override(language):
        try:
            resolve(path)
        except Resolver404:
            return url
    return urlunsplit(parts._replace(path=path))
