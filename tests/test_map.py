"""The map: projection, Bornholm's inset, clicking to choose, GeoJSON boundaries and their errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt

from almen_gui.model import DataError, load_kommuner
from almen_gui.model.geo import (BUNDLED_ATTRIBUTION, X_SCALE, capital_inset_frame, inset_frame, kommune_position,
                                  load_boundaries, project)
from qt_helpers import make_window, open_tab, outlines, without_figure

SHARED_GEOJSON = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo" / "kommuner.geojson"


def square(lon: float, lat: float, size: float = 0.05) -> list:
    return [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]]


def geojson(tmp_path, features, name="graenser.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def feature(kode, coordinates, kind="Polygon"):
    return {"type": "Feature", "properties": {"KOMKODE": f"{kode:04d}"}, "geometry": {"type": kind,
                                                                                      "coordinates": coordinates}}


def outlined(plot) -> set[int]:
    """The kommuner whose place on the map (where their bubble would be) lies inside an outline drawn there."""
    drawn = outlines(plot)

    def inside(kode: int) -> bool:
        point = plot.scene_position_of(kode)
        return any(item.path().contains(item.mapFromScene(point)) for item in drawn)

    return {k.kode for k in load_kommuner() if inside(k.kode)}


def map_tab(qtbot, window):
    """Open the window's Kort tab by its title; the map view it shows."""
    open_tab(qtbot, window.topics, "Kort")
    view = window.topics.map
    qtbot.waitUntil(view.plot.isVisible)
    return view


@pytest.fixture
def small_geojson(tmp_path):
    """A tiny SYNTHETIC boundary file: squares around Glostrup's and Aarhus's points, plus Christiansø (not a kommune)."""
    kommuner = load_kommuner()
    glostrup, aarhus = kommuner.by_code(161), kommuner.by_code(751)
    return geojson(tmp_path, [feature(161, square(glostrup.lon - 0.025, glostrup.lat - 0.025)),
                              feature(751, [square(aarhus.lon - 0.1, aarhus.lat - 0.1, 0.2)], "MultiPolygon"),
                              feature(411, square(15.18, 55.32, 0.01))])


def test_projection_scales_longitude_and_keeps_skagen_north_of_aarhus():
    kommuner = load_kommuner()
    frederikshavn, aarhus = kommune_position(kommuner.by_code(813)), kommune_position(kommuner.by_code(751))
    assert frederikshavn[1] > aarhus[1]  # Skagen (Frederikshavn Kommune) is north of Aarhus
    assert project(10.0, 56.0) == pytest.approx((10.0 * 0.559, 56.0), rel=1e-3)
    assert 0.55 < X_SCALE < 0.57


def test_bornholm_sits_in_its_inset():
    x0, y0, x1, y1 = inset_frame()
    x, y = kommune_position(load_kommuner().by_code(400))
    assert x0 < x < x1 and y0 < y < y1
    copenhagen = kommune_position(load_kommuner().by_code(101))
    assert x1 - x0 < 1 and abs(x - copenhagen[0]) < 1.5  # drawn near Zealand, not far out in the Baltic


def test_clicking_a_bubble_selects_that_kommune(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    view = map_tab(qtbot, window)
    odense_scene = view.plot.scene_position_of(461)
    assert view.plot.kode_at(odense_scene) == 461
    viewport_point = view.plot.mapFromScene(odense_scene)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point)
    qtbot.waitUntil(lambda: window.state.kode == 461)
    assert window.heading.title.text() == "Odense Kommune"
    assert view.plot.selected_label.textItem.toPlainText().startswith("Odense")


