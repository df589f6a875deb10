"""Organisation numbers as people type them: the register's form back, or the reason it is not one."""

from __future__ import annotations

import pytest

from vagenin.grants.orgnr import OrgnrError, is_valid, luhn_check_digit, parse


@pytest.mark.parametrize(
    "typed",
    ["202100-5521", "2021005521", "16202100-5521", "162021005521", " 202100 5521 ", "202100 - 5521"],
)
def test_the_ways_people_type_a_number_give_the_registers_form(typed: str) -> None:
    assert parse(typed) == "202100-5521"


@pytest.mark.parametrize(("nine", "digit"), [("202100552", 1), ("802000111", 4), ("556000000", 1), ("000000000", 0)])
def test_the_check_digit_is_luhn_over_the_first_nine(nine: str, digit: int) -> None:
    assert luhn_check_digit(nine) == digit
    assert is_valid(nine + str(digit))
    assert not is_valid(nine + str((digit + 1) % 10))


@pytest.mark.parametrize("typed", ["202100-5522", "2021005520", "802000-1115"])
def test_a_wrong_check_digit_is_refused_as_such(typed: str) -> None:
    with pytest.raises(OrgnrError) as raised:
        parse(typed)
    assert raised.value.code == "check_digit"


@pytest.mark.parametrize(
    "typed", ["", "12345", "20210-05521", "202100-552", "202100-55211", "17202100-5521", "20210A-5521", "2021-005521"]
)
def test_what_is_not_ten_digits_is_refused_as_a_format_error(typed: str) -> None:
    with pytest.raises(OrgnrError) as raised:
        parse(typed)
    assert raised.value.code == "format"


def test_is_valid_wants_exactly_ten_digits() -> None:
    assert not is_valid("202100552")
    assert not is_valid("20210055211")
    assert not is_valid("202100-552")
