"""What each figure means: label, unit, period and source, read from the bundled `datapackage.json`.

This is the one description of the figures: every view iterates over it (a group's fields, the card fields, the
comparable and the mappable ones) instead of keeping its own list, so adding a figure is adding metadata.

Two families: BL's factsheet figures (one edition, a column each) and Danmarks Statistik's measures (fetched series,
a value per year); each keeps its own names and source.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from almen_gui import paths
from almen_gui.model.formatting import NO_PERIOD, format_period

DATAPACKAGE = "datapackage.json"
FIGURES_RESOURCE = "almene-boliger-2024"
ALL_DWELLINGS = "boliger_i_alt"  # derived: ungdoms- + familie- + ældreboliger


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    unit: str
    kind: str  # "antal", "pct" or "mio_kr"
    period: str
    group: str  # beboere, boliger, igangsat, boligmassen or oekonomi: the chart, the card row, the carousel square
    description: str
    source: str
    note: str | None = None
    short_title: str = ""  # for chart axes, where the full title does not fit
    order: int = 0  # place among the cards (and the comparison's and the map's choices)
    comparable: bool = False  # may rank the kommuner in the comparison chart
    mappable: bool = False  # may colour the map
    sum_of: str | None = None  # a derived figure: the sum of this group's fields, given only when all of them are
    provisional: bool = False  # the source says it will revise the figures of this period (DST's latest 1½ years)
    computed: str | None = None  # a figure almen-gui works out itself (a sum, a share): from what, in words


def period_text(field: Field) -> str:
    """A figure's period as every view shows it: "2021–2023"; "2025, foreløbig" for a period its source will revise;
    "periode ikke angivet" when the source prints none (no year is put in its mouth)."""
    return format_period(field.period, field.provisional) if field.period else NO_PERIOD


def period_and_origin(field: Field) -> str:
    """The period, and for a figure almen-gui works out itself, that it does: "2024; almen-guis sum"."""
    return f"{period_text(field)}; {field.computed}" if field.computed else period_text(field)


@dataclass(frozen=True)
class DstMeasure:
    """One of Danmarks Statistik's measures: what it counts, from which table, under which licence."""

    name: str
    title: str
    unit: str
    kind: str  # "antal" or "pct", as Field.kind
    period: str  # what one period is ("årligt, pr. 1. januar"); the year comes with each value
    group: str
    order: int
    description: str
    source: str  # "Danmarks Statistik, BOL101"
    table: str
    licence: str
    comparable: bool
    mappable: bool
    optional: bool = False
    note: str | None = None
    computed: str | None = None  # a measure almen-gui works out from DST's figures (the share): from what, in words

    @property
    def origin(self) -> str:
        """Where the figure comes from: DST's table, or almen-gui's own computation on it."""
        return self.computed or self.source


@dataclass(frozen=True)
class DstFamily:
    """Danmarks Statistik's measures, in order, with the credit line and licence that go with them."""

    measures: tuple[DstMeasure, ...]
    title: str
    credit: str  # "Kilde: Danmarks Statistik", followed by the table id wherever a figure is shown
    licence: str
    description: str

    def measure(self, name: str) -> DstMeasure:
        for measure in self.measures:
            if measure.name == name:
                return measure
        raise KeyError(name)


@dataclass(frozen=True)
class NationalFact:
    key: str
    text: str
    source: str | None
    period: str | None


@dataclass(frozen=True)
class Metadata:
    fields: tuple[Field, ...]
    national_facts: tuple[NationalFact, ...]
    edition_year: int
    edition_title: str
    source: str
    reference: str
    kommune_attribution: str
    figures_file: str = "almene-boliger-2024.csv"
    derived: tuple[Field, ...] = ()

    def field(self, name: str) -> Field:
        for field in (*self.fields, *self.derived):
            if field.name == name:
                return field
        raise KeyError(name)

    def group(self, name: str) -> tuple[Field, ...]:
        """The figure columns of one group, in order (a derived sum is not one of its own parts)."""
        return tuple(sorted((f for f in self.fields if f.group == name), key=lambda f: f.order))

    @property
    def card_fields(self) -> tuple[Field, ...]:
        """Every figure a kommune is shown with, derived ones included, in card order."""
        return tuple(sorted((*self.fields, *self.derived), key=lambda f: f.order))

    @property
    def comparable_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.card_fields if f.comparable)

    @property
    def mappable_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.card_fields if f.mappable)

    @property
    def dst(self) -> "DstFamily":
        """Danmarks Statistik's measures (the same for every dataset: they are fetched, not part of an edition)."""
        return load_dst_family()

    @property
    def figure_names(self) -> list[str]:
        """The data contract's figure columns, in order."""
        return [f.name for f in self.fields]

    def for_user_file(self, source: str, periods: dict[str, str], year: int | None) -> "Metadata":
        """The same fields, told as coming from a user's file, with the periods and edition the file gives."""
        fields = tuple(Field(**{**f.__dict__, "source": source, "period": periods.get(f.name, f.period),
                                "note": None}) for f in self.fields)
        year = year or self.edition_year
        return Metadata(fields, self.national_facts, year, f"Udgave {year}", source, source,
                        self.kommune_attribution, self.figures_file, _resolve_derived(self.derived, fields))


def _resolve_derived(derived, fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """A sum has the period of its parts (a user's file may give its own); its source is almen-gui's sum of the parts'
    source, never the parts' source alone: the source does not print the sum."""
    resolved = []
    for field in derived:
        first = min((f for f in fields if f.group == field.sum_of), key=lambda f: f.order)
        source = f"{field.computed}, regnet af tal fra {first.source}"
        resolved.append(Field(**{**field.__dict__, "period": first.period, "source": source}))
    return tuple(resolved)


def _field(entry: dict, **given) -> Field:
    keys = Field.__dataclass_fields__
    return Field(**{**{k: v for k, v in entry.items() if k in keys}, **given})


@functools.lru_cache(maxsize=4)
def load_metadata(folder: Path | None = None) -> Metadata:
    folder = folder or paths.data_dir()
    package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    figures = resources[FIGURES_RESOURCE]
    fields = tuple(_field(f) for f in figures["schema"]["fields"] if "kind" in f)
    derived = _resolve_derived(tuple(_field(f, period="", source="") for f in figures.get("derived_fields", [])),
                               fields)
    facts = tuple(NationalFact(n["key"], n["text"], n.get("source"), n.get("period")) for n in package["national_facts"])
    edition = package["edition"]
    return Metadata(fields, facts, int(edition["year"]), edition["title"], edition["source"], edition["reference"],
                    resources["kommuner"]["sources"][0]["title"], figures["path"], derived)


@functools.lru_cache(maxsize=4)
def load_dst_family(folder: Path | None = None) -> DstFamily:
    folder = folder or paths.data_dir()
    package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
    family = package["danmarks_statistik"]
    measures = sorted((DstMeasure(**field) for field in family["fields"]), key=lambda m: m.order)
    return DstFamily(tuple(measures), family["title"], family["credit"], family["licenses"][0]["title"],
                     family["description"])