def test_colour_by_a_figure_marks_missing_kommuner_as_ikke_oplyst(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    view = map_tab(qtbot, window)
    view.set_choice("familieboliger")
    assert "ikke oplyst (97)" in view.legend.text()
    assert "4.451" in view.legend.text()
    assert len(without_figure(view.plot)) == 97 and 161 not in without_figure(view.plot)  # grey: ikke oplyst


def test_boundaries_from_a_small_geojson_draw_polygons_and_click_inside(qtbot, tmp_path, small_geojson):
    window = make_window(qtbot, tmp_path / "s.ini")
    assert window.data_files.load_boundaries(small_geojson)
    assert "kode 411 er ikke en af de 98 kommuner" in window.statusBar().currentMessage()
    view = map_tab(qtbot, window)
    assert outlined(view.plot) == {161, 751}  # Christiansø (411) is not a kommune: not drawn
    aarhus = load_kommuner().by_code(751)
    inside = view.plot.getPlotItem().getViewBox().mapViewToScene(QPointF(*project(aarhus.lon + 0.05, aarhus.lat)))
    assert view.plot.kode_at(inside) == 751


@pytest.mark.skipif(not SHARED_GEOJSON.exists(), reason="the shared DAGI GeoJSON is test material outside the project")
def test_the_dagi_boundaries_load_with_christianso_left_out():
    boundaries = load_boundaries(SHARED_GEOJSON, load_kommuner())
    assert len(boundaries.shapes) == 98
    assert any("411" in str(w) for w in boundaries.warnings)
    x0, y0, x1, y1 = inset_frame()
    assert all(x0 <= x <= x1 and y0 <= y <= y1 for ring in boundaries.shapes[400] for x, y in ring)


@pytest.mark.parametrize("content, message", [
    ({"type": "FeatureCollection", "features": [feature(999, square(10, 56))]}, "ingen af de 98 kommuner"),
    ({"type": "FeatureCollection", "features": [feature(161, [[[12.3, 55.6], [12.4]]])]}, "ødelagt geometri"),
    ({"type": "FeatureCollection", "features": [feature(161, [[12.3, 55.6]], "Point")]}, "ikke en flade"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                                                 "geometry": {"type": "Polygon", "coordinates": square(12, 55)}}]},
     "ingen kommunekode"),
    ({"type": "Topology"}, "ikke en GeoJSON FeatureCollection"),
])
def test_bad_geojson_gets_a_clear_message(tmp_path, content, message):
    path = tmp_path / "daarlig.geojson"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_boundaries(path, load_kommuner())
    assert message in "\n".join(str(p) for p in caught.value.problems)


def _tiny_polygons(count: int) -> list:
    return [[[[12.3 + i * 1e-6, 55.6], [12.3 + i * 1e-6, 55.61], [12.31, 55.6], [12.3 + i * 1e-6, 55.6]]]
            for i in range(count)]


@pytest.mark.parametrize("content, words", [
    ({"type": "FeatureCollection", "features": [feature(161, _tiny_polygons(25_000), "MultiPolygon")]},
     "filen har 25.000 flader med 100.000 punkter; kommunegrænser har langt færre"),
    ({"type": "FeatureCollection", "features": [feature(161, square(12.3, 55.6))] * 2_000},
     "filen har 2.000 objekter; kommunegrænser har omkring 100"),
], ids=["rings", "features"])
def test_geojson_with_far_more_polygons_than_kommuner_have_is_refused_before_simplifying(qtbot, tmp_path, small_geojson,
                                                                                        content, words):
    window = make_window(qtbot, tmp_path / "s.ini")
    assert window.data_files.load_boundaries(small_geojson)
    before = window.state.boundaries
    crafted = tmp_path / "mange-flader.geojson"
    crafted.write_text(json.dumps(content), encoding="utf-8")
    assert not window.data_files.load_boundaries(crafted)
    qtbot.addWidget(window.tell.problems_dialog)
    assert words in window.tell.problems_dialog.details.toPlainText()
    assert window.state.boundaries is before


