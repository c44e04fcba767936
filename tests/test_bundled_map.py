"""Denmark's kommuner as shapes out of the box: the bundled DAGI outlines (data/kommunegraenser.geojson) on the
window's map, the kiosk's map page and every sheet's locator, credited; a user's own GeoJSON still replaces them.

Nothing here reads /work/shared: the outlines ship in the project's data/ folder."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
from PySide6.QtGui import QAction, QColor

from almen_gui import paths
from almen_gui.cli import main
from almen_gui.factsheet import style
from almen_gui.model import load_kommuner
from almen_gui.model.geo import BUNDLED_ATTRIBUTION, BUNDLED_FILE, DENMARK_BOX
from image_checks import to_array
from qt_helpers import make_window, open_tab, outlines
from test_map import outlined, small_geojson  # noqa: F401 (a fixture)


def test_the_bundled_outlines_are_small_whole_and_credited_where_the_data_is_described():
    path = paths.data_dir() / BUNDLED_FILE
    assert path.stat().st_size <= 2 * 1024 * 1024
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["kode"] for f in features) == sorted(k.kode for k in load_kommuner())  # no 411
    lon0, lat0, lon1, lat1 = DENMARK_BOX
    for feature in features:
        for polygon in feature["geometry"]["coordinates"]:
            ring = np.array(polygon[0])
            assert len(ring) >= 4 and (ring[0] == ring[-1]).all()
            assert ((ring[:, 0] >= lon0) & (ring[:, 0] <= lon1) & (ring[:, 1] >= lat0) & (ring[:, 1] <= lat1)).all()
    package = json.loads((paths.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == BUNDLED_FILE)
    assert resource["sources"][0]["title"] == BUNDLED_ATTRIBUTION
    readme = (paths.data_dir() / "README.md").read_text(encoding="utf-8")
    assert f"`{BUNDLED_FILE}`" in readme and BUNDLED_ATTRIBUTION in readme


def test_the_window_s_map_draws_every_kommune_as_a_shape_without_a_file(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    open_tab(qtbot, window.topics, "Kort")
    plot = window.topics.map.plot
    qtbot.waitUntil(lambda: plot.isVisible() and window.state.boundaries is not None)  # read after the first paint
    assert outlined(plot) == {k.kode for k in load_kommuner()}  # each kommune's place lies inside its shape
    assert all(spot.size() == 0 for spot in plot.bubbles.points())  # no bubbles left over
    assert window.state.boundaries.source == BUNDLED_ATTRIBUTION


def test_a_users_own_boundaries_replace_the_bundled_shapes(qtbot, tmp_path, small_geojson):  # noqa: F811
    window = make_window(qtbot, tmp_path / "s.ini")
    open_tab(qtbot, window.topics, "Kort")
    plot = window.topics.map.plot
    qtbot.waitUntil(lambda: len(outlines(plot)) >= 98)
    assert window.data_files.load_boundaries(small_geojson)
    assert outlined(plot) == {161, 751}  # the user's two squares; the other kommuner are bubbles again
    assert sum(1 for spot in plot.bubbles.points() if spot.size() > 0) == 96


def test_hjaelp_datakilder_credits_the_boundaries(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    action = next(a for a in window.findChildren(QAction) if a.text() == "Datakilder")
    action.trigger()
    dialog = window.help_dialogs.sources_dialog
    qtbot.addWidget(dialog)
    assert BUNDLED_ATTRIBUTION in dialog.details.toPlainText()


def _land_pixels(image) -> int:
    """Pixels of the locator's land colour (white at 150/255 over the header's green) in the sheet's top right."""
    pixels = to_array(image).astype(int)
    height, width = pixels.shape[:2]
    corner = pixels[: height // 3, width * 2 // 3:, :3]
    primary, alpha = np.array(QColor(style.PRIMARY).getRgb()[:3]), 150 / 255
    land = primary * (1 - alpha) + 255 * alpha
    return int((np.abs(corner - land).max(axis=2) < 12).sum())


def test_an_exported_sheet_s_locator_draws_denmark_as_shapes(tmp_path):
    from PySide6.QtGui import QImage

    from almen_gui.factsheet.build import build_spec
    from almen_gui.factsheet.render import render_image
    from almen_gui.model import load_bundled_dataset

    assert main(["export", "Glostrup", "--size", "skaerm", "--out", str(tmp_path)]) == 0
    exported = QImage(str(tmp_path / "almene-boliger-glostrup-2024-skaerm.png"))
    spec = build_spec(load_bundled_dataset(), 161)
    assert sum(1 for _, selected in spec.locator_shapes if selected) >= 1  # Glostrup's own outline, highlighted
    dots = render_image(dataclasses.replace(spec, locator_shapes=()), "skaerm")
    assert _land_pixels(exported) > 3 * _land_pixels(dots)


def test_the_kiosk_s_map_page_draws_shapes_and_credits_them(qtbot, bundled, request):
    from almen_gui.qt.common.state import AppState
    from almen_gui.qt.kiosk.pages import KioskPages
    from almen_gui.qt.loading.data_files import read_boundaries
    from qt_helpers import drawn_texts

    state = AppState(bundled, 161)
    assert read_boundaries(state, None) is None  # as the kiosk starts without a boundaries file in kiosk.ini
    pages = KioskPages(state)
    request.addfinalizer(pages.close)
    texts = " ".join(drawn_texts(lambda painter: pages.paint(painter, 161, "kort", 1920, 1080), 1920, 1080))
    assert "Geodatastyrelsen 2014, forenklet." in " ".join(texts.split())  # the shapes' credit, however wrapped
    assert len(outlines(pages._map_page().plot)) >= 98  # the map page drew them (and the capital's again)
