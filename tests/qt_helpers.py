"""Helpers for the window tests: a MainWindow around a dataset, with settings in a temporary folder, wired to the kiosk
as the app starts it."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from almen_gui.model import load_bundled_dataset
from almen_gui.qt.start.app import build_main_window, create_application
from almen_gui.qt.window.main_window import MainWindow
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.state import AppState


def make_window(qtbot, settings_file, dataset=None, kode: int = 161) -> MainWindow:
    create_application()
    dataset = dataset or load_bundled_dataset()
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = build_main_window(AppState(dataset, kode), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.ensure_charts()
    return window


def all_cards(window) -> dict:
    """Every figure card on the window's topics (BL's and Danmarks Statistik's), by figure name."""
    return {name: card for page in window.topics.pages.values() for name, card in page.cards.items()}


def card_texts(window) -> dict[str, str]:
    """The value each of BL's cards shows, read on its topic's tab as a user opens it (a hidden tab catches up when
    it is shown); the tab that was open is open again after."""
    tabs = window.topics
    was = tabs.currentIndex()
    texts = {}
    for page in tabs.pages.values():
        tabs.setCurrentIndex(tabs.indexOf(page.parentWidget().parentWidget()))  # the page's scroll area
        texts.update({name: card.value.text() for name, card in page.bl.cards.items()})
    tabs.setCurrentIndex(was)
    return texts


def cards_cut_off(page) -> list[str]:
    """The cards a topic page shows that are not wholly in view (empty when every one can be read without
    scrolling): outside the room its tab gives it, or too narrow for the value they show."""
    from PySide6.QtCore import QPoint, QRect

    room = page.parentWidget()  # the tab's scroll area's viewport
    visible = QRect(room.mapTo(page.window(), QPoint(0, 0)), room.size()) & page.window().rect()
    cut = []
    for name, card in page.cards.items():
        if card.isHidden() or not card.parentWidget().isVisible():
            continue
        where = QRect(card.mapTo(page.window(), QPoint(0, 0)), card.size())
        if not visible.contains(where) or card.value.width() < card.value.sizeHint().width():
            cut.append(name)
    return cut


def page_text(page) -> str:
    """Everything a widget draws, as one line: what a user reads on it."""
    from PySide6.QtCore import QPoint

    return " ".join(drawn_texts(lambda painter: page.render(painter, QPoint()), page.width(), page.height()))


