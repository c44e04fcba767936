"""Danmarks Statistik's figures on almene boliger: what is fetched (BOL101, BYGV33, optionally BOL201), how the answers
become yearly series per kommune, region and the whole country, and the series as a tidy pandas table.

DST's figures are their own family: they never fill or replace BL's factsheet figures. `..` (not published) stays
None, never 0.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from almen_gui.model.formatting import format_time
from almen_gui.model.kommuner import KommuneIndex
from almen_gui.model.statbank import FetchCancelled, StatbankClient, StatbankError, Unreachable, parse_value

ALMENE = "dst_almene_boliger"
ANDEL = "dst_andel_almene_pct"
I_ALT = "dst_boliger_i_alt"
PAABEGYNDT = "dst_paabegyndte_almene"
BEBOERE = "dst_beboere_almene"

COUNTRY = "000"
REGIONS = ("081", "082", "083", "084", "085")
CHRISTIANSOE = "411"  # in DST's tables, but not one of the 98 kommuner
BOLIG_BEBO = ["1000", "2000"]  # dwellings with and without registered residents; cottages (5000) left out
STEPS = 7
# BYGV33's mandatory footnote: started construction of "the latest, ongoing 1½ year" will be revised upwards. A year
# with one of the table's latest six quarters in it is provisional ("foreløbig").
REVISED_QUARTERS = 6

_YEAR = re.compile(r"^\d{4}$")
_QUARTER = re.compile(r"^(\d{4})K([1-4])$")

Progress = Callable[[int, int, str], object]
Series = dict[str, dict[str, float | None]]  # area code -> period -> value (None: not published)


@dataclass(frozen=True)
class DstTable:
    """One table as fetched: its id and title, DST's `updated` time and its mandatory footnotes."""

    id: str
    text: str
    updated: str
    footnotes: tuple[str, ...]


@dataclass(frozen=True)
class DstFigures:
    """Everything one fetch brought: yearly series per measure and area, the tables behind them, what was skipped."""

    fetched_at: str  # ISO 8601, UTC
    source_url: str
    tables: dict[str, DstTable]
    series: dict[str, Series]  # measure name -> series
    area_names: dict[str, str]  # regions and the whole country, as DST names them
    notes: tuple[str, ...] = ()  # what was skipped or left out, in Danish sentences
    measure_tables: dict[str, str] = field(default_factory=dict)  # measure name -> table id
    provisional: dict[str, tuple[str, ...]] = field(default_factory=dict)  # measure -> periods DST will revise

    def has(self, measure: str) -> bool:
        return measure in self.series

    def periods(self, measure: str) -> list[str]:
        """Every period the measure has for some area, oldest first."""
        found = {period for values in self.series.get(measure, {}).values() for period in values}
        return sorted(found)

    def value(self, measure: str, area: str | int, period: str) -> float | None:
        return self.series.get(measure, {}).get(_area(area), {}).get(period)

    def is_provisional(self, measure: str, period: str) -> bool:
        """True for a period whose figures DST says it will revise (started construction of the latest 1½ years)."""
        return period in self.provisional.get(measure, ())

    def latest(self, measure: str, area: str | int) -> tuple[str, float | None] | None:
        """(the measure's latest period, this area's value in it or None when not published); None if not fetched."""
        periods = self.periods(measure)
        if not periods:
            return None
        return periods[-1], self.value(measure, area, periods[-1])

    def recent(self, measure: str, area: str | int, count: int) -> list[tuple[str, float | None]]:
        """The last `count` periods with this area's value in each (None: not published)."""
        return [(period, self.value(measure, area, period)) for period in self.periods(measure)[-count:]]

    def areas(self, level: str) -> set[str]:
        """The area codes fetched at one level: "kommune", "region" or "land"."""
        return {area for series in self.series.values() for area in series if _level(area) == level}

    def table_for(self, measure: str) -> DstTable:
        return self.tables[self.measure_tables[measure]]

    @property
    def fetched(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.fetched_at)

    @property
    def fetched_text(self) -> str:
        """When the figures were fetched, in local time the Danish way: "27. november 2026 kl. 10.05"."""
        return format_time(self.fetched.astimezone())

    def tidy(self, kommuner: KommuneIndex):
        """The series as a tidy DataFrame: kode, navn, niveau (kommune/region/land), maal, periode, vaerdi (NaN: `..`)."""
        import pandas as pd  # only when asked: the window's first paint never waits for pandas

        names = {str(k.kode): k.navn for k in kommuner}
        rows = []
        for measure, series in self.series.items():
            for area, values in series.items():
                level = _level(area)
                name = names.get(area) or self.area_names.get(area, area)
                for period, value in values.items():
                    rows.append((area, name, level, measure, period, float("nan") if value is None else value))
        return pd.DataFrame(rows, columns=["kode", "navn", "niveau", "maal", "periode", "vaerdi"])


    def history(self, kommuner: KommuneIndex, kode: int, measure: str):
        """One measure per period (rows) for a kommune, its region and the whole country (columns, by name); a year
        DST has closed (2021–2022 in BOL101) has no row, so a chart shows a gap instead of a made-up value."""
        import pandas as pd

        kommune = kommuner.by_code(kode)
        areas = {_area(kode): kommune.navn, _area(kommune.regionskode - 1000): kommune.region, COUNTRY: "Hele landet"}
        # Straight from the three areas' series, not through the whole tidy table: the window's Udvikling tab asks
        # for this on every switch of kommune.
        series = self.series.get(measure, {})
        columns = {name: {period: float("nan") if value is None else value
                          for period, value in series.get(area, {}).items()}
                   for area, name in areas.items()}
        return pd.DataFrame(columns, dtype=float).sort_index().rename_axis(index="periode")


