"""What each figure means: label, unit, period and source, read from the bundled `datapackage.json`.

Two families: BL's factsheet figures (one edition, a column each) and Danmarks Statistik's measures (fetched series,
a value per year); each keeps its own names and source.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from almen_gui import paths

DATAPACKAGE = "datapackage.json"
FIGURES_RESOURCE = "almene-boliger-2024"
TOTAL = "boliger_i_alt"  # derived: ungdoms- + familie- + ældreboliger


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    unit: str
    kind: str  # "antal", "pct" or "mio_kr"
    period: str
    group: str
    description: str
    source: str
    note: str | None = None


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

    def field(self, name: str) -> Field:
        for field in self.fields:
            if field.name == name:
                return field
        if name == TOTAL:
            parts = [self.field(n) for n in ("ungdomsboliger", "familieboliger", "aeldreboliger")]
            return Field(TOTAL, "Almene boliger i alt", "boliger", "antal", parts[0].period, "boliger",
                         "Ungdoms-, familie- og ældreboliger tilsammen.", parts[0].source)
        raise KeyError(name)

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
                        self.kommune_attribution, self.figures_file)


@functools.lru_cache(maxsize=4)
def load_metadata(folder: Path | None = None) -> Metadata:
    folder = folder or paths.data_dir()
    package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    figures = resources[FIGURES_RESOURCE]
    fields = tuple(
        Field(f["name"], f["title"], f["unit"], f["kind"], f["period"], f["group"], f["description"], f["source"],
              f.get("note"))
        for f in figures["schema"]["fields"]
        if "kind" in f
    )
    facts = tuple(NationalFact(n["key"], n["text"], n.get("source"), n.get("period")) for n in package["national_facts"])
    edition = package["edition"]
    return Metadata(fields, facts, int(edition["year"]), edition["title"], edition["source"], edition["reference"],
                    resources["kommuner"]["sources"][0]["title"], figures["path"])


@functools.lru_cache(maxsize=4)
def load_dst_family(folder: Path | None = None) -> DstFamily:
    folder = folder or paths.data_dir()
    package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
    family = package["danmarks_statistik"]
    measures = sorted((DstMeasure(**field) for field in family["fields"]), key=lambda m: m.order)
    return DstFamily(tuple(measures), family["title"], family["credit"], family["licenses"][0]["title"],
                     family["description"])
