"""Demo statistics: indicator definitions, the shipped real files imported through the real importers, and the
integration report with a published version (web editions; each PDF is made when first asked for)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vagenin.actionplan.models import Indicator
from vagenin.agreement.models import AgreementPeriod, Area
from vagenin.indicators import reporting
from vagenin.indicators.models import (
    Direction,
    IndicatorDefinition,
    InitiativeSeries,
    Publication,
    Report,
    ReportSection,
    SourceKind,
    Unit,
)
from vagenin.indicators.services import import_file, publish

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PERIOD = "2015-2020"

# code, name sv, name en, unit, decimals, area slug ("" = population section), direction, publisher, table,
# headline breakdown, EU core integration indicator, description sv, description en
DEFINITIONS: list[dict[str, Any]] = [
    {
        "code": "BE0101N1",
        "name_sv": "Folkmängd",
        "name_en": "Population",
        "unit": Unit.NUMBER,
        "decimals": 0,
        "population_section": True,
        "publisher": "SCB",
        "source_table": "BE0101A/BefolkningNy (BE0101N1)",
        "description_sv": "Folkmängden den 31 december.",
        "description_en": "The population on 31 December.",
        "sort_order": 1,
    },
    {
        "code": "N00914",
        "name_sv": "Förvärvsarbetande invånare 20–64 år",
        "name_en": "Employed residents aged 20–64",
        "area": "arbete",
        "direction": Direction.UP,
        "publisher": "Kolada (RKA), från SCB",
        "source_table": "Kolada N00914",
        "headline": {"gender": "T"},
        "breakdowns": ["gender"],
        "eu_core": True,
        "description_sv": "Andel (%) av invånarna 20–64 år som förvärvsarbetar.",
        "description_en": "Share (%) of residents aged 20–64 in gainful employment.",
        "sort_order": 1,
    },
    {
        "code": "N03926",
        "name_sv": "Långtidsarbetslöshet 25–64 år",
        "name_en": "Long-term unemployment aged 25–64",
        "area": "arbete",
        "direction": Direction.DOWN,
        "publisher": "Kolada (RKA), från Arbetsförmedlingen",
        "source_table": "Kolada N03926",
        "headline": {"gender": "T"},
        "breakdowns": ["gender"],
        "eu_core": True,
        "description_sv": "Årsmedelvärde, andel (%) av befolkningen 25–64 år.",
        "description_en": "Annual average, share (%) of the population aged 25–64.",
        "sort_order": 2,
    },
    {
        "code": "N05401",
        "name_sv": "Valdeltagande i senaste kommunalvalet",
        "name_en": "Turnout in the latest municipal election",
        "area": "social-sammanhallning",
        "direction": Direction.UP,
        "publisher": "Kolada (RKA), från Valmyndigheten",
        "source_table": "Kolada N05401",
        "headline": {"gender": "T"},
        "eu_core": True,
        "description_sv": "Andel (%) av de röstberättigade.",
        "description_en": "Share (%) of those entitled to vote.",
        "sort_order": 1,
    },
    {
        "code": "N05402",
        "name_sv": "Valdeltagande i senaste regionvalet",
        "name_en": "Turnout in the latest regional election",
        "area": "social-sammanhallning",
        "direction": Direction.UP,
        "publisher": "Kolada (RKA), från Valmyndigheten",
        "source_table": "Kolada N05402",
        "headline": {"gender": "T"},
        "eu_core": True,
        "sort_order": 2,
    },
    {
        "code": "N05403",
        "name_sv": "Valdeltagande i senaste riksdagsvalet",
        "name_en": "Turnout in the latest general election",
        "area": "social-sammanhallning",
        "direction": Direction.UP,
        "publisher": "Kolada (RKA), från Valmyndigheten",
        "source_table": "Kolada N05403",
        "headline": {"gender": "T"},
        "eu_core": True,
        "sort_order": 3,
    },
    {
        "code": "hlv-tillit",
        "name_sv": "Andel som har svårt att lita på andra",
        "name_en": "Share who find it hard to trust others",
        "area": "social-sammanhallning",
        "direction": Direction.DOWN,
        "publisher": "Folkhälsomyndigheten",
        "source_table": "Hälsa på lika villkor, hlv1socxreg",
        "headline": {"gender": "T"},
        "breakdowns": ["gender"],
        "eu_core": True,
        "description_sv": "Andel (%) 16–84 år, rullande fyraårsperioder.",
        "description_en": "Share (%) aged 16–84, rolling four-year spans.",
        "sort_order": 4,
    },
    {
        "code": "hlv-deltagande",
        "name_sv": "Andel med lågt socialt deltagande",
        "name_en": "Share with low social participation",
        "area": "social-sammanhallning",
        "direction": Direction.DOWN,
        "publisher": "Folkhälsomyndigheten",
        "source_table": "Hälsa på lika villkor, hlv1socxreg",
        "headline": {"gender": "T"},
        "breakdowns": ["gender"],
        "eu_core": True,
        "description_sv": "Andel (%) 16–84 år, rullande fyraårsperioder.",
        "description_en": "Share (%) aged 16–84, rolling four-year spans.",
        "sort_order": 5,
    },
]

SURVEY = {
    "geography_column": "Region",
    "geography_format": "code_label",
    "period_column": "År",
    "breakdown_columns": "Kön=gender",
    "value_codes": "Kön|Totalt=T\nKön|Kvinnor=K\nKön|Män=M",
    "ignore_columns": "Sociala relationer,Andel och konfidensintervall",
}

# file, kind, options
IMPORTS: list[tuple[str, str, dict[str, str]]] = [
    (
        "scb/population_2020-2025.csv",
        SourceKind.LONG_CSV,
        {
            "geography_column": "municipality_code",
            "period_column": "year",
            "value_columns": "population=BE0101N1",
            "ignore_columns": "municipality",
        },
    ),
    ("pxweb/population_dalarna_wide_codes.csv", SourceKind.PXWEB_CSV, {"cell_format": "codes"}),
    (
        "region-dalarna/arbetsloshet.csv",
        SourceKind.KOLADA_EXPORT,
        {"kpis": "Långtidsarbetslöshet 25-64 år, årsmedelvärde, andel (%) av bef.=N03926"},
    ),
    (
        "region-dalarna/sysselsatt.csv",
        SourceKind.KOLADA_EXPORT,
        {"kpis": "Förvärvsarbetande invånare 20-64 år, andel (%)=N00914"},
    ),
    (
        "region-dalarna/valdeltagande.csv",
        SourceKind.KOLADA_EXPORT,
        {
            "kpis": "Valdeltagande i senaste kommunalvalet, andel (%)=N05401\n"
            "Valdeltagande i senaste regionvalet, andel (%)=N05402\n"
            "Valdeltagande i senaste riksdagsvalet, andel (%)=N05403"
        },
    ),
    ("region-dalarna/tillit_ny.csv", SourceKind.LONG_CSV, {**SURVEY, "value_columns": "Andel=hlv-tillit"}),
    ("region-dalarna/deltagande_ny.csv", SourceKind.LONG_CSV, {**SURVEY, "value_columns": "Andel=hlv-deltagande"}),
]

SECTIONS: list[tuple[str, str, str, str, str, list[str]]] = [
    (
        "",
        "Befolkningsutveckling och invandring",
        "Population and immigration",
        "Befolkningen i länet och i kommunerna, och hur den har förändrats.",
        "The population of the county and its municipalities, and how it has changed.",
        ["BE0101N1"],
    ),
    (
        "arbete",
        "",
        "",
        "Arbete är en av de viktigaste vägarna in i samhället.",
        "Work is one of the most important ways into society.",
        ["N00914", "N03926"],
    ),
    (
        "sprak-och-utbildning",
        "",
        "",
        "Språket är nyckeln till delaktighet.",
        "Language is the key to taking part.",
        [],
    ),
    ("halsa", "", "", "", "", []),
    ("bostad", "", "", "", "", []),
    (
        "social-sammanhallning",
        "",
        "",
        "Tillit, deltagande och valdeltagande visar hur delaktiga invånarna är.",
        "Trust, participation and turnout show how far residents take part.",
        ["N05401", "N05402", "N05403", "hlv-tillit", "hlv-deltagande"],
    ),
]


def load_definitions() -> dict[str, IndicatorDefinition]:
    """The indicator definitions of the report's chart catalogue that have a shipped source (idempotent)."""
    period = AgreementPeriod.objects.get(slug=PERIOD)
    areas = {a.slug: a for a in Area.objects.filter(period=period)}
    result = {}
    for entry in DEFINITIONS:
        values = dict(entry)
        code = values.pop("code")
        area = values.pop("area", "")
        values["area"] = areas.get(area)
        definition, _ = IndicatorDefinition.objects.update_or_create(code=code, defaults=values)
        result[code] = definition
    return result


