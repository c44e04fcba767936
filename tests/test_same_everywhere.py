"""Every figure the same everywhere: one value reads the same on a card, in the comparison, in the map's legend, in
`almen show` and in the table; kommuner whose figures read the same share a place, and a shared place says so.

Danmarks Statistik's figures come through the window's menu (or `almen fetch`) from a local server in DST's formats
with SYNTHETIC numbers (tests/dst_server.py); a test that needs a particular value sets that cell itself.
"""

from __future__ import annotations

import csv
import json

import pytest
from dst_server import bank, expected_almene, expected_share, expected_started  # noqa: F401 (bank: fixture)
from qt_helpers import make_window, open_tab, ranking_names
from test_kiosk import kiosk, page_texts  # noqa: F401 (kiosk: a fixture)

from almen_gui.cli import main
from almen_gui.model import load_bundled_dataset, load_kommuner
from almen_gui.model.dst import ALMENE, ANDEL, PAABEGYNDT
from almen_gui.model.dst_cache import update_dst_cache
from almen_gui.model.statbank import StatbankClient
from almen_gui.qt.common.state import AppState
from almen_gui.qt.kiosk.pages import KioskPages

AARHUS, RANDERS, KOEBENHAVN, BALLERUP = 751, 730, 101, 151


def _aarhus_share_just_under_30(table: str, cell: dict) -> str | None:
    """Aarhus's dwellings in 2026 made so few that the almene share is 1.784 / 5.951 = 29,978 pct.: "30 pct." shown,
    the largest share of all (the others are about 10 pct.)."""
    if (table, cell["OMRÅDE"], cell["TID"], cell.get("BEBO")) == ("BOL101", "751", "2026", "1000") \
            and "EJER" not in cell:
        return "5948"
    return None


def _fetch_from_menu(qtbot, window) -> None:
    window.menus.actions["dst_fetch"].trigger()
    with qtbot.waitSignal(window.dst_fetch.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window.state.dst is not None)


def _choose(choice, name: str) -> None:
    index = choice.findData(name)
    assert index >= 0, name
    choice.setCurrentIndex(index)


def _bar_texts(chart) -> list[str]:
    return [label.textItem.toPlainText() for label in chart.labels if label.isVisible()]