def _level(area: str) -> str:
    return "land" if area == COUNTRY else ("region" if area in REGIONS else "kommune")


def _area(area: str | int) -> str:
    return f"{int(area):03d}" if isinstance(area, int) or str(area).isdigit() else str(area)


def _check_variables(info: dict, wanted: dict[str, list[str]], table: str) -> str | None:
    """None if the table has every variable and value we ask for, else what is missing (for the message)."""
    variables = {str(v.get("id", "")).upper(): v for v in info["variables"] if isinstance(v, dict)}
    for name, values in wanted.items():
        variable = variables.get(name.upper())
        if variable is None:
            return f"variablen {name} findes ikke i {table}"
        known = {str(value.get("id")) for value in variable.get("values", []) if isinstance(value, dict)}
        missing = [value for value in values if value != "*" and value not in known]
        if missing:
            return f"{name} i {table} har ikke værdien {', '.join(missing)}"
    # A variable that cannot be left out (elimination false) and is not asked for makes the request invalid.
    for name, variable in variables.items():
        if not variable.get("elimination", True) and name not in {w.upper() for w in wanted}:
            return f"{table} kræver også variablen {name}"
    return None


def _footnotes(info: dict) -> tuple[str, ...]:
    notes = info.get("footnote") or info.get("footnotes") or []
    notes = notes if isinstance(notes, list) else [notes]
    return tuple(str(n["text"]).strip() for n in notes if isinstance(n, dict) and n.get("mandatory") and n.get("text"))


def _table(info: dict, table: str) -> DstTable:
    return DstTable(table, str(info.get("text", table)), str(info.get("updated", "")), _footnotes(info))


def _area_names(info: dict) -> dict[str, str]:
    for variable in info["variables"]:
        if str(variable.get("id", "")).upper() == "OMRÅDE":
            return {str(v["id"]): str(v.get("text", v["id"])) for v in variable.get("values", [])
                    if str(v.get("id")) in (COUNTRY, *REGIONS)}
    return {}


