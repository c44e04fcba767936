"""What a chart or the map reads figures from: BL's dataset alone (`Dataset`), or with Danmarks Statistik's latest
figures beside it (`FigureSet`). Structural types (typing.Protocol): both classes fit them without naming them."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from almen_gui.model.kommuner import Kommune, KommuneIndex
from almen_gui.model.metadata import Field


@runtime_checkable
class FigureFields(Protocol):
    """What the figures of a source mean: each by its name, and those that may rank the kommuner or colour the map,
    in card order (`Metadata` for a dataset)."""

    def field(self, name: str) -> Field: ...

    @property
    def comparable_fields(self) -> tuple[Field, ...]: ...

    @property
    def mappable_fields(self) -> tuple[Field, ...]: ...


@runtime_checkable
class FigureSource(Protocol):
    """The kommuner, what each figure means, each kommune's value, and rankings; a missing value is None, never 0."""

    @property
    def kommuner(self) -> KommuneIndex: ...

    @property
    def metadata(self) -> FigureFields: ...

    def value(self, kode: int, name: str) -> float | None: ...

    def ranking(self, name: str) -> list[tuple[Kommune, float]]:
        """Kommuner that have the figure, largest first (ties by name)."""
        ...

    def rank(self, kode: int, name: str) -> tuple[int, int] | None:
        """(place, among how many) for a kommune that has the figure; None if it has not."""
        ...
