"""The factsheet: what it says, the files it writes, and that they look right."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from almen_gui.factsheet import style
from almen_gui.factsheet.export import ExportError, IncompleteError, export_factsheet, export_many, write_factsheet
from almen_gui.factsheet.render import SIZES, render_image
from almen_gui.factsheet.spec import TemplateError, build_spec, file_name, load_template, slugify
from image_checks import colour_at, differing_fraction, mean_difference, to_array

GOLDEN = Path(__file__).parent / "golden"
FIXED_DAY = dt.date(2026, 1, 15)
GLOSTRUP_TEXTS = ["GLOSTRUP KOMMUNE", "7.900", "4.451", "73", "90", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.",
                  "222 mio. kr.", "2021–2023", "Vidste du, at", "Boligstat.dk (2024)"]


def test_glostrup_spec_says_every_reference_figure(bundled):
    spec = build_spec(bundled, 161, today=FIXED_DAY)
    text = "\n".join(spec.texts())
    for expected in GLOSTRUP_TEXTS:
        assert expected in text
    assert spec.headline == "ALMENE BOLIGER GØR GLOSTRUP KOMMUNE BEDRE"
    assert spec.construction_note  # all three started-construction figures are a real 0
    assert [b.text for b in spec.construction] == ["0", "0", "0"]
    assert "15.01.2026" in spec.exported_line
    assert "2.024" not in text and "2.026" not in text
    assert spec.is_complete


@pytest.mark.parametrize("kode, headline", [(101, "ALMENE BOLIGER GØR KØBENHAVNS KOMMUNE BEDRE"),
                                            (400, "ALMENE BOLIGER GØR BORNHOLMS REGIONSKOMMUNE BEDRE")])
def test_headline_uses_the_official_name_in_capitals(bundled, kode, headline):
    assert build_spec(bundled, kode).headline == headline


def test_missing_figures_read_ikke_oplyst_never_zero(bundled):
    spec = build_spec(bundled, 751)
    assert len(spec.missing) == 12
    assert spec.residents.value == "ikke oplyst"
    assert all(t.value == "ikke oplyst" for t in spec.tiles)
    assert all(b.text == "ikke oplyst" for b in spec.dwellings + spec.construction)
    assert not spec.construction_note


@pytest.mark.parametrize("name, slug", [("Høje-Taastrup", "hoeje-taastrup"), ("Ærø", "aeroe"), ("Aabenraa", "aabenraa"),
                                        ("Lyngby-Taarbæk", "lyngby-taarbaek"), ("Bornholm", "bornholm")])
def test_file_names_are_ascii(name, slug):
    assert slugify(name) == slug
    assert file_name(name, 2024, "png") == f"almene-boliger-{slug}-2024.png"


def test_wording_comes_from_the_editable_template(bundled, tmp_path):
    template = load_template()
    template["headline"] = "ALMENE BOLIGER I {kommune_versaler}"
    assert build_spec(bundled, 161, template).headline == "ALMENE BOLIGER I GLOSTRUP KOMMUNE"
    template["headline"] = "{ukendt}"
    with pytest.raises(TemplateError, match="ukendt"):
        build_spec(bundled, 161, template)
    broken = tmp_path / "broken.toml"
    broken.write_text("headline = [", encoding="utf-8")
    with pytest.raises(TemplateError):
        load_template(broken)


@pytest.mark.parametrize("size", ["a4", "skaerm", "kvadrat"])
def test_png_has_exact_size_white_background_and_header_band(bundled, tmp_path, size):
    path = export_factsheet(bundled, 161, tmp_path, "png", size)
    assert path.name == "almene-boliger-glostrup-2024.png"
    image = QImage(str(path))
    assert (image.width(), image.height()) == SIZES[size]
    assert not image.hasAlphaChannel()
    assert colour_at(image, 5, 5) == style.PRIMARY.lower()  # headline band
    assert colour_at(image, 2, image.height() - 3) == "#ffffff"  # white page
    pixels = to_array(image)
    assert len({tuple(p) for p in pixels[::37, ::37].reshape(-1, 3)}) > 20  # not blank: text, bars, panels
    if size == "a4":
        assert round(image.dotsPerMeterX() * 0.0254) == 300
        assert path.stat().st_size <= 1_500_000


def test_rendering_ignores_the_screens_scale_factor(bundled):
    spec = build_spec(bundled, 161, today=FIXED_DAY)
    first = to_array(render_image(spec, "kvadrat"))
    ratio = QGuiApplication.primaryScreen().devicePixelRatio()
    assert render_image(spec, "kvadrat").devicePixelRatio() == 1.0
    assert mean_difference(first, to_array(render_image(spec, "kvadrat"))) == 0.0
    assert ratio > 0


def test_matches_the_golden_image(bundled, tmp_path):
    """Compared with a tolerance: font rasterisers differ a little between Qt releases."""
    image = render_image(build_spec(bundled, 161, today=FIXED_DAY), "kvadrat")
    golden_path = GOLDEN / "glostrup-kvadrat.png"
    if os.environ.get("ALMEN_UPDATE_GOLDEN"):
        image.save(str(golden_path))
    golden = QImage(str(golden_path))
    actual, expected = to_array(image), to_array(golden)
    assert mean_difference(actual, expected) < 2.0
    assert differing_fraction(actual, expected) < 0.01


def test_golden_check_would_notice_a_different_kommune(bundled, synthetic_dataset):
    golden = to_array(QImage(str(GOLDEN / "glostrup-kvadrat.png")))
    other = to_array(render_image(build_spec(synthetic_dataset, 161, today=FIXED_DAY), "kvadrat"))
    assert differing_fraction(other, golden) >= 0.01


@pytest.mark.parametrize("size, points", [("a4", (595, 842)), ("skaerm", (461, 259)), ("kvadrat", (259, 259))])
def test_pdf_has_real_selectable_text(bundled, tmp_path, size, points):
    from pypdf import PdfReader

    path = export_factsheet(bundled, 161, tmp_path, "pdf", size)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
    text = " ".join(reader.pages[0].extract_text().split())  # pypdf reports word gaps as tabs
    for expected in ["GLOSTRUP", "7.900", "4.451", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.", "222 mio. kr."]:
        assert expected in text, expected


def test_incomplete_kommune_is_refused_unless_allowed(bundled, tmp_path):
    with pytest.raises(IncompleteError, match="Aarhus Kommune mangler 12 tal"):
        export_factsheet(bundled, 751, tmp_path)
    assert list(tmp_path.iterdir()) == []
    path = export_factsheet(bundled, 751, tmp_path, allow_incomplete=True)
    assert path.exists()


def test_missing_folder_is_one_clear_error(bundled, tmp_path):
    with pytest.raises(ExportError, match="findes ikke"):
        export_factsheet(bundled, 161, tmp_path / "nope")
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x")
    with pytest.raises(ExportError, match="ikke en mappe"):
        export_factsheet(bundled, 161, a_file)


def test_failed_write_keeps_the_good_file_and_leaves_no_partial_file(bundled, tmp_path, monkeypatch):
    good = export_factsheet(bundled, 161, tmp_path)
    before = good.read_bytes()
    monkeypatch.setattr(QImage, "save", lambda self, *args: False)  # as when the disk is full
    with pytest.raises(ExportError, match="disken fuld"):
        export_factsheet(bundled, 161, tmp_path)
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [good.name]


def test_write_rejects_unknown_format_and_size(bundled, tmp_path):
    spec = build_spec(bundled, 161)
    with pytest.raises(ExportError, match="format"):
        write_factsheet(spec, tmp_path / "x.gif", "gif")
    with pytest.raises(ExportError, match="størrelse"):
        write_factsheet(spec, tmp_path / "x.png", "png", "a3")


def test_all_98_factsheets_from_a_complete_dataset(synthetic_dataset, tmp_path):
    seen = []
    result = export_many(synthetic_dataset, [k.kode for k in synthetic_dataset.kommuner], tmp_path, "png", "kvadrat",
                         progress=lambda done, total, name: seen.append(done) or True)
    assert len(result.written) == 98 and not result.failed and not result.skipped
    assert len(list(tmp_path.glob("almene-boliger-*-2024.png"))) == 98
    assert seen[-1] == 98
    assert not list(tmp_path.glob(".*tmp"))


def test_batch_can_be_cancelled(synthetic_dataset, tmp_path):
    result = export_many(synthetic_dataset, [k.kode for k in synthetic_dataset.kommuner], tmp_path, "png", "kvadrat",
                         progress=lambda done, total, name: done < 3)
    assert result.cancelled
    assert 3 <= len(list(tmp_path.glob("*.png"))) < 98
    assert not list(tmp_path.glob(".*tmp"))