def test_bad_geojson_leaves_the_map_as_it_was(qtbot, tmp_path, small_geojson):
    window = make_window(qtbot, tmp_path / "s.ini")
    assert window.data_files.load_boundaries(small_geojson)
    before = window.state.boundaries
    broken = tmp_path / "oedelagt.geojson"
    broken.write_text("{not json", encoding="utf-8")
    assert not window.data_files.load_boundaries(broken)
    qtbot.addWidget(window.tell.problems_dialog)
    details = window.tell.problems_dialog.details.toPlainText()
    assert "ikke gyldig GeoJSON: JSON-fejl i linje 1, tegn 2" in details
    assert "JSONDecodeError" not in details  # Python's name for it means nothing to a user
    assert "kortet er uændret" in window.tell.problems_dialog.heading.text()
    assert window.state.boundaries is before
    assert outlined(map_tab(qtbot, window).plot) == {161, 751}


def test_factsheet_has_a_locator_map_with_the_kommune_highlighted(bundled):
    from almen_gui.factsheet.build import build_spec

    spec = build_spec(bundled, 161)
    assert len(spec.locator) == 98
    assert [p for p in spec.locator if p[2]] == [p for p in spec.locator if p[2]][:1]
    assert sum(1 for p in spec.locator if p[2]) == 1
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y, _ in spec.locator)


def test_the_map_plot_alone_has_no_controls_and_tells_its_legend(qtbot, bundled):
    from PySide6.QtWidgets import QComboBox

    from almen_gui.qt.map.plot import MapPlot

    plot = MapPlot()
    qtbot.addWidget(plot)
    legends = []
    plot.legend_changed.connect(legends.append)
    plot.set_dataset(bundled, "familieboliger")
    plot.set_kommune(161)
    assert plot.findChildren(QComboBox) == []
    assert legends[-1].missing == 97 and [text for _, text in legends[-1].swatches] == ["4.451"]
    assert plot.selected_label.textItem.toPlainText() == "Glostrup: 4.451"
    plot.set_choice("region")
    assert legends[-1].missing is None and len(legends[-1].swatches) == 5


def _map_tab(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.resize(1366, 740)
    view = map_tab(qtbot, window)
    sizes = []

    def settled() -> bool:  # the window fits its cards after a resize: wait until the map keeps its size
        sizes.append(view.plot.size())
        return view.plot.isVisible() and view.plot.width() > 300 and len(sizes) > 5 and len(set(sizes[-5:])) == 1

    qtbot.waitUntil(settled)
    return window, view


def _inside_the_map(view, item) -> bool:
    visible = view.plot.getPlotItem().getViewBox().sceneBoundingRect()
    return visible.contains(item.sceneBoundingRect())


def test_hovering_a_bubble_shows_its_name_inside_the_map(qtbot, tmp_path):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window, view = _map_tab(qtbot, tmp_path)
    qtbot.mouseMove(view.plot.viewport(), view.plot.mapFromScene(view.plot.scene_position_of(461)))
    label = view.plot.hover_label
    qtbot.waitUntil(lambda: label.isVisible() and label.textItem.toPlainText() == "Odense")
    assert _inside_the_map(view, label)
    assert label.sceneBoundingRect().width() < 200  # drawn at its font size, not at the map's scale
    QApplication.sendEvent(view.plot, QEvent(QEvent.Type.Leave))  # the pointer leaves the map
    assert not label.isVisible()


def test_the_capital_area_is_enlarged_in_an_inset_and_clicks_there_choose(qtbot, tmp_path):
    from almen_gui.model.geo import capital_inset_frame, in_capital_inset

    window, view = _map_tab(qtbot, tmp_path)
    capital = [k for k in load_kommuner() if in_capital_inset(k)]
    assert len(capital) == 28
    x0, y0, x1, y1 = capital_inset_frame()
    view_box = view.plot.getPlotItem().getViewBox()
    for kommune in capital:
        point = view_box.mapSceneToView(view.plot.scene_position_of(kommune.kode))
        assert x0 < point.x() < x1 and y0 < point.y() < y1
    frederiksberg = view.plot.mapFromScene(view.plot.scene_position_of(147))
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=frederiksberg)
    qtbot.waitUntil(lambda: window.state.kode == 147)
    assert view.plot.selected_label.textItem.toPlainText() == "Frederiksberg"


