"""Public organisation pages, and the editing of a profile by its editors or the secretariat."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vagenin.accounts.permissions import is_coordinator, require_coordinator
from vagenin.common.deletion import InUseError, uses_of
from vagenin.common.pagecache import cache_for_anonymous
from vagenin.organisations.forms import (
    ContactForm,
    OrganisationAdminForm,
    OrganisationProfileForm,
    PersonForm,
    PersonSearchForm,
    PositionForm,
)
from vagenin.organisations.marks import with_signatory_mark
from vagenin.organisations.models import Organisation, OrganisationType, Person, Position
from vagenin.organisations.permissions import (
    get_organisation_for,
    get_person_for,
    get_position_for,
    may_pick_people,
    organisation_choices,
    person_choices,
)
from vagenin.organisations.search import Found, search_organisations, search_people
from vagenin.organisations.services import (
    add_contact,
    add_position,
    create_organisation,
    delete_person,
    end_position,
    save_person,
    update_contact,
    update_organisation,
)


@cache_for_anonymous
def organisation_list(request: HttpRequest) -> HttpResponse:
    """All organisations, searchable and filterable by type; signatories of the current period marked."""
    organisations = with_signatory_mark(Organisation.objects.for_public_display())
    query = request.GET.get("q", "").strip()
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(name_en__icontains=query))
    org_type = request.GET.get("typ", "")
    if org_type in OrganisationType.values:
        organisations = organisations.filter(type=org_type)
    if request.GET.get("parter") == "1":
        organisations = organisations.filter(**{"is_signatory": True})  # annotated by marks.with_signatory_mark
    page = Paginator(organisations, 50).get_page(request.GET.get("sida"))
    context = {
        "page": page,
        "query": query,
        "org_type": org_type,
        "only_signatories": request.GET.get("parter") == "1",
        "types": OrganisationType.choices,
    }
    return render(request, "organisations/organisation_list.html", context)


@cache_for_anonymous
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug)
    context = {
        "organisation": organisation,
        "contacts": Position.objects.filter(organisation=organisation).contacts(),
        "merged_from": organisation.merged_from.all(),
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """An editor edits its own organisation's profile; a coordinator edits everything of any organisation."""
    organisation = get_organisation_for(request.user, slug, need="edit")
    form_class = OrganisationAdminForm if is_coordinator(request.user) else OrganisationProfileForm
    form = form_class(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid():
        update_organisation(actor=request.user, organisation=organisation, data=form.cleaned_data)
        messages.success(request, _("Profilen är sparad."))
        return redirect(organisation.get_absolute_url())
    return render(request, "organisations/organisation_form.html", {"organisation": organisation, "form": form})


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    """A coordinator registers a new organisation."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    form = OrganisationAdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = create_organisation(actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Organisationen är registrerad."))
        return redirect(organisation.get_absolute_url())
    return render(request, "organisations/organisation_form.html", {"organisation": None, "form": form})


@login_required
def contact_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's people: current and former positions."""
    organisation = get_organisation_for(request.user, slug, need="edit")
    positions = Position.objects.filter(organisation=organisation).select_related("person")
    current = positions.current()
    context = {
        "organisation": organisation,
        "current": current,
        "former": positions.exclude(pk__in=current.values("pk")).order_by("-ends_on"),
    }
    return render(request, "organisations/contact_list.html", context)


@login_required
def contact_add(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, need="edit")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_contact(actor=request.user, organisation=organisation, **form.cleaned_data)
        messages.success(request, _("Kontaktpersonen är tillagd."))
        return redirect("organisations:contacts", slug=organisation.slug)
    return render(request, "organisations/contact_form.html", {"organisation": organisation, "form": form})


@login_required
def contact_edit(request: HttpRequest, slug: str, position: uuid.UUID) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, need="edit")
    position_obj = get_position_for(request.user, organisation, position)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(position_obj))
    if request.method == "POST" and form.is_valid():
        update_contact(actor=request.user, position=position_obj, data=form.cleaned_data)
        messages.success(request, _("Kontaktpersonen är sparad."))
        return redirect("organisations:contacts", slug=organisation.slug)
    context = {"organisation": organisation, "form": form, "position": position_obj}
    return render(request, "organisations/contact_form.html", context)


