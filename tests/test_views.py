"""Each view built alone around a small AppState (no window): change the state, check what the view shows.

A view follows the state while it is visible and catches up when it is shown again; these tests hold it to both.
"""

from __future__ import annotations

import pytest
from dst_server import bank  # noqa: F401 (a fixture)
from PySide6.QtCore import QPoint, Qt

from almen_gui.model.formatting import MISSING
from almen_gui.qt.common.state import AppState


@pytest.fixture
def state(bundled):
    return AppState(bundled)  # no kommune chosen: the default, Glostrup, whose figures ship with the app


def _shown(qtbot, view):
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_default_kommune_is_glostrup_whose_figures_ship(state):
    from almen_gui.qt.common.settings import DEFAULTS

    assert state.kode == 161 and DEFAULTS["kommune"] == 161


def test_kommune_list_follows_the_state_and_a_click_sets_it(qtbot, state, synthetic_dataset):
    from almen_gui.qt.window.kommune_list import KommuneList

    view = _shown(qtbot, KommuneList(state))
    selected = view.view.currentIndex
    assert selected().data() == "Glostrup"
    assert len(view.visible_names()) == 98
    state.set_kommune(751)
    assert selected().data() == "Aarhus"

    view.hide()  # a hidden list catches up when it is shown again
    state.set_kommune(461)
    assert selected().data() == "Aarhus"
    view.show()
    qtbot.waitUntil(lambda: selected().data() == "Odense")

    qtbot.keyClicks(view.search, "v")  # a search that hides the chosen kommune (Odense has no v) ...
    assert "Odense" not in view.visible_names()
    view.search.clear()  # ... and, cleared, shows it selected again
    assert selected().data() == "Odense" and view.view.selectionModel().isSelected(selected())
    assert state.kode == 461

    state.set_dataset(synthetic_dataset)  # the dots say how complete each kommune is in the new dataset
    odense = selected()
    assert "Tal: BL's faktaark; faktaark på BL's tal." in odense.data(Qt.ItemDataRole.ToolTipRole)

    rows = view.view.model()  # København's row, found by the name a user reads in the list
    row = rows.match(rows.index(0, 0), Qt.ItemDataRole.DisplayRole, "København", 1, Qt.MatchFlag.MatchExactly)[0]
    view.view.scrollTo(row)
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=view.view.visualRect(row).center())
    assert state.kode == 101


def test_the_kommune_heading_follows_the_state_and_says_what_each_source_has(qtbot, state, dst_figures):
    from almen_gui.qt.window.heading import KommuneHeading

    view = _shown(qtbot, KommuneHeading(state))
    assert view.title.text() == "Glostrup Kommune"
    assert view.subtitle.text() == ("Region Hovedstaden · kommunekode 0161 · BL's faktaark: 12 af 12 tal oplyst · "
                                    "Danmarks Statistik: ikke hentet")
    view.hide()
    state.set_kommune(751)
    state.set_dst(dst_figures)
    assert view.title.text() == "Glostrup Kommune"  # hidden: not redrawn yet
    view.show()
    qtbot.waitUntil(lambda: view.title.text() == "Aarhus Kommune")
    assert view.subtitle.text().endswith("BL's faktaark: ingen tal · Danmarks Statistik: hentet")
    view.set_dense(True)  # a low window: one line
    assert view.subtitle.shown_text().endswith("…") or view.subtitle.shown_text() == view.subtitle.text()


