"""What a factsheet says, built from the model and the editable text template. Pure Python: no Qt.

The renderer draws a FactsheetSpec; it never looks at the dataset itself.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from almen_gui.factsheet.formats import SheetLayout, SheetSize
from almen_gui.factsheet.locator import locator_points
from almen_gui.model import Dataset
from almen_gui.model.dst_measures import ALMENE, ANDEL
from almen_gui.model.errors import join_and, os_reason
from almen_gui.model.formatting import format_date, format_period, in_sentence
from almen_gui.model.metadata import load_metadata
from almen_gui.resources import template_path

if TYPE_CHECKING:  # the fetch client behind model.dst is not needed to draw a sheet
    from almen_gui.model.dst import DstFigures

# The carousel's figure squares, each telling one group of figures (the other squares are the residents, the two
# charts and the national facts).
CAROUSEL_GROUPS = ("boligmassen", "oekonomi")
# The square titled "Almene boligers plads" speaks of the share first, whatever the cards' order.
CAROUSEL_LEADS = {"boligmassen": "andel_af_boligmassen_pct"}


def carousel_figures(metadata) -> dict[str, tuple[str, ...]]:
    """Each carousel square's figures: its group in the metadata's order, the square's lead figure first."""
    squares = {}
    for group in CAROUSEL_GROUPS:
        names = [f.name for f in metadata.group(group)]
        lead = CAROUSEL_LEADS.get(group)
        squares[group] = tuple(sorted(names, key=lambda name: name != lead))
    return squares


CAROUSEL_FIGURES = carousel_figures(load_metadata())
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class TemplateError(Exception):
    """The text template cannot be read or names a placeholder we do not know."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str
    colour: int | None = None  # one colour for a series over time; None: a colour per bar


@dataclass(frozen=True)
class Tick:
    """A mark on a chart's value axis: the value and its label ("10.000", "20 pct.")."""

    value: float
    text: str


@dataclass(frozen=True)
class Tile:
    value: str  # the figure, or "ikke oplyst"
    caption: str  # the template's words that continue the figure; for a missing figure its title and period
    missing: bool
    name: str = ""  # the figure it tells (a field of the metadata), which gives its group and order; "" for none


@dataclass(frozen=True)
class Fact:
    text: str
    note_number: int | None  # the number of its source in the sources line
    source: str | None = None


@dataclass(frozen=True)
class Statement:
    """A kommune figure as the whole sheet tells it: the number large, then the words that explain it."""

    name: str
    value: str
    caption: str


@dataclass(frozen=True)
class Section:
    """One themed section of the whole sheet, with only the figures the kommune has."""

    page: int
    title: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]
    statements: tuple[Statement, ...]
    after: tuple[str, ...]
    unavailable: str  # a plain sentence naming the section's missing figures, or ""


@dataclass(frozen=True)
class FullSheet:
    """What the two-page sheet says beyond the one-page digest."""

    intro: tuple[str, ...]
    residents_unavailable: str
    after_charts: str
    dwellings_unavailable: str
    construction_unavailable: str
    sections: tuple[Section, ...]
    page_label: str  # with {side} and {sider} left for the renderer
    pointer: str
    statements: dict[str, Statement]  # every figure the kommune has that the template has a sentence for
    square_unavailable: dict[str, str]  # carousel square -> a plain sentence naming its missing figures, or ""
    square_statements: dict[str, tuple[Statement, ...]] | None = None  # carousel square -> its figures (DST sheet)
    # carousel square -> (title, bars, the bars' axis) instead of figures
    square_charts: dict[str, tuple[str, tuple[Bar, ...], tuple[Tick, ...]]] | None = None


