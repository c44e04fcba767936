"""The window by topic: each topic shows every source that has figures for the kommune, each under its own name with
its source and period drawn (not only on hover), side by side, and a source without figures is one line; every topic
fits the screens the window claims. Danmarks Statistik's figures come from the local stand-in server (SYNTHETIC
numbers, tests/dst_server.py), read from the cache as a window does after its first paint."""

from __future__ import annotations

import pytest
from dst_server import bank, expected_almene, expected_share, expected_started  # noqa: F401 (bank: a fixture)
from PySide6.QtCore import QPoint, Qt
from qt_helpers import cards_cut_off, make_window, open_tab, overlapping_tick_labels, page_text, settle, tick_labels

from almen_gui.model import load_kommuner
from almen_gui.model.dst_cache import update_dst_cache
from almen_gui.model.formatting import format_number
from almen_gui.model.statbank import StatbankClient
from almen_gui.qt.charts.bar_chart import BarChart
from almen_gui.qt.window.figure_card import DstCard, FigureCard

AARHUS, GLOSTRUP = 751, 161
TOPICS = ("Boliger", "Byggeri", "Økonomi")
EVERY_TAB = (*TOPICS, "Udvikling", "Sammenligning", "Kort")
SCREENS = [  # the logical pixels each screen gives (QT_SCALE_FACTOR divides the physical ones)
    pytest.param(1366, 768, id="1366x768-100pct"),
    pytest.param(911, 512, id="1366x768-150pct"),
    pytest.param(1280, 720, id="1920x1080-150pct"),
    pytest.param(800, 500, id="1600x1000-200pct"),
]
READABLE = 200  # logical pixels: the least height of a chart's plot


@pytest.fixture
def dst_cache(bank):  # noqa: F811 (bank: the fixture imported above)
    """Danmarks Statistik's figures (SYNTHETIC) fetched from the local server into the temporary app-data cache."""
    with StatbankClient() as client:
        figures, _ = update_dst_cache(client, load_kommuner())
    return figures


def _window(qtbot, tmp_path, kode: int, size: tuple[int, int] | None = None, dst: bool = True):
    window = make_window(qtbot, tmp_path / "s.ini", kode=kode)
    if dst:
        qtbot.waitUntil(lambda: window.state.dst is not None)  # the cache, read just after the first paint
    if size:
        window.showNormal()  # the test screen is small: the window starts maximized
        window.resize(*size)
        qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    return window


def _visible(page, kind) -> list:
    return [widget for widget in page.findChildren(kind) if widget.isVisible()]


