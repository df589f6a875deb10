"""Swedish organisation numbers (organisationsnummer), with no Django: parse what a person typed, check the digit.

An organisation number is ten digits written NNNNNN-NNNN; the last digit is a Luhn check digit over the first
nine, as in a personal identity number (a sole trader's organisation number is the owner's). People also type
it without the hyphen, with spaces, or with the century prefix 16 that some registers add (16NNNNNN-NNNN).
`parse` accepts those and returns the register's form, or raises `OrgnrError` saying what is wrong, so the
form can show the reason and the register can be searched with one exact value.
"""

from __future__ import annotations

DIGITS = 10
CENTURY_PREFIX = "16"


class OrgnrError(ValueError):
    """What is wrong with a typed organisation number; `code` names the reason (format, check_digit)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit for the nine digits before it: every other digit doubled, from the first."""
    total = 0
    for position, character in enumerate(digits):
        value = int(character) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def is_valid(digits: str) -> bool:
    """Whether ten digits end in the right check digit."""
    return len(digits) == DIGITS and digits.isdigit() and luhn_check_digit(digits[:-1]) == int(digits[-1])


def parse(text: str) -> str:
    """The organisation number as NNNNNN-NNNN, from what a person typed; OrgnrError if it is not one."""
    compact = "".join(text.split())
    if len(compact) in (12, 13) and compact.startswith(CENTURY_PREFIX):
        compact = compact[len(CENTURY_PREFIX) :]
    if len(compact) == DIGITS + 1 and compact[6] == "-":
        compact = compact[:6] + compact[7:]
    if len(compact) != DIGITS or not compact.isdigit():
        raise OrgnrError("format", code="format")
    if not is_valid(compact):
        raise OrgnrError("check_digit", code="check_digit")
    return f"{compact[:6]}-{compact[6:]}"