def test_a_topic_page_alone_shows_each_source_with_figures_and_one_line_for_a_source_without(
        qtbot, state, synthetic_dataset, tmp_path, dst_figures):
    from synthetic import write_synthetic_csv

    from almen_gui.model import load_dataset
    from almen_gui.qt.window.topic_page import TopicPage
    from almen_gui.qt.window.topics import TOPICS

    view = _shown(qtbot, TopicPage(state, TOPICS[0]))  # Boliger
    assert view.cards["familieboliger"].value.text() == "4.451"
    assert view.bl.isVisible() and not view.bl_absent.isVisible()
    assert view.dst_absent.isVisible() and not view.dst.isVisible()  # nothing fetched: one line with the button
    with qtbot.waitSignal(view.fetch_dst_requested):
        qtbot.mouseClick(view.dst_absent.button, Qt.MouseButton.LeftButton)
    state.set_kommune(751)
    assert not view.bl.isVisible() and view.bl_absent.isVisible()  # the bundled data: only Glostrup's sheet
    assert view.bl_absent.text.text().endswith(
        "men der er ingen tal for Aarhus Kommune: de medfølgende data (Faktaark 2024) har kun Glostrup Kommunes.")
    with qtbot.waitSignal(view.open_dataset_requested):
        qtbot.mouseClick(view.bl_absent.button, Qt.MouseButton.LeftButton)
    state.set_dst(dst_figures)
    assert view.dst.isVisible() and not view.dst_absent.isVisible()
    assert view.cards["dst_almene_boliger"].value.text() == "1.784"

    view.hide()
    state.set_dataset(synthetic_dataset)
    assert not view.bl.isVisibleTo(view)  # hidden: not redrawn yet
    view.show()
    qtbot.waitUntil(lambda: view.cards["familieboliger"].value.text() == "2.753")
    assert view.bl.isVisible() and not view.bl_absent.isVisible()

    own = load_dataset(write_synthetic_csv(tmp_path / "egne-tal.csv", koder=[101, 161]))
    state.set_dataset(own)  # a user's own dataset is not called Glostrup-only
    assert view.bl_absent.text.text().endswith("men der er ingen tal for Aarhus Kommune i egne-tal.csv.")


def test_a_topic_page_reflows_its_cards_into_fewer_columns_when_narrow(qtbot, state):
    from almen_gui.qt.window.topic_page import TopicPage
    from almen_gui.qt.window.topics import TOPICS

    view = _shown(qtbot, TopicPage(state, TOPICS[0]))
    view.resize(1100, 600)
    qtbot.waitUntil(lambda: view.bl.grid.columns == 4)  # seven cards in two rows of four
    view.resize(500, 600)
    qtbot.waitUntil(lambda: view.bl.grid.columns == 2)
    first, second, third, fourth = list(view.bl.cards.values())[:4]
    assert fourth is view.cards["familieboliger"]
    # The fourth card sits in the second row, second column: under the second card, beside the third.
    qtbot.waitUntil(lambda: fourth.x() == second.x() and fourth.y() == third.y() > first.y())
    assert fourth.geometry().right() < view.width()  # every card inside the narrow page


def test_the_topics_follow_the_state_and_a_hidden_tab_catches_up_when_opened(qtbot, state, synthetic_dataset):
    from almen_gui.qt.window.topics import TopicsView

    view = _shown(qtbot, TopicsView(state))
    view.add_charts()

    def bar_labels(page):
        return [label.textItem.toPlainText() for label in page.chart.labels if label.isVisible()]

    assert bar_labels(view.dwellings) == ["73", "4.451", "90"]
    assert view.dwellings.title.text() == "Almene boliger efter type (2024)"
    state.set_dataset(synthetic_dataset)
    state.set_kommune(751)
    assert bar_labels(view.dwellings) == ["751", "2.753", "425"]
    assert view.comparison.summary.text() == ""  # a tab not yet opened has drawn nothing

    tabs = view.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(view.indexOf(view.comparison)).center())
    qtbot.waitUntil(lambda: view.comparison.summary.text().startswith("Aarhus er nr. "))
    state.set_kommune(101)  # the Boliger tab is hidden now: it catches up when opened again
    assert bar_labels(view.dwellings) == ["751", "2.753", "425"]
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(0).center())  # Boliger
    qtbot.waitUntil(lambda: bar_labels(view.dwellings) == ["101", "803", "100"])


def _bar_texts(chart) -> list[str]:
    return [label.textItem.toPlainText() for label in chart.labels if label.isVisible()]


def test_a_category_chart_alone_names_its_bars_and_says_when_a_kommune_has_no_figures(qtbot, state):
    from almen_gui.factsheet import style
    from almen_gui.model.metadata import load_metadata
    from almen_gui.qt.charts.pages import CategoryChart
    from qt_helpers import tick_labels

    fields = load_metadata().group("boliger")
    view = _shown(qtbot, CategoryChart(state, "Almene boliger efter type", tuple(f.name for f in fields),
                                       tuple(f.short_title for f in fields), style.BOLIG_COLOURS))
    categories, values = (view.chart.getPlotItem().getAxis(side) for side in ("bottom", "left"))
    assert view.title.text() == "Almene boliger efter type (2024)"
    assert _bar_texts(view.chart) == ["73", "4.451", "90"]
    qtbot.waitUntil(lambda: tick_labels(categories) == [f.short_title for f in fields])
    qtbot.waitUntil(lambda: "4.000" in tick_labels(values))  # the value axis in Danish
    state.set_kommune(751)  # the bundled data has Glostrup's figures only
    assert view.chart.message.textItem.toPlainText() == "ikke oplyst for Aarhus"
    assert _bar_texts(view.chart) == [MISSING] * 3
    qtbot.waitUntil(lambda: tick_labels(values) == [])  # no 0 … 1 scale suggesting figures that do not exist


