"""Danmarks Statistik's measures in the window's comparison chart and map: offered beside BL's figures once fetched,
ranking and colouring every kommune that has the figure, under DST's name, year and source. The figures come through
the menu's fetch from a local server in DST's formats with synthetic numbers (tests/dst_server.py)."""

from dst_server import (  # noqa: F401  (bank is a fixture)
    REAL_ZERO_STARTED,
    UNPUBLISHED_ALMENE,
    UNPUBLISHED_STARTED,
    bank,
    expected_almene,
    expected_share,
)
from qt_helpers import make_window, open_tab, ranking_names, tick_labels, without_figure

from almen_gui.model.formatting import format_number, format_pct

AARHUS, GLOSTRUP = 751, 161
FANOE, LAESOE = int(UNPUBLISHED_ALMENE[0]), int(UNPUBLISHED_STARTED)
ALMENE, ANDEL, PAABEGYNDT = "dst_almene_boliger", "dst_andel_almene_pct", "dst_paabegyndte_almene"
ALMENE_LABEL = "Boliger ejet af almene boligselskaber (Danmarks Statistik, 2026)"
ANDEL_LABEL = "Almen andel af alle boliger (Danmarks Statistik, 2026)"


def _fetch_from_menu(qtbot, window) -> None:
    window.menus.actions["dst_fetch"].trigger()
    with qtbot.waitSignal(window.dst_fetch.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window.state.dst is not None)


def _labels(choice) -> list[str]:
    return [choice.itemText(i) for i in range(choice.count())]


def _choose(choice, text: str) -> None:
    """Pick an entry of a drop-down by its text, as a user does."""
    index = choice.findText(text)
    assert index >= 0, f"{text!r} is not in {_labels(choice)}"
    choice.setCurrentIndex(index)


def _comparison(qtbot, window):
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    qtbot.waitUntil(comparison.chart.isVisible)
    return comparison


def _map(qtbot, window):
    open_tab(qtbot, window.topics, "Kort")
    view = window.topics.map
    qtbot.waitUntil(view.plot.isVisible)
    return view


def _hollow(view) -> list[int]:
    """The kommuner drawn as ikke oplyst (a grey outline, or a hollow bubble)."""
    return sorted(without_figure(view.plot))


