"""Danmarks Statistik's figures in the window: the stats panel's own group, the Udvikling tab and Fil → Eksportér
tabel…, fetched through the menu from a local server in DST's formats with synthetic numbers (tests/dst_server.py)."""

import csv
import json
import math
import re

import openpyxl
import pytest
from dst_server import (  # noqa: F401  (bank is a fixture)
    UNPUBLISHED_STARTED,
    bank,
    expected_almene,
    expected_share,
    expected_started,
)
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from qt_helpers import card_texts, make_window, open_tab

from almen_gui.model.dst_cache import cache_path
from almen_gui.model.formatting import format_number

AARHUS, GLOSTRUP, LAESOE = 751, 161, int(UNPUBLISHED_STARTED)


def _fetch_from_menu(qtbot, window) -> str:
    window.menus.actions["dst_fetch"].trigger()
    with qtbot.waitSignal(window.dst_fetch.finished, timeout=20_000) as blocker:
        pass
    qtbot.waitUntil(lambda: window.state.dst is not None)
    return blocker.args[0]


def _dst_cards(qtbot, window) -> dict[str, str]:
    """Danmarks Statistik's cards shown on the topics, by title, read on their topic's tab as a user opens it."""
    cards = {}
    for title in ("Boliger", "Byggeri"):
        page = open_tab(qtbot, window.topics, title)
        cards.update({card.measure.title: card for card in page.dst.cards.values() if card.isVisible()})
    return cards


def _history(qtbot, window):
    open_tab(qtbot, window.topics, "Udvikling")
    history = window.topics.history
    qtbot.waitUntil(history.isVisible)
    return history


def test_the_menu_fetch_shows_dst_figures_under_their_own_name_with_year_and_source(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    page = window.topics.pages["boliger"]
    assert not page.dst.isVisible() and page.dst_absent.isVisible() and not window.dst_label.isVisible()
    _fetch_from_menu(qtbot, window)
    qtbot.waitUntil(page.dst.isVisible)
    cards = _dst_cards(qtbot, window)
    assert list(cards) == ["Boliger ejet af almene boligselskaber", "Almen andel af alle boliger",
                           "Påbegyndte almene boliger"]
    count, share, started = cards.values()
    assert count.value.text() == format_number(expected_almene("751", 2026)) == "1.784"
    assert share.value.text() == f"{format_number(round(expected_share('751', 2026), 1))} pct." == "10,2 pct."
    assert started.value.text() == str(expected_started("751"))
    # 2025's started construction is within DST's latest 1½ years, which DST will revise: foreløbig
    assert count.detail.text() == "2026 · BOL101" and started.detail.text() == "2025, foreløbig · BYGV33"
    assert share.detail.text() == "2026 · almen-guis beregning, BOL101"  # DST publishes no share: almen-gui's
    assert "Kilde: Danmarks Statistik, BOL101 (CC BY 4.0)" in count.toolTip()
    assert "2.026" not in count.toolTip() + count.detail.text()
    assert page.dst.source.text().startswith("Kilde: Danmarks Statistik, BOL101 · CC BY 4.0 · hentet ")
    assert window.topics.pages["byggeri"].dst.source.text().startswith("Kilde: Danmarks Statistik, BYGV33 · ")
    # Aarhus has no BL figures: BL's cards stay hidden behind one line, and DST's never take their place
    assert page.bl_absent.isVisibleTo(page) and not page.bl.isVisibleTo(page) and not page.dst_absent.isVisibleTo(page)
    assert window.dst_label.isVisible() and window.dst_label.text().startswith("Danmarks Statistiks tal hentet ")


def test_glostrup_shows_bl_and_dst_figures_each_under_its_own_source(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=GLOSTRUP)
    page = window.topics.pages["boliger"]
    bl_before = page.cards["andel_af_boligmassen_pct"].value.text()
    assert bl_before.endswith(" pct.")
    _fetch_from_menu(qtbot, window)
    qtbot.waitUntil(page.dst.isVisible)
    assert page.cards["familieboliger"].value.text() == "4.451"  # BL's figure, untouched
    bl_share = page.cards["andel_af_boligmassen_pct"]
    assert "Kilde: BL's egne beregninger" in bl_share.toolTip() and "BOL101" not in bl_share.toolTip()
    assert bl_share.value.text() == bl_before
    cards = _dst_cards(qtbot, window)
    assert cards["Boliger ejet af almene boligselskaber"].value.text() == format_number(expected_almene("161", 2026))
    assert cards["Påbegyndte almene boliger"].value.text() == "0"  # a real 0 from DST stays 0


def test_a_started_construction_dst_does_not_publish_reads_ikke_oplyst(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=LAESOE)
    _fetch_from_menu(qtbot, window)
    card = _dst_cards(qtbot, window)["Påbegyndte almene boliger"]
    assert card.value.text() == "ikke oplyst"
    assert card.detail.text() == "Ikke oplyst af Danmarks Statistik (2025, foreløbig, BYGV33)"
    history = _history(qtbot, window)
    assert history.bars_message.isVisible() and history.bars_message.textItem.toPlainText() == "ikke oplyst for Læsø"
    assert "påbegyndt: ikke oplyst" in history.hover_text(2024)


def test_the_cache_is_read_at_start_and_the_footnotes_are_one_click_away(qtbot, tmp_path, bank):
    first = make_window(qtbot, tmp_path / "s.ini")
    _fetch_from_menu(qtbot, first)
    first.close()
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)  # a new start, with the cache from before
    page = window.topics.pages["boliger"]
    qtbot.waitUntil(page.dst.isVisible)
    assert window.dst_label.text().startswith("Danmarks Statistiks tal hentet ")
    qtbot.mouseClick(page.dst.footnotes_button, Qt.MouseButton.LeftButton)
    dialog = window.topics.footnotes_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.details.toPlainText()
    assert "The years 2021 and 2022 are closed" in text  # BOL101's mandatory footnote, as DST wrote it
    assert "1½ year" in text  # BYGV33's
    assert "ikke BL's faktaark-tal" in text and "CC BY 4.0" in text
    # dates in words, as the rest of the window writes them: never ISO, never through the number formatter
    assert "BOL101: " in text and "(opdateret 8. april 2026)" in text and "2026-04-08" not in text
    assert re.search(r"Hentet \d{1,2}\. [a-zæø]+ 20\d\d kl\. \d\d\.\d\d fra ", text), text
    assert re.fullmatch(r"Danmarks Statistiks tal hentet \d{1,2}\. [a-zæø]+ 20\d\d kl\. \d\d\.\d\d",
                        window.dst_label.text())


