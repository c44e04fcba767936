"""The map's lines: the kommuner's outlines as painter paths (from a boundaries file already read and simplified), each
in its true place and the capital area's also enlarged into their inset, and the frames of the two insets. The map
plot fills, strokes and restyles them.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QTransform

from almen_gui.factsheet import style
from almen_gui.model.geo import CAPITAL_ZOOM, Boundaries, capital_area, capital_inset_frame, inset_frame
from almen_gui.qt.common.plotting import chart_font


def outline_paths(boundaries: Boundaries, capital: set[int]) -> dict[int, tuple[QPainterPath, QPainterPath | None]]:
    """Per kommune: the path drawn as its shape (in the capital inset, enlarged, for the codes in capital) and, for
    those, the path in its true place as well (which shows where the inset comes from); None for the others."""
    x0, y0, _, _ = capital_area()
    ix, iy, _, _ = capital_inset_frame()
    enlarge = QTransform().translate(ix, iy).scale(CAPITAL_ZOOM, CAPITAL_ZOOM).translate(-x0, -y0)
    paths = {}
    for kode, rings in boundaries.shapes.items():
        path = QPainterPath()
        for ring in rings:
            path.moveTo(QPointF(*ring[0]))
            for point in ring[1:]:
                path.lineTo(QPointF(*point))
            path.closeSubpath()
        paths[kode] = (enlarge.map(path), path) if kode in capital else (path, None)
    return paths


def _frame_xy(frame: tuple[float, float, float, float]) -> tuple[list[float], list[float]]:
    x0, y0, x1, y1 = frame
    return [x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0]


def add_inset_frames(plot: pg.PlotWidget, points: float) -> tuple[pg.TextItem, pg.TextItem]:
    """Frame Bornholm's and the capital's insets, each with its title, and dash the capital area the second one
    enlarges; the two titles are returned (a very low map hides them)."""
    titles = []
    for frame, title in ((inset_frame(), "Bornholm"), (capital_inset_frame(), "Hovedstadsområdet")):
        plot.addItem(pg.PlotCurveItem(*_frame_xy(frame), pen=pg.mkPen(style.MUTED, width=1)))
        label = pg.TextItem(title, color=style.MUTED, anchor=(0, 1))
        label.setFont(chart_font(points - 1))
        label.setPos(frame[0], frame[3])
        plot.addItem(label)
        titles.append(label)
    plot.addItem(pg.PlotCurveItem(*_frame_xy(capital_area()),
                                  pen=pg.mkPen(style.MUTED, width=1, style=Qt.PenStyle.DashLine)))
    return titles[0], titles[1]