def test_the_comparison_ranks_every_kommune_by_dst_s_count_under_dst_s_name_year_and_source(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    comparison = _comparison(qtbot, window)
    assert not any("Danmarks Statistik" in label for label in _labels(comparison.choice))  # nothing fetched yet
    bl_labels = _labels(comparison.choice)
    _fetch_from_menu(qtbot, window)
    labels = _labels(comparison.choice)
    assert labels[:len(bl_labels)] == bl_labels  # BL's figures first, unchanged
    assert ALMENE_LABEL in labels and ANDEL_LABEL in labels
    assert not any("Alle boliger" in label for label in labels)  # DST's total is not comparable
    _choose(comparison.choice, ALMENE_LABEL)
    chart = comparison.chart
    # The synthetic count grows with the kommune's code: Hjørring (860) has the most; Fanø's 2026 count is `..`
    categories = ranking_names(qtbot, chart)  # as many bars as can be read, each named
    texts = [label.textItem.toPlainText() for label in chart.labels if label.isVisible()]
    assert categories[0] == "1. Hjørring" and texts[0] == format_number(expected_almene("860", 2026)) == "1.893"
    ranked_above = [k for k in window.state.dataset.kommuner if k.kode > AARHUS and k.kode != FANOE]
    place = len(ranked_above) + 1
    assert f"{place}. Aarhus" in categories
    assert texts[categories.index(f"{place}. Aarhus")] == "1.784"
    summary = comparison.summary.text()
    assert summary == (f"Aarhus er nr. {place} af 97 kommuner med tallet (den sidste kommune har det ikke "
                       "oplyst). Boliger ejet af almene boligselskaber (2026). Kilde: Danmarks Statistik, BOL101.")
    assert "2.026" not in summary + " ".join(labels)
    assert chart.value_axis.labelText == "boliger"


def test_the_comparison_by_dst_s_share_and_bl_s_figures_stay_bl_s(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=GLOSTRUP)
    _fetch_from_menu(qtbot, window)
    comparison = _comparison(qtbot, window)
    _choose(comparison.choice, ANDEL_LABEL)
    texts = [label.textItem.toPlainText() for label in comparison.chart.labels if label.isVisible()]
    assert all(text.endswith(" pct.") for text in texts)
    assert "af 97 kommuner med tallet" in comparison.summary.text()
    assert comparison.summary.text().endswith(
        "Almen andel af alle boliger (2026). Kilde: almen-guis beregning af Danmarks Statistiks BOL101.")
    assert comparison.chart.value_axis.labelText == "pct."
    # Back to BL's share: only Glostrup has it, with BL's figure, and no DST figure takes the others' place
    comparison.choice.setCurrentIndex(comparison.choice.findData("andel_af_boligmassen_pct"))
    names = comparison.chart.getPlotItem().getAxis("left")
    qtbot.waitUntil(lambda: tick_labels(names) == ["1. Glostrup"])
    assert "Danmarks Statistik" not in comparison.summary.text()
    assert comparison.summary.text().startswith("Glostrup er den eneste kommune med tallet")


def test_the_map_colours_every_kommune_by_dst_s_share_and_leaves_unpublished_ones_hollow(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    view = _map(qtbot, window)
    assert not any("Danmarks Statistik" in label for label in _labels(view.choice))
    _fetch_from_menu(qtbot, window)
    labels = _labels(view.choice)
    assert labels[0] == "Region" and ALMENE_LABEL in labels and ANDEL_LABEL in labels
    _choose(view.choice, ANDEL_LABEL)
    assert _hollow(view) == [FANOE]  # every other bubble filled; Fanø's `..` is ikke oplyst, never 0
    legend = view.legend.text()
    assert "Almen andel af alle boliger (2026):" in legend
    assert "Kilde: almen-guis beregning af Danmarks Statistiks BOL101" in legend and "ikke oplyst (1)" in legend
    assert "2.026" not in legend
    share = format_pct(round(expected_share("751", 2026), 1))
    assert view.plot.selected_label.textItem.toPlainText() == f"Aarhus: {share}" == "Aarhus: 10,2 pct."
    _choose(view.choice, ALMENE_LABEL)
    assert _hollow(view) == [FANOE]
    assert "Boliger ejet af almene boligselskaber (2026):" in view.legend.text()
    assert view.plot.selected_label.textItem.toPlainText() == "Aarhus: 1.784"


def test_the_map_by_dst_s_started_construction_fills_a_real_zero_and_leaves_an_unpublished_one_hollow(
        qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini", kode=GLOSTRUP)
    _fetch_from_menu(qtbot, window)
    view = _map(qtbot, window)
    _choose(view.choice, "Påbegyndte almene boliger (Danmarks Statistik, 2025, foreløbig)")
    assert _hollow(view) == [LAESOE]
    assert int(REAL_ZERO_STARTED) == GLOSTRUP
    assert view.plot.selected_label.textItem.toPlainText() == "Glostrup: 0"  # a real 0, filled
    assert "Kilde: Danmarks Statistik, BYGV33" in view.legend.text()
    view.choice.setCurrentIndex(view.choice.findData("familieboliger"))  # BL's figure: Glostrup's only
    assert len(_hollow(view)) == 97 and "Danmarks Statistik" not in view.legend.text()


def test_a_cached_fetch_offers_dst_s_measures_at_the_next_start(qtbot, tmp_path, bank):
    first = make_window(qtbot, tmp_path / "s.ini")
    _fetch_from_menu(qtbot, first)
    first.close()
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)  # a new start, with the cache from before
    qtbot.waitUntil(lambda: window.state.dst is not None)
    view = _map(qtbot, window)
    _choose(view.choice, ALMENE_LABEL)
    assert _hollow(view) == [FANOE]
    comparison = _comparison(qtbot, window)
    _choose(comparison.choice, ANDEL_LABEL)
    assert "Kilde: almen-guis beregning af Danmarks Statistiks BOL101." in comparison.summary.text()
