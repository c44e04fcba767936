"""The main window, built around the bundled and a synthetic dataset; we change the state and check what shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from almen_gui.factsheet import style
from qt_helpers import (
    all_cards,
    axis_labels_cut_by_the_edge,
    card_texts,
    cards_cut_off,
    make_window,
    open_tab,
    page_text,
    ranking_names,
    tick_labels,
)


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


def test_glostrup_figures_are_shown(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    cards = card_texts(window)
    assert cards["beboere"] == "7.900"
    assert cards["familieboliger"] == "4.451"
    assert cards["boliger_i_alt"] == "4.614"
    assert cards["andel_af_boligmassen_pct"] == "40 pct."
    assert cards["huslejeomsaetning_mio_kr"] == "333 mio. kr."
    assert cards["igangsat_familieboliger"] == "0"  # a real zero
    assert window.heading.title.text() == "Glostrup Kommune"
    assert not any(page.bl_absent.isVisibleTo(page) for page in window.topics.pages.values())
    assert "BL's egne beregninger" in all_cards(window)["beboere"].toolTip()
    assert "Medfølgende data" in window.dataset_label.text()


def test_charts_show_glostrup(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    dwellings = window.topics.dwellings.chart
    assert list(dwellings.bars.opts["height"]) == [73, 4451, 90]
    assert [label.textItem.toPlainText() for label in dwellings.labels] == ["73", "4.451", "90"]
    open_tab(qtbot, window.topics, "Byggeri")
    construction = window.topics.construction.chart
    assert construction.message.isVisible()
    assert construction.message.textItem.toPlainText() == "ingen igangsatte byggerier"
    ticks = dwellings.getPlotItem().getAxis("left").tickStrings([0, 2000, 4000], 1, 2000)
    assert ticks == ["0", "2.000", "4.000"]
    assert not dwellings.getPlotItem().getViewBox().state["mouseEnabled"][0]


def test_a_kommune_without_data_says_so_and_shows_no_zeros(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    window.state.set_kommune(751)
    assert window.heading.title.text() == "Aarhus Kommune"
    for title in ("Boliger", "Byggeri", "Økonomi"):  # one line each; no card or chart full of "ikke oplyst"
        page = open_tab(qtbot, window.topics, title)
        assert page.bl_absent.isVisible() and page.bl_absent.button.isVisible()
        assert "men der er ingen tal for Aarhus Kommune" in page.bl_absent.text.text()
        assert not page.bl.isVisible() and not page.bl.chart.isVisible()
        assert "0" not in page_text(page).split()
    assert set(card_texts(window).values()) == {"ikke oplyst"}  # behind the line, never 0
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    assert "Aarhus: ikke oplyst" in comparison.summary.text()


def test_search_ignores_case_and_accents_and_enter_selects(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    kommune_list = window.kommune_list
    qtbot.keyClicks(kommune_list.search, "hoje")
    assert kommune_list.visible_names() == ["Høje-Taastrup"]
    qtbot.keyClick(kommune_list.search, Qt.Key.Key_Return)
    assert window.state.kode == 169
    assert window.heading.title.text() == "Høje-Taastrup Kommune"


def test_a_search_that_finds_nothing_says_so(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    kommune_list = window.kommune_list
    assert not kommune_list.no_match.isVisible()
    qtbot.keyClicks(kommune_list.search, "xyz")
    assert kommune_list.visible_names() == []
    assert kommune_list.no_match.isVisible() and kommune_list.no_match.text() == "Ingen kommune passer til «xyz»."
    qtbot.keyClick(kommune_list.search, Qt.Key.Key_Return)  # nothing to choose: the kommune stays
    assert window.state.kode == 161
    kommune_list.search.clear()
    assert not kommune_list.no_match.isVisible() and len(kommune_list.visible_names()) == 98


def test_ctrl_f_focuses_search_and_arrows_move_through_the_list(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.kommune_list.view.setFocus()
    assert not window.kommune_list.search.hasFocus()
    qtbot.keyClick(window.kommune_list.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.kommune_list.search.hasFocus()
    window.kommune_list.view.setFocus()
    before = window.state.kode
    qtbot.keyClick(window.kommune_list.view, Qt.Key.Key_Down)
    assert window.state.kode != before


def test_region_filter(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    window.kommune_list.region.setCurrentText("Region Nordjylland")
    assert len(window.kommune_list.visible_names()) == 11


def test_complete_dataset_ranks_all_kommuner_and_highlights_the_selected(qtbot, settings_file, synthetic_dataset):
    window = make_window(qtbot, settings_file, synthetic_dataset, kode=751)
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    comparison.set_field("beboere")
    place = synthetic_dataset.rank(751, "beboere")
    assert place.among == 98
    assert f"Aarhus er {place.text} kommuner" in comparison.summary.text()
    chart = comparison.chart
    names = ranking_names(qtbot, chart)  # as many bars as can be read, each named
    brushes = chart.bars.opts["brushes"]
    highlighted = [i for i, b in enumerate(brushes) if b.color().name() == style.ACCENT.lower()]
    assert len(highlighted) == 1
    assert names[0].startswith("1. ") and f"{place.number}. Aarhus" in names  # the selected kommune kept in view


def test_comparison_reads_well_with_one_kommune(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    comparison.set_field("familieboliger")
    assert comparison.summary.text() == ("Glostrup er den eneste kommune med tallet "
                                         "(de øvrige 97 har det ikke oplyst).")
    assert list(comparison.chart.bars.opts["width"]) == [4451]


def test_settings_round_trip(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    window.state.set_kommune(101)
    window.topics.comparison.set_field("familieboliger")
    window.resize(1100, 780)
    window.close()
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert int(settings.value("kommune")) == 101
    assert settings.value("comparison_field") == "familieboliger"
    from almen_gui.qt.common.settings import Settings

    restored = Settings(settings)
    assert restored.get("kommune") == 101
    again = make_window(qtbot, settings_file, kode=restored.get("kommune"))
    assert again.heading.title.text() == "Københavns Kommune"
    assert again.topics.comparison.current_field() == "familieboliger"
    assert not settings.value("geometry").isEmpty()


def test_corrupt_settings_fall_back_to_defaults(qtbot, settings_file):
    settings_file.write_bytes(b"\x00\xff[General]\nkommune=not-a-number\ngeometry=@ByteArray(garbage\nsplitter=5\n")
    from almen_gui.qt.common.settings import Settings

    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert settings.get("kommune") == 161
    window = make_window(qtbot, settings_file)
    assert window.isVisible()


def test_open_main_window_on_a_named_kommune(qtbot, tmp_path):
    from almen_gui.qt.start.app import create_application, open_main_window
    from almen_gui.qt.common.settings import Settings

    create_application()
    window = open_main_window(kommune="0101", settings=Settings(QSettings(str(tmp_path / "s.ini"),
                                                                          QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    assert window.state.kode == 101
    assert window.kommune_list.current_kode() == 101


def test_open_main_window_on_an_unknown_kommune_says_so_in_the_window(qtbot, tmp_path, capsys):
    from almen_gui.qt.start.app import create_application, open_main_window
    from almen_gui.qt.common.settings import Settings

    create_application()
    window = open_main_window(kommune="Glostrop", settings=Settings(QSettings(str(tmp_path / "s.ini"),
                                                                              QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    assert window.state.kode == 161
    qtbot.waitUntil(lambda: window.tell.message_box.isVisible())  # a start without a console has no stderr to read
    assert window.tell.message_box.text() == "Ukendt kommune: 'Glostrop'. Mente du Glostrup? Vinduet viser Glostrup."
    assert "Mente du Glostrup?" in capsys.readouterr().err


def test_menus_are_danish(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Fil", "&Vis", "&Hjælp"]
    assert window.menus.actions["quit"].shortcut().toString() == "Ctrl+Q"
    assert window.menus.actions["fullscreen"].shortcut().toString() == "F11"


def test_hidden_chart_tabs_catch_up_when_opened(qtbot, settings_file, synthetic_dataset):
    window = make_window(qtbot, settings_file, synthetic_dataset)
    window.state.set_kommune(751)
    open_tab(qtbot, window.topics, "Økonomi")
    economy = window.topics.economy
    expected = [synthetic_dataset.value(751, n) for n in ("huslejeomsaetning_mio_kr", "lokal_omsaetning_mio_kr",
                                                           "renovering_lbf_mio_kr")]
    assert list(economy.chart.bars.opts["height"]) == expected
    assert economy.chart.labels[0].textItem.toPlainText().endswith("mio. kr.")
    assert economy.title.text() == "Økonomi"  # its figures have different periods; each bar says its own
    categories = economy.chart.getPlotItem().getAxis("bottom")
    qtbot.waitUntil(lambda: len(tick_labels(categories)) == 3)
    assert tick_labels(categories) == ["Huslejeomsætning, 2023", "Lokal omsætning",
                                       "Renovering (LBF), 2021–2023"]


def test_comparison_counts_in_danish_singular_and_plural(qtbot, settings_file, tmp_path):
    from almen_gui.model import load_dataset
    from synthetic import write_synthetic_csv

    three = load_dataset(write_synthetic_csv(tmp_path / "syntetisk-tre.csv", [101, 161, 751]))
    window = make_window(qtbot, settings_file, three, kode=751)
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    comparison.set_field("beboere")
    assert comparison.summary.text() == "Aarhus er nr. 1 af 3 kommuner med tallet (de øvrige 95 har det ikke oplyst)."
    almost = load_dataset(write_synthetic_csv(tmp_path / "syntetisk-97.csv",
                                              [k.kode for k in three.kommuner if k.kode != 101]))
    window.state.set_dataset(almost)
    assert comparison.summary.text().endswith("af 97 kommuner med tallet (den sidste kommune har det ikke oplyst).")


def _texts_of_modal_dialog_opened_by(qtbot, action) -> list[str]:
    """Trigger `action`, read the labels and buttons of the modal dialog it opens, and close that dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts: list[str] = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not open yet: look again once the dialog's event loop runs
            QTimer.singleShot(10, read_and_close)
            return
        texts.extend(w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    action.trigger()
    return [t.replace("&", "") for t in texts if t]


def test_file_and_print_dialogs_speak_danish(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    file_dialog = _texts_of_modal_dialog_opened_by(qtbot, window.menus.actions["open"])
    for danish in ("Kig i:", "Filnavn:", "Filer af type:", "Annuller"):
        assert danish in file_dialog
    for english in ("Look in:", "File name:", "Files of type:", "Cancel"):
        assert english not in file_dialog
    print_dialog = _texts_of_modal_dialog_opened_by(qtbot, window.menus.actions["print"])
    assert "Annuller" in print_dialog and "Cancel" not in print_dialog


def _value_axis(chart):
    return chart.getPlotItem().getAxis("bottom" if chart.horizontal else "left")


def _drawn_value_ticks(chart) -> list[str]:
    """The tick labels the chart's value axis draws now, in the order drawn."""
    from PySide6.QtGui import QImage, QPainter

    chart.getPlotItem().layout.activate()
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = _value_axis(chart).generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]]