class _Collector:
    """Sums an answer's cells per (area, period) over the variables not kept, keeping only the areas we show."""

    def __init__(self, table: str, keep: set[str]):
        self.table = table
        self.keep = keep
        self.saw_christiansoe = False

    def sum_rows(self, rows: list[dict[str, str]], period_pattern: re.Pattern) -> dict[tuple[str, str], float | None]:
        sums: dict[tuple[str, str], float | None] = {}
        for row in rows:
            area, period = row["OMRÅDE"], row["TID"]
            if not period_pattern.match(period):
                raise StatbankError(f"Svaret på {self.table} havde en ukendt periode ({period[:20]})")
            if area == CHRISTIANSOE:
                self.saw_christiansoe = True
            if area not in self.keep:
                continue  # provinces and Christiansø
            value = parse_value(row["INDHOLD"])
            key = (area, period)
            if key in sums and sums[key] is None:
                continue
            # A sum with an unpublished part is itself unknown: never a partial sum shown as the whole.
            sums[key] = None if value is None else (sums.get(key) or 0.0) + value
        missing = {area for area in self.keep if area not in {a for a, _ in sums}}
        if missing:
            raise StatbankError(f"Svaret på {self.table} manglede {len(missing)} af de ventede områder")
        return sums


def _periods(series: Series) -> set[str]:
    return {period for values in series.values() for period in values}


def _as_series(sums: dict[tuple[str, str], float | None]) -> Series:
    series: Series = {}
    for (area, period), value in sorted(sums.items()):
        series.setdefault(area, {})[period] = value
    return series


def _share(almene: Series, i_alt: Series) -> Series:
    share: Series = {}
    for area, values in almene.items():
        for period, count in values.items():
            total = i_alt.get(area, {}).get(period)
            share.setdefault(area, {})[period] = (None if count is None or total is None or total == 0
                                                  else 100.0 * count / total)
    return share


def _revised_years(quarters: dict[tuple[str, str], float | None]) -> tuple[str, ...]:
    """The years with one of the table's latest REVISED_QUARTERS quarters in them."""
    latest = sorted({period for _, period in quarters})[-REVISED_QUARTERS:]
    return tuple(sorted({period[:4] for period in latest}))


def _years_from_quarters(quarters: dict[tuple[str, str], float | None]) -> tuple[Series, list[str]]:
    """Quarters summed to calendar years. A year counts only with all four quarters published in the table; a
    quarter that is `..` makes that year's sum unknown (None). Returns the series and the partial years left out."""
    by_year: dict[str, set[str]] = {}
    for _, period in quarters:
        year, quarter = _QUARTER.match(period).groups()
        by_year.setdefault(year, set()).add(quarter)
    complete = {year for year, found in by_year.items() if found == {"1", "2", "3", "4"}}
    sums: dict[tuple[str, str], float | None] = {}
    for (area, period), value in quarters.items():
        year = period[:4]
        if year not in complete:
            continue
        key = (area, year)
        if key in sums and sums[key] is None:
            continue
        sums[key] = None if value is None else (sums.get(key) or 0.0) + value
    partial = [f"{year} ({len(by_year[year])} af 4 kvartaler)" for year in sorted(set(by_year) - complete)]
    return _as_series(sums), partial