@pytest.mark.parametrize("kode", [813, 101, 573, 400])  # north tip, capital inset, west coast, Bornholm
def test_the_selected_kommune_s_label_stays_inside_the_map(qtbot, tmp_path, kode):
    window, view = _map_tab(qtbot, tmp_path)
    window.state.set_kommune(kode)
    label = view.plot.selected_label
    qtbot.waitUntil(lambda: label.textItem.toPlainText().startswith(load_kommuner().by_code(kode).navn))
    qtbot.waitUntil(lambda: _inside_the_map(view, label))  # once painted


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_the_kiosk_map_page_draws_a_settled_map_with_a_large_legend_and_no_controls(qtbot, bundled, width, height):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QAbstractButton, QComboBox

    from almen_gui.qt.kiosk.map_page import KioskMapPage
    from almen_gui.qt.map.colours import REGION_COLOURS

    page = KioskMapPage()
    qtbot.addWidget(page)
    page.set_dataset(bundled)
    page.set_kommune(161)
    free = QRectF(width * 0.05, height * 0.28, width * 0.9, height * 0.54)  # the kiosk page's free rectangle
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    page.paint_into(painter, free)
    painter.end()
    assert page.findChildren(QComboBox) == [] and page.findChildren(QAbstractButton) == []
    legend = page.legend.text()
    assert all(region.removeprefix("Region ") in legend for region in REGION_COLOURS)
    assert page.legend.font().pixelSize() >= height / 33  # 24 px at 768, 34 px at 1080: read from across the room
    # The map fills its part of the page at once: Nordjylland's bubbles near the top, Sjælland's low down.
    purple, blue = QColor(REGION_COLOURS["Region Nordjylland"]), QColor(REGION_COLOURS["Region Sjælland"])
    rows = {colour.name(): [] for colour in (purple, blue)}
    for y in range(int(free.top()), int(free.bottom()), 2):
        for x in range(int(free.left()), int(free.right() - free.width() * 0.26), 2):
            name = image.pixelColor(x, y).name()
            if name in rows:
                rows[name].append(y)
    assert rows[purple.name()] and rows[blue.name()]
    assert min(rows[purple.name()]) < free.top() + free.height() * 0.25
    assert max(rows[blue.name()]) > free.top() + free.height() * 0.75


# --- hostile boundary files -------------------------------------------------------------------------------------------
CORPUS = Path(__file__).parent / "corpus" / "geojson"
sys.path.insert(0, str(CORPUS))
from make_geojson_corpus import CASES  # noqa: E402


def _hostile(tmp_path, name: str) -> tuple[Path, str]:
    """A hostile file and what its message must say: the small ones from the corpus, the large one made here."""
    if name == "indlejret-100000-niveauer.geojson":
        path = tmp_path / name
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        return path, "indlejret"
    return CORPUS / name, CASES[name][1]


HOSTILE = [*CASES, "indlejret-100000-niveauer.geojson"]


def _problems_text(window) -> str:
    return window.tell.problems_dialog.heading.text() + "\n" + window.tell.problems_dialog.details.toPlainText()


def _says_it_plainly(text: str, expected: str) -> None:
    assert expected in text
    assert "Error" not in text and "Traceback" not in text and "Exception" not in text


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_boundary_file_from_the_menu_gets_a_message_and_the_map_stays(qtbot, tmp_path, monkeypatch, name):
    from PySide6.QtWidgets import QFileDialog

    path, expected = _hostile(tmp_path, name)
    window = make_window(qtbot, tmp_path / "s.ini")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.menus.actions["boundaries"].trigger()
    qtbot.waitUntil(lambda: window.tell.problems_dialog is not None)
    qtbot.addWidget(window.tell.problems_dialog)
    _says_it_plainly(_problems_text(window), expected)
    assert "kortet er uændret" in window.tell.problems_dialog.heading.text()
    assert window.state.boundaries.source == BUNDLED_ATTRIBUTION  # the map keeps the bundled shapes


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_boundary_file_on_the_command_line_gets_a_message(qtbot, tmp_path, name):
    from PySide6.QtCore import QSettings

    from almen_gui.qt.start.app import create_application, open_main_window
    from almen_gui.qt.start.launch import build_parser
    from almen_gui.qt.common.settings import Settings

    path, expected = _hostile(tmp_path, name)
    create_application()
    args = build_parser().parse_args(["--boundaries", str(path)])
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = open_main_window(boundaries=args.boundaries, settings=settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.tell.problems_dialog is not None)  # the file is read once the window is painted
    qtbot.addWidget(window.tell.problems_dialog)
    _says_it_plainly(_problems_text(window), expected)
    assert window.state.boundaries.source == BUNDLED_ATTRIBUTION and settings.get("boundaries_path") == ""