@dataclass(frozen=True)
class FactsheetSpec:
    kode: int
    kommune: str
    year: int
    overline: str
    headline: str
    residents: Tile
    national: str
    dwellings_title: str
    dwellings: tuple[Bar, ...]
    construction_title: str
    construction: tuple[Bar, ...]
    construction_note: str
    tiles: tuple[Tile, ...]
    facts_title: str
    facts: tuple[Fact, ...]
    facts_note: str
    facts_sources: str
    source_line: str
    exported_line: str
    missing: tuple[str, ...]  # titles of the figures the dataset does not give
    locator: tuple[tuple[float, float, bool], ...] = ()  # (x, y, is this kommune) in 0–1, y downwards
    locator_inset: tuple[float, float, float, float] = (0, 0, 0, 0)  # Bornholm's box, same units
    locator_shapes: tuple[tuple[tuple[tuple[float, float], ...], bool], ...] = ()  # (ring, is this kommune), same units
    full: FullSheet | None = None
    facts_sources_label: str = "Kilder"
    carousel_titles: dict[str, str] | None = None  # the carousel's squares in order: key -> headline
    carousel_number: str = "{nummer}/{antal}"
    dst_based: bool = False  # built on Danmarks Statistik's figures, for a kommune without the dataset's figures
    # A value axis for the dwellings chart when its bars carry no numbers (DST's development since 2010), from 0 up
    dwellings_axis: tuple[Tick, ...] = ()

    @property
    def is_complete(self) -> bool:
        return not self.missing

    def texts(self) -> list[str]:
        """Every piece of text on the sheet, in reading order (used by tests and for accessibility)."""
        parts = [self.overline, self.headline, self.residents.value, self.residents.caption, self.national,
                 self.dwellings_title, *(t.text for t in self.dwellings_axis),
                 *(f"{b.label} {b.text}" for b in self.dwellings), self.construction_title,
                 *(f"{b.label} {b.text}" for b in self.construction), self.construction_note,
                 *(f"{t.value} {t.caption}" for t in self.tiles), self.facts_title, *(f.text for f in self.facts),
                 self.facts_note, self.facts_sources, self.source_line, self.exported_line]
        return [p for p in parts if p]


def load_template(path: Path | None = None) -> dict:
    """The sheet's wording from the TOML template at `path` (the bundled one by default): a copy the caller may change.

    The file is parsed again only when it changes (a save, in place or by renaming, changes its times, size or inode).
    """
    path = path or template_path()
    try:
        info = path.stat()
    except OSError as exc:
        raise TemplateError(f"tekstskabelonen {path} kan ikke læses ({os_reason(exc)})") from None
    return copy.deepcopy(_parse_template(path, (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)))


