"""Usable without a mouse and without sight (WCAG 2.1 AA): checked as assistive technology and keyboard users meet the
app, through Qt's accessibility interface (QAccessible) on the real widgets, real key presses, the pixels a focus ring
changes, and the contrast of every colour pair the theme declares.

The charts' own text alternatives and keyboard navigation over bars and years are not here yet (see the README's
"Tilgængelighed")."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit, QMenu, QScrollArea, QTabBar

from almen_gui.factsheet import style
from almen_gui.qt.start.kiosk_handover import KioskHandover
from dst_server import bank  # noqa: F401  (a fixture)
from qt_helpers import make_window, open_tab

SRC = Path(__file__).resolve().parent.parent / "src" / "almen_gui"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def announced(monkeypatch):
    """What the app announces to a screen reader: the message of every QAccessibleAnnouncementEvent it sends."""
    heard = []
    send = QAccessible.updateAccessibility

    def record(event):
        if event.type() == QAccessible.Event.Announcement:
            heard.append(event.message())
        send(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    return heard


def active_window(qtbot, settings_file, **options):
    """The main window, active, so that its shortcuts answer key presses."""
    window = make_window(qtbot, settings_file, **options)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def accessible(widget):
    return QAccessible.queryAccessibleInterface(widget)


def labels_of(widget) -> list[str]:
    """The names of the labels a screen reader reads for the widget (Qt's "labelled by" relation)."""
    return [label.text(QAccessible.Text.Name)
            for label, _ in accessible(widget).relations(QAccessible.RelationFlag.Label)]


# --- WCAG's contrast and a colour-vision simulation, written out here so that the test owes nothing to the app ------
def _linear(colour: QColor) -> tuple[float, float, float]:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return channel(colour.red()), channel(colour.green()), channel(colour.blue())


def _luminance(rgb) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG 2.1's contrast ratio of two colours (QColor or "#RRGGBB")."""
    la, lb = sorted((_luminance(_linear(QColor(a))), _luminance(_linear(QColor(b)))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))


def _simulate(rgb, matrix):
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)


def _lab(rgb) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_difference(a: str, b: str, matrix=None) -> float:
    """How different two colours look (CIELAB ΔE), to normal vision or through a colour-vision deficiency."""
    ca, cb = _linear(QColor(a)), _linear(QColor(b))
    if matrix is not None:
        ca, cb = _simulate(ca, matrix), _simulate(cb, matrix)
    return sum((p - q) ** 2 for p, q in zip(_lab(ca), _lab(cb))) ** 0.5


# --- names, roles, states and announcements ---------------------------------------------------------------------------
def test_every_drop_down_is_read_with_its_visible_label(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    assert labels_of(window.kommune_list.region) == ["Region:"]
    open_tab(qtbot, window.topics, "Sammenligning")
    assert labels_of(window.topics.comparison.choice) == ["Sammenlign:"]
    open_tab(qtbot, window.topics, "Kort")
    assert labels_of(window.topics.map.choice) == ["Farve efter:"]
    open_tab(qtbot, window.topics, "Udvikling")
    assert labels_of(window.topics.history.choice) == ["Vis:"]
    # and no drop-down anywhere in the window is read as its value alone (on Linux that is a combo box's name)
    unlabelled = [box.currentText() for box in window.findChildren(QComboBox) if not labels_of(box)]
    assert unlabelled == []
    assert all(accessible(field).text(QAccessible.Text.Name) for field in window.findChildren(QLineEdit))


def test_the_status_bar_is_read_as_what_it_shows_and_its_messages_are_announced(qtbot, settings_file, tmp_path,
                                                                                announced, monkeypatch):
    window = make_window(qtbot, settings_file)
    shown = window.dataset_label.text()
    assert shown.startswith("Datasæt: Medfølgende data")
    assert accessible(window.dataset_label).text(QAccessible.Text.Name) == shown
    target = tmp_path / "tal.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menus.actions["export_table"].trigger()  # Fil → Eksportér tabel…
    message = window.statusBar().currentMessage()
    assert message.startswith("Tabellen er gemt i") and target.is_file()
    assert accessible(window.statusBar()).text(QAccessible.Text.Description) == message
    assert announced == [message]


def test_an_error_and_an_opened_dataset_are_announced(qtbot, settings_file, tmp_path, synthetic_csv, announced,
                                                      monkeypatch):
    window = make_window(qtbot, settings_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mangler" / "tal.csv"), ""))
    window.menus.actions["export_table"].trigger()
    assert window.tell.message_box.isVisible()
    assert announced and announced[-1].startswith("Tabellen blev ikke gemt.")
    window.tell.message_box.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(synthetic_csv), ""))
    window.menus.actions["open"].trigger()  # Fil → Åbn datasæt…
    assert announced[-1].startswith("Datasæt åbnet: syntetisk-komplet")