def fetch_dst(client: StatbankClient, kommuner: KommuneIndex, progress: Progress | None = None) -> DstFigures:
    """Fetch and check every table; raises StatbankError (FetchCancelled on cancel). Writes nothing."""
    keep = {str(k.kode) for k in kommuner} | {COUNTRY, *REGIONS}
    keep = {_area(a) for a in keep}
    step = 0

    def advance(label: str) -> None:
        nonlocal step
        client.check_cancel()
        step += 1
        if progress:
            progress(step, STEPS, label)

    tables, series, notes, measure_tables = {}, {}, [], {}

    # BOL101: dwellings owned by almene boligselskaber, and all dwellings, per year
    info = client.tableinfo("BOL101")
    problem = _check_variables(info, {"OMRÅDE": ["*"], "BEBO": BOLIG_BEBO, "EJER": ["20"], "Tid": ["*"]}, "BOL101")
    if problem:
        raise StatbankError(f"Danmarks Statistiks tabel BOL101 har ændret form ({problem})")
    tables["BOL101"] = _table(info, "BOL101")
    area_names = _area_names(info)
    advance("BOL101")
    collector = _Collector("BOL101", keep)
    almene = _as_series(collector.sum_rows(
        client.data("BOL101", {"OMRÅDE": ["*"], "BEBO": BOLIG_BEBO, "EJER": ["20"], "Tid": ["*"]}).rows, _YEAR))
    advance("BOL101 almene")
    i_alt = _as_series(collector.sum_rows(
        client.data("BOL101", {"OMRÅDE": ["*"], "BEBO": BOLIG_BEBO, "Tid": ["*"]}).rows, _YEAR))
    advance("BOL101 i alt")
    series[ALMENE], series[I_ALT], series[ANDEL] = almene, i_alt, _share(almene, i_alt)
    measure_tables.update({ALMENE: "BOL101", I_ALT: "BOL101", ANDEL: "BOL101"})

    # BYGV33: dwellings started by almene bygherrer, per quarter, summed to complete years
    info = client.tableinfo("BYGV33")
    problem = _check_variables(info, {"OMRÅDE": ["*"], "BYGFASE": ["2"], "BYGHERRE": ["20"], "Tid": ["*"]}, "BYGV33")
    if problem:
        raise StatbankError(f"Danmarks Statistiks tabel BYGV33 har ændret form ({problem})")
    tables["BYGV33"] = _table(info, "BYGV33")
    advance("BYGV33")
    quarters = _Collector("BYGV33", keep).sum_rows(
        client.data("BYGV33", {"OMRÅDE": ["*"], "BYGFASE": ["2"], "BYGHERRE": ["20"], "Tid": ["*"]}).rows, _QUARTER)
    series[PAABEGYNDT], partial = _years_from_quarters(quarters)
    provisional = {PAABEGYNDT: tuple(y for y in _revised_years(quarters) if y in _periods(series[PAABEGYNDT]))}
    measure_tables[PAABEGYNDT] = "BYGV33"
    if partial:
        notes.append(f"BYGV33: {', '.join(partial)} er ikke talt med, fordi et år kun tælles med alle fire kvartaler.")
    advance("BYGV33 påbegyndte")

    # BOL201 (optional): persons living in dwellings owned by almene boligselskaber
    # Its variables are not known in advance: an absent table or an unexpected answer is skipped, not a failure;
    # a network or server failure still fails the whole fetch.
    wanted = {"OMRÅDE": ["*"], "EJER": ["20"], "Tid": ["*"]}
    try:
        info = client.tableinfo("BOL201")
    except (Unreachable, FetchCancelled):
        raise
    except StatbankError as exc:
        info, skip = None, f"BOL201 er sprunget over: {str(exc).rstrip('.')}."
    else:
        problem = _check_variables(info, wanted, "BOL201")
        skip = f"BOL201 er sprunget over: {problem}." if problem else None
    advance("BOL201")
    if skip is None:
        try:
            answer = client.data("BOL201", wanted)
            collected = _Collector("BOL201", keep).sum_rows(answer.rows, _YEAR)
        except (Unreachable, FetchCancelled):
            raise
        except StatbankError as exc:
            skip = f"BOL201 er sprunget over: {str(exc).rstrip('.')}."
        else:
            tables["BOL201"] = _table(info, "BOL201")
            series[BEBOERE] = _as_series(collected)
            measure_tables[BEBOERE] = "BOL201"
    if skip:
        notes.append(skip)
    advance("BOL201 sprunget over" if skip else "BOL201 beboere")

    if collector.saw_christiansoe:
        notes.append("Christiansø (411) er med i Danmarks Statistiks tabeller, men er ikke en af de 98 kommuner og "
                     "er udeladt (regionernes og landets tal er Danmarks Statistiks egne og omfatter den).")
    fetched_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    return DstFigures(fetched_at, client.url, tables, series, area_names, tuple(notes), measure_tables, provisional)
