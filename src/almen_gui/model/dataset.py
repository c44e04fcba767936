"""A dataset: the 98 kommuner, one edition of figures, and what each figure means; plus the figures derived from it."""

from __future__ import annotations

import csv
import functools
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from almen_gui import paths
from almen_gui.model.errors import DataError
from almen_gui.model.formatting import MISSING, format_value, in_sentence, is_missing, shown_value
from almen_gui.model.kommuner import Kommune, KommuneIndex
from almen_gui.model.metadata import Field, Metadata, load_metadata
from almen_gui.model.readers import FigureTable, read_figures


@functools.lru_cache(maxsize=4)
def load_kommuner(path: Path | None = None) -> KommuneIndex:
    """The 98 kommuner from the bundled `kommuner.csv`."""
    path = path or paths.data_dir() / "kommuner.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        kommuner = [
            Kommune(int(r["kode"]), r["navn"], r["officielt_navn"], r["region"], int(r["regionskode"]),
                    float(r["lat"]), float(r["lon"]), float(r["areal_km2"]))
            for r in csv.DictReader(handle)
        ]
    return KommuneIndex(kommuner)


@dataclass(frozen=True)
class Aggregate:
    """A region or national figure; value is None unless every contributing kommune has the figure."""

    value: float | None
    how: str  # "sum" or "gennemsnit" (an unweighted mean of kommune percentages)
    have: int
    total: int

    @property
    def available(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class KommuneFigures:
    """One kommune's figures with their meaning, as the views and the factsheet read them."""

    kommune: Kommune
    values: dict[str, float | None]
    metadata: Metadata

    def value(self, name: str) -> float | None:
        return self.values.get(name)

    def text(self, name: str) -> str:
        return format_value(self.value(name), self.metadata.field(name).kind)

    def field(self, name: str) -> Field:
        return self.metadata.field(name)

    @property
    def missing(self) -> list[str]:
        return [f.name for f in self.metadata.fields if is_missing(self.values.get(f.name))]

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def is_empty(self) -> bool:
        return len(self.missing) == len(self.metadata.fields)


@dataclass(frozen=True)
class Place:
    """Where a kommune stands in a ranking. Kommuner whose figures read the same (as shown: 41,5 pct. and 41,5 pct.)
    share the place of the first of them (1, 2, 2, 4), and a shared place says so."""

    number: int
    among: int
    shared: bool = False

    @property
    def text(self) -> str:
        """"nr. 30 af 98", or "delt nr. 30 af 98" when another kommune has the same figure."""
        return f"{'delt ' if self.shared else ''}nr. {self.number} af {self.among}"


def rank_order(have: list[tuple[Kommune, float]]) -> list[tuple[Kommune, float]]:
    """Kommuner with a figure, largest first by the figure as it is shown; those that read the same by name."""
    return sorted(have, key=lambda pair: (-shown_value(pair[1]), pair[0].navn))


def places(ranking: list[tuple[Kommune, float]]) -> list[Place]:
    """Each ranked kommune's place (a ranking from rank_order): equal shown figures share the first one's place."""
    shown = [shown_value(value) for _, value in ranking]
    numbers: list[int] = []
    for index, value in enumerate(shown):
        numbers.append(numbers[-1] if index and value == shown[index - 1] else index + 1)
    shared = {number for number, count in Counter(numbers).items() if count > 1}
    return [Place(number, len(ranking), number in shared) for number in numbers]


def place_in(ranking: list[tuple[Kommune, float]], kode: int) -> Place | None:
    """The place of a kommune in a ranking (from rank_order); None if it is not ranked."""
    for (kommune, _), place in zip(ranking, places(ranking)):
        if kommune.kode == kode:
            return place
    return None


class Dataset:
    """One edition of figures for the 98 kommuner. Figures are floats; NaN means "ikke oplyst", never 0."""

    def __init__(self, kommuner: KommuneIndex, table: FigureTable, metadata: Metadata, label: str,
                 path: Path | None = None):
        self.kommuner = kommuner
        self.metadata = metadata
        self.label = label  # "Medfølgende data (…)" or the file's name
        self.path = path
        self.warnings = list(table.warnings)
        # Plain dicts: views ask for one kommune's figures on every switch, and the window must not wait for pandas.
        self._rows = {kode: dict(row) for kode, row in table.values.items()}
        for derived in metadata.derived:
            names = [f.name for f in metadata.group(derived.sum_of)]
            for row in self._rows.values():
                parts = [row.get(n) for n in names]
                row[derived.name] = None if any(p is None for p in parts) else sum(parts)

    @property
    def figures(self):
        """The figures as a pandas DataFrame indexed by kode, one float column per figure (NaN = ikke oplyst)."""
        import pandas as pd  # lazy: pandas (0,3 s) loads on first use, after the window is on screen

        names = self.metadata.figure_names
        return pd.DataFrame.from_dict({kode: [row[n] for n in names] for kode, row in self._rows.items()},
                                      orient="index", columns=names, dtype="float64").rename_axis("kode")

    @property
    def label_in_sentence(self) -> str:
        """The label after a preposition: "i de medfølgende data (…)", "i tal-2025.csv"."""
        return self.label if self.path is not None else f"de {in_sentence(self.label)}"

    @property
    def year(self) -> int:
        return self.metadata.edition_year

    def kommune(self, query: str | int) -> Kommune:
        return self.kommuner.lookup(query)

    def figures_for(self, kode: int) -> KommuneFigures:
        return KommuneFigures(self.kommuner.by_code(kode), self._rows[kode], self.metadata)

    def value(self, kode: int, name: str) -> float | None:
        return self._rows[kode].get(name)

    def completeness(self, kode: int) -> tuple[int, int]:
        """(figures given, figures in the contract) for one kommune."""
        total = len(self.metadata.fields)
        return total - len(self.figures_for(kode).missing), total

    def complete_koder(self) -> list[int]:
        return [k.kode for k in self.kommuner if self.figures_for(k.kode).is_complete]

    def ranking(self, name: str) -> list[tuple[Kommune, float]]:
        """Kommuner that have the figure, largest first (those whose figures read the same, by name)."""
        return rank_order([(k, self._rows[k.kode][name]) for k in self.kommuner
                           if self._rows[k.kode].get(name) is not None])

    def rank(self, kode: int, name: str) -> Place | None:
        """The kommune's place among those that have the figure; None if it has not."""
        return place_in(self.ranking(name), kode)

    def aggregate(self, name: str, region: str | None = None) -> Aggregate:
        """A region's (or, with region=None, the nation's) sum, or unweighted mean for percentages."""
        members = [k for k in self.kommuner if region is None or k.region == region]
        values = [self._rows[k.kode].get(name) for k in members]
        present = [v for v in values if v is not None]
        how = "gennemsnit" if self.metadata.field(name).kind == "pct" else "sum"
        if len(present) < len(members) or not members:
            return Aggregate(None, how, len(present), len(members))
        value = sum(present) / len(present) if how == "gennemsnit" else math.fsum(present)
        return Aggregate(value, how, len(present), len(members))

    def describe_aggregate(self, name: str, region: str | None = None) -> str:
        agg = self.aggregate(name, region)
        if not agg.available:
            return f"{MISSING} ({agg.have} af {agg.total} kommuner har tallet)"
        return format_value(agg.value, self.metadata.field(name).kind)


def load_bundled_dataset() -> Dataset:
    """The figures that ship with the app: the 2024 edition (real figures for Glostrup only)."""
    metadata = load_metadata()
    kommuner = load_kommuner()
    table = read_figures(paths.data_dir() / metadata.figures_file, kommuner, metadata)
    return Dataset(kommuner, table, metadata, f"Medfølgende data ({metadata.edition_title})")


def load_dataset(path: Path) -> Dataset:
    """A user's figures file (CSV or XLSX) as a whole edition; raises DataError listing every problem."""
    path = Path(path)
    metadata = load_metadata()
    kommuner = load_kommuner()
    table = read_figures(path, kommuner, metadata)
    user_metadata = metadata.for_user_file(f"Brugerens datasæt: {path.name}", table.periods, table.year)
    return Dataset(kommuner, table, user_metadata, path.name, path)  # views put "Datasæt:" before it where needed


__all__ = ["Aggregate", "Dataset", "DataError", "KommuneFigures", "Place", "load_bundled_dataset", "load_dataset",
           "load_kommuner"]