def test_a_share_reads_the_same_on_the_card_comparison_map_show_and_table(qtbot, tmp_path, bank, capsys):
    bank.cell = _aarhus_share_just_under_30
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    _fetch_from_menu(qtbot, window)
    card = open_tab(qtbot, window.topics, "Boliger").dst.cards[ANDEL]
    qtbot.waitUntil(card.isVisible)
    assert card.value.text() == "30 pct."
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    _choose(comparison.choice, ANDEL)
    qtbot.waitUntil(lambda: ranking_names(qtbot, comparison.chart)[:1] == ["1. Aarhus"])
    assert _bar_texts(comparison.chart)[0] == "30 pct."  # not "30,0 pct."
    open_tab(qtbot, window.topics, "Kort")
    view = window.topics.map
    _choose(view.choice, ANDEL)
    assert "30 pct." in view.legend.text() and "30,0" not in view.legend.text()
    assert view.plot.selected_label.textItem.toPlainText() == "Aarhus: 30 pct."
    capsys.readouterr()
    assert main(["show", "Aarhus"]) == 0
    shown = capsys.readouterr().out
    assert " 30 pct. " in shown and "30,0" not in shown
    assert main(["table", "--out", str(tmp_path / "tal.csv")]) == 0
    with (tmp_path / "tal.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    column = rows[0].index(ANDEL)  # the table's columns are named by the figure (its title is in the descriptor)
    aarhus = next(row for row in rows if row[0] == f"{AARHUS:04d}")
    assert aarhus[column] == "30"


def _place_of_started(kode: int) -> int:
    """Competition ranking of the synthetic started construction: 1 + the kommuner with more (Læsø's is `..`)."""
    koder = [k.kode for k in load_kommuner() if k.kode != 825]
    return 1 + sum(expected_started(str(k)) > expected_started(str(kode)) for k in koder)


def test_tied_kommuner_share_a_place_in_the_window_s_comparison_and_it_says_so(qtbot, tmp_path, bank):
    assert expected_started("101") == expected_started("151")  # København and Ballerup: the same synthetic figure
    window = make_window(qtbot, tmp_path / "s.ini", kode=KOEBENHAVN)
    _fetch_from_menu(qtbot, window)
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    _choose(comparison.choice, PAABEGYNDT)
    place = _place_of_started(KOEBENHAVN)
    qtbot.waitUntil(lambda: comparison.summary.text().startswith(
        f"København er delt nr. {place} af 97 kommuner med tallet"))
    names = ranking_names(qtbot, comparison.chart)
    assert f"{place}. København" in names
    window.state.set_kommune(BALLERUP)
    qtbot.waitUntil(lambda: comparison.summary.text().startswith(f"Ballerup er delt nr. {place} af 97"))
    # Shares that read the same rank the same: every synthetic share is 10,2 or 10,3 pct.
    _choose(comparison.choice, ANDEL)
    shares = [round(expected_share(str(k.kode), 2026), 1) for k in load_kommuner() if k.kode != 563]
    above = sum(share > round(expected_share("151", 2026), 1) for share in shares)
    qtbot.waitUntil(lambda: comparison.summary.text().startswith(f"Ballerup er delt nr. {above + 1} af 97"))
    labels = ranking_names(qtbot, comparison.chart)
    numbers = {label.split(".")[0] for label in labels}
    assert numbers <= {"1", str(above + 1)}  # two figures shown, two places
    # A kommune alone with its figure is not "delt"
    window.state.set_kommune(860)
    _choose(comparison.choice, ALMENE)
    qtbot.waitUntil(lambda: comparison.summary.text().startswith("Hjørring er nr. 1 af 97"))


def test_tied_kommuner_share_a_place_on_the_kiosk_s_comparison_page(bank, request):
    # Randers given Aarhus's count of dwellings in 2026 (1.784): the two share a place
    def randers_as_aarhus(table: str, cell: dict) -> str | None:
        if (table, cell["OMRÅDE"], cell["TID"], cell.get("EJER"), cell.get("BEBO")) == \
                ("BOL101", "730", "2026", "20", "1000"):
            return str(expected_almene("751", 2026) - 7)
        return None

    bank.cell = randers_as_aarhus
    with StatbankClient() as client:
        figures, _ = update_dst_cache(client, load_kommuner())
    state = AppState(load_bundled_dataset())
    state.set_dst(figures)
    pages = KioskPages(state)
    request.addfinalizer(pages.close)
    place = 1 + sum(1 for k in load_kommuner() if k.kode > AARHUS and k.kode != 563)
    for kode, name in ((AARHUS, "Aarhus"), (RANDERS, "Randers")):
        drawn = " ".join(" ".join(page_texts(pages, kode, "dst_sammenligning")).split())  # what the page shows
        assert f"{name} er delt nr. {place} af 97 kommuner med tallet" in drawn
    drawn = " ".join(" ".join(page_texts(pages, 860, "dst_sammenligning")).split())
    assert "Hjørring er nr. 1 af 97" in drawn


@pytest.mark.parametrize("value, shown", [(29.978, "30"), (41.54, "41,5"), (41.46, "41,5"), (8.0, "8")])
def test_one_rule_rounds_every_figure(value, shown):
    from almen_gui.model.formatting import format_number, shown_value

    assert format_number(value) == shown
    assert format_number(shown_value(value)) == shown


# --- one meaning of "has figures" ------------------------------------------------------------------------------------

def _dataset_with_a_partial_kommune(path):
    """The bundled figures (Glostrup's, real) and, SYNTHETIC, one figure for Aarhus: Aarhus has some of BL's figures."""
    from pathlib import Path

    from almen_gui import paths

    lines = (Path(paths.data_dir()) / "almene-boliger-2024.csv").read_text(encoding="utf-8").splitlines()
    lines = [line.replace("751,Aarhus,", "751,Aarhus,12345", 1) if line.startswith("751,") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _list_sources(kommune_list) -> dict[str, str]:
    """What the window's list says of each kommune: the dot's kind, read from the pixels of its icon, which its
    tooltip must name."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from almen_gui.factsheet import style

    kinds = {QColor(style.PRIMARY).name(): "BL's faktaark", QColor(style.ACCENT).name(): "nogle af BL's tal",
             QColor(style.PRIMARY_LIGHT).name(): "Danmarks Statistik"}
    found = {}
    model = kommune_list.proxy
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if icon is None:
            continue  # a region's heading
        centre = icon.pixmap(14, 14).toImage().pixelColor(4, 7)  # left of centre: the half dot fills its left half
        kind = kinds.get(centre.name(), "ingen tal") if centre.alpha() > 200 else "ingen tal"
        found[index.data()] = kind
        tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
        assert ("Danmarks Statistik" in tooltip) == (kind == "Danmarks Statistik" or "og Danmarks" in tooltip)
    return found


def test_the_list_almen_list_the_exports_and_the_kiosk_agree_on_which_figures_a_kommune_has(
        qtbot, tmp_path, bank, capsys, kiosk):
    from almen_gui.model import load_dataset

    data = _dataset_with_a_partial_kommune(tmp_path / "tal.csv")
    window = make_window(qtbot, tmp_path / "s.ini", load_dataset(data), kode=AARHUS)
    listed = _list_sources(window.kommune_list)
    assert (listed["Glostrup"], listed["Aarhus"], listed["København"]) == ("BL's faktaark", "nogle af BL's tal",
                                                                          "ingen tal")
    assert "Danmarks&nbsp;Statistik" in window.kommune_list.legend.text()
    _fetch_from_menu(qtbot, window)
    qtbot.waitUntil(lambda: _list_sources(window.kommune_list)["København"] == "Danmarks Statistik")
    listed = _list_sources(window.kommune_list)
    # Glostrup keeps BL's dot, Aarhus (some of BL's figures) its own; every other kommune has DST's figures
    assert listed["Glostrup"] == "BL's faktaark" and listed["Aarhus"] == "nogle af BL's tal"
    assert sum(kind == "Danmarks Statistik" for kind in listed.values()) == 96
    with_sheet = {name for name, kind in listed.items() if kind in ("BL's faktaark", "Danmarks Statistik")}

    # `almen list` on the same data and the cache the window's fetch wrote
    capsys.readouterr()
    assert main(["--data", str(data), "list"]) == 0
    out, err = capsys.readouterr()
    rows = {line[6:24].strip(): line for line in out.splitlines()[1:]}
    assert {name for name, line in rows.items() if "faktaark på" in line} == with_sheet
    assert rows["Aarhus"].endswith("intet komplet faktaark               1 af 12 af BL's tal og Danmarks Statistik")
    assert rows["Glostrup"].endswith("BL's faktaark og Danmarks Statistik")
    assert rows["Odense"].endswith("faktaark på Danmarks Statistiks tal  Danmarks Statistik")
    sentence = "97 kommuner har et komplet faktaark: 1 på BL's tal og 96 på Danmarks Statistiks tal."
    assert err.strip() == sentence

    # Eksportér alle… says the same
    window.menus.actions["export_all"].trigger()
    dialog = window.sheet_output.export_all_dialog
    qtbot.addWidget(dialog)
    assert dialog.count_label.text() == sentence
    dialog.reject()
    # … and Eksportér faktaark… says whose figures a sheet tells
    window.state.set_kommune(461)
    window.menus.actions["export"].trigger()
    export_dialog = window.sheet_output.export_dialog
    qtbot.addWidget(export_dialog)
    assert export_dialog.source_label.text() == "Faktaark på Danmarks Statistiks tal."
    export_dialog.reject()

    # `almen export --all` writes exactly those sheets
    out_folder = tmp_path / "ud"
    assert main(["--data", str(data), "export", "--all", "--out", str(out_folder), "--size", "skaerm"]) == 0
    err = capsys.readouterr().err
    assert len(list(out_folder.glob("*.png"))) == 97 and not list(out_folder.glob("*aarhus*"))
    assert "Sprang 1 kommune uden komplet faktaark over (1 med nogle af BL's tal)" in err and sentence in err

    # and the kiosk, left to its default kommuner, rotates through the same ones
    _, controller = kiosk(dataset=load_dataset(data), kommuner=[])
    kommuner = load_kommuner()
    assert {kommuner.by_code(kode).navn for kode in controller.loop.koder} == with_sheet


# --- a missing year ----------------------------------------------------------------------------------------------------

def _aarhus_gaps(table: str, cell: dict) -> str | None:
    """DST publishes `..` for Aarhus's almene dwellings in 2015 and for its started construction in 2024's 2nd quarter
    (so 2024 has no yearly figure); 2021 and 2022 are closed in BOL101 for every kommune."""
    if table == "BYGV33" and (cell["OMRÅDE"], cell["TID"]) == ("751", "2024K2"):
        return ".."
    if table == "BOL101" and (cell["OMRÅDE"], cell["TID"], cell.get("EJER")) == ("751", "2015", "20"):
        return ".."
    return None


def test_a_missing_year_is_a_gap_that_says_ikke_oplyst_in_the_window_and_on_the_sheet(qtbot, tmp_path, bank,
                                                                                     capsys):
    from test_window_export import pdf_texts

    bank.cell = _aarhus_gaps
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    _fetch_from_menu(qtbot, window)
    open_tab(qtbot, window.topics, "Udvikling")
    history = window.topics.history
    qtbot.waitUntil(lambda: history.isVisible() and history.started_years != [])
    # no bar at 0 for 2024: no bar at all, and "ikke oplyst" standing in its place
    assert 2024 not in list(history.bars.opts["x"]) and 2023 in list(history.bars.opts["x"])
    assert all(height > 0 for height in history.bars.opts["height"])
    assert history.bar_gaps.years == [2024]
    assert all(mark.textItem.toPlainText() == "ikke oplyst" for mark in history.bar_gaps.marks)
    # the lines: Aarhus's 2015 and the two years DST has closed
    assert history.line_gaps.years == [2015, 2021, 2022]
    assert history.hover_text(2024).endswith("påbegyndt: ikke oplyst")
    # the same gaps on Aarhus's sheet, each saying why it is empty
    assert main(["export", "Aarhus", "--format", "pdf", "--layout", "kort", "--out", str(tmp_path)]) == 0
    text = pdf_texts(next(tmp_path.glob("almene-boliger-aarhus-*.pdf")))[0]
    assert text.count("ikke oplyst") == 4  # 2015, 2021, 2022 in the development; 2024 in started construction


# --- foreløbig, computed figures, periods the source does not print ----------------------------------------------------

def test_dst_s_provisional_year_says_foreloebig_wherever_it_is_shown(qtbot, tmp_path, bank, capsys):
    """The local server's BYGV33 runs to 2026K2, as DST's did: its latest 1½ years (2025K1–2026K2) will be revised
    upwards, so 2025's started construction is foreløbig and 2024's is not."""
    from test_window_export import pdf_texts

    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    _fetch_from_menu(qtbot, window)
    card = open_tab(qtbot, window.topics, "Byggeri").dst.cards[PAABEGYNDT]
    qtbot.waitUntil(card.isVisible)
    assert card.detail.text() == "2025, foreløbig · BYGV33"
    assert "(2025, foreløbig;" in card.toolTip()
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    _choose(comparison.choice, PAABEGYNDT)
    assert comparison.choice.currentText() == "Påbegyndte almene boliger (Danmarks Statistik, 2025, foreløbig)"
    qtbot.waitUntil(lambda: "Påbegyndte almene boliger (2025, foreløbig)." in comparison.summary.text())
    open_tab(qtbot, window.topics, "Kort")
    _choose(window.topics.map.choice, PAABEGYNDT)
    assert "Påbegyndte almene boliger (2025, foreløbig):" in window.topics.map.legend.text()
    open_tab(qtbot, window.topics, "Udvikling")
    history = window.topics.history
    qtbot.waitUntil(lambda: history.isVisible() and history.started_years != [])
    assert history.provisional == [2025]
    assert history.hover_text(2025).endswith("(foreløbig)") and not history.hover_text(2024).endswith("(foreløbig)")
    brushes = {x: brush.color().name() for x, brush in zip(history.bars.opts["x"], history.bars.opts["brushes"])}
    assert brushes[2025] != brushes[2024]  # drawn lighter
    assert "Påbegyndte boliger 2025 er foreløbige" in history.source.text()
    capsys.readouterr()
    assert main(["show", "Aarhus"]) == 0
    out = capsys.readouterr().out
    assert "(2025, foreløbig, BYGV33)" in out  # the latest year, as on the window's card
    assert main(["table", "--out", str(tmp_path / "tal.csv")]) == 0
    described = json.loads((tmp_path / "tal.datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in described["resources"][0]["schema"]["fields"]}
    assert fields["dst_paabegyndte_almene"]["period"] == "2025, foreløbig"  # the table's description says so
    assert main(["export", "Aarhus", "--format", "pdf", "--layout", "kort", "--out", str(tmp_path)]) == 0
    sheet = pdf_texts(next(tmp_path.glob("almene-boliger-aarhus-*.pdf")))[0]
    assert "påbegyndte almene boliger i 2025, foreløbig" in sheet  # the tile
    assert "14 2024 14 2025, foreløbig" in sheet  # the last bar of started construction: its value and year


def test_a_cache_from_before_marks_the_last_two_years_foreloebig(bank, capsys):
    """A cache written before the app kept which years DST will revise cannot tell the table's latest quarter: both
    years that may hold one of the latest 1½ years' quarters are marked, never neither."""
    import json

    from almen_gui.model.dst_cache import cache_path

    assert main(["fetch"]) == 0
    document = json.loads(cache_path().read_text(encoding="utf-8"))
    del document["provisional"]
    cache_path().write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert main(["show", "Aarhus"]) == 0
    out = capsys.readouterr().out
    assert "(2025, foreløbig, BYGV33)" in out  # the year the window's card shows: its latest


def test_a_figure_the_app_computes_says_so_and_a_period_the_source_does_not_print_is_not_shown(
        qtbot, tmp_path, bank, capsys):
    from test_window_export import pdf_texts

    window = make_window(qtbot, tmp_path / "s.ini", kode=161)
    window.showNormal()
    window.resize(1600, 1100)  # roomy cards: a dense card has room for the period only (the tooltip says the rest)
    cards = {**open_tab(qtbot, window.topics, "Boliger").bl.cards, **window.topics.pages["oekonomi"].bl.cards}
    qtbot.waitUntil(lambda: not cards["boliger_i_alt"].dense)
    # Glostrup's 4.614 is almen-gui's sum of BL's three dwelling types, not a figure BL prints
    total = cards["boliger_i_alt"]
    assert total.value.text() == "4.614" and total.detail.text() == "2024; almen-guis sum"
    assert "Kilde: almen-guis sum, regnet af tal fra BL's egne beregninger" in total.toolTip()
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    _choose(comparison.choice, "boliger_i_alt")
    assert comparison.choice.currentText() == "Almene boliger i alt (2024; almen-guis sum)"
    # BL's sheet prints "87 mio. kr." for local turnover without a period: none is supplied
    local = open_tab(qtbot, window.topics, "Økonomi").bl.cards["lokal_omsaetning_mio_kr"]
    assert local.value.text() == "87 mio. kr." and local.detail.text() == "periode ikke angivet"
    assert "2023" not in local.detail.text() + local.accessibleName()
    capsys.readouterr()
    assert main(["show", "Glostrup"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "Omsætning i lokalområdet" in line)
    assert line.endswith("87 mio. kr.  (periode ikke angivet)")
    assert main(["export", "Glostrup", "--format", "pdf", "--layout", "kort", "--out", str(tmp_path)]) == 0
    sheet = pdf_texts(tmp_path / "almene-boliger-glostrup-2024.pdf")[0]
    assert "4.614 almene boliger i alt i kommunen (2024; almen-guis sum)" in sheet
    assert "i lokal omsætning fra sektorens indkøb af ydelser " in sheet and "ydelser (2023)" not in sheet
    assert main(["export", "Glostrup", "--format", "pdf", "--layout", "fuld", "--out", str(tmp_path)]) == 0
    sheet = " ".join(pdf_texts(tmp_path / "almene-boliger-glostrup-2024-fuld.pdf"))
    assert "87 mio. kr." in sheet and "87 mio. kr. (2023)" not in sheet
    assert "ydelser mv. (2023)" not in sheet and "ydelser (2023)" not in sheet
    # Danmarks Statistik's share is almen-gui's computation on DST's two counts, and says so
    _fetch_from_menu(qtbot, window)
    window.state.set_kommune(AARHUS)
    share = open_tab(qtbot, window.topics, "Boliger").dst.cards[ANDEL]
    qtbot.waitUntil(share.isVisible)
    assert share.title.text() == "Almen andel af alle boliger"  # the almene share, said in its name
    assert share.detail.text() == "2026 · almen-guis beregning, BOL101"
    assert main(["export", "Aarhus", "--format", "pdf", "--layout", "kort", "--out", str(tmp_path)]) == 0
    sheet = pdf_texts(next(tmp_path.glob("almene-boliger-aarhus-*.pdf")))[0]
    assert "der ejes af almene boligselskaber (1. januar 2026), beregnet af almen-gui." in sheet