def click_tab(qtbot, window, text: str) -> None:
    bar = window.topics.tabBar()
    index = [bar.tabText(i) for i in range(bar.count())].index(text)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: window.topics.currentIndex() == index)


def test_boundaries_given_at_start_are_read_once_the_window_is_painted_and_at_the_next_start(qtbot, tmp_path,
                                                                                              small_geojson):
    from PySide6.QtCore import QSettings

    from almen_gui.qt.start.app import open_main_window
    from almen_gui.qt.common.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = open_main_window(boundaries=str(small_geojson), settings=settings)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.state.boundaries is not None)
    click_tab(qtbot, window, "Kort")
    assert set(window.topics.map.boundaries.shapes) == {161, 751}
    assert window.statusBar().currentMessage().startswith(f"Kommunegrænser: {small_geojson.name}")
    remembered = settings.get("boundaries_path")
    assert remembered != str(small_geojson) and Path(remembered).read_bytes() == small_geojson.read_bytes()
    window.close()

    small_geojson.unlink()  # the next start reads the remembered copy
    again = open_main_window(settings=settings)
    qtbot.addWidget(again)
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: again.state.boundaries is not None)
    click_tab(qtbot, again, "Kort")
    assert set(again.topics.map.boundaries.shapes) == {161, 751}
    assert settings.get("boundaries_path") == remembered


@pytest.mark.parametrize("name", ["utm-koordinater.geojson", "byttede-koordinater.geojson",
                                  "1e308-koordinater.geojson"])
def test_coordinates_outside_denmark_are_refused_in_one_sentence(name):
    with pytest.raises(DataError) as caught:
        load_boundaries(CORPUS / name, load_kommuner())
    assert len(caught.value.problems) == 1
    first = str(caught.value.problems[0])
    assert "koordinaterne skal være WGS84-længde- og breddegrader inden for Danmarks grænser" in first
    assert "\n" not in first and "har punktet (" in first  # one line, naming a point that is outside


def zigzag_outline(tmp_path, points: int) -> Path:
    """A SYNTHETIC hostile outline around Glostrup: a saw blade of `points` teeth, each under the map's resolution."""
    ring = [[12.30 + i * 0.1 / points, 55.66 + (0.0005 if i % 2 else 0.0)] for i in range(points)]
    ring += [[12.40, 55.70], [12.30, 55.70], ring[0]]
    return geojson(tmp_path, [feature(161, [ring])], "savklinge.geojson")


def test_a_40000_point_zigzag_is_simplified_once_and_remembered(tmp_path, monkeypatch):
    from almen_gui.model import geo

    path = zigzag_outline(tmp_path, 40_000)
    first = load_boundaries(path, load_kommuner())
    assert 4 <= len(first.shapes[161][0]) <= 20  # the teeth are below the map's resolution; the block remains
    xs = [x for x, _ in first.shapes[161][0]]
    assert min(xs) == pytest.approx(12.30 * X_SCALE) and max(xs) == pytest.approx(12.40 * X_SCALE)

    def no_second_time(*_args):
        raise AssertionError("remembered boundaries were simplified again")

    monkeypatch.setattr(geo, "simplify", no_second_time)
    again = load_boundaries(path, load_kommuner())
    assert again.shapes == first.shapes and again.source == "savklinge.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace("55.66", "55.67"), encoding="utf-8")
    with pytest.raises(AssertionError, match="simplified again"):  # a changed file is read afresh
        load_boundaries(path, load_kommuner())