def test_construction_chart_counts_in_whole_dwellings_when_all_are_zero(qtbot, settings_file):
    window = make_window(qtbot, settings_file)  # Glostrup: 0 started in every type, a real zero
    open_tab(qtbot, window.topics, "Byggeri")
    chart = window.topics.construction.chart
    low, high = chart.getPlotItem().getViewBox().viewRange()[1]
    assert low == 0 and 1 <= high < 2
    assert _drawn_value_ticks(chart) == ["0", "1"]
    assert _value_axis(chart).label.toPlainText().strip() == "boliger"


def test_comparison_axis_starts_at_zero_and_economy_axis_has_its_unit(qtbot, settings_file, synthetic_dataset):
    window = make_window(qtbot, settings_file, synthetic_dataset)
    open_tab(qtbot, window.topics, "Sammenligning")
    chart = window.topics.comparison.chart
    assert chart.getPlotItem().getViewBox().viewRange()[0][0] == 0
    assert _drawn_value_ticks(chart)[0] == "0"
    assert _value_axis(chart).label.toPlainText().strip() == "personer"
    open_tab(qtbot, window.topics, "Økonomi")
    economy = window.topics.economy.chart
    assert _value_axis(economy).label.isVisible()
    assert _value_axis(economy).label.toPlainText().strip() == "mio. kr."