def test_a_kommune_with_only_dst_figures_sees_them_on_every_topic_dst_covers(qtbot, tmp_path, dst_cache):
    window = _window(qtbot, tmp_path, AARHUS)
    assert window.heading.subtitle.text().endswith("BL's faktaark: ingen tal · Danmarks Statistik: hentet")

    page = open_tab(qtbot, window.topics, "Boliger")
    text = page_text(page)
    share = f"{format_number(round(expected_share('751', 2026), 1))} pct."
    for drawn in ("Danmarks Statistik", "Kilde: Danmarks Statistik, BOL101 · CC BY 4.0 · hentet ",
                  "Boliger ejet af almene boligselskaber", format_number(expected_almene("751", 2026)),
                  "Almen andel af alle boliger", share, "2026 · BOL101"):
        assert drawn in text, drawn
    # BL's topic in one line, not a chart or cards full of "ikke oplyst"
    assert ("BL's faktaark har beboere, boliger efter type, fraflytning og andel af boligmassen, men der er ingen "
            "tal for Aarhus Kommune: de medfølgende data (Faktaark 2024) har kun Glostrup Kommunes.") in text
    assert all(isinstance(card, DstCard) for card in _visible(page, FigureCard))
    # under DST's cards, DST's recent years, one series from one source; the years DST has closed are gaps
    window.resize(1366, 768)  # room for eight years
    (chart,) = _visible(page, BarChart)
    years = chart.getPlotItem().getAxis("bottom")
    qtbot.waitUntil(lambda: tick_labels(years) == [str(year) for year in range(2019, 2027)])
    assert page.dst.chart.title.text() == "Boliger ejet af almene boligselskaber i Aarhus, 2019–2026 (BOL101)"
    labels = [label.textItem.toPlainText() for label in chart.labels]
    assert labels[2:4] == ["ikke oplyst", "ikke oplyst"]  # 2021 and 2022: no bar, never 0
    assert labels[-1] == format_number(expected_almene("751", 2026))
    text = page_text(page)
    assert "ikke oplyst for Aarhus" not in text

    page = open_tab(qtbot, window.topics, "Byggeri")
    text = page_text(page)
    assert "Påbegyndte almene boliger" in text and "Kilde: Danmarks Statistik, BYGV33" in text
    assert str(expected_started("751")) in text and "2025, foreløbig · BYGV33" in text  # DST will revise it
    assert "ikke oplyst" not in text
    qtbot.waitUntil(lambda: page.dst.chart.title.text() == "Påbegyndte almene boliger i Aarhus, 2018–2025 (BYGV33)")

    page = open_tab(qtbot, window.topics, "Økonomi")  # a topic only BL covers: one line and no room taken
    text = page_text(page)
    assert text.startswith("BL's faktaark har huslejeomsætning, lokal omsætning og renovering med støtte fra "
                           "Landsbyggefonden, men der er ingen tal for Aarhus Kommune")
    assert _visible(page, BarChart) == [] and _visible(page, FigureCard) == [] and "Danmarks Statistik" not in text
    line = page.bl_absent
    qtbot.waitUntil(lambda: line.mapTo(page, QPoint(0, line.height())).y() < 120)  # no room taken below it


def test_glostrup_shows_bl_and_dst_side_by_side_each_under_its_own_source(qtbot, tmp_path, dst_cache):
    window = _window(qtbot, tmp_path, GLOSTRUP, (1366, 768))
    for title, bl_value, dst_value, table in (("Boliger", "4.451", format_number(expected_almene("161", 2026)),
                                               "BOL101"),
                                              ("Byggeri", "0", "0", "BYGV33")):
        page = open_tab(qtbot, window.topics, title)
        bl, dst = page.bl, page.dst
        qtbot.waitUntil(lambda: bl.isVisible() and dst.isVisible())
        settle()
        assert bl.geometry().right() < dst.geometry().left() and abs(bl.y() - dst.y()) <= 4  # side by side
        bl_text, dst_text = page_text(bl), page_text(dst)
        assert bl_text.startswith("BL's faktaark Faktaark 2024 · Kilde: BL's egne beregninger på baggrund af "
                                  "Danmarks Statistiks registerdata")
        assert dst_text.startswith(f"Danmarks Statistik Fodnoter… Kilde: Danmarks Statistik, {table} · CC BY 4.0")
        assert bl_value in bl_text.split() and dst_value in dst_text.split()
        # each section's cards and chart are its own source's: never one number or series from both
        assert not any(isinstance(card, DstCard) for card in bl.cards.values())
        assert all(isinstance(card, DstCard) for card in dst.cards.values())
        assert "Kilde: Danmarks Statistik" not in bl_text and "BL's" not in dst_text
    assert list(window.topics.dwellings.chart.bars.opts["height"]) == [73, 4451, 90]  # BL's figures only

    page = open_tab(qtbot, window.topics, "Økonomi")  # DST has no economy: BL's figures alone, no line about DST
    assert page.bl.isVisible() and not page.dst.isVisible() and not page.dst_absent.isVisible()
    assert "333 mio. kr." in page_text(page) and "Kilde: Danmarks Statistik" not in page_text(page)


