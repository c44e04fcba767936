"""A factsheet built on Danmarks Statistik's figures, for a kommune the dataset has no figures for. Pure Python: no Qt.

It is the kommune's ordinary sheet with DST's figures under DST's names, periods and source: the count of dwellings
owned by almene boligselskaber and its development since 2010 (the years DST closed stay a gap), the share of all
dwellings, and started construction, each chart of years with a value axis. BL's headline, sentences and source are
not printed: the sheet's own neutral words are the template's [dst] section.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from almen_gui.factsheet.spec import Bar, FactsheetSpec, Section, Statement, Tick, Tile, TemplateError, _fill
from almen_gui.model import Dataset
from almen_gui.model.coverage import dst_latest_count
from almen_gui.model.errors import join_and
from almen_gui.model.dst import ALMENE, ANDEL, I_ALT, PAABEGYNDT, DstFigures
from almen_gui.model.formatting import MISSING, format_date, format_period, format_value

HISTORY_FROM = 2010
STARTED_YEARS = 5  # started construction: the last complete years
SHARE_DECIMALS = 1
COMPUTED_SHARE = "beregnet af almen-gui"  # the share's caption: DST publishes the two counts, not the share


def _years(first: int, last: int) -> range:
    return range(first, last + 1)


def _label(year: int, first: int, last: int) -> str:
    """Year labels on a chart of many bars: the ends and every fifth year, so the labels never crowd."""
    if year in (first, last) or (year % 5 == 0 and last - year > 1 and year - first > 1):
        return str(year)
    return ""


def history_bars(dst: DstFigures, measure: str, kode: int, last: int) -> tuple[Bar, ...]:
    """One bar per year since 2010 up to `last`. A year DST has closed or not published has an empty slot (a visible
    gap) that says "ikke oplyst", never an interpolated bar or one of 0; the bars carry no numbers (the sheet tells
    the latest year's figure large)."""
    published = {int(p) for p in dst.periods(measure)}
    first = max(HISTORY_FROM, min(published, default=last))
    values = [dst.value(measure, kode, str(year)) if year in published else None for year in _years(first, last)]
    return tuple(Bar(_label(year, first, last), value, MISSING if value is None else "", colour=0)
                 for year, value in zip(_years(first, last), values))


def value_axis(bars: tuple[Bar, ...], kind: str, marks: int = 4) -> tuple[Tick, ...]:
    """Ticks from 0 for bars that carry no numbers: about `marks` steps of 1, 2 or 5 times a power of ten, the last
    at or above the highest bar (it is the chart's top), each labelled as the figure is ("10.000", "20 pct."); no
    ticks for bars that are all 0 or missing."""
    highest = max((b.value for b in bars if b.value is not None), default=0)
    if highest <= 0:
        return ()
    rough = highest / marks
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if kind == "antal":  # a count is marked in whole dwellings, never "0,5"
        step = max(step, 1)
    return tuple(Tick(i * step, format_value(i * step, kind)) for i in range(math.ceil(highest / step) + 1))


def _closed_years(dst: DstFigures, measure: str, first: int, last: int) -> bool:
    published = {int(p) for p in dst.periods(measure)}
    return any(year not in published for year in _years(first, last))


def dst_spec(spec: FactsheetSpec, dataset: Dataset, dst: DstFigures, template: dict, today: dt.date
             ) -> FactsheetSpec:
    """`spec` (the kommune's sheet on the dataset's figures) rebuilt on DST's figures: the sheet of a kommune the
    dataset has no figures for, and the kiosk's Danmarks Statistik page for every kommune with a published count."""
    try:
        return _dst_spec(spec, dataset, dst, template["dst"], template["igangsat"]["ingen"], today)
    except KeyError as exc:  # an edited template without the [dst] texts
        raise TemplateError(f"tekstskabelonen mangler teksten {exc} under [dst]; se den medfølgende faktaark.toml"
                            ) from None


def dst_header(dataset: Dataset, dst: DstFigures, kode: int, template: dict, measures: tuple[str, ...],
               today: dt.date) -> tuple[str, str, str]:
    """(overline, headline, source line) as DST's sheet prints them for the kommune, the source naming the tables,
    periods and notes of `measures` only: the kiosk's page ranking by one measure or colouring the map by it shows
    each measure's latest period and says so."""
    try:
        texts = template["dst"]
        base = _base(dataset, dst, kode, {m: dst.periods(m)[-1] for m in measures}, today)
        return (_fill(texts["overline"], base), _fill(texts["headline"], base),
                _source(dataset, texts, base, measures))
    except KeyError as exc:
        raise TemplateError(f"tekstskabelonen mangler teksten {exc} under [dst]; se den medfølgende faktaark.toml"
                            ) from None


def _base(dataset: Dataset, dst: DstFigures, kode: int, periods: dict[str, str], today: dt.date) -> dict:
    """The template's names for a DST text: the year is the kommune's latest published count's (the sheets tell
    that year's figures), or the latest year DST has, for a kommune without one; the tables are named with the
    periods shown of each measure (`periods`), "BOL101 (2010–2026) og BYGV33 (2021–2025)"."""
    kommune = dataset.kommuner.by_code(kode)
    family = dataset.metadata.dst
    latest = dst_latest_count(dst, kode)
    year = latest[0] if latest is not None else (dst.periods(ALMENE) or [""])[-1]
    tables: dict[str, list[str]] = {}
    for measure, period in periods.items():
        tables.setdefault(family.measure(measure).table, []).append(format_period(period))
    named = [f"{table} ({', '.join(dict.fromkeys(shown))})" for table, shown in sorted(tables.items())]
    return {"kommune": kommune.officielt_navn, "kommune_versaler": kommune.officielt_navn.upper(),
            "navn": kommune.navn, "aar": str(year), "dato": format_date(today), "tabeller": join_and(named),
            "hentet": dst.fetched_text}


def _source(dataset: Dataset, texts: dict, base: dict, measures: tuple[str, ...]) -> str:
    family = dataset.metadata.dst
    notes = dict.fromkeys(family.measure(m).note for m in measures)  # one note once, in the measures' order
    return " ".join([_fill(texts["source"], base), *(n.rstrip(".") + "." for n in notes if n)])


def _dst_spec(spec: FactsheetSpec, dataset: Dataset, dst: DstFigures, texts: dict, none_started: str,
              today: dt.date) -> FactsheetSpec:
    kode = spec.kode
    family = dataset.metadata.dst
    year, count = dst_latest_count(dst, kode)
    share = round(dst.value(ANDEL, kode, year), SHARE_DECIMALS)
    everything = dst.value(I_ALT, kode, year)
    started_years = [int(p) for p in dst.periods(PAABEGYNDT)][-STARTED_YEARS:] if dst.has(PAABEGYNDT) else []
    last = int(year)
    first = max(HISTORY_FROM, int(dst.periods(ALMENE)[0]))
    periods = {ALMENE: f"{first}-{last}"}  # the years the sheet shows of each measure, named in its source line
    if started_years:
        periods[PAABEGYNDT] = f"{started_years[0]}-{started_years[-1]}"
    measures = tuple(periods)
    base = _base(dataset, dst, kode, periods, today)

    def text(key: str, **more: str) -> str:
        return _fill(texts[key], {**base, **more})

    def number(value, measure: str) -> str:
        return format_value(value, family.measure(measure).kind)

    closed = text("lukket") if _closed_years(dst, ALMENE, first, last) else ""
    history_title = text("udvikling", periode=format_period(f"{first}-{last}")) + closed
    history = history_bars(dst, ALMENE, kode, last)
    share_title = text("andel_udvikling", periode=format_period(f"{first}-{last}")) + closed
    share_history = history_bars(dst, ANDEL, kode, last)
    # a year DST will revise reads "2025, foreløbig" under its bar and in its tile
    started = tuple(Bar(format_period(str(y), dst.is_provisional(PAABEGYNDT, str(y))),
                        dst.value(PAABEGYNDT, kode, str(y)), number(dst.value(PAABEGYNDT, kode, str(y)), PAABEGYNDT),
                        colour=0) for y in started_years)
    started_period = format_period(f"{started_years[0]}-{started_years[-1]}") if started_years else ""
    no_started = bool(started) and all(b.value is None for b in started)
    if no_started:  # one plain sentence over the empty chart instead of "ikke oplyst" under every year
        started = tuple(dataclasses.replace(b, text="") for b in started)
    latest_started = started[-1] if started else None

    count_statement = Statement(ALMENE, number(count, ALMENE), text("antal"))
    # DST does not publish the share: almen-gui works it out from DST's two counts, and its caption says so rather
    # than let it stand under DST's source line as DST's
    share_statement = Statement(ANDEL, number(share, ANDEL), f"{text('andel').rstrip('.')}, {COMPUTED_SHARE}.")
    statements = [share_statement]
    if everything is not None:
        statements.append(Statement(I_ALT, number(everything, I_ALT), text("alle_boliger")))
    # The count itself stands large above the charts; the tiles tell the rest.
    tiles = [Tile(s.value, s.caption, False) for s in statements]
    if latest_started is not None:
        if latest_started.value is None:  # the caption continues a number: without one the tile names the figure
            caption = f"{family.measure(PAABEGYNDT).title} ({latest_started.label})"
        else:
            caption = text("paabegyndt_aar", aar=latest_started.label)
        tiles.append(Tile(number(latest_started.value, PAABEGYNDT), caption, latest_started.value is None))
    source = _source(dataset, texts, base, measures)

    full = spec.full
    # The whole sheet has its own neutral words from [dst.fuld], never BL's sections in BL's voice: DST's figures in
    # a section of their own first, then how DST counts them.
    words = texts["fuld"]
    own = Section(page=1, title=text("afsnit"), paragraphs=tuple(text_list(texts["afsnit_tekst"], base)),
                  bullets=(), statements=tuple(statements), after=(), unavailable="")
    sections = (own, *(Section(page=int(raw.get("side", 1)), title=_fill(raw.get("titel", ""), base),
                               paragraphs=tuple(text_list(raw.get("tekst", []), base)), bullets=(), statements=(),
                               after=(), unavailable="") for raw in words.get("afsnit", [])))
    started_missing = (text("paabegyndt_mangler", periode=started_period) if no_started
                       else "" if started else text("paabegyndt_mangler", periode="de seneste år"))
    carousel = {key: _fill(raw, base) for key, raw in texts["karrusel"].items()}
    full = dataclasses.replace(
        full, intro=tuple(text_list(words["intro"], base)), after_charts=_fill(words["efter_diagrammer"], base),
        pointer=_fill(words["henvisning"], base), residents_unavailable="", dwellings_unavailable="",
        construction_unavailable=started_missing, sections=sections,
        statements={s.name: s for s in (count_statement, *statements)},
        square_unavailable={key: "" for key in full.square_unavailable},
        square_statements={"boligmassen": tuple(statements), "oekonomi": ()},
        square_charts={"oekonomi": (share_title, share_history,
                                    value_axis(share_history, family.measure(ANDEL).kind))})
    return dataclasses.replace(
        spec,
        year=last,
        overline=text("overline"),
        headline=text("headline"),
        residents=Tile(count_statement.value, count_statement.caption, False),
        national=text("national"),
        dwellings_title=history_title,
        dwellings=history,
        dwellings_axis=value_axis(history, family.measure(ALMENE).kind),
        construction_title=text("paabegyndt", periode=started_period),
        construction=started or (Bar("", None, number(None, PAABEGYNDT)),),
        # A real 0 in every year (not `..`) is told in words over the empty chart, as on the dataset's sheets.
        construction_note=(none_started if started and all(b.value == 0 for b in started)
                           else started_missing if no_started else ""),
        tiles=tuple(tiles),
        source_line=source,
        exported_line=text("exported"),
        missing=(),
        full=full,
        carousel_titles={**spec.carousel_titles, **carousel},
        dst_based=True,
    )


def text_list(items: list[str], base: dict) -> list[str]:
    return [_fill(item, base) for item in items]
