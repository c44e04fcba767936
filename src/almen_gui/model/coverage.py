"""Which figures a kommune has, and so which factsheet it gets: one answer, in one wording, for the kommune list's dots
and legend, `almen list`, the export dialogs, `almen export --all` and the kiosk's default kommuner.

A kommune has BL's factsheet figures (all of them, some or none) and, once fetched, Danmarks Statistik's. Its complete
factsheet is built on BL's figures when it has all of them, on DST's when it has none of BL's and DST has published
its count and share of all dwellings for some year, and otherwise it has none (a sheet with BL's figures missing is
made only when the user allows it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from almen_gui.model.dst_measures import ALMENE, ANDEL
from almen_gui.model.errors import join_and
from almen_gui.model.formatting import count_noun

if TYPE_CHECKING:
    from almen_gui.model.dataset import Dataset
    from almen_gui.model.dst import DstFigures

BL, DST = "bl", "dst"
SOURCE_NAMES = {BL: "BL's faktaark", DST: "Danmarks Statistik"}
SHEET_ON = {BL: "BL's tal", DST: "Danmarks Statistiks tal"}  # "faktaark på …"
NONE = "ingen tal"


def dst_latest_count(dst: DstFigures, kode: int) -> tuple[str, float] | None:
    """The kommune's latest year with a published count of dwellings owned by almene boligselskaber, or None.

    A DST sheet is complete on its own terms when this count and its share of all dwellings exist: it then tells that
    year's figures (with the year), never a filled-in one for a later year DST did not publish."""
    for period in reversed(dst.periods(ALMENE)):
        count = dst.value(ALMENE, kode, period)
        if count is not None and dst.value(ANDEL, kode, period) is not None:
            return period, count
    return None


@dataclass(frozen=True)
class Coverage:
    """What one kommune has: how many of BL's figures, and whether Danmarks Statistik's."""

    bl_have: int
    bl_total: int
    dst: bool  # DST's count and share of all dwellings for some year

    @property
    def sheet(self) -> str | None:
        """The figures its complete factsheet is built on (BL or DST), or None: no complete factsheet."""
        if self.bl_have == self.bl_total:
            return BL
        if self.dst and self.bl_have == 0:
            return DST
        return None

    @property
    def text(self) -> str:
        """Which sources it has: "BL's faktaark", "Danmarks Statistik", "4 af 12 af BL's tal og Danmarks Statistik",
        "ingen tal"."""
        parts = []
        if self.bl_have == self.bl_total:
            parts.append(SOURCE_NAMES[BL])
        elif self.bl_have:
            parts.append(f"{self.bl_have} af {self.bl_total} af BL's tal")
        if self.dst:
            parts.append(SOURCE_NAMES[DST])
        return join_and(parts) if parts else NONE

    @property
    def sheet_text(self) -> str:
        """"faktaark på BL's tal", "faktaark på Danmarks Statistiks tal" or "intet komplet faktaark"."""
        return f"faktaark på {SHEET_ON[self.sheet]}" if self.sheet else "intet komplet faktaark"


def coverage(dataset: Dataset, kode: int, dst: DstFigures | None = None) -> Coverage:
    have, total = dataset.completeness(kode)
    return Coverage(have, total, dst is not None and dst_latest_count(dst, kode) is not None)


def sheet_sources(dataset: Dataset, dst: DstFigures | None = None) -> dict[int, str | None]:
    """Every kommune's code and the figures its complete factsheet is built on (None: it has none)."""
    return {k.kode: coverage(dataset, k.kode, dst).sheet for k in dataset.kommuner}


def sheets_sentence(sources: list[str | None]) -> str:
    """How many of these kommuner have a complete factsheet, and on whose figures: "98 kommuner har et komplet
    faktaark: 1 på BL's tal og 97 på Danmarks Statistiks tal." """
    counts = Counter(source for source in sources if source is not None)
    total = sum(counts.values())
    if not total:
        return "Ingen kommuner har et komplet faktaark."
    parts = [f"{counts[source]} på {SHEET_ON[source]}" for source in (BL, DST) if counts[source]]
    return f"{count_noun(total, 'kommune', 'kommuner')} har et komplet faktaark: {join_and(parts)}."