def test_the_map_follows_the_state_s_boundaries_dataset_and_kommune(qtbot, bundled, small_geojson):
    from almen_gui.qt.map.view import MapView
    from almen_gui.qt.common.state import AppState

    state = AppState(bundled, 161)
    state.set_boundaries(load_boundaries(small_geojson, bundled.kommuner))  # before the view exists
    view = MapView(state)
    qtbot.addWidget(view)
    assert outlined(view.plot) == {161, 751}
    glostrup = view.plot.scene_position_of(161)  # its place in the capital's inset
    around = [item for item in outlines(view.plot) if item.path().contains(item.mapFromScene(glostrup))]
    x0, y0, x1, y1 = capital_inset_frame()
    inset = view.plot.getPlotItem().getViewBox().mapViewToScene(QRectF(x0, y0, x1 - x0, y1 - y0)).boundingRect()
    drawn = [item.mapToScene(item.path().boundingRect()).boundingRect() for item in around]
    assert len(drawn) == 1 and inset.contains(drawn[0])  # drawn enlarged, inside the capital's inset
    view.show()
    qtbot.waitExposed(view)
    state.set_kommune(751)
    assert view.plot.selected_label.textItem.toPlainText() == "Aarhus"
    state.set_boundaries(None)
    assert outlines(view.plot) == []
    view.set_choice("familieboliger")
    state.set_dataset(bundled)
    assert "ikke oplyst (97)" in view.legend.text()
    view.hide()  # a hidden map catches up when it is shown again
    state.set_kommune(461)
    view.show()
    qtbot.waitUntil(lambda: view.plot.selected_label.textItem.toPlainText() == "Odense: ikke oplyst")


def test_simplifying_an_outline_keeps_its_corners_and_drops_what_the_map_cannot_show():
    import numpy as np

    from almen_gui.model.simplify import simplify

    side = np.linspace(0.0, 1.0, 2_500, endpoint=False)
    edges = [(side, 0 * side), (1 + 0 * side, side), (1 - side, 1 + 0 * side), (0 * side, 1 - side)]
    square = np.concatenate([np.column_stack(edge) for edge in edges] + [[[0.0, 0.0]]])
    kept = simplify(square, 0.002)
    assert 5 <= len(kept) <= 9 and kept[0] == kept[-1] == (0.0, 0.0)
    for corner in ((1.0, 0.0), (1.0, 1.0), (0.0, 1.0)):  # each corner stays, to within what the map can show
        assert min(abs(x - corner[0]) + abs(y - corner[1]) for x, y in kept) < 0.01


def test_the_hover_label_is_never_drawn_over_the_selected_kommune_s_label(qtbot, tmp_path):
    from almen_gui.model.geo import in_capital_inset

    window, view = _map_tab(qtbot, tmp_path)  # Glostrup selected, in the crowded capital inset
    plot = view.plot
    selected, hover = plot.selected_label, plot.hover_label
    qtbot.waitUntil(lambda: selected.textItem.toPlainText() == "Glostrup")
    jiggle = iter(range(10**6))

    def pointer_on(kode: int) -> None:
        """Move the pointer onto the kommune, a pixel to and fro: the offscreen platform drops some moves."""
        qtbot.mouseMove(plot.viewport(), plot.mapFromScene(plot.scene_position_of(kode)) + QPoint(next(jiggle) % 2, 0))

    for kommune in (k for k in load_kommuner() if in_capital_inset(k)):
        if kommune.kode == 161:  # its own name is shown already
            qtbot.waitUntil(lambda: pointer_on(161) or not hover.isVisible())
            continue
        qtbot.waitUntil(lambda k=kommune: pointer_on(k.kode) or (hover.isVisible()
                                                                 and hover.textItem.toPlainText() == k.navn))
        assert not hover.sceneBoundingRect().intersects(selected.sceneBoundingRect()), kommune.navn
