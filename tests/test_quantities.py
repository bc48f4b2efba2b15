from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedu.quantities import (
    check_hours,
    check_money,
    decimal_text,
    parse_decimal,
    percent_text,
    plain,
    ratio,
    round_half_up,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(0, "0"), (32, "32"), (2.5, "2.5"), ("12000.00", "12000.00"), ("-3", "-3"),
     (Decimal("1.10"), "1.10"), (0.1, "0.1")],
)
def test_parse_decimal_accepts_numbers_and_decimal_strings(raw, expected):
    assert parse_decimal(raw) == Decimal(expected)
    assert str(parse_decimal(raw)) == expected


@pytest.mark.parametrize(
    "raw", [True, False, None, "NaN", "Infinity", "-Infinity", "1e5", " 12", "12 ", "", "1,000",
            "0x10", [], {}, Decimal("NaN"), Decimal("Infinity"), float("nan"), float("inf"),
            # decimal strings are of ASCII digits: Decimal() itself reads every script's
            "٤٠", "4٠", "४०", "４０", "40.٥", "𝟒𝟎", "²"],
)
def test_parse_decimal_refuses_everything_else(raw):
    with pytest.raises(ValueError):
        parse_decimal(raw)


def test_hours_boundaries():
    assert check_hours(Decimal(0)) == 0
    with pytest.raises(ValueError, match="negative"):
        check_hours(Decimal("-0.01"))


@pytest.mark.parametrize("good", ["0", "0.00", "1.5", "350000.00"])
def test_money_accepts_yuan_and_fen(good):
    assert check_money(Decimal(good)) == Decimal(good)


@pytest.mark.parametrize(("bad", "why"), [("-0.01", "negative"), ("0.001", "two decimals")])
def test_money_refuses(bad, why):
    with pytest.raises(ValueError, match=why):
        check_money(Decimal(bad))


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [("0.66665", 4, "0.6667"), ("0.66664", 4, "0.6666"), ("0.125", 2, "0.13"),
     ("0.135", 2, "0.14"), ("2", 2, "2.00"), ("-0.125", 2, "-0.13")],
)
def test_round_half_up(value, places, expected):
    assert str(round_half_up(Decimal(value), places)) == expected


def test_ratio_of_zero_denominator_is_not_applicable():
    assert ratio(0, 0) is None
    assert ratio(3, 0) is None
    assert ratio(0, 3) == 0
    assert ratio(2, 3) == Decimal(2) / Decimal(3)


def test_percent_text():
    assert percent_text(ratio(2, 3)) == "66.67%"
    assert percent_text(ratio(1, 1)) == "100.00%"
    assert percent_text(ratio(5, 4)) == "125.00%"  # rates are not capped
    assert percent_text(None) == "—"


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-10**9,
                   max_value=10**9))
def test_decimal_text_round_trips(value):
    assert Decimal(decimal_text(value)) == value
    assert "E" not in decimal_text(value)


@given(st.builds(lambda n, k: Decimal(n).scaleb(k), st.integers(-10**16, 10**16),
                 st.integers(-8, 8)))
def test_a_plain_decimal_is_the_same_value_without_trailing_zeros_or_exponent(value):
    found = plain(value)
    _sign, digits, exponent = found.as_tuple()
    assert found == value
    assert exponent <= 0  # never 1.6E+1
    assert exponent == 0 or digits[-1] != 0  # never 1.500
    assert plain(found) == found and str(plain(found)) == str(found)


@pytest.mark.parametrize(("stored", "expected"), [
    ("16.000000", "16"), ("1.6E+1", "16"), ("1.500000", "1.5"), ("0E-6", "0"),
    ("0.000100", "0.0001"), ("2000", "2000"), ("1E+3", "1000"), ("-0.50", "-0.5")])
def test_plain_decimals_as_the_stores_give_them_back(stored, expected):
    assert str(plain(Decimal(stored))) == expected
