"""Who may see and do what in settlement.

- The settlement officer (staff role) does everything county-wide.
- Coordinators and analysts (`accounts.permissions.may_read_overviews`) may read the officer's pages: years,
  quotas, factor data, the what-if view and the readiness overview; they change nothing. Consultation notes
  (what a municipality said in the dialogue) are shown to the officer and coordinators only.
- A municipality's settlement officer (a membership of the municipality's organisation with the role
  "settlement") sees and reports only for that municipality: monthly figures and readiness reports.
- Everyone may read decided years (decided quotas and reception are public records); consultation notes
  and undecided years are not public.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from vagenin.accounts.models import MembershipRole, StaffRole
from vagenin.accounts.permissions import has_role, is_coordinator, may_read_overviews
from vagenin.organisations.models import Municipality, OrganisationType
from vagenin.settlement.models import HOME_COUNTY_CODE, MunicipalQuota, SettlementYear


def is_settlement_officer(user: Any) -> bool:
    return has_role(user, StaffRole.SETTLEMENT_OFFICER)


def can_read_settlement(user: Any) -> bool:
    """The settlement officer, the secretariat's coordinators and analysts read the officer's pages."""
    return is_settlement_officer(user) or may_read_overviews(user)


def can_read_consultations(user: Any) -> bool:
    """The dialogue with the municipalities is internal: the officer and the coordinators, not analysts."""
    return is_settlement_officer(user) or is_coordinator(user)


def require_settlement_officer(user: Any) -> None:
    if not is_settlement_officer(user):
        raise PermissionDenied("Only the settlement officer may do this.")


def require_settlement_reader(user: Any) -> None:
    if not can_read_settlement(user):
        raise PermissionDenied("Only the settlement officer, coordinators and analysts may see this.")


def reporting_municipality_ids(user: Any) -> frozenset[int]:
    """The municipalities the user reports for as a municipality's settlement officer."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_vagenin_settlement_municipalities", None)
    if cached is None:
        cached = frozenset(
            user.memberships.filter(
                role=MembershipRole.SETTLEMENT,
                organisation__type=OrganisationType.MUNICIPALITY,
                organisation__municipality__isnull=False,
            ).values_list("organisation__municipality_id", flat=True)
        )
        user._vagenin_settlement_municipalities = cached
    return cached


def reporting_municipalities(user: Any) -> list[Municipality]:
    """The municipalities whose reports the user may see and write (every one for the officer)."""
    if is_settlement_officer(user):
        return list(Municipality.objects.filter(county__code=HOME_COUNTY_CODE).order_by("code"))
    return list(Municipality.objects.filter(pk__in=reporting_municipality_ids(user)).order_by("code"))


def get_reporting_municipality_for(user: Any, code: str) -> Municipality:
    """A municipality the user reports for: the officer any, a municipal officer their own (others 404).

    People with no settlement role at all are refused (403).
    """
    officer = is_settlement_officer(user)
    own = reporting_municipality_ids(user)
    if not officer and not own:
        raise PermissionDenied("Only settlement officers report reception and readiness.")
    municipality = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    if not officer and municipality.pk not in own:
        raise Http404("No such municipality for this user.")
    return municipality


def get_year_for(user: Any, year_id: uuid.UUID, need: Literal["public", "read", "manage"] = "public") -> SettlementYear:
    """A settlement year: decided years are public; undecided ones 404 to the public; officer pages 403."""
    settlement_year = get_object_or_404(SettlementYear.objects.with_revisions(), uuid=year_id)
    if need == "manage":
        require_settlement_officer(user)
    elif need == "read":
        require_settlement_reader(user)
    elif not settlement_year.is_decided and not can_read_settlement(user):
        raise Http404("This year is not decided yet.")
    return settlement_year


def get_quota_for(user: Any, quota_id: uuid.UUID, need: Literal["public", "manage"] = "public") -> MunicipalQuota:
    """A municipality's quota: public once its year is decided; the officer adjusts it."""
    quota = get_object_or_404(
        MunicipalQuota.objects.select_related("settlement_year__county", "municipality", "model_run"), uuid=quota_id
    )
    if need == "manage":
        require_settlement_officer(user)
    elif not quota.settlement_year.is_decided and not can_read_settlement(user):
        raise Http404("This year is not decided yet.")
    return quota


def get_year_municipality_for(user: Any, year_id: uuid.UUID, code: str) -> tuple[SettlementYear, Municipality]:
    """A year and one of its county's municipalities, for the officer (404 for an unknown pair, then 403)."""
    settlement_year = get_object_or_404(SettlementYear.objects.with_revisions(), uuid=year_id)
    municipality = get_object_or_404(Municipality, county=settlement_year.county, code=code)
    require_settlement_officer(user)
    return settlement_year, municipality
