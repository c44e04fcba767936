"""The small map in a factsheet's header: every kommune's outline (the bundled DAGI outlines, simplified further to
the locator's size) and a point per kommune for the highlight, scaled into a unit box (y downwards), with Bornholm's
inset box. Pure Python: no Qt.
"""

from __future__ import annotations

import functools

import numpy as np

from almen_gui.model import Dataset, load_kommuner
from almen_gui.model.geo import bundled_boundaries, inset_frame, kommune_position
from almen_gui.model.simplify import simplify

# In map degrees: well under a pixel of the locator on a 300 dpi A4 sheet (Denmark is some 500 pixels wide there),
# so a PDF carries a few thousand points, not the twenty thousand the window's map draws.
LOCATOR_TOLERANCE = 0.008

Point = tuple[float, float]


@functools.lru_cache(maxsize=1)
def _outlines() -> dict[int, tuple[tuple[Point, ...], ...]]:
    """The bundled outlines at the locator's detail, made once per run (a sheet is drawn many times)."""
    outlines = {}
    for kode, rings in bundled_boundaries(load_kommuner()).shapes.items():
        simplified = (simplify(np.array(ring), LOCATOR_TOLERANCE) for ring in rings)
        outlines[kode] = tuple(tuple(ring) for ring in simplified if len(ring) >= 4)
    return outlines


@functools.lru_cache(maxsize=4)
def _unit_map(koder: tuple[int, ...]):
    """Points, inset box and outlines of these kommuner in the unit box: the same for every sheet of a dataset."""
    kommuner = load_kommuner()
    positions = {kode: kommune_position(kommuner.by_code(kode)) for kode in koder}
    outlines = {kode: rings for kode, rings in _outlines().items() if kode in positions}
    x0, y0, x1, y1 = inset_frame()
    xs = [x for x, _ in positions.values()] + [x0, x1] + [x for rings in outlines.values() for r in rings for x, _ in r]
    ys = [y for _, y in positions.values()] + [y0, y1] + [y for rings in outlines.values() for r in rings for _, y in r]
    left, top, span = min(xs), max(ys), max(max(xs) - min(xs), max(ys) - min(ys))

    def unit(x: float, y: float) -> Point:
        return (x - left) / span, (top - y) / span

    points = {kode: unit(*position) for kode, position in positions.items()}
    shapes = {kode: tuple(tuple(unit(*p) for p in ring) for ring in rings) for kode, rings in outlines.items()}
    return points, (*unit(x0, y1), *unit(x1, y0)), shapes


def locator_points(dataset: Dataset, kode: int):
    """(every kommune's point as (x, y, is this kommune); Bornholm's inset box; every outline ring as (points, is this
    kommune)), all in the unit box."""
    points, inset, shapes = _unit_map(tuple(k.kode for k in dataset.kommuner))
    return (tuple((*point, k == kode) for k, point in points.items()), inset,
            tuple((ring, k == kode) for k, rings in shapes.items() for ring in rings))
