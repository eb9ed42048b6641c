"""Numbers in YAML: a number only when reading it loses nothing and every later stage can
use it; anything longer stays text and fails the schema with a located error, never a crash."""

from __future__ import annotations

import pytest

from riskcard.inputs.yamlwalk import MAX_DIGITS, resolve_plain


@pytest.mark.parametrize("digits", [1, 18, MAX_DIGITS])
def test_a_number_within_the_limit_is_a_number(digits: int) -> None:
    assert resolve_plain("9" * digits) == int("9" * digits)
    float(resolve_plain("9" * digits))  # every stage may compare it with a float threshold


@pytest.mark.parametrize("digits", [MAX_DIGITS + 1, 400, 5001])
def test_a_longer_run_of_digits_stays_text(digits: int) -> None:
    assert resolve_plain("9" * digits) == "9" * digits
