"""Danmarks Statistik's figures on almene boliger: what is fetched (BOL101, BYGV33, optionally BOL201), how the answers
become yearly series per kommune, region and the whole country, and the series as a tidy pandas table.

DST's figures are their own family: they never fill or replace BL's factsheet figures. `..` (not published) stays
None, never 0. Nothing is kept that fails a check: every row's values are ones the table description lists, each
(area, period) comes once, and regions and the whole country add up to their kommuner, as they do in DST's tables.
The same checks (check_figures) are run on the cache when it is read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from almen_gui.model.dst_measures import ALMENE, ANDEL, BEBOERE, I_ALT, PAABEGYNDT
from almen_gui.model.formatting import format_number, format_time
from almen_gui.model.kommuner import KommuneIndex
from almen_gui.model.statbank import (
    MAX_COUNT,
    BadAnswer,
    FetchCancelled,
    StatbankClient,
    StatbankError,
    Unreachable,
    parse_value,
)

COUNTRY = "000"
REGIONS = ("081", "082", "083", "084", "085")
CHRISTIANSOE = "411"  # in DST's tables, but not one of the 98 kommuner
CHRISTIANSOE_REGION = "084"  # counted in Region Hovedstaden and the whole country
# DST's own tables whose areas add up: OMRÅDE drawn on DST's map of the kommuner (regions and the country are sums).
SUMMED_MAP = "denmark_municipality"
BOLIG_BEBO = ["1000", "2000"]  # dwellings with and without registered residents; cottages (5000) left out
STEPS = 7
# BYGV33's mandatory footnote: started construction of "the latest, ongoing 1½ year" will be revised upwards. A year
# with one of the table's latest six quarters in it is provisional ("foreløbig").
REVISED_QUARTERS = 6

_YEAR = re.compile(r"^\d{4}$")
_QUARTER = re.compile(r"^(\d{4})K([1-4])$")
FIRST_YEAR = 1900  # DST's tables on dwellings begin long after this
MEASURES = (ALMENE, I_ALT, ANDEL, PAABEGYNDT, BEBOERE)
REQUIRED = (ALMENE, I_ALT, ANDEL, PAABEGYNDT)  # every fetch brings these; BOL201's BEBOERE may be skipped

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
        import pandas as pd  # lazy: only when asked, so the window's first paint never waits for pandas

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
        import pandas as pd  # lazy: as in tidy() above

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
    """None if the table has every variable and value we ask for, else what is missing (for the message).
    `info` has passed statbank.check_tableinfo: its variables and values have the shape read here."""
    variables = {v["id"].upper(): v for v in info["variables"]}
    for name, values in wanted.items():
        variable = variables.get(name.upper())
        if variable is None:
            return f"variablen {name} findes ikke i {table}"
        known = {value["id"] for value in variable["values"]}
        missing = [value for value in values if value != "*" and value not in known]
        if missing:
            return f"{name} i {table} har ikke værdien {', '.join(missing)}"
    # A variable that cannot be left out (elimination false) and is not asked for makes the request invalid.
    for name, variable in variables.items():
        if not variable.get("elimination", True) and name not in {w.upper() for w in wanted}:
            return f"{table} kræver også variablen {name}"
    return None


def _check_periods(info: dict, pattern: re.Pattern, table: str) -> None:
    """Every period the table description lists is one of the kind asked for (years, or quarters), and a year that
    has been or is about to be; BadAnswer otherwise."""
    this_year = dt.date.today().year
    for variable in info["variables"]:
        if variable["id"].upper() == "TID":
            for value in variable["values"]:
                period = value["id"]
                if not pattern.match(period) or not FIRST_YEAR <= int(period[:4]) <= this_year + 1:
                    raise BadAnswer(f"Tabelbeskrivelsen for {table} havde en periode, der ikke kan være "
                                    f"Danmarks Statistiks ({period[:20]})")


def _sums_add_up(info: dict) -> bool:
    """Whether DST's table says its areas add up: OMRÅDE is drawn on DST's map of the kommuner."""
    for variable in info["variables"]:
        if variable["id"].upper() == "OMRÅDE":
            return str(variable.get("map", "")).startswith(SUMMED_MAP)
    return False


def _footnotes(info: dict) -> tuple[str, ...]:
    notes = info.get("footnote") or info.get("footnotes") or []
    notes = notes if isinstance(notes, list) else [notes]
    return tuple(str(n["text"]).strip()[:2000] for n in notes
                 if isinstance(n, dict) and n.get("mandatory") and isinstance(n.get("text"), str) and n["text"].strip())


def _table(info: dict, table: str) -> DstTable:
    return DstTable(table, info.get("text", table)[:500], info.get("updated", "")[:40], _footnotes(info))


def _area_names(info: dict) -> dict[str, str]:
    for variable in info["variables"]:
        if variable["id"].upper() == "OMRÅDE":
            return {v["id"]: v.get("text", v["id"])[:100] for v in variable["values"] if v["id"] in (COUNTRY, *REGIONS)}
    return {}


class _Collector:
    """Sums an answer's cells per (area, period) over the variables not kept, as the rows arrive, keeping only the
    areas we show (and Christiansø, for the regions' sums). Each row is checked: its values are ones the table
    description lists (or that were asked for), and no combination comes twice."""

    def __init__(self, table: str, info: dict, asked: dict[str, list[str]], keep: set[str]):
        self.table = table
        self.keep = keep | {CHRISTIANSOE}
        listed = {v["id"].upper(): {value["id"] for value in v["values"]} for v in info["variables"]}
        self.allowed = {name.upper(): listed[name.upper()] if values == ["*"] else set(values)
                        for name, values in asked.items()}
        self.saw_christiansoe = False
        self.start()

    def start(self) -> None:
        self.sums: dict[tuple[str, str], float | None] = {}
        self.seen: set[tuple[str, ...]] = set()  # at most one per cell asked for: bounded by the table description

    def add(self, row: dict[str, str], line: int) -> None:
        for column, allowed in self.allowed.items():
            if row[column] not in allowed:
                what = ("en periode, som tabelbeskrivelsen ikke nævner" if column == "TID"
                        else f"en værdi af {column}, som ikke er i tabelbeskrivelsen")
                raise BadAnswer(f"Svaret på {self.table} havde {what} ({row[column][:20]}) i linje {line}")
        key = tuple(row[column] for column in self.allowed)
        if key in self.seen:
            raise BadAnswer(f"Svaret på {self.table} havde den samme række mere end én gang "
                            f"({';'.join(key)[:40]} i linje {line})")
        self.seen.add(key)
        area, period = row["OMRÅDE"], row["TID"]
        if area not in self.keep:
            return  # provinces
        if area == CHRISTIANSOE:
            self.saw_christiansoe = True
        value = parse_value(row["INDHOLD"])
        # A sum with an unpublished part is itself unknown: never a partial sum shown as the whole.
        key = (area, period)
        if key in self.sums and self.sums[key] is None:
            return
        self.sums[key] = None if value is None else (self.sums.get(key) or 0.0) + value

    def result(self, info: dict, kommuner: KommuneIndex) -> dict[tuple[str, str], float | None]:
        """The sums for the areas we show, once every area is there and the areas add up (where DST's table says
        they do)."""
        found = {area for area, _ in self.sums}
        missing = {area for area in self.keep - {CHRISTIANSOE} if area not in found}
        if missing:
            raise StatbankError(f"Svaret på {self.table} manglede {len(missing)} af de ventede områder")
        if _sums_add_up(info):
            _check_sums(self.sums, self.table, kommuner, _area_names(info))
        return {key: value for key, value in self.sums.items() if key[0] != CHRISTIANSOE}


def _members(kommuner: KommuneIndex) -> dict[str, list[str]]:
    """Region code -> its kommuner's codes (Christiansø in Region Hovedstaden), and the country -> the regions."""
    members: dict[str, list[str]] = {region: [] for region in REGIONS}
    for kommune in kommuner:
        members[_area(kommune.regionskode - 1000)].append(_area(kommune.kode))
    members[CHRISTIANSOE_REGION].append(CHRISTIANSOE)
    members[COUNTRY] = list(REGIONS)
    return members


def _check_sums(sums: dict[tuple[str, str], float | None], table: str, kommuner: KommuneIndex,
                names: dict[str, str]) -> None:
    """Each region is the sum of its kommuner, and the country of the regions, in every period; BadAnswer naming the
    first that is not. A sum with an unpublished part cannot be checked and is left alone."""
    periods = sorted({period for _, period in sums})
    for whole, parts in _members(kommuner).items():
        for period in periods:
            value = sums.get((whole, period))
            found = [sums[(part, period)] for part in parts if (part, period) in sums]
            if value is None or None in found:
                continue
            total = sum(found)
            if abs(total - value) > 0.5:
                name = names.get(whole, whole)
                raise BadAnswer(f"Svaret på {table} hænger ikke sammen: {name} har {format_number(value)} i "
                                f"{period}, men delene giver tilsammen {format_number(total)}")


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

    def collected(table: str, info: dict, asked: dict[str, list[str]]) -> tuple[dict, bool]:
        """(the answer's checked sums per area and period, whether Christiansø was in it)."""
        collector = client.data(table, asked, _Collector(table, info, asked, keep))
        return collector.result(info, kommuner), collector.saw_christiansoe

    # BOL101: dwellings owned by almene boligselskaber, and all dwellings, per year
    info = client.tableinfo("BOL101")
    problem = _check_variables(info, {"OMRÅDE": ["*"], "BEBO": BOLIG_BEBO, "EJER": ["20"], "Tid": ["*"]}, "BOL101")
    if problem:
        raise StatbankError(f"Danmarks Statistiks tabel BOL101 har ændret form ({problem})")
    _check_periods(info, _YEAR, "BOL101")
    tables["BOL101"] = _table(info, "BOL101")
    area_names = _area_names(info)
    advance("BOL101")
    sums, saw_christiansoe = collected("BOL101", info,
                                       {"OMRÅDE": ["*"], "BEBO": BOLIG_BEBO, "EJER": ["20"], "Tid": ["*"]})
    almene = _as_series(sums)
    advance("BOL101 almene")
    i_alt = _as_series(collected("BOL101", info, {"OMRÅDE": ["*"], "BEBO": BOLIG_BEBO, "Tid": ["*"]})[0])
    advance("BOL101 i alt")
    _check_part_of_whole(almene, i_alt, area_names)
    series[ALMENE], series[I_ALT], series[ANDEL] = almene, i_alt, _share(almene, i_alt)
    measure_tables.update({ALMENE: "BOL101", I_ALT: "BOL101", ANDEL: "BOL101"})

    # BYGV33: dwellings started by almene bygherrer, per quarter, summed to complete years
    info = client.tableinfo("BYGV33")
    problem = _check_variables(info, {"OMRÅDE": ["*"], "BYGFASE": ["2"], "BYGHERRE": ["20"], "Tid": ["*"]}, "BYGV33")
    if problem:
        raise StatbankError(f"Danmarks Statistiks tabel BYGV33 har ændret form ({problem})")
    _check_periods(info, _QUARTER, "BYGV33")
    tables["BYGV33"] = _table(info, "BYGV33")
    advance("BYGV33")
    quarters, _ = collected("BYGV33", info, {"OMRÅDE": ["*"], "BYGFASE": ["2"], "BYGHERRE": ["20"], "Tid": ["*"]})
    series[PAABEGYNDT], partial = _years_from_quarters(quarters)
    provisional = {PAABEGYNDT: tuple(y for y in _revised_years(quarters) if y in _periods(series[PAABEGYNDT]))}
    measure_tables[PAABEGYNDT] = "BYGV33"
    if partial:
        notes.append(f"BYGV33: {', '.join(partial)} er ikke talt med, fordi et år kun tælles med alle fire kvartaler.")
    advance("BYGV33 påbegyndte")

    # BOL201 (optional): persons living in dwellings owned by almene boligselskaber
    # Its variables are not known in advance: an absent table or an unexpected answer is skipped, not a failure;
    # a network or server failure, or figures that fail a check (BadAnswer), still fail the whole fetch.
    wanted = {"OMRÅDE": ["*"], "EJER": ["20"], "Tid": ["*"]}
    try:
        info = client.tableinfo("BOL201")
    except (Unreachable, FetchCancelled, BadAnswer):
        raise
    except StatbankError as exc:
        info, skip = None, f"BOL201 er sprunget over: {str(exc).rstrip('.')}."
    else:
        problem = _check_variables(info, wanted, "BOL201")
        skip = f"BOL201 er sprunget over: {problem}." if problem else None
        if skip is None:
            _check_periods(info, _YEAR, "BOL201")
    advance("BOL201")
    if skip is None:
        try:
            beboere, _ = collected("BOL201", info, wanted)
        except (Unreachable, FetchCancelled, BadAnswer):
            raise
        except StatbankError as exc:
            skip = f"BOL201 er sprunget over: {str(exc).rstrip('.')}."
        else:
            tables["BOL201"] = _table(info, "BOL201")
            series[BEBOERE] = _as_series(beboere)
            measure_tables[BEBOERE] = "BOL201"
    if skip:
        notes.append(skip)
    advance("BOL201 sprunget over" if skip else "BOL201 beboere")

    if saw_christiansoe:
        notes.append("Christiansø (411) er med i Danmarks Statistiks tabeller, men er ikke en af de 98 kommuner og "
                     "er udeladt (regionernes og landets tal er Danmarks Statistiks egne og omfatter den).")
    fetched_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    return DstFigures(fetched_at, client.url, tables, series, area_names, tuple(notes), measure_tables, provisional)


def _check_part_of_whole(almene: Series, i_alt: Series, names: dict[str, str]) -> None:
    """The dwellings owned by almene boligselskaber are some of all dwellings, never more (a share above 100 pct.)."""
    for area, values in almene.items():
        for period, count in values.items():
            total = i_alt.get(area, {}).get(period)
            if count is not None and total is not None and count > total:
                raise BadAnswer(f"Svaret på BOL101 hænger ikke sammen: {names.get(area, area)} har flere almene "
                                f"boliger end boliger i alt i {period}")


def check_figures(figures: DstFigures, kommuner: KommuneIndex) -> str | None:
    """None if figures read back (from the cache) are what a checked fetch makes, else what is wrong, in Danish: the
    cache is a file anyone could have edited, and a bad value in it must not reach a view."""
    try:
        fetched = dt.datetime.fromisoformat(figures.fetched_at)
    except (TypeError, ValueError):
        return "tidspunktet for hentningen er ikke en dato"
    if fetched.tzinfo is None:
        return "tidspunktet for hentningen har ingen tidszone"
    missing = [measure for measure in REQUIRED if measure not in figures.series]
    if missing or set(figures.series) - set(MEASURES):
        return "målene er ikke de hentede"
    if set(figures.measure_tables) != set(figures.series) or \
            not set(figures.measure_tables.values()) <= set(figures.tables):
        return "tabellerne passer ikke til målene"
    areas = {_area(k.kode) for k in kommuner} | {COUNTRY, *REGIONS}
    this_year = dt.date.today().year
    for measure, series in figures.series.items():
        if not series or not any(series.values()):
            return f"{measure} har ingen tal"
        for area, values in series.items():
            if area not in areas:
                return f"{measure} har et ukendt område ({area[:20]})"
            for period, value in values.items():
                if not _YEAR.match(period) or not FIRST_YEAR <= int(period) <= this_year + 1:
                    return f"{measure} har en ukendt periode ({period[:20]})"
                if value is not None and not (math.isfinite(value) and 0 <= value <= MAX_COUNT):
                    return f"{measure} har et tal, der ikke kan være et antal ({area} {period})"
                if measure == ANDEL and value is not None and value > 100:
                    return f"{measure} har en andel over 100 pct. ({area} {period})"
    return None
