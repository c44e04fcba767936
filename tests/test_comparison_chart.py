"""The Sammenligning tab's ranking: every kommune name it draws can be read, on a 1366×768 laptop at 100 % and at
150 % (911×512 logical pixels), and a lower chart shows fewer kommuner rather than names printed over each other."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from qt_helpers import axis_labels_cut_by_the_edge, make_window, open_tab

from almen_gui.qt.charts.pages import MAX_RANKED
from almen_gui.qt.common.state import AppState


def _last(dataset):
    """The kommune ranked last by beboere: kept in view below the leaders."""
    return dataset.ranking("beboere")[-1][0]


def _drawn_names(chart) -> tuple[list[str], list[float], float]:
    """The kommune names the ranking's axis draws now (top to bottom), their heights on screen, and a line's height
    in their font."""
    chart.getPlotItem().layout.activate()
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = chart.getPlotItem().getAxis("left").generateDrawSpecs(painter)
        line = QFontMetricsF(painter.font()).height()  # the axis has set its tick font on the painter
    finally:
        painter.end()
    drawn = sorted((rect.center().y(), text) for rect, _flags, text in specs[2])
    return [text for _, text in drawn], [y for y, _ in drawn], line


def _bar_values(chart) -> list[str]:
    """The values written at the bars' ends, one per bar drawn."""
    return [label.textItem.toPlainText() for label in chart.labels if label.isVisible()]


def _assert_every_name_readable(chart) -> list[str]:
    names, centres, line = _drawn_names(chart)
    assert len(names) == len(_bar_values(chart)) >= 1  # a name for every bar, none left out
    gaps = [below - above for above, below in zip(centres, centres[1:])]
    assert all(gap >= line for gap in gaps), f"names closer than a line of text ({line:.1f} px): {gaps}"
    return names


def _choose(choice, name: str) -> None:
    """Pick a figure in the drop-down, as a user does."""
    choice.setCurrentIndex(choice.findData(name))


@pytest.mark.parametrize("width, height, fewest", [
    (1366, 768, 6),  # a common laptop at 100 %
    (911, 512, 6),  # the same screen at 150 %: the comparison has its tab's whole height
])
def test_every_ranked_name_can_be_read_in_the_window(qtbot, tmp_path, synthetic_dataset, width, height, fewest):
    last = _last(synthetic_dataset)
    window = make_window(qtbot, tmp_path / "s.ini", synthetic_dataset, kode=last.kode)
    window.showNormal()  # the test screen is small: the window starts maximized
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    tabs = window.topics
    comparison = tabs.comparison
    open_tab(qtbot, tabs, "Sammenligning")
    _choose(comparison.choice, "beboere")
    place = synthetic_dataset.rank(last.kode, "beboere")
    assert place.number == place.among == 98 and not place.shared
    qtbot.waitUntil(lambda: f"{last.navn} er nr. 98 af 98" in comparison.summary.text())
    chart = comparison.chart
    qtbot.waitUntil(lambda: chart.isVisible() and len(_bar_values(chart)) == min(MAX_RANKED, chart.rows_that_fit()))
    assert len(_bar_values(chart)) >= fewest
    names = _assert_every_name_readable(chart)
    assert names[-1] == f"98. {last.navn}"
    assert names[0].startswith("1. ") or names == [f"98. {last.navn}"]
    leader = synthetic_dataset.ranking("beboere")[0][1]
    right_end = chart.getPlotItem().getViewBox().viewRange()[0][1]
    assert right_end >= leader  # a bar without its leader in view is still measured against it
    value_axis = chart.getPlotItem().getAxis("bottom")
    assert value_axis.isVisible() and axis_labels_cut_by_the_edge(chart, value_axis) == []


def test_the_rankings_last_value_on_its_axis_is_drawn_whole(qtbot, tmp_path):
    """Glostrup's 7.900 residents: the axis runs to 10.000, a label pyqtgraph centres on the chart's right end."""
    window = make_window(qtbot, tmp_path / "s.ini")  # the bundled figures
    window.showNormal()
    window.resize(1280, 860)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1280, 860))
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    _choose(comparison.choice, "beboere")
    chart = comparison.chart
    qtbot.waitUntil(lambda: _bar_values(chart) == ["7.900"])
    assert axis_labels_cut_by_the_edge(chart, chart.getPlotItem().getAxis("bottom")) == []


def test_a_lower_chart_shows_fewer_kommuner_and_keeps_the_selected_one_measured_against_the_leader(
        qtbot, synthetic_dataset):
    from almen_gui.qt.charts.pages import ComparisonChart

    last = _last(synthetic_dataset)
    state = AppState(synthetic_dataset, last.kode)
    page = ComparisonChart(state)
    qtbot.addWidget(page)
    page.set_field("beboere")
    page.resize(700, 900)
    page.show()
    qtbot.waitExposed(page)
    chart = page.chart
    qtbot.waitUntil(lambda: len(_bar_values(chart)) == MAX_RANKED)
    tall = _assert_every_name_readable(chart)
    assert len(tall) == MAX_RANKED and chart.toolTip() == ""
    assert chart.getPlotItem().getAxis("bottom").isVisible()  # room for the value axis under 25 rows

    page.resize(700, 300)
    qtbot.waitUntil(lambda: 3 <= len(_bar_values(chart)) < MAX_RANKED)
    low = _assert_every_name_readable(chart)
    assert low[:-1] == tall[:len(low) - 1] and low[-1] == tall[-1]  # the leaders, then the selected kommune
    assert f"Plads til {len(low)} kommuner" in chart.toolTip()

    page.resize(700, 160)  # too low for a few rows above the value axis: the axis makes way for names
    qtbot.waitUntil(lambda: not chart.getPlotItem().getAxis("bottom").isVisible())
    lowest = _assert_every_name_readable(chart)
    assert len(lowest) < len(low) and lowest[-1] == tall[-1]
    assert all(text[0].isdigit() for text in _bar_values(chart))  # each bar's value is written at its end