def load_indicators(actor: Any = None, *, generate: bool = True) -> None:
    """Definitions, the shipped files through the real importers, and a published report (idempotent)."""
    definitions = load_definitions()
    for name, kind, options in IMPORTS:
        batch = import_file(
            actor=actor,
            file_name=name.rsplit("/", 1)[-1],
            source_kind=kind,
            content=(FIXTURES / name).read_bytes(),
            options=options,
        )
        if batch.rejected:
            raise ValueError(f"demo import of {name} rejected: {batch.rejected_rows[:3]}")
    load_links(definitions)
    report = load_report(definitions)
    if generate and not report.publications.exists():
        publication = reporting.generate(actor=actor, report=report)
        publication = reporting.build_editions(publication, pdf=False)
        if publication.state == Publication.State.READY:
            publish(actor=actor, publication=publication)


# initiative slug, its indicator's Swedish name, the series it follows, the geography
LINKS = [("akademi-for-integration", "Deltagare som fått arbete inom sitt yrke", "N00914", "20")]


def load_links(definitions: dict[str, IndicatorDefinition]) -> None:
    """Initiative indicators of the action plan's demo that follow an official series (idempotent)."""
    for slug, name, code, geo in LINKS:
        indicator = Indicator.objects.filter(initiative__slug=slug, name_sv=name).first()
        if indicator is not None:
            InitiativeSeries.objects.update_or_create(
                indicator=indicator, defaults={"series": definitions[code], "geo_code": geo}
            )


def load_report(definitions: dict[str, IndicatorDefinition]) -> Report:
    report, created = Report.objects.get_or_create(
        year=2025,
        title_sv="Integrationen i Dalarna",
        defaults={"title_en": "Integration in Dalarna"},
    )
    if not created:
        return report
    areas = {a.slug: a for a in Area.objects.filter(period__slug=PERIOD)}
    for number, (slug, title_sv, title_en, text_sv, text_en, codes) in enumerate(SECTIONS, start=1):
        area = areas.get(slug)
        section = ReportSection.objects.create(
            report=report,
            number=number,
            area=area,
            title_sv=title_sv or (area.name_sv if area else ""),
            title_en=title_en or (area.name_en if area else ""),
            text_sv=text_sv,
            text_en=text_en,
        )
        section.indicators.set([definitions[c] for c in codes])
    return report