def test_a_comparison_chart_alone_ranks_the_state_s_kommune_and_follows_it(qtbot, synthetic_dataset):
    from almen_gui.qt.charts.pages import ComparisonChart
    from qt_helpers import tick_labels

    state = AppState(synthetic_dataset, 751)
    view = _shown(qtbot, ComparisonChart(state))
    view.choice.setCurrentIndex(view.choice.findText("Beboere", Qt.MatchFlag.MatchStartsWith))
    place = synthetic_dataset.rank(751, "beboere")
    assert view.summary.text() == f"Aarhus er {place.text} kommuner med tallet."
    names = view.chart.getPlotItem().getAxis("left")
    qtbot.waitUntil(lambda: f"{place.number}. Aarhus" in tick_labels(names))
    state.set_kommune(101)
    place = synthetic_dataset.rank(101, "beboere")
    assert view.summary.text().startswith(f"København er {place.text}")
    qtbot.waitUntil(lambda: f"{place.number}. København" in tick_labels(names))


@pytest.fixture
def dst_figures(bank):  # noqa: F811 (bank: the local server's fixture)
    """Danmarks Statistik's figures, SYNTHETIC, fetched from the local stand-in server."""
    from almen_gui.model import load_kommuner
    from almen_gui.model.dst_cache import update_dst_cache
    from almen_gui.model.statbank import StatbankClient

    with StatbankClient() as client:
        figures, _ = update_dst_cache(client, load_kommuner())
    return figures


def test_the_udvikling_view_alone_waits_for_dst_s_figures_then_follows_the_kommune(qtbot, state, dst_figures):
    from almen_gui.qt.charts.history import NOT_FETCHED, HistoryView

    view = _shown(qtbot, HistoryView(state))
    assert view.message.isVisible() and view.message.text() == NOT_FETCHED
    state.set_dst(dst_figures)
    qtbot.waitUntil(view.legend.isVisible)
    assert not view.message.isVisible()
    assert "Glostrup" in view.legend.text() and "Region Hovedstaden" in view.legend.text()
    assert view.bars_title.text().startswith("Påbegyndte almene boliger i Glostrup")
    assert "Danmarks Statistiks opgørelse, ikke BL's." in view.source.text()
    view.hide()  # hidden: it catches up when shown again
    state.set_kommune(751)
    assert "Glostrup" in view.legend.text()
    view.show()
    qtbot.waitUntil(lambda: "Aarhus" in view.legend.text() and "Region Midtjylland" in view.legend.text())
    assert view.bars_title.text().startswith("Påbegyndte almene boliger i Aarhus")


def test_a_figure_card_alone_draws_its_value_and_period_and_says_where_it_is_from(qtbot, bundled):
    from qt_helpers import drawn_texts

    from almen_gui.qt.window.figure_card import FigureCard

    card = _shown(qtbot, FigureCard("familieboliger"))
    card.set_figure(bundled.figures_for(161), "de medfølgende data")
    assert drawn_texts(lambda painter: card.render(painter, QPoint())) == ["Almene familieboliger", "4.451", "2024"]
    assert "Kilde: BL" in card.toolTip()
    card.set_figure(bundled.figures_for(751), "de medfølgende data")  # the bundled data has Glostrup's figures only
    assert drawn_texts(lambda painter: card.render(painter, QPoint())) == [
        "Almene familieboliger", MISSING, "Ikke oplyst i de medfølgende data (2024)"]


def test_a_card_grid_alone_puts_its_cards_in_equal_columns_row_by_row_and_makes_them_dense(qtbot, bundled):
    from almen_gui.qt.window.card_grid import CardGrid, columns_for
    from almen_gui.qt.window.figure_card import FigureCard

    names = ["beboere", "boliger_i_alt", "ungdomsboliger", "familieboliger", "aeldreboliger"]
    cards = {name: FigureCard(name) for name in names}
    for card in cards.values():
        card.set_figure(bundled.figures_for(161), "de medfølgende data")
    grid = _shown(qtbot, CardGrid(cards))
    grid.resize(500, 400)
    grid.arrange(columns_for(500, dense=False))
    first, second, third, fourth, fifth = cards.values()
    # Two columns on 500 pixels: the third card starts the second row, the fourth sits under the second.
    qtbot.waitUntil(lambda: third.y() > first.y() and third.x() == first.x() and fourth.x() == second.x())
    assert fifth.y() > third.y() and first.width() == second.width()
    assert first.detail.y() > first.value.y() > first.title.y()  # title, value and period under each other
    grid.set_dense(True)
    grid.arrange(columns_for(700, dense=True))
    grid.resize(700, 400)
    # dense: the title on a line of its own, the period beside the value
    qtbot.waitUntil(lambda: first.title.y() < first.value.y() and first.detail.geometry().bottom() >= first.value.y())
    assert first.detail.x() > first.value.x() and first.title.width() > first.width() * 0.8
    assert first.detail.text() == "2024" and first.value.text() == "7.900"
    assert len({card.y() for card in cards.values()}) == 1  # five columns on 700 pixels