def test_before_a_fetch_each_topic_dst_covers_offers_it_in_one_line(qtbot, tmp_path, bank):  # noqa: F811
    window = _window(qtbot, tmp_path, AARHUS, dst=False)
    page = open_tab(qtbot, window.topics, "Byggeri")
    line = page.dst_absent
    assert line.isVisible() and line.text.text() == ("Danmarks Statistik har påbegyndte almene boliger pr. år for "
                                                     "hver kommune; tallene er ikke hentet endnu.")
    assert not open_tab(qtbot, window.topics, "Økonomi").dst_absent.isVisible()  # DST has no economy
    page = open_tab(qtbot, window.topics, "Boliger")
    qtbot.mouseClick(page.dst_absent.button, Qt.MouseButton.LeftButton)  # "Hent tal fra Danmarks Statistik…"
    with qtbot.waitSignal(window.dst_fetch.finished, timeout=20_000):
        pass
    qtbot.waitUntil(page.dst.isVisible)  # the open topic shows them at once
    assert not page.dst_absent.isVisible()
    assert format_number(expected_almene("751", 2026)) in page_text(page)


def _overlapping_bar_labels(chart) -> list[tuple[str, str]]:
    """The pairs of value labels a bar chart draws on top of each other."""
    drawn = [(label.sceneBoundingRect(), label.textItem.toPlainText()) for label in chart.labels if label.isVisible()]
    return [(a, b) for i, (first, a) in enumerate(drawn) for second, b in drawn[i + 1:] if first.intersects(second)]


def _plot_heights(window, title: str) -> dict[str, int]:
    """The plots a tab draws, by accessible name, with their heights in logical pixels."""
    page = window.topics.currentWidget()
    plots = {chart.accessibleName(): chart.height() for chart in page.findChildren(BarChart) if chart.isVisible()}
    if title == "Udvikling":
        history = window.topics.history
        plots.update({plot.accessibleName(): plot.height() for plot in (history.lines_plot, history.bars_plot)})
    if title == "Kort":
        plots["Kort"] = window.topics.map.plot.height()
    return plots


@pytest.mark.parametrize("kode", [GLOSTRUP, AARHUS])
@pytest.mark.parametrize("width, height", SCREENS)
def test_every_topic_fits_every_screen_the_window_claims(qtbot, tmp_path, dst_cache, width, height, kode):
    window = _window(qtbot, tmp_path, kode, (width, height))
    for title in EVERY_TAB:
        page = open_tab(qtbot, window.topics, title)
        settle()
        assert (window.width(), window.height()) == (width, height), title  # no tab makes the window larger
        if title in TOPICS:
            scroll = page.parentWidget().parentWidget()
            qtbot.waitUntil(lambda: not cards_cut_off(page) and not scroll.verticalScrollBar().isVisible())
            if width == 1366:  # at 100 % no card title is shortened
                titles = [card.title for card in page.cards.values() if card.isVisible()]
                assert [t.text() for t in titles if t.shown_text() != t.text()] == [], title
        # once laid out (a tab is laid out when it is first shown), every plot at least READABLE high
        qtbot.waitUntil(lambda: min(_plot_heights(window, title).values(), default=READABLE) >= READABLE)
        assert (window.width(), window.height()) == (width, height), title
        for chart in _visible(page, BarChart):
            if chart.horizontal:
                continue  # the ranking's names are checked in test_comparison_chart.py
            categories = chart.getPlotItem().getAxis("bottom")
            # every bar named
            qtbot.waitUntil(lambda: len(tick_labels(categories)) == sum(label.isVisible() for label in chart.labels))
            assert overlapping_tick_labels(categories) == [], title
            assert _overlapping_bar_labels(chart) == [], title
            assert overlapping_tick_labels(chart.getPlotItem().getAxis("left")) == [], title
        if title == "Udvikling":
            history = window.topics.history
            for plot in (history.lines_plot, history.bars_plot):
                for side in ("left", "bottom"):
                    assert overlapping_tick_labels(plot.getPlotItem().getAxis(side)) == [], (title, side)
