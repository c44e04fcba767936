"""Factsheets built on Danmarks Statistik's figures: `almen fetch` against a local server in DST's formats with
SYNTHETIC numbers (tests/dst_server.py), then `almen export`; the PDF's text, the files written, and every page's
frames with the long names. No internet."""

from __future__ import annotations

import re
import unicodedata

import pypdf
import pytest
from dst_server import (UNPUBLISHED_ALMENE, UNPUBLISHED_STARTED, bank, expected_almene,  # noqa: F401
                        expected_share, expected_started)
from PySide6.QtGui import QImage
from test_factsheet import FIXED_DAY, LONG_NAMES, SENTENCE_KINDS, every_page, inside

from almen_gui.cli import main
from almen_gui.factsheet.spec import build_spec
from almen_gui.model.dst_cache import load_dst_cache
from almen_gui.model.formatting import format_number

AARHUS = "751"
LAESOE = UNPUBLISHED_STARTED
FANOE = UNPUBLISHED_ALMENE[0]
BL_SENTENCES = ["skiftede beboer", "fraflytningsprocent", "huslejeomsætning", "omsætning i lokalområdet",
                "Datasættet har ikke"]


def _pdf_text(path) -> str:
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFKC", text))  # "ﬀ" in the PDF reads "ff"


def _share(area: str, year: int) -> str:
    return format_number(round(expected_share(area, year), 1)) + " pct."


def _export(tmp_path, *args) -> list:
    out = tmp_path / "-".join(args)
    assert main(["export", *args, "--out", str(out)]) == 0
    return sorted(out.iterdir())


def test_aarhus_pdf_tells_dsts_figures_under_dsts_names_years_and_source(bank, tmp_path):
    assert main(["fetch"]) == 0
    [pdf] = _export(tmp_path, "Aarhus", "--format", "pdf")
    assert pdf.name == "almene-boliger-aarhus-2026-fuld.pdf"  # named after the year of its figures
    text = _pdf_text(pdf)
    flat = " ".join(text.split())
    assert "DANMARKS STATISTIKS TAL · AARHUS KOMMUNE" in flat  # the headline area says whose figures these are
    assert format_number(expected_almene(AARHUS, 2026)) in flat
    assert _share(AARHUS, 2026) in flat
    assert "Boliger ejet af almene boligselskaber 2010–2026 (2021–2022 lukket)" in flat
    assert "andel af alle boliger" in flat.lower()
    assert "Påbegyndte almene boliger 2021–2025" in flat
    assert format_number(expected_started(AARHUS)) in flat
    assert "1. januar 2026" in flat
    # the export date and the fetch time in words, as every date the app shows
    date = r"\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) 20\d\d"
    assert re.search(rf"Lavet med almen-gui den {date} af tal hentet fra Danmarks Statistik den {date} kl\. \d\d\.\d\d\.",
                     flat), flat
    assert "Kilde: Danmarks Statistik, BOL101 og BYGV33 (CC BY 4.0)" in flat
    assert "2.026" not in flat and "2.010" not in flat  # years never pass through the number formatter
    # "ikke oplyst" only where a year has no figure: the gaps of 2021 and 2022, which DST has closed
    assert flat.count("ikke oplyst") == 2 and "2020 ikke oplyst ikke oplyst 2026" in flat
    for sentence in BL_SENTENCES:  # BL's figures are not Aarhus's: their sentences are not printed
        assert sentence not in flat, sentence
    assert len(pypdf.PdfReader(pdf).pages) == 2


def test_a_kommune_whose_started_construction_is_unpublished_still_reads_right(bank, tmp_path):
    assert main(["fetch"]) == 0
    [pdf] = _export(tmp_path, "Læsø", "--format", "pdf")
    flat = " ".join(_pdf_text(pdf).split())
    assert "Danmarks Statistik har ikke offentliggjort påbegyndte almene boliger i Læsø Kommune for 2021–2025." in flat
    assert flat.count("ikke oplyst") == 2  # only in the closed years' gaps, never under every year of construction
    assert format_number(expected_almene(LAESOE, 2026)) in flat
    [png] = _export(tmp_path, "Læsø", "--layout", "kort", "--format", "png")
    assert png.name == "almene-boliger-laesoe-2026.png"
    spec = build_spec(_dataset(), 825, dst=load_dst_cache(), today=FIXED_DAY)
    assert spec.construction_note.startswith("Danmarks Statistik har ikke offentliggjort")  # over the empty chart
    assert [b.text for b in spec.construction] == [""] * 5  # not "ikke oplyst" under every year
    # the tile names the figure it lacks: "ikke oplyst" over "påbegyndte almene boliger i 2025" would read as a
    # sentence with its number missing
    assert (spec.tiles[-1].value, spec.tiles[-1].caption) == ("ikke oplyst",
                                                              "Påbegyndte almene boliger (2025, foreløbig)")


