"""Which kommuner a ranking chart shows: the leading ones, with the selected kommune kept in view, and where it stands.

Shared by the window's Sammenligning tab and the kiosk's comparison pages; it draws nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from almen_gui.factsheet import style
from almen_gui.model.dataset import Place, places
from almen_gui.model.figure_source import FigureSource
from almen_gui.model.formatting import format_value


@dataclass(frozen=True)
class Ranking:
    """What a ranking chart shows: the leading kommuner with the selected one kept in view, and where it stands."""

    categories: list[str]
    values: list[float]
    texts: list[str]
    colours: list[str]
    place: Place | None  # None if the kommune lacks the figure
    have: int  # kommuner that have the figure
    leader: float | None = None  # the largest value, also when a low chart has room for the selected kommune only


def ranking_bars(dataset: FigureSource, name: str, kode: int, limit: int) -> Ranking:
    """The bars of a ranking by one figure. Each row is named with its place, and kommuner whose figures read the same
    share it ("30. Ballerup", "30. København")."""
    field = dataset.metadata.field(name)
    ranking = dataset.ranking(name)
    ranked = list(zip(places(ranking), ranking))
    at = next((index for index, (_, (k, _)) in enumerate(ranked) if k.kode == kode), None)
    shown = ranked[:limit]
    if at is not None and at >= limit:  # keep the selected kommune in view
        shown = ranked[: limit - 1] + [ranked[at]]
    values = [v for _, (_, v) in shown]
    return Ranking([f"{p.number}. {k.navn}" for p, (k, _) in shown], values,
                   [format_value(v, field.kind) for v in values],
                   [style.ACCENT if k.kode == kode else style.PRIMARY for _, (k, _) in shown],
                   ranked[at][0] if at is not None else None, len(ranked), ranking[0][1] if ranking else None)