def test_without_a_cache_the_empty_state_offers_the_fetch_and_the_udvikling_tab_says_how(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    button = open_tab(qtbot, window.topics, "Boliger").dst_absent.button
    assert button.isVisible() and button.text() == "Hent tal fra Danmarks Statistik…"
    history = _history(qtbot, window)
    assert history.message.isVisible() and "Fil → Hent tal fra Danmarks Statistik…" in history.message.text()
    _fetch_from_menu(qtbot, window)
    qtbot.waitUntil(history.charts_page.isVisible)  # the visible tab follows the fetch at once
    open_tab(qtbot, window.topics, "Boliger")
    assert not button.isVisible()


def test_the_udvikling_tab_draws_kommune_region_and_country_with_a_gap_for_the_closed_years(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    window.resize(1366, 768)
    _fetch_from_menu(qtbot, window)
    history = _history(qtbot, window)
    assert [history.legend.text().count(marker) for marker in "●■▲"] == [1, 1, 1]  # the lines' own markers
    assert history.areas == ["Aarhus", "Region Midtjylland", "Hele landet"]
    x, y = history.lines[0].getOriginalDataset()
    assert list(x) == list(range(2010, 2027))
    shares = dict(zip(x, y))
    assert math.isnan(shares[2021]) and math.isnan(shares[2022])  # closed: a gap, nothing made up
    assert shares[2026] == pytest.approx(expected_share("751", 2026))
    assert all(line.opts["connect"] == "finite" for line in history.lines)
    assert "Ingen tal for 2021 og 2022" in history.source.text()
    bars = history.bars.opts
    assert list(bars["x"])[0] == 2010 and list(bars["height"])[-1] == expected_started("751")

    # hover over 2024 on the line chart: the year as a year, the values the Danish way
    box = history.lines_plot.getPlotItem().getViewBox()
    middle = box.mapViewToScene(QPointF(2024, sum(box.viewRange()[1]) / 2))
    at = QPointF(history.lines_plot.mapFromScene(middle))
    # The move as the viewport receives it from the window system (QTest's synthetic moves do not always reach a
    # graphics view on the offscreen platform), as the map's hover test does.
    viewport = history.lines_plot.viewport()
    QApplication.sendEvent(viewport, QMouseEvent(QEvent.Type.MouseMove, at, QPointF(viewport.mapToGlobal(at.toPoint())),
                                                 Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                 Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: history.hover.text().startswith("2024 · "))
    text = history.hover.text()
    assert f"Aarhus: {format_number(round(expected_share('751', 2024), 1))} pct." in text
    assert "2.024" not in text and "2021" not in text
    assert history.hover_text(2021).startswith("2021 · Aarhus: ikke oplyst")

    # the count, on the same items (built once), with Danish numbers on the axis
    lines, bars_item = list(history.lines), history.bars
    history.choice.setCurrentIndex(history.choice.findData("dst_almene_boliger"))
    assert history.lines == lines and history.bars is bars_item
    x, y = history.lines[0].getOriginalDataset()
    assert dict(zip(x, y))[2026] == expected_almene("751", 2026)
    assert history.hover_text(2026).startswith(f"2026 · Aarhus: {format_number(expected_almene('751', 2026))} ·")


def test_the_udvikling_tab_catches_up_when_shown_again(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    _fetch_from_menu(qtbot, window)
    history = _history(qtbot, window)
    open_tab(qtbot, window.topics, "Boliger")
    window.state.set_kommune(GLOSTRUP)
    assert history.areas[0] == "Aarhus"  # hidden: not redrawn on every switch
    open_tab(qtbot, window.topics, "Udvikling")
    qtbot.waitUntil(lambda: history.areas[:1] == ["Glostrup"])
    assert history.bars_message.textItem.toPlainText() == "ingen påbegyndte almene boliger"


@pytest.mark.parametrize("name", ["tal.csv", "tal.xlsx"])
def test_eksporter_tabel_writes_the_same_file_as_almen_table(qtbot, tmp_path, bank, monkeypatch, name):
    from almen_gui.cli import main

    window = make_window(qtbot, tmp_path / "s.ini")
    _fetch_from_menu(qtbot, window)
    target = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menus.actions["export_table"].trigger()
    assert target.is_file()
    assert window.statusBar().currentMessage() == f"Tabellen er gemt i {target}."
    reference = tmp_path / f"cli-{name}"
    assert main(["table", "--out", str(reference)]) == 0
    if name.endswith(".csv"):
        assert target.read_bytes() == reference.read_bytes()
        rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
        aarhus = next(r for r in rows if r[0] == "0751")
        assert "1.784" not in aarhus and "1784" in aarhus  # a spreadsheet's number, DST's 2026 count
        ours, theirs = (json.loads((tmp_path / f"{stem}.datapackage.json").read_text(encoding="utf-8"))
                        for stem in ("tal", "cli-tal"))
        assert ours["resources"][0]["schema"] == theirs["resources"][0]["schema"]  # the same columns, described alike
    else:
        for sheet in ("data", "beskrivelse"):
            ours = [list(r) for r in openpyxl.load_workbook(target)[sheet].iter_rows(values_only=True)]
            theirs = [list(r) for r in openpyxl.load_workbook(reference)[sheet].iter_rows(values_only=True)]
            assert ours == theirs
            assert sheet != "data" or "dst_almene_boliger" in ours[0]


def test_eksporter_tabel_to_a_bad_folder_is_one_message_and_no_file(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path / "s.ini")
    target = tmp_path / "findes-ikke" / "tal.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menus.actions["export_table"].trigger()
    box = window.tell.message_box
    qtbot.waitUntil(box.isVisible)
    assert box.icon() == QMessageBox.Icon.Warning and box.windowTitle() == "Tabellen blev ikke gemt"
    assert box.text() == f"Mappen {target.parent} findes ikke."
    assert not target.parent.exists()
    assert card_texts(window)["familieboliger"] == "4.451"  # the figures on screen stay


def test_a_name_typed_without_its_ending_gets_the_chosen_kind(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path / "s.ini")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "tal"), "CSV, semikolonsepareret (*.csv)"))
    window.menus.actions["export_table"].trigger()
    assert (tmp_path / "tal.csv").is_file()
    assert "Danmarks Statistiks er ikke hentet" in window.statusBar().currentMessage()


def test_a_damaged_cache_is_one_sentence_in_the_status_bar_and_the_window_works_as_before(qtbot, tmp_path):
    cache_path().parent.mkdir(parents=True)
    cache_path().write_text("{ikke json", encoding="utf-8")
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    qtbot.waitUntil(lambda: "kan ikke bruges" in window.statusBar().currentMessage())
    # the window points to its own menu item, not to the command line
    message = window.statusBar().currentMessage()
    assert "Fil → Hent tal fra Danmarks Statistik…" in message and "almen fetch" not in message
    page = open_tab(qtbot, window.topics, "Boliger")
    assert window.state.dst is None and not page.dst.isVisible() and page.dst_absent.button.isVisible()


def test_after_the_menu_fetch_the_exports_use_the_figures_the_window_shows(qtbot, tmp_path, bank):
    from test_window_export import pdf_texts

    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    window.menus.actions["export_all"].trigger()
    before = window.sheet_output.export_all_dialog
    qtbot.addWidget(before)
    assert before.count_label.text() == "1 kommune har et komplet faktaark: 1 på BL's tal."  # Glostrup
    before.reject()
    _fetch_from_menu(qtbot, window)
    cache_path().unlink()  # the state is the one source: a cache changed on disk since does not change the sheets
    window.menus.actions["export_all"].trigger()
    after = window.sheet_output.export_all_dialog
    qtbot.addWidget(after)
    assert after.count_label.text() == ("98 kommuner har et komplet faktaark: 1 på BL's tal og 97 på Danmarks "
                                        "Statistiks tal.")
    after.reject()
    window.menus.actions["export"].trigger()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    dialog.path_edit.setText(str(tmp_path / "aarhus.pdf"))
    assert not dialog.missing_label.isVisible()  # DST's figures make Aarhus's sheet complete
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = " ".join(pdf_texts(tmp_path / "aarhus.pdf"))
    assert format_number(expected_almene("751", 2026)) in text and "Danmarks Statistik" in text
