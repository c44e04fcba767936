"""The map of Denmark and nothing else: a bubble per kommune (or its outline, once boundaries are loaded), coloured by
region or by a figure, Bornholm in an inset and the capital area enlarged in another; a click or touch chooses a
kommune, the pointer shows its name. No controls: the window's map tab and the kiosk's map page put their own around
it (or none). Plot items are built once and updated in place; the colours come from map_colours, the outlines from
map_outlines.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QWidget
from shiboken6 import isValid

from almen_gui.factsheet import style
from almen_gui.model.figure_source import FigureSource
from almen_gui.model.formatting import format_value
from almen_gui.model.geo import (Boundaries, capital_area, capital_inset_frame, in_capital_inset, inset_frame,
                                  kommune_position, to_capital_inset)
from almen_gui.qt.map.colours import NO_VALUE, REGION, MapLegend, kommune_colours
from almen_gui.qt.map.outlines import add_inset_frames, outline_paths
from almen_gui.qt.common.plotting import LockedPlot, chart_font

CLICK_RADIUS_PX = 14
MIN_HEIGHT_FOR_TITLES = 180  # pixels of map height below which the insets' titles are left out
BUBBLE_SPAN = 0.1  # a bubble's diameter in map units (degrees of latitude) when the map is large enough


class MapPlot(LockedPlot):
    """The plot-only map; set_dataset, set_choice (REGION or a figure's name), set_kommune and set_boundaries feed it."""

    kommune_clicked = Signal(int)
    legend_changed = Signal(object)  # MapLegend

    def __init__(self, parent: QWidget | None = None, points: float = 9):
        super().__init__(parent)
        self.setAccessibleName("Danmarkskort over kommuner")
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setAspectLocked(True)
        self._max_size = 13 * points / 9
        self._size = self._max_size
        # The capital area's kommuner in their true place: small dots (or outlines) that show where the inset comes
        # from; choosing and hovering happen in the inset.
        self.context = pg.ScatterPlotItem(size=5, pxMode=True, pen=pg.mkPen(None))
        self.addItem(self.context)
        self.bubbles = pg.ScatterPlotItem(size=14, pxMode=True)
        self.addItem(self.bubbles)
        # The selected kommune's bubble again, above its neighbours: a scatter cannot raise one of its own spots.
        self.marker = pg.ScatterPlotItem(pxMode=True)
        self.marker.setZValue(10)
        self.addItem(self.marker)
        self.inset_label, self.capital_label = add_inset_frames(self, points)
        self.selected_label = pg.TextItem(anchor=(0.5, 1.3), color=style.TEXT, fill=pg.mkBrush(255, 255, 255, 220))
        self.selected_label.setFont(chart_font(points + 1, bold=True))
        self.selected_label.setZValue(20)
        self.addItem(self.selected_label)
        self.hover_label = pg.TextItem(anchor=(0, 1.2), color=style.TEXT, fill=pg.mkBrush(255, 255, 255, 220))
        self.hover_label.setFont(chart_font(points))
        self.hover_label.setZValue(21)
        self.addItem(self.hover_label)
        self.hover_label.hide()

        self._dataset: FigureSource | None = None
        self._choice: str = REGION
        self._kode: int | None = None
        self._koder: list[int] = []
        self._positions: list[tuple[float, float]] = []
        self._capital: list[int] = []  # indexes of kommuner drawn in the capital inset
        self._paths: dict[int, QGraphicsPathItem] = {}
        self._context_paths: dict[int, QGraphicsPathItem] = {}
        self.boundaries: Boundaries | None = None
        self._colour_list: list[str | None] = []
        self.legend: MapLegend | None = None
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_scene_moved)
        self.getPlotItem().getViewBox().sigTransformChanged.connect(self._on_view_scaled)
        self._fit()

    def _fit(self) -> None:
        """Show the whole map and its insets, as large as the widget allows (nothing may zoom it away)."""
        boxes = [inset_frame(), capital_inset_frame(), capital_area()]
        xs = [x for box in boxes for x in (box[0], box[2])] + [x for x, _ in self._positions]
        ys = [y for box in boxes for y in (box[1], box[3])] + [y for _, y in self._positions]
        for item in self._paths.values():
            rect = item.path().boundingRect()
            xs += [rect.left(), rect.right()]
            ys += [rect.top(), rect.bottom()]
        self._bounds = (min(xs), max(xs)), (min(ys), max(ys))
        self.getPlotItem().getViewBox().setRange(xRange=self._bounds[0], yRange=self._bounds[1], padding=0.05)

    # --- data in ----------------------------------------------------------------------------------------------------
    def set_dataset(self, dataset: FigureSource, choice: str | None = None) -> None:
        """A new dataset, or a FigureSet with Danmarks Statistik's figures beside it (and optionally the figure to colour by, to recolour once rather than twice)."""
        self._dataset = dataset
        if choice is not None:
            self._choice = choice
        kommuner = list(dataset.kommuner)
        capital_before = {self._koder[i] for i in self._capital}
        self._koder = [k.kode for k in kommuner]
        self._capital = [i for i, k in enumerate(kommuner) if in_capital_inset(k)]
        true_positions = [kommune_position(k) for k in kommuner]
        self._positions = [to_capital_inset(*p) if i in self._capital else p for i, p in enumerate(true_positions)]
        xs, ys = zip(*self._positions)
        self.bubbles.setData(x=list(xs), y=list(ys), data=self._koder)
        self.context.setData(x=[true_positions[i][0] for i in self._capital],
                             y=[true_positions[i][1] for i in self._capital])
        if self.boundaries is not None and capital_before != {self._koder[i] for i in self._capital}:
            self.set_boundaries(self.boundaries)  # outlines drawn before the kommuner were known: enlarge the capital's
            return
        self._fit()
        self._refresh()

    def set_choice(self, name: str) -> None:
        """Colour by REGION or by a figure's name."""
        self._choice = name
        self._refresh()

    def choice(self) -> str:
        return self._choice

    @property
    def dataset(self) -> FigureSource | None:
        return self._dataset

    def set_kommune(self, kode: int) -> None:
        previous, self._kode = self._kode, kode
        if self._dataset is None or not self._colour_list:
            self._refresh()
            return
        self._restyle(previous)
        self._restyle(kode)
        self._update_label()
        self._update_marker()

    def set_boundaries(self, boundaries: Boundaries | None) -> None:
        """Draw filled outlines instead of bubbles; built once per file (the outlines are already simplified)."""
        for item in [*self._paths.values(), *self._context_paths.values()]:
            self.removeItem(item)
        self._paths, self._context_paths = {}, {}
        self.boundaries = boundaries
        if boundaries is not None:
            capital = {self._koder[i] for i in self._capital}
            for kode, (path, true_place) in outline_paths(boundaries, capital).items():
                if true_place is not None:
                    self._context_paths[kode] = self._add_path(true_place)
                self._paths[kode] = self._add_path(path)
        self._fit()
        self._refresh()

    def _add_path(self, path: QPainterPath) -> QGraphicsPathItem:
        item = QGraphicsPathItem(path)
        item.setZValue(-1)
        # Drawn once into a pixmap and reused: a new selection repaints the map, and the 21.000 points of Denmark's
        # outlines need not be stroked again for the two kommuner that changed.
        item.setCacheMode(QGraphicsPathItem.CacheMode.DeviceCoordinateCache)
        self.addItem(item)
        return item

    # --- drawing ----------------------------------------------------------------------------------------------------
    def _refresh(self, *_):
        """Recolour everything (a new dataset, figure or outline set); a selection change only restyles two."""
        if self._dataset is None:
            return
        self._colour_list, self.legend = kommune_colours(self._dataset, self._choice, self._koder)
        pens, brushes, sizes = zip(*(self._style(i) for i in range(len(self._koder))))
        self.bubbles.setPen(list(pens))
        self.bubbles.setBrush(list(brushes))
        self.bubbles.setSize(list(sizes))
        self.context.setBrush([pg.mkBrush(None) if self._koder[i] in self._paths
                               else pg.mkBrush(self._colour_list[i] or NO_VALUE) for i in self._capital])
        self.context.setSize(max(3.0, self._size / 2.5))
        for kode in self._paths:
            self._style_path(kode)
        self._update_label()
        self._update_marker()
        self.legend_changed.emit(self.legend)

    def _style(self, index: int):
        """Pen, brush and size of one bubble; with outlines loaded, the bubble of an outlined kommune is hidden."""
        kode, colour = self._koder[index], self._colour_list[index]
        if kode in self._paths:
            return pg.mkPen(None), pg.mkBrush(None), 0
        selected = kode == self._kode
        pen = pg.mkPen(style.ACCENT if selected else (colour or style.MUTED), width=3 if selected else 1.2)
        size = max(self._size * 1.5, self._size + 6) if selected else self._size
        return pen, pg.mkBrush(colour) if colour else pg.mkBrush(None), size

    def _style_path(self, kode: int) -> None:
        selected = kode == self._kode
        brush = QBrush(QColor(self._colour_list[self._koder.index(kode)] or NO_VALUE))
        pen = QPen(QColor(style.ACCENT if selected else style.BACKGROUND), 3 if selected else 0.6)
        pen.setCosmetic(True)
        for item in (self._paths[kode], self._context_paths.get(kode)):
            if item is not None:
                item.setBrush(brush)
                item.setPen(pen)
                item.setZValue(1 if selected else -1)

    def _on_view_scaled(self, *_) -> None:
        """Bubbles grow with the map, up to their full size, so a small map is not one blot of overlapping dots."""
        if not (isValid(self) and isValid(self.bubbles)):
            return  # the view box can report a last change while the map is being torn down
        view_box = self.getPlotItem().getViewBox()
        units_per_pixel = view_box.viewPixelSize()[0]
        if not units_per_pixel:
            return
        for label in (self.inset_label, self.capital_label):  # on a very low map the titles would cover the map
            label.setVisible(view_box.height() >= MIN_HEIGHT_FOR_TITLES)
        size = round(min(self._max_size, max(6.0, BUBBLE_SPAN / units_per_pixel)))
        if size != self._size:
            self._size = size
            self._refresh()

    def _restyle(self, kode: int | None) -> None:
        if kode is None or kode not in self._koder:
            return
        index = self._koder.index(kode)
        pen, brush, size = self._style(index)
        spot = self.bubbles.points()[index]
        spot.setPen(pen)
        spot.setBrush(brush)
        spot.setSize(size)
        if kode in self._paths:
            self._style_path(kode)

    def _update_marker(self) -> None:
        if self._kode not in self._koder or self._kode in self._paths:
            self.marker.setData(x=[], y=[])
            return
        index = self._koder.index(self._kode)
        pen, brush, size = self._style(index)
        x, y = self._positions[index]
        self.marker.setData(x=[x], y=[y], pen=pen, brush=brush, size=size)

    def _update_label(self) -> None:
        if self._kode not in self._koder:
            return
        kommune = self._dataset.kommuner.by_code(self._kode)
        text = kommune.navn
        if self._choice != REGION:
            field = self._dataset.metadata.field(self._choice)
            text += f": {format_value(self._dataset.value(self._kode, self._choice), field.kind)}"
        self.selected_label.setText(text)
        self._place(self.selected_label, self._positions[self._koder.index(self._kode)], 1.3)

    def _place(self, label: pg.TextItem, position: tuple[float, float], above: float) -> None:
        """Put a label by a point and keep it inside the map: anchored by its left edge near the map's west edge, its
        right edge near the east edge, and below the point near the top."""
        (x0, x1), (y0, y1) = self._bounds
        x, y = position
        across = min(1.0, max(0.0, (x - x0) / (x1 - x0))) if x1 > x0 else 0.5
        label.setAnchor((across, above if y < y1 - (y1 - y0) * 0.12 else -(above - 1)))
        label.setPos(x, y)

    # --- pointer ----------------------------------------------------------------------------------------------------
    def kode_at(self, scene_pos) -> int | None:
        """The kommune under a scene position: inside its outline, or the nearest bubble within a fingertip."""
        view_box = self.getPlotItem().getViewBox()
        point = view_box.mapSceneToView(scene_pos)
        # The smallest outline around the point: Frederiksberg lies inside København's outer ring (holes are not drawn).
        inside = [(item.path().boundingRect(), kode) for kode, item in self._paths.items()
                  if item.path().contains(point)]
        if inside:
            return min(inside, key=lambda found: found[0].width() * found[0].height())[1]
        best, best_distance = None, CLICK_RADIUS_PX
        for kode, position in zip(self._koder, self._positions):
            on_screen = view_box.mapViewToScene(QPointF(*position))
            distance = (on_screen - scene_pos).manhattanLength()
            if distance < best_distance:
                best, best_distance = kode, distance
        return best

    def scene_position_of(self, kode: int):
        view_box = self.getPlotItem().getViewBox()
        return view_box.mapViewToScene(QPointF(*self._positions[self._koder.index(kode)]))

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.hover_label.setVisible(False)  # the scene reports moves only while the pointer is over it
        super().leaveEvent(event)

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        kode = self.kode_at(event.scenePos())
        if kode is not None:
            self.kommune_clicked.emit(kode)

    def _on_scene_moved(self, scene_pos) -> None:
        kode = self.kode_at(scene_pos)
        if kode is None or self._dataset is None or kode == self._kode:  # the selected one's name is there already
            self.hover_label.setVisible(False)
            return
        kommune = self._dataset.kommuner.by_code(kode)
        self.hover_label.setText(kommune.navn)
        point = self.getPlotItem().getViewBox().mapSceneToView(scene_pos)
        self._place(self.hover_label, (point.x(), point.y()), 1.2)
        # setVisible, not show(): pyqtgraph's TextItem fits itself to the view only in setVisible, and a label
        # created hidden would otherwise be drawn at the plot's scale, far off the visible area.
        self.hover_label.setVisible(True)
        self._clear_of_selected()

    def _clear_of_selected(self) -> None:
        """Never draw the pointer's name over the selected kommune's: the other side of the pointer, or, when that
        touches it too, just above or below it, whichever is nearer."""
        hover, selected = self.hover_label, self.selected_label
        if not hover.sceneBoundingRect().intersects(selected.sceneBoundingRect()):
            return
        hover.setAnchor((hover.anchor.x(), -0.2 if hover.anchor.y() > 0 else 1.2))
        mine, theirs = hover.sceneBoundingRect(), selected.sceneBoundingRect()
        if mine.intersects(theirs):
            up, down = theirs.top() - 2 - mine.bottom(), theirs.bottom() + 2 - mine.top()  # scene pixels, downwards
            shift = up if abs(up) <= abs(down) else down
            units_per_pixel = self.getPlotItem().getViewBox().viewPixelSize()[1]
            hover.setPos(hover.pos().x(), hover.pos().y() - shift * units_per_pixel)  # the map's y grows upwards
