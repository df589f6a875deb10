"""Generated sentences: wording, number formats per language, and sentences made from the shipped data."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from vagenin.indicators.kolada import parse_kolada_export
from vagenin.indicators.longcsv import parse_long_csv
from vagenin.indicators.narrative import (
    Language,
    Unit,
    change_sentence,
    comparison_sentence,
    extremes_sentence,
    format_number,
    format_value,
    period_phrase,
)
from vagenin.indicators.observations import Level, Observation
from vagenin.indicators.tests.sources import TURNOUT, UNEMPLOYMENT, geography_names, read
from vagenin.indicators.tests.test_longcsv import POPULATION, SURVEY

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "sv", "en"),
    [
        (2300, 0, f"2{NB}300", "2,300"),
        (1234567.891, 1, f"1{NB}234{NB}567,9", "1,234,567.9"),
        (Decimal("12.25"), 1, "12,3", "12.3"),  # half away from zero
        (-4.25, 1, "\u22124,3", "-4.3"),
        (-0.04, 1, "0,0", "0.0"),  # never a negative zero
        (2.675, 2, "2,68", "2.68"),  # the float as written, not its binary neighbour
        (999, 0, "999", "999"),
        (0, 1, "0,0", "0.0"),
    ],
)
def test_numbers_are_formatted_per_language(value: float | Decimal, decimals: int, sv: str, en: str) -> None:
    assert format_number(value, language="sv", decimals=decimals) == sv
    assert format_number(value, language="en", decimals=decimals) == en


def test_percentages() -> None:
    assert format_value(12.34, unit=Unit.PERCENT, language="sv", decimals=1) == f"12,3{NB}%"
    assert format_value(12.34, unit=Unit.PERCENT, language="en", decimals=1) == "12.3%"
    assert format_value(2300, unit=Unit.NUMBER, language="en", decimals=0) == "2,300"


@pytest.mark.parametrize(
    ("period", "sv", "en"),
    [
        (2024, "år 2024", "in 2024"),
        ("2024M03", "i mars 2024", "in March 2024"),
        ("2024K1", "första kvartalet 2024", "in the first quarter of 2024"),
        ("2004-2007", "perioden 2004–2007", "in 2004–2007"),
    ],
)
def test_period_phrases(period: str | int, sv: str, en: str) -> None:
    assert (period_phrase(period, language="sv"), period_phrase(period, language="en")) == (sv, en)


def share_change(subject: str, language: Language, start: float, end: float) -> str:
    return change_sentence(
        subject=subject, start_period=2000, start_value=start, end_period=2024, end_value=end, language=language
    )


def test_change_over_time() -> None:
    assert share_change("Andelen utrikes födda 20–64 år", "sv", 12.3, 21.8) == (
        f"Andelen utrikes födda 20–64 år steg från 12,3{NB}% år 2000 till 21,8{NB}% år 2024."
    )
    assert share_change("The share of foreign-born aged 20–64", "en", 12.3, 21.8) == (
        "The share of foreign-born aged 20–64 rose from 12.3% in 2000 to 21.8% in 2024."
    )
    fell = change_sentence(
        subject="Antalet deltagare",
        start_period="2023M01",
        start_value=4210,
        end_period="2024M01",
        end_value=2300,
        language="sv",
        unit=Unit.NUMBER,
        decimals=0,
    )
    assert fell == f"Antalet deltagare sjönk från 4{NB}210 i januari 2023 till 2{NB}300 i januari 2024."


def test_a_change_too_small_to_print_is_no_change() -> None:
    assert share_change("Andelen", "sv", 12.31, 12.34) == f"Andelen var 12,3{NB}% både år 2000 och år 2024."
    assert share_change("The share", "en", 12.31, 12.34) == "The share was 12.3% both in 2000 and in 2024."
    assert share_change("The share", "en", 12.34, 12.26) == "The share was 12.3% both in 2000 and in 2024."


def test_highest_and_lowest() -> None:
    # The 2024 shares of foreign-born the real report's text gives for these municipalities.
    shares = {"Ludvika": 20, "Borlänge": 18, "Avesta": 17, "Gagnef": 7, "Vansbro": None}
    assert extremes_sentence(
        subject="Andelen utrikes födda", values=shares, period=2024, language="sv", decimals=0
    ) == (f"Andelen utrikes födda var år 2024 högst i Ludvika (20{NB}%) och lägst i Gagnef (7{NB}%).")
    assert extremes_sentence(
        subject="The share of foreign-born", values=shares, period=2024, language="en", decimals=0
    ) == ("The share of foreign-born was highest in Ludvika (20%) and lowest in Gagnef (7%) in 2024.")


def test_ties_name_every_area_in_swedish_order() -> None:
    values = {"Älvdalen": 5.0, "Orsa": 5.04, "Avesta": 9.0, "Säter": 1.0, "Åsele": 5.0}
    assert extremes_sentence(
        subject="X", values={k: v for k, v in values.items() if v >= 5}, period=2024, language="sv"
    ) == (f"X var år 2024 högst i Avesta (9,0{NB}%) och lägst i Orsa, Åsele och Älvdalen (5,0{NB}%).")
    assert extremes_sentence(subject="X", values={"A": 1, "B": 1.01}, period=2024, language="en") == (
        "X was the same in all areas compared (1.0%) in 2024."
    )
    with pytest.raises(ValueError, match="at least two"):
        extremes_sentence(subject="X", values={"A": 1, "B": None}, period=2024, language="sv")


def test_comparison_with_county_and_sweden() -> None:
    swedish = comparison_sentence(
        subject="Andelen utrikes födda",
        place="Falun",
        value=12.3,
        references=[("Dalarnas län", 14.1), ("riket", 20.0)],
        period=2024,
        language="sv",
    )
    assert swedish == (
        f"Andelen utrikes födda i Falun var 12,3{NB}% år 2024, "
        f"lägre än i Dalarnas län (14,1{NB}%) och i riket (20,0{NB}%)."
    )
    english = comparison_sentence(
        subject="The share of foreign-born",
        place="Falun",
        value=12.3,
        references=[("Dalarna County", 11.0), ("Sweden", 20.0)],
        period=2024,
        language="en",
    )
    assert english == (
        "The share of foreign-born in Falun was 12.3% in 2024, "
        "higher than in Dalarna County (11.0%) but lower than in Sweden (20.0%)."
    )
    same = comparison_sentence(
        subject="X", place="Mora", value=12.3, references=[("riket", 12.31)], period=2024, language="sv"
    )
    assert same == f"X i Mora var 12,3{NB}% år 2024, samma som i riket (12,3{NB}%)."
    with pytest.raises(ValueError, match="at least one reference"):
        comparison_sentence(subject="X", place="Mora", value=1, references=[], period=2024, language="sv")


# ------------------------------------------------------------------------------------- sentences from the data


def figure(observation: Observation) -> Decimal:
    assert observation.value is not None, observation
    return observation.value


def test_population_sentences_from_the_shipped_file() -> None:
    table = parse_long_csv(read("scb/population_2020-2025.csv"), spec=POPULATION, source="population")
    names = table.dimension("geography")
    dalarna_2024: dict[str, Decimal | None] = {
        names.label_of(o.geography.code): o.value
        for o in table.observations
        if o.period.year == 2024 and o.geography.county_code == "20"
    }
    assert len(dalarna_2024) == 15
    swedish = extremes_sentence(
        subject="Folkmängden", values=dalarna_2024, period=2024, unit=Unit.NUMBER, decimals=0, language="sv"
    )
    assert swedish == f"Folkmängden var år 2024 högst i Falun (59{NB}945) och lägst i Vansbro (6{NB}752)."
    english = extremes_sentence(
        subject="The population", values=dalarna_2024, period=2024, unit=Unit.NUMBER, decimals=0, language="en"
    )
    assert english == "The population was highest in Falun (59,945) and lowest in Vansbro (6,752) in 2024."

    def change(select: Callable[[Observation], bool]) -> Decimal:
        first = sum(figure(o) for o in table.observations if o.period.year == 2020 and select(o))
        last = sum(figure(o) for o in table.observations if o.period.year == 2024 and select(o))
        return Decimal(100) * (last - first) / first

    sentence = comparison_sentence(
        subject="Befolkningsförändringen",
        place="Falun",
        value=change(lambda o: o.geography.code == "2080"),
        period="2020-2024",
        references=[
            ("Dalarnas län", change(lambda o: o.geography.county_code == "20")),
            ("riket", change(lambda o: o.geography.level is Level.MUNICIPALITY)),
        ],
        language="sv",
    )
    assert sentence == (
        f"Befolkningsförändringen i Falun var 0,7{NB}% perioden 2020–2024, "
        f"högre än i Dalarnas län (\u22120,4{NB}%) men lägre än i riket (2,0{NB}%)."
    )


def test_kolada_sentences_from_the_shipped_exports() -> None:
    names = geography_names()
    unemployment = parse_kolada_export(
        read("region-dalarna/arbetsloshet.csv"), source="a", kpis=UNEMPLOYMENT, geography_names=names
    )
    sentence = change_sentence(
        subject="Långtidsarbetslösheten 25–64 år i Dalarna",
        start_period=2011,
        start_value=figure(unemployment.get("N03926", "20", 2011, gender="T")),
        end_period=2022,
        end_value=figure(unemployment.get("N03926", "20", 2022, gender="T")),
        language="sv",
    )
    assert sentence == f"Långtidsarbetslösheten 25–64 år i Dalarna steg från 2,9{NB}% år 2011 till 3,4{NB}% år 2022."

    turnout = parse_kolada_export(
        read("region-dalarna/valdeltagande.csv"), source="v", kpis=TURNOUT, geography_names=names
    )
    general = {o.period.year: figure(o) for o in turnout.observations if o.indicator == "N05403"}
    fell = change_sentence(
        subject="Turnout in the general election in Dalarna",
        start_period=2018,
        start_value=general[2018],
        end_period=2022,
        end_value=general[2022],
        language="en",
    )
    assert fell == "Turnout in the general election in Dalarna fell from 87.6% in 2018 to 85.4% in 2022."
    # Kolada repeats the latest election's figure in the years between elections.
    unchanged = change_sentence(
        subject="Valdeltagandet",
        start_period=1998,
        start_value=general[1998],
        end_period=2001,
        end_value=general[2001],
        language="sv",
    )
    assert unchanged == f"Valdeltagandet var 80,3{NB}% både år 1998 och år 2001."


def test_survey_sentence_over_spans() -> None:
    table = parse_long_csv(read("region-dalarna/deltagande_ny.csv"), spec=SURVEY, source="deltagande_ny.csv")
    key = {"social_relation": "low_participation", "measure": "share", "gender": "T"}
    sentence = change_sentence(
        subject="Andelen med lågt socialt deltagande i Dalarna",
        start_period="2004-2007",
        start_value=figure(table.get("hlv1socxreg", "20", "2004-2007", **key)),
        end_period="2019-2022",
        end_value=figure(table.get("hlv1socxreg", "20", "2019-2022", **key)),
        language="sv",
    )
    assert sentence == (
        f"Andelen med lågt socialt deltagande i Dalarna steg från 22,8{NB}% perioden 2004–2007 "
        f"till 35,3{NB}% perioden 2019–2022."
    )