@login_required
@require_POST
def contact_end(request: HttpRequest, slug: str, position: uuid.UUID) -> HttpResponse:
    """End a position today; the person stays in the history."""
    organisation = get_organisation_for(request.user, slug, need="edit")
    position_obj = get_position_for(request.user, organisation, position)
    end_position(actor=request.user, position=position_obj, on=timezone.localdate())
    messages.success(request, _("%(name)s är inte längre kontaktperson.") % {"name": position_obj.person})
    return redirect("organisations:contacts", slug=organisation.slug)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """The secretariat's register of people, with their current positions."""
    require_coordinator(request.user)
    form = PersonSearchForm(request.GET or None)
    current = Position.objects.current().select_related("organisation")
    people = Person.objects.prefetch_related(Prefetch("positions", queryset=current, to_attr="current_positions"))
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        people = people.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query) | Q(email__icontains=query)
        )
    page = Paginator(people, 50).get_page(request.GET.get("sida"))
    return render(request, "organisations/person_list.html", {"form": form, "page": page})


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = save_person(actor=request.user, person=None, data=form.cleaned_data)
        messages.success(request, _("%(name)s är registrerad.") % {"name": person})
        return redirect("people:edit", person_id=person.uuid)
    return render(request, "organisations/person_form.html", {"form": form, "person": None})


@login_required
def person_edit(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Edit a person, see the positions they have held, and add a new one."""
    person = get_person_for(request.user, person_id)
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=person.pk))
    if request.method == "POST" and form.is_valid():
        save_person(actor=request.user, person=person, data=form.cleaned_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("people:edit", person_id=person.uuid)
    context = {
        "person": person,
        "form": form,
        "position_form": PositionForm(),
        "positions": person.positions.select_related("organisation").order_by("-starts_on"),
        "seats": person.body_memberships.select_related("body", "organisation").order_by("-starts_on"),
    }
    return render(request, "organisations/person_form.html", context)


@login_required
def position_add(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_position(actor=request.user, person=person, data=form.cleaned_data)
        messages.success(request, _("Befattningen är tillagd."))
        return redirect("people:edit", person_id=person.uuid)
    return render(request, "organisations/position_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_position_end(request: HttpRequest, person_id: uuid.UUID, position: uuid.UUID) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    position_obj = get_object_or_404(Position, person=person, uuid=position)
    end_position(actor=request.user, position=position_obj, on=timezone.localdate())
    messages.success(request, _("Befattningen är avslutad."))
    return redirect("people:edit", person_id=person.uuid)


@login_required
def person_delete(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Erase a person (GDPR), unless something names them (a seat in a body, …): then say what."""
    person = get_person_for(request.user, person_id)
    uses = uses_of(person, owned=[Position])
    if request.method == "POST" and not uses:
        try:
            delete_person(actor=request.user, person=person)
        except InUseError as error:  # named by something between the page and the click
            messages.error(request, error.message(str(person)))
            return redirect("people:edit", person_id=person.uuid)
        messages.success(request, _("Personen är borttagen."))
        return redirect("people:list")
    return render(request, "organisations/person_confirm_delete.html", {"person": person, "uses": uses})


# Search endpoints for the combobox of other apps' forms (common/widgets.py) --------------------------


def _found(found: Found) -> JsonResponse:
    response = JsonResponse({"results": found.results, "more": found.more})
    response["Cache-Control"] = "private, no-store"
    return response


def organisation_search(request: HttpRequest) -> HttpResponse:
    """Active organisations whose name matches ?q=, as JSON; ?urval=egna: only those the user edits.

    Open to anonymous visitors: it tells no more than the public organisation list, and public forms (a guest's
    meeting registration) pick an organisation through it. Their `egna` is empty."""
    own_only = request.GET.get("urval") == "egna"
    organisations = organisation_choices(request.user, own_only=own_only)
    return _found(search_organisations(organisations, request.GET.get("q", "")))


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    """People the user may pick whose name matches ?q=, as JSON; ?organisation=<id> narrows to one organisation.
    403 for users who may pick nobody: the register of people is not public."""
    if not may_pick_people(request.user):
        raise PermissionDenied
    organisation = request.GET.get("organisation", "")
    found = search_people(
        person_choices(request.user),
        request.GET.get("q", ""),
        organisation_id=int(organisation) if organisation.isdigit() else None,
    )
    return _found(found)
