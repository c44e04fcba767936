"""The factsheet: what it says, the files it writes, and that they look right."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from almen_gui.factsheet import style
from almen_gui.factsheet.export import ExportError, IncompleteError, export_factsheet, export_many, write_factsheet
from almen_gui.factsheet.render import SIZES, render_image
from almen_gui.factsheet.build import build_spec
from almen_gui.factsheet.spec import TemplateError, file_name, load_template, slugify
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
    assert spec.headline == "ALMENE HJEM FOR MANGE I GLOSTRUP KOMMUNE"
    assert spec.construction_note  # all three started-construction figures are a real 0
    assert [b.text for b in spec.construction] == ["0", "0", "0"]
    assert "den 15. januar 2026." in spec.exported_line  # the date in words, the year never grouped
    assert "2.024" not in text and "2.026" not in text
    assert spec.is_complete


@pytest.mark.parametrize("kode, headline", [(101, "ALMENE HJEM FOR MANGE I KØBENHAVNS KOMMUNE"),
                                            (400, "ALMENE HJEM FOR MANGE I BORNHOLMS REGIONSKOMMUNE")])
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
    template = load_template()
    del template["fuld"]["henvisning"]
    with pytest.raises(TemplateError, match="henvisning"):
        build_spec(bundled, 161, template)
    broken = tmp_path / "broken.toml"
    broken.write_text("headline = [", encoding="utf-8")
    with pytest.raises(TemplateError):
        load_template(broken)


def test_a_template_edited_while_running_is_read_again_and_a_changed_copy_stays_private(bundled, tmp_path):
    from almen_gui.resources import template_path

    changed = load_template()
    changed["headline"] = "ÆNDRET {kommune_versaler}"
    assert build_spec(bundled, 161).headline == "ALMENE HJEM FOR MANGE I GLOSTRUP KOMMUNE"
    own = tmp_path / "faktaark.toml"
    text = template_path().read_text(encoding="utf-8")
    own.write_text(text, encoding="utf-8")
    assert build_spec(bundled, 161, load_template(own)).headline == "ALMENE HJEM FOR MANGE I GLOSTRUP KOMMUNE"
    own.write_text(text.replace("HJEM FOR MANGE", "HJEM FOR FLERE", 1), encoding="utf-8")
    # The same size, saved in place a second later (times, size and inode are what tell an edited file)
    os.utime(own, ns=(own.stat().st_atime_ns, own.stat().st_mtime_ns + 1_000_000_000))
    assert build_spec(bundled, 161, load_template(own)).headline == "ALMENE HJEM FOR FLERE I GLOSTRUP KOMMUNE"


@pytest.mark.parametrize("size, name", [("a4", "almene-boliger-glostrup-2024.png"),
                                        ("skaerm", "almene-boliger-glostrup-2024-skaerm.png"),
                                        ("kvadrat", "almene-boliger-glostrup-2024-kvadrat.png")])
def test_png_has_exact_size_white_background_and_header_band(bundled, tmp_path, size, name):
    path = export_factsheet(bundled, 161, tmp_path, "png", size)
    assert path.name == name
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


# The CLI export in a fresh process, which reports the scale factor its screen had while it drew.
EXPORT_AT_SCALE = """
import sys
from PySide6.QtGui import QGuiApplication
from almen_gui.cli import main
code = main(["export", "Glostrup", "--size", "kvadrat", "--out", sys.argv[1]])
print(code, QGuiApplication.primaryScreen().devicePixelRatio())
"""


def test_export_ignores_the_screens_scale_factor(tmp_path):
    """The same PNG, pixel for pixel, whether the screen is scaled 1× or 2× (QT_SCALE_FACTOR)."""
    images = []
    for factor in ("1", "2"):
        folder = tmp_path / f"skala-{factor}"
        folder.mkdir()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": factor}
        out = subprocess.run([sys.executable, "-c", EXPORT_AT_SCALE, str(folder)], capture_output=True, text=True,
                             env=env, timeout=120, check=True).stdout.split()
        assert out[-2:] == ["0", f"{float(factor)}"]  # exported, and the screen really was scaled
        (path,) = folder.glob("*.png")
        images.append(QImage(str(path)))
    assert images[0].size() == images[1].size() == QSize(1080, 1080)
    assert mean_difference(to_array(images[0]), to_array(images[1])) == 0.0


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

    path = export_factsheet(bundled, 161, tmp_path, "pdf", size, layout="kort")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
    text = " ".join(reader.pages[0].extract_text().split())  # pypdf reports word gaps as tabs
    for expected in ["GLOSTRUP", "7.900", "4.451", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.", "222 mio. kr."]:
        assert expected in text, expected


def test_incomplete_kommune_is_refused_unless_allowed(bundled, tmp_path):
    with pytest.raises(IncompleteError, match="Aarhus Kommune mangler 12 tal") as refused:
        export_factsheet(bundled, 751, tmp_path)
    assert list(tmp_path.iterdir()) == []
    # A refusal, not a failed write; its words fit the window too, so they name no command-line flag.
    assert not isinstance(refused.value, ExportError)
    assert "--" not in str(refused.value) and "«ikke oplyst»" in str(refused.value)
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


def test_impossible_layouts_are_told_without_command_line_flags():
    """The window shows these sentences as they are; the command line words its own hint."""
    from almen_gui.factsheet.export import check_layout

    for fmt, size, layout in (("pdf", "kvadrat", "karrusel"), ("png", "a4", "karrusel"), ("png", "skaerm", "fuld")):
        with pytest.raises(ExportError) as raised:
            check_layout(fmt, size, layout)
        assert "--" not in str(raised.value) and "almen " not in str(raised.value), raised.value


def test_all_98_factsheets_from_a_complete_dataset(synthetic_dataset, tmp_path):
    seen = []
    result = export_many(synthetic_dataset, [k.kode for k in synthetic_dataset.kommuner], tmp_path, "png", "kvadrat",
                         progress=lambda done, total, name: seen.append(done) or True)
    assert len(result.written) == 98 and not result.failed and not result.skipped
    assert len(list(tmp_path.glob("almene-boliger-*-2024-kvadrat.png"))) == 98
    assert seen[-1] == 98
    assert not list(tmp_path.glob(".*tmp"))


def test_batch_can_be_cancelled(synthetic_dataset, tmp_path):
    result = export_many(synthetic_dataset, [k.kode for k in synthetic_dataset.kommuner], tmp_path, "png", "kvadrat",
                         progress=lambda done, total, name: done < 3)
    assert result.cancelled
    assert 3 <= len(list(tmp_path.glob("*.png"))) < 98
    assert not list(tmp_path.glob(".*tmp"))


# ---- the whole sheet (two A4 pages), the carousel, and typography checked on every page of every size ----------

LONG_NAMES = ["Ringkøbing-Skjern", "Lyngby-Taarbæk", "Faaborg-Midtfyn", "Høje-Taastrup"]
PRINTED_SHEET_FIGURES = ["7.900", "73", "4.451", "90", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.",
                         "222 mio. kr.", "2021–2023"]
NUMBERED_SOURCES = ["1) Boligstat.dk (2024)", "2) Survey foretaget af Epinion for BL (2024)",
                    "3) Boligsocialkort.dk; Landsbyggefonden (2024)", "4) Landsbyggefonden (2023)"]
# Texts that are sentences: a missing figure must never appear inside one (a bar's own value may read "ikke oplyst").
SENTENCE_KINDS = {"body", "figure", "figure_caption", "unavailable", "title", "pointer", "headline", "chart_note"}


def every_page(spec):
    """(name, width, height, text boxes) for every page of every size and layout."""
    from PySide6.QtGui import QPainter

    from almen_gui.factsheet.pages import CAROUSEL, carousel_layout, full_scale, render_full_page, render_square
    from almen_gui.factsheet.render import render

    def boxes(width, height, draw):
        image = QImage(width, height, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        try:
            return draw(painter)
        finally:
            painter.end()

    pages = [(f"kort-{size}", *SIZES[size], boxes(*SIZES[size], lambda p, s=SIZES[size]: render(p, spec, *s)))
             for size in SIZES]
    scale = full_scale(spec)
    pages += [(f"fuld-{n}", 2480, 3508, boxes(2480, 3508, lambda p, n=n: render_full_page(p, spec, n, 2480, 3508,
                                                                                         scale)))
              for n in (1, 2)]
    layout = carousel_layout(spec)
    pages += [(f"karrusel-{n}", 1080, 1080, boxes(1080, 1080, lambda p, n=n: render_square(p, spec, n, 1080, 1080,
                                                                                          layout)))
              for n in range(1, len(CAROUSEL) + 1)]
    return pages


def inside(inner, outer, slack=1.0) -> bool:
    return (inner.left() >= outer.left() - slack and inner.top() >= outer.top() - slack
            and inner.right() <= outer.right() + slack and inner.bottom() <= outer.bottom() + slack)


@pytest.mark.parametrize("name", LONG_NAMES + ["Glostrup"])
def test_every_page_keeps_text_inside_its_frames_with_no_orphan_headline_word(synthetic_dataset, name):
    from almen_gui.factsheet.typeset import has_lone_word, has_orphan

    spec = build_spec(synthetic_dataset, synthetic_dataset.kommune(name).kode, today=FIXED_DAY)
    for page, width, height, boxes in every_page(spec):
        assert boxes, page
        for box in boxes:
            assert inside(box.bounds, box.frame), (page, box.kind, box.text)
            assert inside(box.frame, QImage(width, height, QImage.Format.Format_RGB32).rect().toRectF()), (page, box)
        if page.startswith(("fuld", "karrusel")):  # nothing runs into the footer
            footer_top = min(b.bounds.top() for b in boxes if b.kind == "footer")
            assert max(b.bounds.bottom() for b in boxes if b.kind != "footer") < footer_top, page
        headlines = [b for b in boxes if b.kind in ("headline", "title")]  # a page's headline, a section's heading
        assert headlines, page
        for box in headlines:
            assert not has_orphan(box.lines) and not has_lone_word(box.lines), (page, box.lines)
        for box in (b for b in boxes if b.kind in SENTENCE_KINDS | {"overline"}):  # no sentence ends on a word alone
            assert len(box.lines) < 2 or len(box.lines[-1].split()) > 1, (page, box.kind, box.lines)
        if page.startswith("karrusel"):
            assert min(b.px for b in boxes) >= 28, (page, min(boxes, key=lambda b: b.px))


def _nothing_started(path: Path) -> Path:
    """A SYNTHETIC dataset for all 98 kommuner in which no kommune started any construction (a real 0 each year)."""
    import csv

    from synthetic import write_synthetic_csv

    with write_synthetic_csv(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    started = [i for i, name in enumerate(rows[0]) if name.startswith("igangsat_")]
    for row in rows[1:]:
        for index in started:
            row[index] = "0"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_no_kommunes_headline_or_no_construction_sentence_leaves_a_word_alone(tmp_path):
    """Every kommune's name at every size of the one-page sheet and on the carousel (the whole sheet shares the
    carousel's band; the test above takes it through the longest names): the headline has no word alone on its last
    or a middle line ("BEDRE", "RINGKØBING-SKJERN"), and the sentence over an empty construction chart never ends
    with a word alone ("perioden.")."""
    from PySide6.QtGui import QPainter, QPicture

    from almen_gui.factsheet.pages import carousel_layout, render_square
    from almen_gui.factsheet.render import render
    from almen_gui.factsheet.typeset import has_lone_word
    from almen_gui.model import load_dataset

    def boxes(draw):
        picture = QPicture()  # the renderers' own record of their lines, without the cost of filling the pixels
        painter = QPainter(picture)
        try:
            return draw(painter)
        finally:
            painter.end()

    dataset = load_dataset(_nothing_started(tmp_path / "intet-igangsat.csv"))
    for kommune in dataset.kommuner:
        spec = build_spec(dataset, kommune.kode, today=FIXED_DAY)
        assert spec.construction_note
        pages = {f"kort-{size}": boxes(lambda p, s=SIZES[size]: render(p, spec, *s)) for size in SIZES}
        layout = carousel_layout(spec)
        for number in (1, 3):  # the headline square and the construction square
            pages[f"karrusel-{number}"] = boxes(lambda p, n=number: render_square(p, spec, n, 1080, 1080, layout))
        for page, drawn in pages.items():
            kinds = {box.kind for box in drawn}
            assert "headline" in kinds or page == "karrusel-3", (kommune.navn, page)
            assert "chart_note" in kinds or page == "karrusel-1", (kommune.navn, page)
            for box in drawn:
                if box.kind in ("headline", "chart_note"):
                    assert not has_lone_word(box.lines), (kommune.navn, page, box.lines)


def test_one_type_scale_national_facts_never_outrank_the_kommunes_figures(bundled):
    spec = build_spec(bundled, 161, today=FIXED_DAY)
    sheets = {}  # the one-page sheet at each size; the two pages together; the six squares together
    for page, _, _, boxes in every_page(spec):
        sheets.setdefault(page if page.startswith("kort") else page.split("-")[0], []).extend(boxes)
    for sheet, boxes in sheets.items():
        px = {}
        for box in boxes:
            px.setdefault(box.kind, set()).add(box.px)
        assert max(px["fact"]) <= min(px["figure_caption"]), sheet
        # both charts on a sheet: the same heading, label and value sizes
        for kind in ("chart_title", "chart_label", "chart_value"):
            sizes = {box.px for box in boxes if box.kind == kind and box.text != "ikke oplyst"}
            assert len(sizes) == 1, (sheet, kind, sizes)
    kvadrat = dict((p, b) for p, _, _, b in every_page(spec))["kort-kvadrat"]
    assert min(b.px for b in kvadrat if b.kind == "fact") >= 18  # was about 14 px, unreadable in a feed


def test_the_whole_sheets_figures_stand_on_one_grid_column(bundled):
    spec = build_spec(bundled, 161, today=FIXED_DAY)
    for page, _, _, boxes in every_page(spec):
        if page.startswith("fuld"):
            statements = [b for b in boxes if b.kind == "figure" and b.text not in (spec.residents.value,)]
            assert statements and len({round(b.frame.left()) for b in statements}) == 1, page


def _open_sans(px: int):
    from PySide6.QtGui import QFont, QFontMetricsF

    font = QFont("Open Sans")
    font.setPixelSize(px)
    return QFontMetricsF(font)


def test_balanced_headline_leaves_no_word_alone():
    from almen_gui.factsheet.typeset import balanced, has_lone_word, has_orphan, wrap

    metrics = _open_sans(60)
    text = "ALMENE BOLIGER GØR GLOSTRUP KOMMUNE BEDRE"
    width = metrics.horizontalAdvance("ALMENE BOLIGER GØR GLOSTRUP KOMMUNE") + 5
    assert has_orphan(wrap(text, metrics, width))  # what greedy breaking did on the square
    lines = balanced(text, metrics, width)
    assert len(lines) == 2 and not has_orphan(lines)
    # a long name: kept whole ("KOMMUNE" alone on the last line read as a word left over), and no word alone
    text = "ALMENE HJEM FOR MANGE I RINGKØBING-SKJERN KOMMUNE"
    width = metrics.horizontalAdvance("ALMENE HJEM FOR MANGE I RINGKØBING-SKJERN") + 5
    lines = [" ".join(line.split()) for line in balanced(text, metrics, width)]
    assert len(lines) == 2 and lines[-1].endswith("RINGKØBING-SKJERN KOMMUNE")
    assert not has_lone_word(lines)


def test_running_text_never_ends_on_a_word_alone_and_a_date_is_never_split():
    from almen_gui.factsheet.typeset import flow, wrap

    metrics = _open_sans(30)
    text = "Omkring 1 million mennesker i Danmark bor i en almen bolig."
    width = metrics.horizontalAdvance("Omkring 1 million mennesker i Danmark bor i en almen") + 5
    assert wrap(text, metrics, width)[-1] == "bolig."  # greedy breaking leaves it alone
    assert flow(text, metrics, width) == ["Omkring 1 million mennesker i Danmark bor i en", "almen bolig."]
    dated = "andel af alle boliger i kommunen, der ejes af almene boligselskaber (1. januar 2026)."
    width = metrics.horizontalAdvance("andel af alle boliger i kommunen, der ejes af almene boligselskaber (1.") + 5
    lines = [" ".join(line.split()) for line in flow(dated, metrics, width)]  # the date's spaces do not break
    assert lines == ["andel af alle boliger i kommunen, der ejes af almene boligselskaber", "(1. januar 2026)."]


@pytest.mark.parametrize("together", ["1. januar 2026", "27. november 2026", "kl. 12.47", "333 mio. kr.", "8 pct.",
                                      "CC BY 4.0"])
def test_what_reads_as_one_thing_is_never_split_across_lines(together):
    from almen_gui.factsheet.typeset import balanced, flow

    metrics = _open_sans(30)
    text = f"Her står der noget, og så {together} midt i en sætning, der fortsætter lidt endnu."
    for width in range(int(metrics.horizontalAdvance(together)) + 2, 900, 23):
        for lines in (flow(text, metrics, width), balanced(text, metrics, width)):
            assert any(together in " ".join(line.split()) for line in lines), (width, lines)


def test_sections_adapt_to_missing_figures_and_never_put_ikke_oplyst_in_a_sentence(tmp_path):
    from almen_gui.model import load_dataset
    from synthetic import write_synthetic_csv

    path = write_synthetic_csv(tmp_path / "syntetisk-delvis.csv")
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    blank = {header.index(n) for n in ("fraflytning_familieboliger_pct", "andel_af_boligmassen_pct", "beboere",
                                       "lokal_omsaetning_mio_kr")}
    rows = [rows[0]] + [",".join("" if i in blank else cell for i, cell in enumerate(r.split(","))) for r in rows[1:]]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = build_spec(load_dataset(path), 161, today=FIXED_DAY)
    first, husleje, _, local = spec.full.sections
    assert not first.statements and "fraflytningsprocent i almene familieboliger" in first.unavailable
    assert [s.name for s in local.statements] == ["renovering_lbf_mio_kr"]
    assert "omsætning i lokalområdet via indkøb" in local.unavailable
    assert husleje.statements and not husleje.unavailable
    assert spec.full.residents_unavailable
    for page, _, _, boxes in every_page(spec):
        for box in boxes:
            if box.kind in SENTENCE_KINDS:
                assert "ikke oplyst" not in box.text, (page, box.kind, box.text)


def test_a_kommune_without_figures_gets_plain_sentences_not_ikke_oplyst(bundled):
    spec = build_spec(bundled, 751, today=FIXED_DAY)
    assert not any(section.statements for section in spec.full.sections)
    assert len([section for section in spec.full.sections if section.unavailable]) == 3  # the three with figures
    assert spec.full.dwellings_unavailable.startswith("Datasættet har ikke kommunens tal for almene ungdomsboliger")
    for page, _, _, boxes in every_page(spec):
        for box in boxes:
            if box.kind in SENTENCE_KINDS:
                assert "ikke oplyst" not in box.text, (page, box.kind, box.text)


def test_the_sections_wording_comes_from_the_template(bundled):
    template = load_template()
    template["fuld"]["afsnit"][0]["titel"] = "Boliger til hele livet i {navn}"
    template["fuld"]["tal"]["andel_af_boligmassen_pct"] = "af alle boliger er almene ({periode})."
    spec = build_spec(bundled, 161, template)
    assert spec.full.sections[0].title == "Boliger til hele livet i Glostrup"
    assert spec.full.statements["andel_af_boligmassen_pct"].caption == "af alle boliger er almene (2024)."


def test_source_line_names_the_data_not_a_file_name(bundled, synthetic_csv):
    from almen_gui.model import load_dataset

    assert build_spec(bundled, 161).source_line == (
        "Kilde til kommunens tal: BL's egne beregninger på baggrund af Danmarks Statistiks registerdata.")
    # the sum of the three dwelling types is almen-gui's, and says so beside its figure, not under BL's line alone
    assert build_spec(bundled, 161).tiles[0].caption == "almene boliger i alt i kommunen (2024; almen-guis sum)"
    own = build_spec(load_dataset(synthetic_csv), 161)
    assert own.source_line == "Kilde til kommunens tal: egne tal i datasættet for 2024."
    assert synthetic_csv.name not in " ".join(own.texts())
    assert "«" not in own.exported_line and "Dannet" not in own.exported_line


def test_every_sheet_drawing_paints_every_pixel_of_its_image(bundled):
    """Sheet images are not cleared before they are drawn (the renderers paint their own background), so a renderer
    that left a pixel unpainted would write whatever the memory held into the PNG."""
    from PySide6.QtGui import QColor, QPainter

    from almen_gui.factsheet.pages import (A4, SQUARE, carousel_layout, full_scale, render_full_page,
                                           render_square)
    from almen_gui.factsheet.render import render

    spec = build_spec(bundled, 161, today=FIXED_DAY)
    scale, layout = full_scale(spec), carousel_layout(spec)
    drawings = [("kort a4", SIZES["a4"], lambda p, w, h: render(p, spec, w, h)),
                ("kort skaerm", SIZES["skaerm"], lambda p, w, h: render(p, spec, w, h))]
    drawings += [(f"fuld side {page}", A4, lambda p, w, h, page=page: render_full_page(p, spec, page, w, h, scale))
                 for page in (1, 2)]
    drawings += [(f"kvadrat {number}", SQUARE,
                  lambda p, w, h, number=number: render_square(p, spec, number, w, h, layout)) for number in range(1, 7)]
    for name, (width, height), draw in drawings:
        image = QImage(width, height, QImage.Format.Format_RGB888)
        image.fill(QColor("#FF00FF"))  # a colour no sheet uses
        painter = QPainter(image)
        draw(painter, width, height)
        painter.end()
        pixels = to_array(image)
        left = (pixels == [255, 0, 255]).all(axis=2)
        assert not left.any(), f"{name}: {int(left.sum())} pixels left unpainted"


def test_a_missing_tile_on_the_one_page_sheet_names_its_figure_instead_of_continuing_a_number(bundled):
    """Aarhus has none of BL's figures: "ikke oplyst" over "af kommunens boliger er almene (2024)" would read as a
    sentence with its number missing; each tile names the figure it lacks instead."""
    from almen_gui.factsheet.spec import load_template

    template = load_template()
    spec = build_spec(bundled, 751, today=FIXED_DAY)
    sentences = {raw.split(" (")[0] for raw in template["noegletal"].values()}
    tile_pages = [(page, boxes) for page, _, _, boxes in every_page(spec) if page.startswith("kort")]
    assert tile_pages
    for page, boxes in tile_pages:
        captions = [box.text for box in boxes if box.kind == "figure_caption"]
        assert "Almene boligers andel af boligmassen (2024)" in captions, page
        assert "Renovering med støtte fra Landsbyggefonden (2021–2023)" in captions, page
        assert not [c for c in captions if any(c.startswith(s) for s in sentences)], page


@pytest.mark.parametrize("name", ["Aarhus", "Glostrup", *LONG_NAMES])  # Aarhus has no figures: room for larger type
def test_no_headline_line_holds_a_single_word_not_even_the_first(bundled, synthetic_dataset, name):
    dataset = bundled if name in ("Aarhus", "Glostrup") else synthetic_dataset
    spec = build_spec(dataset, dataset.kommune(name).kode, today=FIXED_DAY)
    for page, _, _, boxes in every_page(spec):
        for box in (b for b in boxes if b.kind == "headline"):
            assert len(box.lines) == 1 or all(len(line.split()) > 1 for line in box.lines), (page, box.lines)


def test_the_screen_sheet_tells_every_national_fact_it_has_room_for(bundled):
    """The facts are set no larger than the tiles' captions; small captions must not make the box drop facts it has
    room for (the 1920×1080 sheet once showed one fact in a box three quarters empty)."""
    spec = build_spec(bundled, 161, today=FIXED_DAY)
    pages = {page: boxes for page, _, _, boxes in every_page(spec)}
    facts = [box for box in pages["kort-skaerm"] if box.kind == "fact"]  # the A4 sheet's box is short: it keeps three
    assert len(facts) == 1 and all(fact.text[1:] in facts[0].text for fact in spec.facts), facts


def test_a_kommune_without_figures_keeps_every_national_fact_on_its_carousel_square(bundled):
    """Its emptier squares take larger type; the "Vidste du" square must not lose a fact to that (Aarhus had 2,
    Glostrup 3)."""
    from almen_gui.factsheet.pages import carousel_layout

    counts = {kode: carousel_layout(build_spec(bundled, kode, today=FIXED_DAY))[1] for kode in (161, 751)}
    assert counts[751] == counts[161] >= 3, counts