@functools.lru_cache(maxsize=8)
def _parse_template(path: Path, stamp: tuple[int, int, int, int]) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(f"tekstskabelonen {path} kan ikke læses ({os_reason(exc)})") from None
    except UnicodeDecodeError:
        raise TemplateError(f"tekstskabelonen {path} kan ikke læses: den er ikke gemt som UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))  # tomllib's message is English; the line number is what helps
        line = f" i linje {where.group(1)}" if where else ""
        raise TemplateError(f"tekstskabelonen {path} kan ikke læses: der er en skrivefejl{line}") from None


def _fill(text: str, values: dict[str, str]) -> str:
    try:
        return text.format_map(values)
    except (KeyError, IndexError, ValueError) as exc:
        raise TemplateError(f"tekstskabelonen bruger et ukendt felt {exc} i: {text!r}") from None


def slugify(name: str) -> str:
    """A safe ASCII file-name part: "Høje-Taastrup" -> "hoeje-taastrup", "Ærø" -> "aeroe"."""
    text = name.casefold().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def file_name(kommune_navn: str, year: int, extension: str, size: SheetSize = SheetSize.A4,
              layout: SheetLayout = SheetLayout.ONE_PAGE, part: str = "") -> str:
    """The export's file name. The size is in the name so exports at different sizes never overwrite each other;
    the one-page A4 sheet keeps the plain name, the whole sheet's PDF is "-fuld", its PNG pages "-side-1", "-side-2",
    and the carousel's squares "-kvadrat-1" … "-kvadrat-6" (`part` is the page or square number)."""
    parts = [f"almene-boliger-{slugify(kommune_navn)}-{year}"]
    if size != SheetSize.A4:
        parts.append(size)
    elif layout == SheetLayout.WHOLE:
        parts.append("side" if part else "fuld")
    if part:
        parts.append(part)
    return "-".join(parts) + f".{extension}"


def build_bl_spec(dataset: Dataset, figures, template: dict, today: dt.date) -> FactsheetSpec:
    kommune = figures.kommune
    metadata = dataset.metadata
    base = {"kommune": kommune.officielt_navn, "kommune_versaler": kommune.officielt_navn.upper(),
            "navn": kommune.navn, "aar": str(dataset.year), "dato": format_date(today),
            "kilde": metadata.source.rstrip(".")}
    if dataset.path is not None:  # a user's own file: told by what it is, not by its file name
        base["kilde"] = _fill(template["bund"]["egne_tal"], base)

    def text(section: str | None, key: str, field: str | None = None) -> str:
        raw = template[section][key] if section else template[key]
        period = format_period(metadata.field(field).period) if field else ""
        return _fill(raw, {**base, "periode": period})

    def tile(name: str) -> Tile:
        if figures.value(name) is None:  # the caption continues a number: without one the tile names the figure
            field = metadata.field(name)
            return Tile(figures.text(name), f"{field.title} ({format_period(field.period)})", True, name)
        return Tile(figures.text(name), text("noegletal", name, name), False, name)

    def names(group: str) -> tuple[str, ...]:
        return tuple(f.name for f in metadata.group(group))

    def bars(section: str, names: tuple[str, ...]) -> tuple[Bar, ...]:
        return tuple(Bar(text(section, name.removeprefix("igangsat_")), figures.value(name), figures.text(name))
                     for name in names)

    locator = locator_points(dataset, kommune.kode)
    # The sheet's key tiles are the figures its text template has a caption for, in the metadata's order.
    tile_names = [f.name for f in metadata.card_fields if f.name in template["noegletal"]]
    construction = bars("igangsat", names("igangsat"))
    no_construction = all(b.value == 0 for b in construction)
    facts = national_facts(metadata)
    sources = "; ".join(f"{f.note_number}) {f.source}" for f in facts)
    residents = Tile(figures.text("beboere"), text("beboere", "caption", "beboere"), figures.value("beboere") is None)
    return FactsheetSpec(
        kode=kommune.kode,
        kommune=kommune.officielt_navn,
        year=dataset.year,
        overline=text(None, "overline"),
        headline=text(None, "headline"),
        residents=residents,
        national=text("beboere", "national"),
        dwellings_title=text("boliger", "title", names("boliger")[0]),
        dwellings=bars("boliger", names("boliger")),
        construction_title=text("igangsat", "title", names("igangsat")[0]),
        construction=construction,
        construction_note=text("igangsat", "ingen") if no_construction else "",
        tiles=tuple(tile(name) for name in tile_names),
        facts_title=text("vidste_du", "title"),
        facts=facts,
        facts_note=text("vidste_du", "note"),
        facts_sources=f"{text('vidste_du', 'sources')}: {sources}",
        source_line=text("bund", "source"),
        exported_line=text("bund", "exported"),
        missing=tuple(metadata.field(name).title for name in figures.missing),
        locator=locator[0],
        locator_inset=locator[1],
        locator_shapes=locator[2],
        full=_full_sheet(template, figures, metadata, base),
        facts_sources_label=text("vidste_du", "sources"),
        carousel_titles={key: _fill(raw, base) for key, raw in template["karrusel"].items() if key != "nummer"},
        carousel_number=template["karrusel"]["nummer"],
    )


def national_facts(metadata) -> tuple[Fact, ...]:
    """The "Vidste du, at …" facts: each national fact that has a source, numbered by it. The number of residents in
    the whole country is told with its source and year in the sheet's opening words, and the kommune's right to
    allocate every fourth vacant family dwelling in the whole sheet's words on it, so each fact is said once."""
    cited = [f for f in metadata.national_facts if f.source]
    return tuple(Fact(f.text, number, f.source) for number, f in enumerate(cited, start=1))


def page_heading(spec: FactsheetSpec, template: dict, section: str) -> FactsheetSpec:
    """`spec` under the heading of the template's [section] (overline, headline and, if it has one, source line): a
    kiosk page that shows none of the kommune's figures carries no sheet's headline, edition or source."""
    base = {"kommune": spec.kommune, "kommune_versaler": spec.kommune.upper()}
    try:
        texts = template[section]
        heading = {"overline": _fill(texts["overline"], base), "headline": _fill(texts["headline"], base)}
    except KeyError as exc:
        raise TemplateError(f"tekstskabelonen mangler teksten {exc} under [{section}]; se den medfølgende "
                            "faktaark.toml") from None
    if "source" in texts:
        heading["source_line"] = _fill(texts["source"], base)
    return replace(spec, **heading)


def _full_sheet(template: dict, figures, metadata, base: dict) -> FullSheet:
    """The two-page sheet's text; a figure the kommune lacks is left out, never told with "ikke oplyst"."""
    full = template["fuld"]

    def unavailable(names: list[str]) -> str:
        if not names:
            return ""
        titles = [in_sentence(metadata.field(n).title) for n in names]
        return _fill(full["mangler"], {**base, "felter": join_and(titles)})

    def statement(name: str) -> Statement:
        caption = _fill(full["tal"][name], {**base, "periode": format_period(metadata.field(name).period)})
        return Statement(name, figures.text(name), caption)

    sections = []
    for raw in full["afsnit"]:
        names = list(raw.get("tal", []))
        present = [n for n in names if figures.value(n) is not None]
        sections.append(Section(
            page=int(raw.get("side", 1)),
            title=_fill(raw.get("titel", ""), base),
            paragraphs=tuple(_fill(p, base) for p in raw.get("tekst", [])),
            bullets=tuple(_fill(p, base) for p in raw.get("punkter", [])),
            statements=tuple(statement(n) for n in present),
            after=tuple(_fill(p, base) for p in raw.get("efter", [])),
            unavailable=unavailable([n for n in names if n not in present]),
        ))

    def chart_unavailable(names: tuple[str, ...]) -> str:
        # One missing bar still shows its chart (that bar reads "ikke oplyst"); with none, the chart gives way to words.
        return "" if any(figures.value(n) is not None for n in names) else unavailable(list(names))

    return FullSheet(
        intro=tuple(_fill(p, base) for p in full["intro"]),
        residents_unavailable="" if figures.value("beboere") is not None else _fill(full["beboere_mangler"], base),
        after_charts=_fill(full["efter_diagrammer"], base),
        dwellings_unavailable=chart_unavailable(tuple(f.name for f in metadata.group("boliger"))),
        construction_unavailable=chart_unavailable(tuple(f.name for f in metadata.group("igangsat"))),
        sections=tuple(sections),
        page_label=full["side"],
        pointer=_fill(full["henvisning"], base),
        statements={n: statement(n) for n in full["tal"] if figures.value(n) is not None},
        square_unavailable={key: unavailable([n for n in names if figures.value(n) is None])
                            for key, names in carousel_figures(metadata).items()},
    )


def dst_latest_count(dst: DstFigures, kode: int) -> tuple[str, float] | None:
    """The kommune's latest year with a published count of dwellings owned by almene boligselskaber, or None.

    A DST sheet is complete on its own terms when this count and its share of all dwellings exist: it then tells that
    year's figures (with the year), never a filled-in one for a later year DST did not publish."""
    for period in reversed(dst.periods(ALMENE)):
        count = dst.value(ALMENE, kode, period)
        if count is not None and dst.value(ANDEL, kode, period) is not None:
            return period, count
    return None


def superscript(number: int) -> str:
    return str(number).translate(SUPERSCRIPTS)
