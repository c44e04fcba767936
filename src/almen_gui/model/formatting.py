"""Danish number and date formatting used everywhere: labels, charts, command line and factsheets.

4.451 · 8,5 pct. · 333 mio. kr. · missing values read "ikke oplyst". Years and periods are text and never pass
through the number formatter (2024 must not become "2.024"); dates read "11. februar 2025".
"""

from __future__ import annotations

import datetime as dt
import math
from numbers import Real

MISSING = "ikke oplyst"
PROVISIONAL = "foreløbig"  # a figure its source says it will revise
NO_PERIOD = "periode ikke angivet"  # a figure whose source prints no period: none is made up for it
EN_DASH = "\u2013"


def is_missing(value: object) -> bool:
    """True for None and NaN: a figure nobody has given us (a real 0 is not missing)."""
    if value is None:
        return True
    try:
        return math.isnan(value)  # type: ignore[arg-type]
    except TypeError:
        return False


def _group(digits: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ".".join(parts)


SHOWN_DECIMALS = 1  # a figure is shown with at most one decimal: 8,5 pct., 333,3 mio. kr.


def shown_value(value: Real) -> float:
    """The value as a figure shows it, at most one decimal (29,98 -> 30, 41,54 -> 41,5): two figures that read the
    same are the same, so a ranking by this value gives them one shared place."""
    return float(f"{float(value):.{SHOWN_DECIMALS}f}")


def format_number(value: Real | None, decimals: int | None = None) -> str:
    """A number the Danish way: "." groups thousands, "," marks decimals.

    With decimals=None, the value is rounded to one decimal first, then a whole number shows no decimals and others
    one (8 -> "8", 8.5 -> "8,5", 29.98 -> "30", never "30,0"): every view shows a figure through this one rule.
    """
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    if decimals is None:
        number = shown_value(number)
        decimals = 0 if number.is_integer() else SHOWN_DECIMALS
    text = f"{abs(number):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if number < 0 and float(text) != 0 else ""
    grouped = _group(whole)
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def in_sentence(title: str) -> str:
    """A figure's title inside a sentence: its first letter small, its proper nouns kept ("… fra
    Landsbyggefonden")."""
    return title[:1].lower() + title[1:]


def count_noun(count: int, singular: str, plural: str) -> str:
    """"1 kommune", "3 kommuner", "1.000 kommuner": a count with its noun in Danish singular or plural."""
    return f"{format_number(count)} {singular if count == 1 else plural}"


def format_pct(value: Real | None) -> str:
    return MISSING if is_missing(value) else f"{format_number(value)} pct."


def format_mio_kr(value: Real | None) -> str:
    return MISSING if is_missing(value) else f"{format_number(value)} mio. kr."


def format_value(value: Real | None, kind: str) -> str:
    """Format a figure by its kind: "antal" (a count), "pct" or "mio_kr"."""
    if kind == "pct":
        return format_pct(value)
    if kind == "mio_kr":
        return format_mio_kr(value)
    return format_number(value)


def format_year(year: int | str) -> str:
    """A year is a label, not a quantity: 2024 stays "2024"."""
    return str(int(year)) if isinstance(year, (int, float)) else str(year).strip()


def format_period(period: str | int | None, provisional: bool = False) -> str:
    """"2021-2023" -> "2021–2023" (en dash); single years unchanged; no grouping ever. A period whose figures the
    source will revise reads "2025, foreløbig"."""
    if period is None or period == "":
        return ""
    text = format_year(period).replace("-", EN_DASH)
    return f"{text}, {PROVISIONAL}" if provisional else text


MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
          "december")


def format_date(day: dt.date) -> str:
    """A date as Danes write it in a sentence: "11. februar 2025" (the year as text, never grouped)."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def format_time(moment: dt.datetime) -> str:
    """A date and clock time: "27. november 2026 kl. 10.05"."""
    return f"{format_date(moment)} kl. {moment:%H.%M}"


def format_stamp(stamp: str) -> str:
    """An ISO date or time as a Danish date ("2025-02-11T08:00:00" -> "11. februar 2025"); text that is no date is
    kept as it is, and an empty one reads "ukendt"."""
    try:
        return format_date(dt.datetime.fromisoformat(stamp.strip()))
    except ValueError:
        return stamp.strip() or "ukendt"


def format_tick(value: float, step: float = 1.0) -> str:
    """Axis tick label: grouped like every other figure, with decimals only when the tick spacing needs them."""
    decimals = 0 if step >= 1 or step <= 0 else min(3, max(1, math.ceil(-math.log10(step))))
    return format_number(value, decimals)
