"""What a factsheet says, built from the model and the editable text template. Pure Python: no Qt.

The renderer draws a FactsheetSpec; it never looks at the dataset itself.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from almen_gui.model import Dataset
from almen_gui.model.dataset import BOLIG_TYPES, IGANGSAT_TYPES
from almen_gui.model.formatting import format_period
from almen_gui.model.metadata import TOTAL
from almen_gui.resources import template_path

TILE_FIELDS = (TOTAL, "fraflytning_familieboliger_pct", "andel_af_boligmassen_pct", "huslejeomsaetning_mio_kr",
               "lokal_omsaetning_mio_kr", "renovering_lbf_mio_kr")
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class TemplateError(Exception):
    """The text template cannot be read or names a placeholder we do not know."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str


@dataclass(frozen=True)
class Tile:
    value: str
    caption: str
    missing: bool


@dataclass(frozen=True)
class Fact:
    text: str
    note_number: int | None  # the number of its source in the sources line


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

    @property
    def is_complete(self) -> bool:
        return not self.missing

    def texts(self) -> list[str]:
        """Every piece of text on the sheet, in reading order (used by tests and for accessibility)."""
        parts = [self.overline, self.headline, self.residents.value, self.residents.caption, self.national,
                 self.dwellings_title, *(f"{b.label} {b.text}" for b in self.dwellings), self.construction_title,
                 *(f"{b.label} {b.text}" for b in self.construction), self.construction_note,
                 *(f"{t.value} {t.caption}" for t in self.tiles), self.facts_title, *(f.text for f in self.facts),
                 self.facts_note, self.facts_sources, self.source_line, self.exported_line]
        return [p for p in parts if p]


def load_template(path: Path | None = None) -> dict:
    path = path or template_path()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"tekstskabelonen {path} kan ikke læses: {exc}") from None


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


def file_name(kommune_navn: str, year: int, extension: str) -> str:
    return f"almene-boliger-{slugify(kommune_navn)}-{year}.{extension}"


def build_spec(dataset: Dataset, kode: int, template: dict | None = None, today: dt.date | None = None
               ) -> FactsheetSpec:
    template = template or load_template()
    today = today or dt.date.today()
    figures = dataset.figures_for(kode)
    kommune = figures.kommune
    metadata = dataset.metadata
    base = {"kommune": kommune.officielt_navn, "kommune_versaler": kommune.officielt_navn.upper(),
            "navn": kommune.navn, "aar": str(dataset.year), "dato": today.strftime("%d.%m.%Y"),
            "kilde": metadata.source.rstrip(".")}

    def text(section: str | None, key: str, field: str | None = None) -> str:
        raw = template[section][key] if section else template[key]
        period = format_period(metadata.field(field).period) if field else ""
        return _fill(raw, {**base, "periode": period})

    def tile(name: str) -> Tile:
        return Tile(figures.text(name), text("noegletal", name, name), figures.value(name) is None)

    def bars(section: str, names: tuple[str, ...]) -> tuple[Bar, ...]:
        return tuple(Bar(text(section, name.removeprefix("igangsat_")), figures.value(name), figures.text(name))
                     for name in names)

    locator = locator_points(dataset, kode)
    construction = bars("igangsat", IGANGSAT_TYPES)
    no_construction = all(b.value == 0 for b in construction)
    numbered = [f for f in metadata.national_facts if f.source]
    facts = tuple(Fact(f.text, numbered.index(f) + 1 if f.source else None)
                  for f in metadata.national_facts if f.key != "beboere_i_alt")
    sources = "; ".join(f"{i}) {f.source}" for i, f in enumerate(numbered, start=1))
    residents = Tile(figures.text("beboere"), text("beboere", "caption", "beboere"), figures.value("beboere") is None)
    return FactsheetSpec(
        kode=kommune.kode,
        kommune=kommune.officielt_navn,
        year=dataset.year,
        overline=text(None, "overline"),
        headline=text(None, "headline"),
        residents=residents,
        national=text("beboere", "national"),
        dwellings_title=text("boliger", "title", BOLIG_TYPES[0]),
        dwellings=bars("boliger", BOLIG_TYPES),
        construction_title=text("igangsat", "title", IGANGSAT_TYPES[0]),
        construction=construction,
        construction_note=text("igangsat", "ingen") if no_construction else "",
        tiles=tuple(tile(name) for name in TILE_FIELDS),
        facts_title=text("vidste_du", "title"),
        facts=facts,
        facts_note=text("vidste_du", "note"),
        facts_sources=f"{text('vidste_du', 'sources')}: {sources}",
        source_line=text("bund", "source"),
        exported_line=text("bund", "exported"),
        missing=tuple(metadata.field(name).title for name in figures.missing),
        locator=locator[0],
        locator_inset=locator[1],
    )


def locator_points(dataset: Dataset, kode: int):
    """Every kommune's map position scaled into a unit box (y downwards), and Bornholm's inset box."""
    from almen_gui.model.geo import inset_frame, kommune_position

    positions = [(k.kode, *kommune_position(k)) for k in dataset.kommuner]
    x0, y0, x1, y1 = inset_frame()
    xs = [p[1] for p in positions] + [x0, x1]
    ys = [p[2] for p in positions] + [y0, y1]
    left, top, span = min(xs), max(ys), max(max(xs) - min(xs), max(ys) - min(ys))
    points = tuple(((x - left) / span, (top - y) / span, k == kode) for k, x, y in positions)
    inset = ((x0 - left) / span, (top - y1) / span, (x1 - left) / span, (top - y0) / span)
    return points, inset


def superscript(number: int) -> str:
    return str(number).translate(SUPERSCRIPTS)
