"""Demo data for settlement: the real 2018 quotas and reception, and an illustrative 2026 year.

- 2018: Migrationsverket's real exports (the fixtures) imported as the officer would, so Dalarna's quotas
  (388), the numbers received under them (375) and the people received per municipality are real. The
  year is marked decided; its decision date and registration number are placeholders (not in the data).
- 2026: the county quota 321 from the reference data (SFS 2025:894); population per municipality real
  (Statistics Sweden, 31 December 2024); the labour-market figures, earlier reception, asylum seekers,
  housing assessments, consultations, adjustments, monthly figures and readiness reports are
  ILLUSTRATIVE, invented for the demo. The decision's registration number is a placeholder.
- People are invented: one municipal settlement officer for Falu kommun (`bosattning.falun@example.org`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from vagenin.accounts.demo import DEMO_PASSWORD
from vagenin.accounts.models import Membership, MembershipRole, StaffRole, User
from vagenin.organisations.models import County, Municipality, Organisation
from vagenin.settlement import services
from vagenin.settlement.migrationsverket import parse_quota_export, parse_reception_export
from vagenin.settlement.models import (
    HOME_COUNTY_CODE,
    HousingMarket,
    MonthlyReception,
    MunicipalityFactors,
    MunicipalQuota,
    ReadinessReport,
    SettlementYear,
)
from vagenin.settlement.queries import WeightChoice

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUOTA_FILE = "Anvisningar_enligt_kommuntalen_2018.csv"
RECEPTION_FILE = "Kommunmottagna_enligt_ersattningsforordningen_2018.csv"
MUNICIPAL_OFFICER = "bosattning.falun@example.org"

# Statistics Sweden, population 31 December 2024 (shared data scb/population_2020-2025.csv).
POPULATION_2024 = {
    "2021": 6752,
    "2023": 10254,
    "2026": 10384,
    "2029": 16137,
    "2031": 10998,
    "2034": 6851,
    "2039": 6882,
    "2061": 10823,
    "2062": 20540,
    "2080": 59945,
    "2081": 51425,
    "2082": 11223,
    "2083": 15281,
    "2084": 22417,
    "2085": 26634,
}
# ILLUSTRATIVE: employment rates, earlier reception (newcomers, minors) 2024 and 2025, asylum seekers ABO/EBO.
ILLUSTRATIVE = {
    "2021": ("0.47", (6, 0), (5, 0), 0, 4, HousingMarket.SURPLUS),
    "2023": ("0.51", (9, 1), (7, 0), 12, 3, HousingMarket.BALANCE),
    "2026": ("0.49", (8, 0), (6, 1), 0, 5, HousingMarket.BALANCE),
    "2029": ("0.50", (14, 1), (10, 0), 0, 6, HousingMarket.SHORTAGE),
    "2031": ("0.47", (10, 0), (8, 0), 0, 4, HousingMarket.BALANCE),
    "2034": ("0.46", (7, 0), (5, 0), 0, 3, HousingMarket.SURPLUS),
    "2039": ("0.48", (6, 1), (4, 0), 0, 2, HousingMarket.SURPLUS),
    "2061": ("0.47", (12, 0), (9, 0), 0, 7, HousingMarket.BALANCE),
    "2062": ("0.50", (22, 2), (18, 1), 35, 9, HousingMarket.BALANCE),
    "2080": ("0.52", (48, 3), (41, 2), 0, 40, HousingMarket.SHORTAGE),
    "2081": ("0.48", (70, 2), (55, 1), 60, 55, HousingMarket.BALANCE),
    "2082": ("0.50", (9, 0), (7, 0), 0, 5, HousingMarket.BALANCE),
    "2083": ("0.45", (15, 0), (12, 0), 0, 12, HousingMarket.SURPLUS),
    "2084": ("0.45", (25, 1), (20, 0), 0, 25, HousingMarket.SURPLUS),
    "2085": ("0.46", (35, 1), (28, 1), 0, 30, HousingMarket.BALANCE),
}


def _municipal_officer() -> User:
    user = User.objects.filter(email=MUNICIPAL_OFFICER).first()
    if user is None:
        user = User.objects.create_user(MUNICIPAL_OFFICER, DEMO_PASSWORD, full_name="Maja Bosättningsson")
    organisation = Organisation.objects.filter(municipality__code="2080", type="municipality").first()
    if organisation is not None:
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": MembershipRole.SETTLEMENT}
        )
    return user


def _load_2018(actor: User, county: County) -> None:
    names = dict(Municipality.objects.values_list("code", "short_name"))
    quotas = parse_quota_export((FIXTURES / QUOTA_FILE).read_bytes(), file_name=QUOTA_FILE, municipalities=names)
    reception = parse_reception_export(
        (FIXTURES / RECEPTION_FILE).read_bytes(), file_name=RECEPTION_FILE, municipalities=names
    )
    settlement_year = SettlementYear.objects.filter(year=quotas.year, county=county).first()
    if settlement_year is not None and settlement_year.is_decided:
        return
    settlement_year, _ = services.import_quota_export(actor=actor, export=quotas, county=county)
    services.import_reception_export(actor=actor, export=reception, county=county)
    services.decide_year(
        actor=actor,
        settlement_year=settlement_year,
        decided_on=datetime.date(2018, 1, 1),
        registration_number="demo: diarienummer saknas",
    )


def _load_2026(actor: User, county: County, municipal_officer: User) -> None:
    settlement_year = SettlementYear.objects.filter(year=2026, county=county).first()
    if settlement_year is None or settlement_year.is_decided or settlement_year.county_quota is None:
        return
    if settlement_year.reception_first_year is None:
        services.update_year(
            actor=actor,
            settlement_year=settlement_year,
            data={"reception_first_year": 2024, "reception_last_year": 2025},
        )
    municipalities = {m.code: m for m in Municipality.objects.filter(county=county)}
    for code, (rate, first, second, abo, ebo, housing) in ILLUSTRATIVE.items():
        if MunicipalityFactors.objects.filter(settlement_year=settlement_year, municipality__code=code).exists():
            continue
        population = POPULATION_2024[code]
        services.save_factors(
            actor=actor,
            settlement_year=settlement_year,
            municipality=municipalities[code],
            data={
                "population": population,
                "labour_market": (Decimal(rate) * population).quantize(Decimal(1)),
                "asylum_seekers_abo": abo,
                "asylum_seekers_ebo": ebo,
                "housing": housing,
                "note": "illustrativa värden (demo), folkmängd SCB 2024-12-31",
            },
            earlier={2024: first, 2025: second},
        )
    services.compute_proposal(actor=actor, settlement_year=settlement_year, choice=WeightChoice.default())
    quotas = {q.municipality.code: q for q in MunicipalQuota.objects.for_year(settlement_year)}
    falun, borlange = quotas["2080"], quotas["2081"]
    services.record_consultation(
        actor=actor,
        settlement_year=settlement_year,
        municipality=falun.municipality,
        held_on=datetime.date(2025, 10, 14),
        summary="Kommunen pekar på brist på hyresrätter i centralorten men kan ta emot en familj till i Svärdsjö.",
    )
    services.record_consultation(
        actor=actor,
        settlement_year=settlement_year,
        municipality=borlange.municipality,
        held_on=datetime.date(2025, 10, 16),
        summary="Kommunen har tagit emot många genom eget boende och ber om ett lägre kommuntal.",
    )
    services.adjust_quota(
        actor=actor,
        quota=falun,
        final=falun.quota + 1,
        justification="Efter samråd 14 oktober: kommunen kan erbjuda bostad i Svärdsjö (illustrativt exempel).",
    )
    services.adjust_quota(
        actor=actor,
        quota=borlange,
        final=borlange.quota - 1,
        justification="Efter samråd 16 oktober: stort mottagande genom eget boende (illustrativt exempel).",
    )
    services.decide_year(
        actor=actor,
        settlement_year=settlement_year,
        decided_on=datetime.date(2025, 11, 20),
        registration_number="demo: 851-0000-2025",
    )
    today = timezone.localdate()
    last_month = today.month - 1 if today.year == 2026 else 12  # months that have ended
    settlement_year.refresh_from_db()
    for code, quota in quotas.items():
        quota.refresh_from_db()
        for month in range(1, last_month + 1):
            if MonthlyReception.objects.filter(
                settlement_year=settlement_year, municipality__code=code, month=month
            ).exists():
                continue
            # ILLUSTRATIVE: about one twelfth of the quota each month, a little behind in the small ones.
            received = (quota.quota * month) // 12 - (quota.quota * (month - 1)) // 12
            if quota.quota < 10 and month % 4 == 0:
                received = max(received - 1, 0)
            services.save_monthly(
                actor=municipal_officer if code == "2080" else actor,
                settlement_year=settlement_year,
                municipality=quota.municipality,
                month=month,
                data={
                    "assigned": received,
                    "received": received,
                    "quota_refugees": received // 3,
                    "from_asylum_housing": received // 2,
                    "unaccompanied_minors": 0,
                },
            )


def _load_readiness(actor: User, county: County, municipal_officer: User) -> None:
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for n, municipality in enumerate(Municipality.objects.filter(county=county).order_by("code")):
        if n % 3 == 2:  # some have not reported yet
            continue
        if ReadinessReport.objects.filter(municipality=municipality, year=year, quarter=quarter).exists():
            continue
        services.save_readiness(
            actor=municipal_officer if municipality.code == "2080" else actor,
            municipality=municipality,
            year=year,
            quarter=quarter,
            data={
                "housing_available": 2 + n % 5,
                "housing_planned": n % 4,
                "sfi_places": 10 + 3 * n,
                "civic_orientation_places": 8 + 2 * n,
                "comments": "Illustrativa siffror (demo).",
            },
        )


def load_settlement() -> None:
    """Load the settlement demo data once (idempotent); needs the reference data and the demo logins."""
    county = County.objects.filter(code=HOME_COUNTY_CODE).first()
    actor = User.objects.filter(role_grants__role=StaffRole.SETTLEMENT_OFFICER).order_by("pk").first()
    if county is None or actor is None:
        return
    municipal_officer = _municipal_officer()
    _load_2018(actor, county)
    _load_2026(actor, county, municipal_officer)
    _load_readiness(actor, county, municipal_officer)