def test_kommune_list_has_region_headings_that_the_arrow_keys_pass_by(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    kommune_list = window.kommune_list
    shown = [kommune_list.proxy.index(r, 0) for r in range(kommune_list.proxy.rowCount())]
    headings = [index.data() for index in shown if not index.flags() & Qt.ItemFlag.ItemIsSelectable]
    assert headings == ["Region Hovedstaden", "Region Midtjylland", "Region Nordjylland", "Region Sjælland",
                        "Region Syddanmark"]
    assert [index.data() for index in shown[:2]] == ["Region Hovedstaden", "Albertslund"]
    window.state.set_kommune(187)  # Vallensbæk, the last in Region Hovedstaden
    kommune_list.view.setFocus()
    qtbot.keyClick(kommune_list.view, Qt.Key.Key_Down)
    assert window.heading.title.text() == "Aarhus Kommune"  # the first in Region Midtjylland


def test_search_puts_names_that_start_with_it_first_and_reads_aa_as_typed(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    kommune_list = window.kommune_list
    listed = kommune_list.visible_names()
    qtbot.keyClicks(kommune_list.search, "aar")
    names = kommune_list.visible_names()
    assert names[0] == "Aarhus" and "Lyngby-Taarbæk" in names
    assert "Middelfart" not in names and "Ærø" not in names
    qtbot.keyClick(kommune_list.search, Qt.Key.Key_Return)
    assert window.heading.title.text() == "Aarhus Kommune"
    kommune_list.search.clear()
    qtbot.keyClicks(kommune_list.search, "taa")
    assert kommune_list.visible_names() == ["Tårnby", "Høje-Taastrup", "Lyngby-Taarbæk"]
    kommune_list.search.clear()
    assert kommune_list.visible_names() == listed  # the list's own order again: by region, then by name


def test_selected_kommune_keeps_a_visible_dot_and_the_legend_explains_every_dot(qtbot, settings_file):
    from PySide6.QtGui import QColor

    window = make_window(qtbot, settings_file)  # Glostrup, complete: a dot in the house colour
    view = window.kommune_list.view
    row = view.visualRect(view.currentIndex())
    image = view.viewport().grab().toImage()
    selection = QColor(style.PRIMARY)
    light = [(x, y) for x in range(row.left(), row.left() + row.height()) for y in range(row.top(), row.bottom())
             if QColor(image.pixel(x, y)).lightness() > selection.lightness() + 100]
    assert len(light) > 20  # the dot stands out from the selected row's background
    legend = window.kommune_list.legend.text()
    for colour, meaning in ((style.PRIMARY, "BL's&nbsp;faktaark"), (style.ACCENT, "nogle"), ("○", "ingen"),
                            (style.PRIMARY_LIGHT, "Danmarks&nbsp;Statistik")):
        assert colour in legend and meaning in legend


def test_dense_cards_shorten_their_titles_so_that_they_can_still_be_told_apart(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    window.showNormal()
    window.resize(800, 500)  # 1600×1000 at 200 %: dense cards
    page = open_tab(qtbot, window.topics, "Byggeri")
    qtbot.waitUntil(lambda: window.size().width() == 800 and page.bl.dense and not cards_cut_off(page))
    cards = page.bl.cards
    shown = [cards[name].title.shown_text() for name in ("igangsat_ungdomsboliger", "igangsat_familieboliger",
                                                          "igangsat_aeldreboliger")]
    assert len(set(shown)) == 3 and all(text.startswith("Igangsatte ") for text in shown), shown


@pytest.mark.parametrize("width, height", [(1366, 768), (1280, 860), (1024, 600), (911, 512)])
def test_every_chart_draws_its_axis_values_whole(qtbot, settings_file, width, height):
    from almen_gui.qt.charts.bar_chart import BarChart

    window = make_window(qtbot, settings_file)
    window.showNormal()
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().width() == width)
    for title in ("Boliger", "Byggeri", "Økonomi", "Sammenligning"):
        page = open_tab(qtbot, window.topics, title)
        chart = page.findChild(BarChart)
        qtbot.waitUntil(lambda: chart.isVisible() and any(label.isVisible() for label in chart.labels))
        chart.getPlotItem().layout.activate()
        assert axis_labels_cut_by_the_edge(chart) == [], title


def test_status_bar_shortens_the_dataset_line_and_tells_it_whole_on_hover(qtbot, settings_file):
    window = make_window(qtbot, settings_file)
    window.resize(800, 500)
    label = window.dataset_label
    qtbot.waitUntil(lambda: label.width() < 800)
    whole = label.text()
    assert whole.startswith("Datasæt: Medfølgende data") and whole.endswith("registerdata")
    assert label.shown_text().endswith("…") and len(label.shown_text()) < len(whole)
    assert label.toolTip() == whole
    assert window.width() == 800  # the long line does not widen the window
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: label.width() > 800)
    assert label.shown_text() == whole and label.toolTip() == ""
