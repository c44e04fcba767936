"""Which kommuner a ranking chart shows: the leading ones, with the selected kommune kept in view, and where it stands.

Shared by the window's Sammenligning tab and the kiosk's comparison pages; it draws nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from almen_gui.factsheet import style
from almen_gui.model.figure_source import FigureSource
from almen_gui.model.formatting import format_value


@dataclass(frozen=True)
class Ranking:
    """What a ranking chart shows: the leading kommuner with the selected one kept in view, and where it stands."""

    categories: list[str]
    values: list[float]
    texts: list[str]
    colours: list[str]
    place: tuple[int, int] | None  # (place, among how many), None if the kommune lacks the figure
    have: int  # kommuner that have the figure
    leader: float | None = None  # the largest value, also when a low chart has room for the selected kommune only


def ranking_bars(dataset: FigureSource, name: str, kode: int, limit: int) -> Ranking:
    field = dataset.metadata.field(name)
    ranked = list(enumerate(dataset.ranking(name), start=1))
    place = dataset.rank(kode, name)
    shown = ranked[:limit]
    if place and place[0] > limit:  # keep the selected kommune in view
        shown = ranked[: limit - 1] + [ranked[place[0] - 1]]
    values = [v for _, (_, v) in shown]
    return Ranking([f"{p}. {k.navn}" for p, (k, _) in shown], values, [format_value(v, field.kind) for v in values],
                   [style.ACCENT if k.kode == kode else style.PRIMARY for _, (k, _) in shown], place, len(ranked),
                   ranked[0][1][1] if ranked else None)