def test_an_unpublished_latest_count_is_never_filled_the_sheet_tells_the_last_published_year(bank, tmp_path):
    assert main(["fetch"]) == 0
    [pdf] = _export(tmp_path, "Fanø", "--format", "pdf")
    assert pdf.name == "almene-boliger-fanoe-2025-fuld.pdf"
    flat = " ".join(_pdf_text(pdf).split())
    assert format_number(expected_almene(FANOE, 2025)) in flat and "1. januar 2025" in flat
    assert format_number(expected_almene(FANOE, 2026)) not in flat


def test_export_all_with_a_cache_writes_98_sheets_and_glostrup_keeps_its_bl_sheet(bank, tmp_path, capsys):
    out = tmp_path / "alle"
    assert main(["export", "--all", "--size", "kvadrat", "--out", str(out)]) == 0
    assert len(list(out.glob("*.png"))) == 1  # no cache: only Glostrup, as before
    assert main(["fetch"]) == 0
    capsys.readouterr()
    assert main(["export", "--all", "--size", "kvadrat", "--out", str(out)]) == 0
    assert len(list(out.glob("*-kvadrat.png"))) == 98
    assert "Skrev 98 faktaark" in capsys.readouterr().err
    [pdf] = _export(tmp_path, "Glostrup", "--format", "pdf")
    flat = " ".join(_pdf_text(pdf).split())
    assert "ALMENE BOLIGER GØR GLOSTRUP KOMMUNE BEDRE" in flat and "4.451" in flat
    assert "DANMARKS STATISTIKS TAL" not in flat and "BOL101" not in flat  # BL's figures are never replaced


def test_carousel_for_a_dst_kommune_writes_six_squares_each_with_dsts_source(bank, tmp_path):
    assert main(["fetch"]) == 0
    files = _export(tmp_path, "Aarhus", "--size", "kvadrat", "--karrusel")
    assert [f.name for f in files] == [f"almene-boliger-aarhus-2026-kvadrat-{n}.png" for n in range(1, 7)]
    assert all(QImage(str(f)).size().toTuple() == (1080, 1080) for f in files)
    spec = build_spec(_dataset(), 751, dst=load_dst_cache(), today=FIXED_DAY)
    squares = {page: boxes for page, _, _, boxes in every_page(spec) if page.startswith("karrusel")}
    for page, boxes in squares.items():
        assert any("Kilde: Danmarks Statistik, BOL101" in b.text for b in boxes if b.kind == "footer"), page
        assert any("AARHUS KOMMUNE" in b.text for b in boxes if b.kind == "overline"), page
    texts = {page: " ".join(b.text for b in boxes) for page, boxes in squares.items()}
    assert format_number(expected_almene(AARHUS, 2026)) in texts["karrusel-1"]
    assert "(2021–2022 lukket)" in texts["karrusel-2"]
    assert _share(AARHUS, 2026) in texts["karrusel-4"]
    assert "Almen andel af alle boliger 2010–2026" in texts["karrusel-5"]


def test_development_chart_has_a_bar_per_year_since_2010_and_a_gap_for_the_closed_years(bank):
    assert main(["fetch"]) == 0
    spec = build_spec(_dataset(), 751, dst=load_dst_cache(), today=FIXED_DAY)
    assert spec.dst_based and spec.is_complete
    bars = spec.dwellings
    assert len(bars) == 2026 - 2010 + 1
    values = dict(zip(range(2010, 2027), (b.value for b in bars)))
    assert values[2021] is None and values[2022] is None  # closed: an empty slot, never interpolated
    assert values[2020] == expected_almene(AARHUS, 2020) and values[2023] == expected_almene(AARHUS, 2023)
    assert [b.label for b in bars if b.label] == ["2010", "2015", "2020", "2026"]


