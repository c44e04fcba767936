"""BL's dataset and Danmarks Statistik's latest figures read through one interface (`FigureSource` in
model/figure_source.py: kommuner, metadata, value, ranking), so the comparison chart and the map rank and colour by
either family without DST's figures ever entering BL's Dataset. DST's measures keep their own names, year and source; `..` stays None."""

from __future__ import annotations

from almen_gui.model.dataset import Dataset, Place, place_in, rank_order
from almen_gui.model.dst import DstFigures
from almen_gui.model.kommuner import Kommune
from almen_gui.model.metadata import Field, Metadata, period_and_origin, period_text

DST_GROUP = "danmarks_statistik"


def is_dst(field: Field) -> bool:
    return field.group == DST_GROUP


def choice_label(field: Field) -> str:
    """How a drop-down names a figure: BL's with their period, DST's as Danmarks Statistik's with DST's year (and
    "foreløbig" for a year DST will revise)."""
    if is_dst(field):
        return f"{field.title} (Danmarks Statistik, {period_text(field)})"
    return f"{field.title} ({period_and_origin(field)})"


class FigureSetFields:
    """BL's figures first, then DST's comparable/mappable measures that were fetched, each as a Field whose period is
    DST's latest year (a FigureSet's metadata)."""

    def __init__(self, bl: Metadata, dst: DstFigures | None):
        self._bl = bl
        self.dst_fields: dict[str, Field] = {}
        if dst is not None:
            for measure in bl.dst.measures:
                periods = dst.periods(measure.name)
                if not periods:
                    continue
                self.dst_fields[measure.name] = Field(
                    measure.name, measure.title, measure.unit, measure.kind, periods[-1], DST_GROUP,
                    measure.description, measure.origin, measure.note, measure.title, 1000 + measure.order,
                    measure.comparable, measure.mappable, provisional=dst.is_provisional(measure.name, periods[-1]),
                    computed=measure.computed)

    def field(self, name: str) -> Field:
        if name in self.dst_fields:
            return self.dst_fields[name]
        return self._bl.field(name)

    @property
    def comparable_fields(self) -> tuple[Field, ...]:
        return self._bl.comparable_fields + tuple(f for f in self.dst_fields.values() if f.comparable)

    @property
    def mappable_fields(self) -> tuple[Field, ...]:
        return self._bl.mappable_fields + tuple(f for f in self.dst_fields.values() if f.mappable)


class FigureSet:
    """A dataset with (optionally) Danmarks Statistik's figures beside it, read as one FigureSource."""

    def __init__(self, dataset: Dataset, dst: DstFigures | None = None):
        self.dataset = dataset
        self.dst = dst
        self.kommuner = dataset.kommuner
        self.metadata = FigureSetFields(dataset.metadata, dst)
        self._dst_fields = self.metadata.dst_fields

    def value(self, kode: int, name: str) -> float | None:
        field = self._dst_fields.get(name)
        if field is None:
            return self.dataset.value(kode, name)
        return self.dst.value(name, kode, field.period)

    def ranking(self, name: str) -> list[tuple[Kommune, float]]:
        """Kommuner that have the figure, largest first (those whose figures read the same, by name)."""
        if name not in self._dst_fields:
            return self.dataset.ranking(name)
        return rank_order([(k, v) for k in self.kommuner if (v := self.value(k.kode, name)) is not None])

    def rank(self, kode: int, name: str) -> Place | None:
        """The kommune's place among those that have the figure; None if it has not."""
        return place_in(self.ranking(name), kode)