def test_a_search_that_finds_nothing_is_announced(qtbot, settings_file, announced):
    window = active_window(qtbot, settings_file)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.kommune_list.search, "zzq")
    assert announced[-1] == "Ingen kommune passer til «zzq»."
    assert accessible(window.kommune_list.no_match).text(QAccessible.Text.Name) == "Ingen kommune passer til «zzq»."


def test_every_shortcut_is_shown_in_a_menu(qtbot, settings_file):
    window = active_window(qtbot, settings_file)
    in_menus = {action for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()}
    with_shortcut = [a for a in window.findChildren(type(window.menus.actions["open"])) if not a.shortcut().isEmpty()]
    assert {a.text() for a in with_shortcut if a not in in_menus} == set()
    assert "Ctrl+F" in {a.shortcut().toString() for a in in_menus}
    window.topics.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.kommune_list.search.hasFocus()


def test_the_help_menu_tells_staff_how_to_leave_the_kiosk(qtbot, settings_file, tmp_path):
    from almen_gui.qt.kiosk.config import default_path

    default_path().parent.mkdir(parents=True, exist_ok=True)
    default_path().write_text("[kiosk]\nadmin_tast = Ctrl+Alt+K\npin = 4711\n", encoding="utf-8")
    window = make_window(qtbot, settings_file)
    hjaelp = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hjælp")
    next(a for a in hjaelp.actions() if a.text() == "Kiosktilstand for personale").trigger()
    text = window.findChild(KioskHandover).kiosk_help_dialog.details.toPlainText()
    assert "Afslut: tryk Ctrl+Alt+K" in text and "PIN-koden" in text and str(default_path()) in text
    assert accessible(window.findChild(KioskHandover).kiosk_help_dialog.details).text(QAccessible.Text.Value) == text


@pytest.fixture
def kiosk(qtbot, synthetic_dataset):
    from almen_gui.qt.common.state import AppState
    from almen_gui.qt.kiosk.config import KioskConfig
    from almen_gui.qt.kiosk.controller import open_kiosk

    config = KioskConfig(kommuner=["Glostrup"], seconds_per_page=60, idle_timeout=60)
    window, controller = open_kiosk(AppState(synthetic_dataset, 161), config, full_screen=False)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    qtbot.waitExposed(window)
    yield window, controller
    controller.stop()
    window.leave()
    from almen_gui.qt.common import crash

    crash.set_dialogs_enabled(True)


def test_the_kiosk_page_is_read_as_its_text_not_as_a_picture(qtbot, kiosk, announced):
    window, controller = kiosk
    spec = controller.pages.spec(161)
    qtbot.waitUntil(lambda: accessible(window.view).text(QAccessible.Text.Description) != "")
    page = accessible(window.view)
    assert page.text(QAccessible.Text.Name) == "Faktaark: Overblik"
    text = page.text(QAccessible.Text.Description)
    assert spec.headline in text and spec.source_line in text
    tile = next(t for t in spec.tiles[:3] if not t.missing)
    assert tile.value in text and tile.caption in text  # a figure with its words and period
    controller.advance()
    page = accessible(window.view)
    assert page.text(QAccessible.Text.Name) == "Faktaark: Boliger"
    bar = next(b for b in spec.dwellings if b.value is not None)
    assert bar.label in page.text(QAccessible.Text.Description) and bar.text in page.text(QAccessible.Text.Description)
    assert announced[-1] == page.text(QAccessible.Text.Description)


