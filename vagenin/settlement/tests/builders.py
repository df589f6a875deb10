"""Named builders for settlement tests: a county with its municipalities, a year, factor data, a municipal officer."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from testsupport.personas import make_municipality, make_organisation, make_user
from vagenin.accounts.models import Membership, MembershipRole, User
from vagenin.organisations.models import County, Municipality, Organisation, OrganisationType
from vagenin.settlement.models import CountyQuotaRevision, EarlierReception, MunicipalityFactors, SettlementYear

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
QUOTA_FILE = "Anvisningar_enligt_kommuntalen_2018.csv"
RECEPTION_FILE = "Kommunmottagna_enligt_ersattningsforordningen_2018.csv"

# Dalarna's 15 municipalities: code, short name.
DALARNA = (
    ("2021", "Vansbro"),
    ("2023", "Malung-Sälen"),
    ("2026", "Gagnef"),
    ("2029", "Leksand"),
    ("2031", "Rättvik"),
    ("2034", "Orsa"),
    ("2039", "Älvdalen"),
    ("2061", "Smedjebacken"),
    ("2062", "Mora"),
    ("2080", "Falun"),
    ("2081", "Borlänge"),
    ("2082", "Säter"),
    ("2083", "Hedemora"),
    ("2084", "Avesta"),
    ("2085", "Ludvika"),
)


def make_dalarna() -> list[Municipality]:
    """Dalarna's municipalities (Falun and Mora may exist already from the personas)."""
    return [make_municipality(code, name) for code, name in DALARNA]


def dalarna() -> County:
    make_dalarna()
    return County.objects.get(code="20")


def make_year(
    year: int = 2026, county_quota: int | None = 100, *, reception: tuple[int, int] | None = (2024, 2025)
) -> SettlementYear:
    county = dalarna()
    settlement_year = SettlementYear.objects.create(
        year=year,
        county=county,
        reception_first_year=reception[0] if reception else None,
        reception_last_year=reception[1] if reception else None,
    )
    CountyQuotaRevision.objects.create(
        settlement_year=settlement_year,
        order=0,
        version="test",
        ordinance="SFS 2025:894",
        national_total=8200,
        county_quota=county_quota,
    )
    return settlement_year


def add_factors(settlement_year: SettlementYear) -> None:
    """Simple, chosen factor data for every municipality of the county."""
    for n, municipality in enumerate(Municipality.objects.filter(county=settlement_year.county).order_by("code")):
        population = 10000 + 1000 * n
        factors = MunicipalityFactors.objects.create(
            settlement_year=settlement_year,
            municipality=municipality,
            population=population,
            labour_market=Decimal(population // 2),
            asylum_seekers_abo=n,
            asylum_seekers_ebo=2 * n,
        )
        for year in settlement_year.reception_years():
            EarlierReception.objects.create(factors=factors, year=year, newcomers=5 + n, unaccompanied_minors=n % 2)


def municipality_organisation(code: str = "2080") -> Organisation:
    municipality = Municipality.objects.get(code=code)
    existing = Organisation.objects.filter(municipality=municipality, type=OrganisationType.MUNICIPALITY).first()
    return existing or make_organisation(
        f"kommun-{code}",
        f"{municipality.short_name} kommun",
        type=OrganisationType.MUNICIPALITY,
        municipality=municipality,
    )


def make_municipal_officer(code: str = "2080", email: str = "kommun.bosattning@test.example") -> User:
    """A municipality's settlement officer: a member of its organisation with the settlement role."""
    user = make_user(email, full_name="Kim Kommun")
    Membership.objects.create(user=user, organisation=municipality_organisation(code), role=MembershipRole.SETTLEMENT)
    return user