def settle() -> None:
    """Let the layouts do what is asked of them now (Qt posts their requests): what is measured next is what the
    screen shows."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):  # a layout done can ask its parent's for another round
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        QCoreApplication.processEvents()


def open_tab(qtbot, tabs, title: str):
    """Click the tab whose visible title is `title`, as a user does, and return the page it shows (a topic's page,
    not the scroll area around it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    bar = tabs.tabBar()
    titles = [bar.tabText(i) for i in range(bar.count())]
    assert title in titles, f"no tab {title!r} among {titles}"
    index = titles.index(title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: tabs.currentIndex() == index and tabs.currentWidget().isVisible())
    page = tabs.currentWidget()
    return page.widget() if isinstance(page, QScrollArea) else page


def _draw_specs(axis, device):
    """What a pyqtgraph axis would draw on `device` (generateDrawSpecs, with the axis' tick font on the painter)."""
    from PySide6.QtGui import QPainter

    painter = QPainter(device)
    try:
        if axis.style["tickFont"] is not None:
            painter.setFont(axis.style["tickFont"])
        return axis.generateDrawSpecs(painter)
    finally:
        painter.end()


def tick_labels(axis) -> list[str]:
    """The tick labels a pyqtgraph axis draws at its present size, in reading order (left to right, top to bottom).

    pyqtgraph lays them out in generateDrawSpecs (its public hook for what an axis draws), measured on a QPicture as
    its paint() does; a label that does not fit is left out there, as it is on the screen.
    """
    from PySide6.QtGui import QPicture

    specs = _draw_specs(axis, QPicture())
    if specs is None:
        return []
    drawn = sorted(specs[2], key=lambda spec: (spec[0].top(), spec[0].left()))
    return [text for _, _, text in drawn]


def overlapping_tick_labels(axis) -> list[tuple[str, str]]:
    """The pairs of tick labels a pyqtgraph axis draws on top of each other at its present size."""
    from PySide6.QtGui import QImage

    specs = _draw_specs(axis, QImage(8, 8, QImage.Format.Format_ARGB32))
    drawn = [(rect, text) for rect, _flags, text in (specs[2] if specs else ())]
    return [(a, b) for i, (first, a) in enumerate(drawn) for second, b in drawn[i + 1:] if first.intersects(second)]


def axis_labels_cut_by_the_edge(view, axis=None) -> list[str]:
    """The tick labels of a chart's axes (or of `axis` alone) that reach past the chart's edges, where the screen cuts
    them ("10.00" for 10.000), laid out as pyqtgraph does, on an image of the screen's resolution."""
    import pyqtgraph as pg
    from PySide6.QtGui import QImage

    if hasattr(view, "getPlotItem"):
        view.getPlotItem().layout.activate()  # the plot's parts at the widget's present size, as the next paint has them
    axes = [axis] if axis is not None else [item for item in view.scene().items()
                                              if isinstance(item, pg.AxisItem) and item.isVisible()]
    cut = []
    for each in axes:
        specs = _draw_specs(each, QImage(8, 8, QImage.Format.Format_ARGB32))
        for rect, _flags, text in specs[2] if specs else ():
            if not view.viewport().rect().contains(view.mapFromScene(each.mapRectToScene(rect)).boundingRect()):
                cut.append(f"{each.orientation}: {text}")
    return cut


def outlines(plot) -> list:
    """The kommune outlines a map draws: the filled path items shown in its scene."""
    from PySide6.QtWidgets import QGraphicsPathItem

    return [item for item in plot.scene().items() if isinstance(item, QGraphicsPathItem) and item.isVisible()]


def without_figure(plot) -> set[int]:
    """The kommuner a map draws as "ikke oplyst": a hollow bubble, or an outline filled with the no-value grey."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from almen_gui.qt.map.colours import NO_VALUE

    hollow = {spot.data() for spot in plot.bubbles.points()
              if spot.brush().style() == Qt.BrushStyle.NoBrush and spot.size() > 0}
    grey = {kode for kode, item in plot._paths.items() if item.brush().color() == QColor(NO_VALUE)}
    return hollow | grey


def drawn_texts(paint, width: int = 960, height: int = 540, sizes: bool = False) -> list:
    """Every text `paint(painter)` draws, in drawing order: plain text, rich text and the text of widgets rendered
    into the painter (a label's legend, a plot's labels), each run of one format as one string; with `sizes`, each
    as (text, its font's pixel size).

    The painter draws on a device whose paint engine keeps the text of each text item it is given and draws
    nothing else; a QPainter subclass would miss what Qt's own C++ code draws with it.
    """
    from PySide6.QtGui import QPaintDevice, QPaintEngine, QPainter

    class TextEngine(QPaintEngine):
        def __init__(self):
            super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
            self.texts: list[str] = []

        def begin(self, device):
            return True

        def end(self):
            return True

        def type(self):
            return QPaintEngine.Type.User

        def drawTextItem(self, position, item):  # noqa: N802 (Qt override)
            self.texts.append((item.text(), item.font().pixelSize()) if sizes else item.text())

        def updateState(self, state):  # noqa: N802 (Qt override); the rest draws nothing
            pass

        def drawPixmap(self, *args):  # noqa: N802
            pass

        def drawImage(self, *args):  # noqa: N802
            pass

        def drawTiledPixmap(self, *args):  # noqa: N802
            pass

        def drawPath(self, *args):  # noqa: N802
            pass

        def drawPolygon(self, *args):  # noqa: N802
            pass

        def drawRects(self, *args):  # noqa: N802
            pass

        def drawLines(self, *args):  # noqa: N802
            pass

        def drawEllipse(self, *args):  # noqa: N802
            pass

        def drawPoints(self, *args):  # noqa: N802
            pass

    class TextDevice(QPaintDevice):
        def __init__(self):
            super().__init__()
            self.engine = TextEngine()

        def paintEngine(self):  # noqa: N802 (Qt override)
            return self.engine

        def metric(self, metric):
            kinds = QPaintDevice.PaintDeviceMetric
            return {kinds.PdmWidth: width, kinds.PdmHeight: height, kinds.PdmWidthMM: round(width * 25.4 / 96),
                    kinds.PdmHeightMM: round(height * 25.4 / 96), kinds.PdmNumColors: 1 << 24, kinds.PdmDepth: 32,
                    kinds.PdmDpiX: 96, kinds.PdmDpiY: 96, kinds.PdmPhysicalDpiX: 96, kinds.PdmPhysicalDpiY: 96,
                    kinds.PdmDevicePixelRatio: 1, kinds.PdmDevicePixelRatioScaled: 1}.get(metric, 0)

    device = TextDevice()
    painter = QPainter(device)
    try:
        paint(painter)
    finally:
        painter.end()
    return device.engine.texts


def ranking_names(qtbot, chart) -> list[str]:
    """The kommune names a ranking draws beside its bars (top to bottom), once every bar shown has its name. For a
    figure more kommuner have than the chart can show: it shows as many as it has room for, up to the most it ranks."""
    from almen_gui.qt.charts.pages import MAX_RANKED

    names = chart.getPlotItem().getAxis("left")

    def every_bar_named() -> bool:
        bars = sum(label.isVisible() for label in chart.labels)
        return 0 < bars == len(tick_labels(names)) == min(MAX_RANKED, chart.rows_that_fit())

    qtbot.waitUntil(every_bar_named)
    return tick_labels(names)