def test_a_source_section_alone_shows_its_source_in_view_and_offers_the_footnotes(qtbot, dst_figures):
    from dst_server import UNPUBLISHED_STARTED, expected_almene

    from almen_gui.model.formatting import format_number
    from almen_gui.model.metadata import load_dst_family
    from almen_gui.qt.window.figure_card import DstCard
    from almen_gui.qt.window.source_section import CHARTED, SourceSection
    from almen_gui.qt.window.topics import dst_footnotes
    from qt_helpers import drawn_texts

    family = load_dst_family()
    cards = {name: DstCard(family.measure(name)) for name in ("dst_almene_boliger", "dst_andel_almene_pct")}
    for card in cards.values():
        card.set_measure(dst_figures, 751, family)
    section = _shown(qtbot, SourceSection("Danmarks Statistik", cards, footnotes=True))
    section.set_source("Kilde: Danmarks Statistik, BOL101 · CC BY 4.0")
    drawn = drawn_texts(lambda painter: section.render(painter, QPoint()))
    assert drawn[:3] == ["Danmarks Statistik", "Fodnoter…", "Kilde: Danmarks Statistik, BOL101 · CC BY 4.0"]
    assert format_number(expected_almene("751", 2026)) == "1.784" in drawn and "10,2 pct." in drawn
    assert section.grid.columns == 2  # no more columns than cards
    section.set_fit(CHARTED)  # without a chart, CHARTED hides nothing
    assert all(card.isVisible() for card in cards.values())
    with qtbot.waitSignal(section.footnotes_requested):
        qtbot.mouseClick(section.footnotes_button, Qt.MouseButton.LeftButton)
    footnotes = dst_footnotes(family, dst_figures)
    assert "BOL101" in footnotes and "Fodnote" in footnotes and "ikke BL's faktaark-tal" in footnotes

    started = _shown(qtbot, DstCard(family.measure("dst_paabegyndte_almene")))
    started.set_measure(dst_figures, int(UNPUBLISHED_STARTED), family)  # DST's `..`: not published, never 0
    assert started.value.text() == MISSING
    assert started.detail.text() == "Ikke oplyst af Danmarks Statistik (2025, foreløbig, BYGV33)"


def test_dst_s_recent_years_alone_leave_a_year_dst_does_not_publish_as_a_gap(qtbot, dst_figures):
    from dst_server import UNPUBLISHED_ALMENE, expected_almene
    from qt_helpers import tick_labels

    from almen_gui.model.formatting import format_number
    from almen_gui.model.metadata import load_dst_family
    from almen_gui.qt.charts.dst_years import DstYearsChart

    view = _shown(qtbot, DstYearsChart())
    fanoe = int(UNPUBLISHED_ALMENE[0])  # DST publishes `..` for Fanø's latest year
    view.set_measure(dst_figures, load_dst_family().measure("dst_almene_boliger"), fanoe, "Fanø")
    qtbot.waitUntil(lambda: view.title.text() == "Boliger ejet af almene boligselskaber i Fanø, 2019–2026 (BOL101)")
    years = view.chart.getPlotItem().getAxis("bottom")
    qtbot.waitUntil(lambda: tick_labels(years) == [str(year) for year in range(2019, 2027)])
    labels = [label.textItem.toPlainText() for label in view.chart.labels]
    assert labels == [format_number(expected_almene("563", 2019)), format_number(expected_almene("563", 2020)),
                      MISSING, MISSING, *(format_number(expected_almene("563", y)) for y in (2023, 2024, 2025)),
                      MISSING]  # 2021–2022 closed by DST, 2026 not published: no bar, never 0
    assert view.chart.accessibleName() == "Boliger ejet af almene boligselskaber pr. år"
