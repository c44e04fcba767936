"""The widgets that are fed by hand rather than by the state, each built alone (no window): a bar chart, the figure
drop-down, the eliding label, the dialogs, the export dialogs and the kiosk's view, panels and window. Each is given
a little data and checked for what a user sees: texts, what is drawn, pixels, files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QApplication
from qt_helpers import drawn_texts, tick_labels

from almen_gui.factsheet import style
from almen_gui.model.formatting import MISSING


def _shown(qtbot, widget, width=600, height=400):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _colours(image) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}


def test_a_bar_chart_labels_each_bar_and_leaves_a_missing_one_out(qtbot):
    from almen_gui.qt.charts.bar_chart import BarChart

    chart = _shown(qtbot, BarChart(3))
    chart.set_bars(["Unge", "Familie", "Ældre"], [120.0, None, 0.0], ["120", MISSING, "0"],
                   [style.PRIMARY, style.PRIMARY, style.ACCENT])
    assert [label.textItem.toPlainText() for label in chart.labels] == ["120", MISSING, "0"]
    categories = chart.getPlotItem().getAxis("bottom")
    qtbot.waitUntil(lambda: tick_labels(categories) == ["Unge", "Familie", "Ældre"])
    colours = _colours(chart.grab().toImage())
    assert QColor(style.PRIMARY).name() in colours  # the one real bar; the 0 and the missing one draw none
    assert QColor(style.ACCENT).name() not in colours


def test_a_ranking_bar_chart_puts_the_largest_on_top_and_highlights_one(qtbot):
    from almen_gui.qt.charts.bar_chart import BarChart

    chart = _shown(qtbot, BarChart(5, horizontal=True))
    chart.set_bars(["1. Aarhus", "2. Odense", "3. Glostrup"], [300.0, 200.0, 100.0], ["300", "200", "100"],
                   [style.PRIMARY, style.PRIMARY, style.ACCENT])
    names = chart.getPlotItem().getAxis("left")
    qtbot.waitUntil(lambda: tick_labels(names) == ["1. Aarhus", "2. Odense", "3. Glostrup"])  # top to bottom
    assert [label.textItem.toPlainText() for label in chart.labels if label.isVisible()] == ["300", "200", "100"]
    image = chart.grab().toImage()
    accent = QColor(style.ACCENT).name()
    rows = [y for y in range(image.height()) if any(image.pixelColor(x, y).name() == accent
                                                    for x in range(0, image.width(), 2))]
    assert rows and min(rows) > image.height() / 2  # the highlighted bar is the lowest


def test_the_figure_choice_offers_the_dataset_s_comparable_figures_and_keeps_a_choice(qtbot, bundled,
                                                                                     synthetic_dataset):
    from almen_gui.qt.common.plotting import FigureChoice

    choice = FigureChoice("Tal", fixed=(("Region", "region"),))
    qtbot.addWidget(choice)
    choice.set_dataset(bundled)
    texts = [choice.itemText(i) for i in range(choice.count())]
    assert texts[:3] == ["Region", "Beboere i almene boliger (2024)", "Almene boliger i alt (2024; almen-guis sum)"]
    assert texts[-1] == "Renovering med støtte fra Landsbyggefonden (2021–2023)"  # a period, never "2.021"
    assert len(texts) == 1 + len(bundled.metadata.comparable_fields)
    assert not any("igangsat" in text.lower() for text in texts)  # three years of started construction: not ranked
    choice.setCurrentIndex(choice.findData("familieboliger"))
    shown = choice.currentText()
    choice.set_dataset(synthetic_dataset)  # a new dataset with the same figure: the choice stays
    assert choice.currentText() == shown and choice.current_field() == "familieboliger"


def test_the_figure_choice_shortens_a_long_entry_with_an_ellipsis_and_tells_it_whole_on_hover(qtbot, bundled):
    from almen_gui.qt.common.plotting import FigureChoice

    choice = FigureChoice("Farve efter", mappable=True)
    choice.set_dataset(bundled)
    choice.setCurrentIndex(choice.findData("andel_af_boligmassen_pct"))
    whole = "Almene boligers andel af boligmassen (2024)"
    _shown(qtbot, choice, width=200, height=30)
    drawn = drawn_texts(lambda painter: choice.render(painter, QPoint()))
    assert len(drawn) == 1 and drawn[0].endswith("…") and whole.startswith(drawn[0][:-1])  # shortened, not cut off
    assert choice.toolTip() == whole
    choice.resize(500, 30)
    qtbot.waitUntil(lambda: choice.width() == 500)
    assert drawn_texts(lambda painter: choice.render(painter, QPoint())) == [whole] and choice.toolTip() == ""


def test_the_map_s_legend_scrolls_to_its_end_when_the_tab_is_low(qtbot, bundled):
    from PySide6.QtWidgets import QScrollArea

    from almen_gui.qt.map.view import MapView
    from almen_gui.qt.common.state import AppState

    view = _shown(qtbot, MapView(AppState(bundled)), width=600, height=400)  # coloured by region: five regions
    legend = view.findChild(QScrollArea)
    assert "Nordjylland" in view.legend.text()
    qtbot.waitUntil(lambda: legend.verticalScrollBar().maximum() == 0)  # room for every line
    view.resize(600, 130)  # a low tab at 200 %
    qtbot.waitUntil(lambda: legend.verticalScrollBar().maximum() > 0)
    legend.verticalScrollBar().setValue(legend.verticalScrollBar().maximum())
    last = view.legend.mapTo(legend.viewport(), QPoint(0, view.legend.height()))
    assert last.y() <= legend.viewport().height()  # its last line can be scrolled into view


def test_the_eliding_label_draws_its_text_shortened_and_tells_the_whole_in_its_tooltip(qtbot):
    from almen_gui.qt.common.elided_label import ElidedLabel

    text = "Medfølgende data: BL's faktaark for Glostrup Kommune, 2024"
    label = _shown(qtbot, ElidedLabel(text), width=600, height=30)
    assert drawn_texts(lambda painter: label.render(painter, QPoint())) == [text] and label.toolTip() == ""
    label.resize(120, 30)
    qtbot.waitUntil(lambda: label.width() == 120)
    drawn = drawn_texts(lambda painter: label.render(painter, QPoint()))
    assert len(drawn) == 1 and drawn[0].endswith("…") and text.startswith(drawn[0][:-1])
    assert label.toolTip() == text and label.text() == text


def test_the_text_dialog_copies_its_details_and_closes_on_luk(qtbot):
    from PySide6.QtWidgets import QPushButton

    from almen_gui.qt.common.dialogs import TextDialog

    dialog = _shown(qtbot, TextDialog("Problemer", "Filen kan ikke bruges.", "linje 3: ukendt kommune «Xby»",
                                      copy_button=True), 640, 420)
    assert dialog.windowTitle() == "Problemer" and dialog.heading.text() == "Filen kan ikke bruges."
    buttons = {button.text(): button for button in dialog.findChildren(QPushButton)}
    assert set(buttons) == {"Kopiér detaljer", "Luk"}
    QApplication.clipboard().clear()
    qtbot.mouseClick(buttons["Kopiér detaljer"], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "linje 3: ukendt kommune «Xby»"
    qtbot.mouseClick(buttons["Luk"], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_the_crash_dialog_says_where_the_log_is(qtbot, tmp_path):
    from almen_gui.qt.common.dialogs import CrashDialog

    log = tmp_path / "almen-gui.log"
    dialog = _shown(qtbot, CrashDialog("Traceback (most recent call last): …", log), 640, 420)
    assert "Der opstod en uventet fejl" in dialog.heading.text() and str(log) in dialog.heading.text()
    assert dialog.details.toPlainText().startswith("Traceback")  # the details are for a bug report


def test_the_export_dialog_alone_writes_the_sheet_it_previews(qtbot, tmp_path, bundled):
    from almen_gui.factsheet.build import build_spec
    from almen_gui.qt.export.dialog import ExportDialog

    dialog = _shown(qtbot, ExportDialog(build_spec(bundled, 161), "Glostrup"), 900, 600)
    assert dialog.windowTitle() == "Eksportér faktaark – Glostrup Kommune"
    assert not dialog.preview.pixmap().isNull()
    assert not dialog.allow_incomplete.isVisible() and dialog.save_button.isEnabled()
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findText("PDF", Qt.MatchFlag.MatchContains))
    target = tmp_path / "glostrup.pdf"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF-")
    assert dialog.summary == f"Faktaark gemt: {target}" and not dialog.isVisible()


def test_the_export_dialog_alone_asks_before_an_incomplete_sheet(qtbot, bundled):
    from almen_gui.factsheet.build import build_spec
    from almen_gui.qt.export.dialog import ExportDialog

    dialog = _shown(qtbot, ExportDialog(build_spec(bundled, 751), "Aarhus"), 900, 600)
    assert dialog.missing_label.isVisible() and "Aarhus" in dialog.missing_label.text()
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.allow_incomplete, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("sources, says, can_export", [
    (["bl"] + ["dst"] * 97, "98 kommuner har et komplet faktaark: 1 på BL's tal og 97 på Danmarks Statistiks tal.",
     True),
    (["bl"] + [None] * 97, "1 kommune har et komplet faktaark: 1 på BL's tal.", True),
    ([None] * 98, "Ingen kommuner har et komplet faktaark.", False)])
def test_the_export_all_dialog_alone_counts_the_sheets_by_source(qtbot, tmp_path, sources, says, can_export):
    from almen_gui.qt.export.all_dialog import ExportAllDialog

    dialog = _shown(qtbot, ExportAllDialog(tmp_path, sources), 500, 300)
    assert dialog.count_label.text() == says
    assert dialog.save_button.isEnabled() == can_export
    assert dialog.folder == tmp_path


def test_the_kiosk_picker_alone_offers_its_kommuner_and_says_which_was_picked(qtbot):
    from almen_gui.qt.kiosk.panels import KommunePicker

    picker = _shown(qtbot, KommunePicker(), 700, 700)
    picker.set_kommuner([(161, "Glostrup"), (751, "Aarhus")])
    assert [picker.list.item(i).text() for i in range(picker.list.count())] == ["Glostrup", "Aarhus"]
    aarhus = picker.list.visualItemRect(picker.list.item(1)).center()
    with qtbot.waitSignal(picker.picked) as picked:
        qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=aarhus)
    assert picked.args == [751] and not picker.isVisible()


def test_the_pin_panel_alone_accepts_the_right_pin_and_locks_after_a_wrong_one(qtbot):
    from almen_gui.qt.kiosk.loop import PinGuard
    from almen_gui.qt.kiosk.panels import PinPanel

    panel = _shown(qtbot, PinPanel(PinGuard("2468")), 500, 600)

    def press(keys: str) -> None:
        for key in keys:
            qtbot.mouseClick(panel.buttons[key], Qt.MouseButton.LeftButton)

    press("1111")
    assert panel.edit.text() == "1111"
    press(["OK"])
    assert panel.message.text() == "Forkert PIN. Prøv igen om 1 sekund."
    assert not panel.buttons["OK"].isEnabled() and not panel.edit.isEnabled()
    qtbot.waitUntil(lambda: panel.buttons["OK"].isEnabled(), timeout=5000)  # the delay ends on its own
    with qtbot.waitSignal(panel.accepted):
        press("2468")
        press(["OK"])
    assert not panel.isVisible() and panel.edit.text() == ""


def test_the_kiosk_view_alone_paints_its_page_with_the_progress_line_and_the_shift(qtbot):
    from almen_gui.qt.kiosk.view import PROGRESS_PX, KioskView

    view = _shown(qtbot, KioskView(), 400, 300)
    page = QPixmap(400, 300)
    page.fill(QColor("#123456"))
    view.set_page(page, animate=False)
    view.set_progress(0.5)
    image = view.grab().toImage()
    assert image.pixelColor(200, 100).name() == "#123456"
    bottom = image.height() - PROGRESS_PX // 2
    assert image.pixelColor(100, bottom).name() == QColor(style.ACCENT).name()  # half the line: half the page's time
    assert image.pixelColor(300, bottom).name() == "#123456"
    view.set_shift(QPoint(4, 3))  # against burn-in: the page moves, the background shows at its edge
    image = view.grab().toImage()
    assert image.pixelColor(1, 1).name() == QColor(style.BACKGROUND).name()
    assert image.pixelColor(10, 10).name() == "#123456"


def test_the_kiosk_window_alone_shows_its_controls_and_cannot_be_closed(qtbot):
    from almen_gui.qt.kiosk.config import KioskConfig
    from almen_gui.qt.kiosk.window import KioskWindow

    window = _shown(qtbot, KioskWindow(KioskConfig()), 1366, 768)
    assert [window.previous_button.text(), window.pick_button.text(), window.next_button.text()] == \
        ["‹", "Vælg kommune", "›"]
    assert window.pick_button.isVisible() and not window.picker.isVisible() and not window.pin_panel.isVisible()
    window.set_kommuner([(161, "Glostrup"), (751, "Aarhus")])
    window.open_picker()
    assert window.picker.isVisible()
    glostrup = window.picker_list.visualItemRect(window.picker_list.item(0)).center()
    with qtbot.waitSignal(window.kommune_picked) as picked:
        qtbot.mouseClick(window.picker_list.viewport(), Qt.MouseButton.LeftButton, pos=glostrup)
    assert picked.args == [161] and not window.picker.isVisible()
    window.close()  # Alt+F4 or the window manager: a kiosk stays
    assert window.isVisible()
    with qtbot.waitSignal(window.exit_requested):
        window.leave()  # what the admin chord (and PIN) does
    assert not window.isVisible()


def test_an_absent_line_alone_says_its_sentence_and_offers_its_button(qtbot):
    from almen_gui.qt.window.topic_page import AbsentLine

    line = _shown(qtbot, AbsentLine("Hent tal fra Danmarks Statistik…", "Hent tal fra Danmarks Statistik"), 500, 80)
    line.text.setText("Danmarks Statistik har påbegyndte almene boliger pr. år for hver kommune; tallene er ikke "
                      "hentet endnu.")
    drawn = " ".join(drawn_texts(lambda painter: line.render(painter, QPoint())))
    assert drawn.startswith("Danmarks Statistik har påbegyndte")
    assert drawn.endswith("Hent tal fra Danmarks Statistik…")
    assert line.button.accessibleName() == "Hent tal fra Danmarks Statistik"
    with qtbot.waitSignal(line.button.clicked):
        qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