@pytest.mark.parametrize("name", LONG_NAMES + ["Læsø"])
def test_every_page_of_a_dst_sheet_keeps_text_inside_its_frames(bank, name):
    from almen_gui.factsheet.typeset import has_lone_word, has_orphan

    assert main(["fetch"]) == 0
    dataset = _dataset()
    spec = build_spec(dataset, dataset.kommune(name).kode, dst=load_dst_cache(), today=FIXED_DAY)
    assert spec.dst_based
    for page, width, height, boxes in every_page(spec):
        assert boxes, page
        for box in boxes:
            assert inside(box.bounds, box.frame), (page, box.kind, box.text)
            assert inside(box.frame, QImage(width, height, QImage.Format.Format_RGB32).rect().toRectF()), (page, box)
            if box.kind in SENTENCE_KINDS:
                assert "ikke oplyst" not in box.text, (page, box.kind, box.text)
        if page.startswith(("fuld", "karrusel")):
            footer_top = min(b.bounds.top() for b in boxes if b.kind == "footer")
            assert max(b.bounds.bottom() for b in boxes if b.kind != "footer") < footer_top, page
        for box in (b for b in boxes if b.kind in ("headline", "title")):
            assert not has_orphan(box.lines) and not has_lone_word(box.lines), (page, box.lines)
        for box in (b for b in boxes if b.kind == "chart_note"):  # Læsø: DST has not published its construction
            assert not has_lone_word(box.lines), (page, box.lines)
        for box in (b for b in boxes if b.kind in SENTENCE_KINDS | {"overline"}):  # no sentence ends on a word alone
            assert len(box.lines) < 2 or len(box.lines[-1].split()) > 1, (page, box.kind, box.lines)
        for box in boxes:  # "(1. januar 2026)" is never broken between its day, month and year
            for line, following in zip(box.lines, box.lines[1:]):
                assert not (re.search(r"\b\d{1,2}\.$", line) or re.search(r"(januar|februar|marts|april|maj|juni|juli|"
                            r"august|september|oktober|november|december)$", line)), (page, box.lines)
        if page.startswith("karrusel"):
            assert min(b.px for b in boxes) >= 28, (page, min(boxes, key=lambda b: b.px))


def _dataset():
    from almen_gui.model import load_bundled_dataset

    return load_bundled_dataset()


def test_window_export_all_offers_layout_and_carousel_and_writes_98_with_a_cache(bank, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from qt_helpers import make_window

    assert main(["fetch"]) == 0
    window = make_window(qtbot, tmp_path / "s.ini")
    qtbot.waitUntil(window.dst_label.isVisible)  # the cache is read: the window shows DST's figures, and so do sheets
    window.export_all_action.trigger()
    dialog = window.export_all_dialog
    qtbot.addWidget(dialog)
    assert "98 kommuner har et komplet faktaark" in dialog.count_label.text()
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    assert dialog.layout_choice.isEnabled() and dialog.layout_key == "fuld"  # as the single export: A4 PDF is whole
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("kort"))
    assert dialog.layout_key == "kort"
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("kvadrat"))
    assert not dialog.layout_choice.isEnabled() and not dialog.carousel.isVisible()  # the carousel is PNG only
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("png"))
    assert dialog.carousel.isVisible()
    out = tmp_path / "alle"
    out.mkdir()
    dialog.folder_edit.setText(str(out))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(list(out.glob("*-kvadrat.png"))) == 98
    assert "98 faktaark gemt" in window.message_box.text()


def test_window_export_all_writes_the_carousel_it_was_asked_for(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from qt_helpers import make_window

    window = make_window(qtbot, tmp_path / "s.ini")  # no cache: only Glostrup has a sheet
    window.export_all_action.trigger()
    dialog = window.export_all_dialog
    qtbot.addWidget(dialog)
    assert "1 kommune har et komplet faktaark" in dialog.count_label.text()
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("kvadrat"))
    dialog.carousel.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        f"almene-boliger-glostrup-2024-kvadrat-{n}.png" for n in range(1, 7)]
