"""Figures are described once, in the data package: a figure added there reaches the views without editing them."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from almen_gui import paths
from almen_gui.model import dataset as dataset_module
from almen_gui.model import load_bundled_dataset
from almen_gui.model import metadata as metadata_module
from almen_gui.model.dst_measures import MEASURES
from almen_gui.model.figure_set import FigureSet
from almen_gui.model.figure_source import FigureFields, FigureSource
from qt_helpers import card_texts, make_window, open_tab, tick_labels

EXTRA = {  # clearly synthetic: no such figure exists in BL's factsheet
    "name": "syntetisk_testtal", "title": "Syntetisk testtal", "short_title": "Testtal", "type": "number",
    "unit": "boliger", "kind": "antal", "period": "2099", "group": "boligmassen",
    "description": "Et opdigtet tal, kun til test.", "source": "Syntetisk testkilde",
    "order": 14, "comparable": True, "mappable": True,
}


def _clear_caches() -> None:
    for cached in (metadata_module.load_metadata, metadata_module.load_dst_family, dataset_module.load_kommuner):
        cached.cache_clear()


@pytest.fixture
def extra_figure(tmp_path, monkeypatch):
    """A copy of the bundled data with one synthetic figure added to its metadata and a column for it (Glostrup 1234)."""
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    package_path = folder / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    figures = next(r for r in package["resources"] if r["name"] == metadata_module.FIGURES_RESOURCE)
    figures["schema"]["fields"].append(EXTRA)
    package_path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    table_path = folder / figures["path"]
    with table_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0].append(EXTRA["name"])
    for row in rows[1:]:
        row.append("1234" if row[0] in ("161", "0161") else "")
    with table_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    monkeypatch.setattr(paths, "data_dir", lambda: folder)
    _clear_caches()
    yield EXTRA["name"]
    _clear_caches()


def test_an_added_figure_becomes_a_card_and_a_comparison_choice(qtbot, tmp_path, extra_figure):
    window = make_window(qtbot, tmp_path / "settings.ini")
    page = open_tab(qtbot, window.topics, "Boliger")  # its group, boligmassen, is a topic of dwellings
    card = page.cards[extra_figure]
    assert card.isVisible()
    assert card.value.text() == "1.234"
    assert "Syntetisk testtal" in card.title.text() or "Syntetisk testtal" in card.toolTip()
    assert list(page.bl.cards)[-1] == extra_figure  # order 14: after the topic's other cards
    comparison = open_tab(qtbot, window.topics, "Sammenligning")
    choice = comparison.choice
    index = choice.findText("Syntetisk testtal (2099)")
    assert index >= 0
    choice.setCurrentIndex(index)
    qtbot.waitUntil(lambda: "Glostrup er den eneste kommune med tallet" in comparison.summary.text())
    names = comparison.chart.getPlotItem().getAxis("left")
    qtbot.waitUntil(lambda: tick_labels(names) == ["1. Glostrup"])
    assert [label.textItem.toPlainText() for label in comparison.chart.labels if label.isVisible()] == ["1.234"]
    open_tab(qtbot, window.topics, "Kort")
    colour_by = window.topics.map.choice
    assert "Syntetisk testtal (2099)" in [colour_by.itemText(i) for i in range(colour_by.count())]


def test_an_added_figure_leaves_the_factsheet_as_its_template_describes_it(extra_figure):
    from almen_gui.factsheet.build import build_spec
    from almen_gui.model import load_bundled_dataset

    spec = build_spec(load_bundled_dataset(), 161)
    assert [t.value for t in spec.tiles] == ["4.614", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.",
                                             "222 mio. kr."]


def test_only_comparable_figures_are_offered_for_comparison(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "settings.ini")
    choice = window.topics.comparison.choice
    offered = [choice.itemData(i) for i in range(choice.count())]
    metadata = metadata_module.load_metadata()
    assert offered == [f.name for f in metadata.comparable_fields]
    assert "igangsat_familieboliger" not in offered  # three years of started construction are not ranked
    assert "boliger_i_alt" in offered
    assert sorted(card_texts(window)) == sorted(f.name for f in metadata.card_fields)  # each on a topic


def test_a_dataset_and_the_figure_set_are_read_as_one_kind_of_figure_source():
    """The charts and the map take a FigureSource: BL's dataset, or the figure set with DST's figures beside it; the
    figure set's metadata is a description of its figures, not the set itself."""
    dataset = load_bundled_dataset()
    figures = FigureSet(dataset)
    for source in (dataset, figures):
        assert isinstance(source, FigureSource) and isinstance(source.metadata, FigureFields)
    assert figures.metadata is not figures
    assert figures.metadata.comparable_fields == dataset.metadata.comparable_fields  # no DST figures fetched


def test_the_data_package_describes_each_of_danmarks_statistiks_measures_under_the_name_the_code_gives_it():
    assert [m.name for m in metadata_module.load_dst_family().measures] == list(MEASURES)
