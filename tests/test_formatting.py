import math

import pytest

from almen_gui.model.formatting import (
    MISSING,
    format_date,
    format_mio_kr,
    format_number,
    format_pct,
    format_period,
    format_stamp,
    format_tick,
    format_time,
    format_value,
    format_year,
)


@pytest.mark.parametrize("value, text", [
    (4451, "4.451"), (7900, "7.900"), (73, "73"), (0, "0"), (1_000_000, "1.000.000"), (8.5, "8,5"),
    (1234.5, "1.234,5"), (-4451, "-4.451"), (999, "999"), (8.0, "8"),
])
def test_numbers_are_grouped_with_dots_and_decimals_use_comma(value, text):
    assert format_number(value) == text


def test_units_read_as_in_the_factsheet():
    assert format_pct(8) == "8 pct."
    assert format_pct(8.5) == "8,5 pct."
    assert format_mio_kr(333) == "333 mio. kr."
    assert format_value(4451, "antal") == "4.451"
    assert format_value(40, "pct") == "40 pct."


@pytest.mark.parametrize("missing", [None, math.nan, float("nan")])
def test_missing_is_said_never_zero(missing):
    assert format_number(missing) == MISSING == "ikke oplyst"
    assert format_pct(missing) == MISSING
    assert format_mio_kr(missing) == MISSING


def test_a_real_zero_is_zero():
    assert format_number(0) == "0"
    assert format_value(0.0, "antal") == "0"


def test_years_are_never_grouped():
    assert format_year(2024) == "2024"
    assert format_year("2024") == "2024"
    assert format_period("2021-2023") == "2021–2023"
    assert format_period("2023") == "2023"
    assert "2.024" not in format_period(2024)


def test_tick_labels_are_danish_and_show_decimals_only_when_needed():
    assert format_tick(5000.0, 1000.0) == "5.000"
    assert format_tick(2.5, 0.5) == "2,5"
    assert format_tick(0.0, 0.5) == "0,0"


@pytest.mark.parametrize("stamp, text", [
    ("2025-02-11T08:00:00", "11. februar 2025"), ("2026-12-01", "1. december 2026"), ("", "ukendt"),
    ("senere", "senere"),
])
def test_dates_read_the_danish_way_and_the_year_is_never_grouped(stamp, text):
    assert format_stamp(stamp) == text


def test_a_date_and_time_in_words():
    import datetime as dt

    assert format_date(dt.date(2024, 5, 3)) == "3. maj 2024"
    assert format_time(dt.datetime(2026, 11, 27, 9, 5)) == "27. november 2026 kl. 09.05"