# --- focus ------------------------------------------------------------------------------------------------------------
def _ring(window, widget) -> list[float]:
    """The contrast, pixel by pixel from the focus stop's left edge inwards (middle row), between the stop drawn with
    focus and without it: what the focus indicator changes."""
    rect = widget.tabRect(widget.currentIndex()) if isinstance(widget, QTabBar) else widget.rect()
    rect = QRect(widget.mapTo(window, rect.topLeft()), rect.size())
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    assert widget.hasFocus()
    focused = window.grab(rect).toImage()
    widget.clearFocus()
    plain = window.grab(rect).toImage()
    y = rect.height() // 2
    return [contrast(focused.pixelColor(x, y), plain.pixelColor(x, y)) for x in range(min(6, rect.width()))]


def _focus_stops(qtbot, window, first) -> list:
    """Every widget Tab stops at, from `first` round to it again, reached by real Tab presses."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    stops = []
    for _ in range(80):
        widget = QApplication.focusWidget()
        assert widget is not None and window.isAncestorOf(widget)
        if widget in stops:
            return stops
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError("Tab never came round again")


def test_every_focus_stop_shows_a_ring_of_3_to_1_and_2_pixels(qtbot, settings_file):
    window = active_window(qtbot, settings_file)
    window.resize(1280, 800)
    for tab in ("Boliger", "Kort"):
        open_tab(qtbot, window.topics, tab)
        stops = _focus_stops(qtbot, window, window.kommune_list.search)
        assert not [w for w in stops if isinstance(w, QScrollArea)]  # the cards take focus: a page needs none
        assert window.topics.currentWidget().findChild(type(window.topics.dwellings.chart)) in stops or tab == "Kort"
        if tab == "Kort":
            assert window.topics.map.plot in stops
            assert not any(w.isAncestorOf(window.topics.map.legend) for w in stops if w is not window.topics.map)
        weak = {}
        for widget in stops:
            ring = _ring(window, widget)
            if sum(ratio >= 3.0 for ratio in ring) < 2:
                weak[f"{type(widget).__name__} {widget.accessibleName()}"] = [round(r, 2) for r in ring]
        assert weak == {}


def test_the_export_dialog_s_focus_stops_show_the_ring_too(qtbot, settings_file):
    from PySide6.QtWidgets import QCheckBox

    window = active_window(qtbot, settings_file, kode=751)  # Aarhus lacks figures: "Eksportér alligevel" shows
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    dialog = window.sheet_output.export_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    stops = _focus_stops(qtbot, dialog, dialog.size_choice)
    assert dialog.allow_incomplete in stops and isinstance(dialog.allow_incomplete, QCheckBox)
    weak = {f"{type(w).__name__} {w.text() if hasattr(w, 'text') else ''}": [round(r, 2) for r in _ring(dialog, w)]
            for w in stops if sum(ratio >= 3.0 for ratio in _ring(dialog, w)) < 2}
    assert weak == {}
    dialog.reject()


def test_the_current_tab_keeps_its_whole_label_after_tab_leaves_the_tab_bar(qtbot, settings_file):
    window = active_window(qtbot, settings_file)
    bar = window.topics.tabBar()
    open_tab(qtbot, window.topics, "Økonomi")
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    focused = bar.tabRect(bar.currentIndex())
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    assert not bar.hasFocus()
    rect = bar.tabRect(bar.currentIndex())
    assert rect == focused  # the same box with and without focus: nothing to clip
    image = bar.grab(rect).toImage()
    paper = image.pixelColor(rect.width() // 2, 3)
    inked = [x for x in range(4, image.width() - 4) for y in range(4, image.height() - 5)
             if contrast(image.pixelColor(x, y), paper) >= 2.0]
    assert max(inked) - min(inked) + 1 >= bar.fontMetrics().horizontalAdvance("Økonomi") - 4


# --- reflow and text size ---------------------------------------------------------------------------------------------
def test_the_desktop_s_text_size_is_kept_with_the_bundled_font(qtbot):
    from almen_gui.qt.start.app import create_application
    from almen_gui.resources import FONT_FAMILY

    app = QApplication.instance()
    desktop = app.desktop_points
    try:
        app.desktop_points = 14.0  # as a desktop set to large text gives it
        create_application()
        assert app.font().family() == FONT_FAMILY and app.font().pointSizeF() == 14.0
        assert "#panelHeading { font-size: 28pt" in app.styleSheet()  # the heading keeps its proportion
    finally:
        app.desktop_points = desktop
        create_application()


class _Screen:
    """1366×768 at 200 %: 683×384 logical pixels."""

    def availableGeometry(self):  # noqa: N802 (QScreen's name)
        return QRect(0, 0, 683, 384)


def test_the_export_dialog_fits_a_1366x768_screen_at_200_percent(qtbot, settings_file, monkeypatch):
    monkeypatch.setattr("almen_gui.qt.export.dialog.screen_of", lambda widget: _Screen())
    window = active_window(qtbot, settings_file)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    dialog = window.sheet_output.export_dialog
    qtbot.waitExposed(dialog)
    assert labels_of(dialog.format_choice) == ["Format:"] and labels_of(dialog.path_edit) == ["Gem som:"]
    assert accessible(dialog.path_edit).text(QAccessible.Text.Name) == "Gem som:"
    for layout in range(dialog.layout_choice.count()):  # the whole sheet's two pages are the widest preview
        dialog.layout_choice.setCurrentIndex(layout)
        frame = dialog.frameGeometry()
        assert frame.width() <= 683 and frame.height() + 40 <= 384, dialog.layout_choice.currentText()
        save = dialog.save_button
        assert QRect(0, 0, 683, 384).contains(QRect(save.mapToGlobal(QPoint()), save.size()))
    dialog.reject()


def test_no_dialog_of_the_window_is_larger_than_a_1366x768_screen_at_200_percent(qtbot, settings_file,
                                                                                 monkeypatch):
    monkeypatch.setattr("almen_gui.qt.common.screens.QGuiApplication.primaryScreen", lambda: _Screen())
    window = active_window(qtbot, settings_file)
    monkeypatch.setattr(window, "windowHandle", lambda: None)  # asked of the fake screen, as before it is shown
    hjaelp = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hjælp")
    for entry, dialog in (("Datakilder", "sources_dialog"), ("Kiosktilstand for personale", "kiosk_help_dialog")):
        next(a for a in hjaelp.actions() if a.text() == entry).trigger()
        opened = getattr(window.help_dialogs if dialog == "sources_dialog" else window.findChild(KioskHandover), dialog)
        qtbot.waitExposed(opened)
        assert opened.width() + 24 <= 683 and opened.height() + 48 <= 384, entry
        opened.close()


# --- not by colour alone ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("matrix", [None, DEUTERANOPIA, PROTANOPIA], ids=["normal", "deuteranopia", "protanopia"])
def test_the_map_s_regions_and_scale_are_told_apart_without_full_colour_vision(matrix):
    from almen_gui.qt.map.colours import REGION_COLOURS, SCALE

    regions = dict(REGION_COLOURS)
    close = {(a, b): round(seen_difference(regions[a], regions[b], matrix), 1)
             for a, b in itertools.combinations(regions, 2) if seen_difference(regions[a], regions[b], matrix) < 20}
    assert close == {}  # ΔE 20: plainly different next to each other
    steps = [round(seen_difference(a, b, matrix), 1) for a, b in zip(SCALE, SCALE[1:])]
    assert min(steps) >= 8, steps


def test_the_list_s_dots_differ_in_shape_not_only_in_colour(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    kommune_list = window.kommune_list

    def shape(icon) -> tuple:
        image = icon.pixmap(14, 14).toImage()
        return tuple(image.pixelColor(x, y).alpha() > 128 for x in range(14) for y in range(14))

    shapes = {shape(icon) for icon in (kommune_list._complete_icon, kommune_list._partial_icon,
                                       kommune_list._empty_icon)}
    assert len(shapes) == 3
    assert "◐" in kommune_list.legend.text() and "●" in kommune_list.legend.text()


def test_udvikling_s_lines_differ_in_dash_and_marker_and_are_named_at_their_ends(qtbot, bundled, dst_figures):
    from almen_gui.qt.charts.history import HistoryView
    from almen_gui.qt.common.state import AppState

    state = AppState(bundled)
    view = HistoryView(state)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    state.set_dst(dst_figures)
    qtbot.waitUntil(view.charts_page.isVisible)
    assert len({line.opts["pen"].style() for line in view.lines}) == 3
    assert len({line.opts["symbol"] for line in view.lines}) == 3
    assert [label.textItem.toPlainText() for label in view.line_labels] == view.areas
    for label, line in zip(view.line_labels, view.lines):
        x, _ = line.getData()
        assert label.isVisible() and label.pos().x() == x[-1]
    names = [label.mapRectToScene(label.boundingRect()) for label in view.line_labels]
    assert not any(a.intersects(b) for a, b in itertools.combinations(names, 2))  # the synthetic lines end together


# --- contrast ---------------------------------------------------------------------------------------------------------
def test_every_colour_pair_the_theme_declares_has_wcag_contrast():
    low = {}
    for name, colour in style.COLOURS.items():
        for surface in colour.on:
            needed = style.NEEDED[colour.use]
            ratio = contrast(colour.value, style.COLOURS[surface].value)
            if ratio < needed:
                low[f"{name} on {surface}"] = f"{ratio:.2f} < {needed}"
    assert low == {}
    assert {c.use for c in style.COLOURS.values()} <= {*style.NEEDED, "surface", "decoration"}


def test_colours_are_read_from_the_one_table():
    literal = re.compile(r"#[0-9A-Fa-f]{6}\b|\b(?:white|black)\b(?=[;\"'])")
    found = [f"{path.relative_to(SRC)}:{n}" for path in SRC.rglob("*.py") if path.name != "style.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if literal.search(line.split("  #")[0])]
    assert found == []


def test_qt_s_own_widgets_and_the_charts_draw_in_the_declared_colours(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    search = window.kommune_list.search
    assert search.palette().color(QPalette.ColorRole.PlaceholderText) == QColor(style.MUTED)
    assert contrast(search.palette().color(QPalette.ColorRole.PlaceholderText),
                    search.palette().color(QPalette.ColorRole.Base)) >= 4.5
    chart = window.topics.dwellings.chart
    axis = chart.getPlotItem().getAxis("bottom")
    assert contrast(axis.pen().color(), style.BACKGROUND) >= 3.0
    assert all(contrast(colour, style.BACKGROUND) >= 3.0 for colour in window.topics.dwellings.colours)


@pytest.fixture
def dst_figures(bank):  # noqa: F811 (bank: the local server's fixture)
    """Danmarks Statistik's figures, SYNTHETIC, fetched from the local stand-in server."""
    from almen_gui.model import load_kommuner
    from almen_gui.model.dst_cache import update_dst_cache
    from almen_gui.model.statbank import StatbankClient

    with StatbankClient() as client:
        figures, _ = update_dst_cache(client, load_kommuner())
    return figures

