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
from almen_gui.factsheet.build import build_spec
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
    assert "Kilde: Danmarks Statistik, BOL101 (2010–2026) og BYGV33 (2021–2025) (CC BY 4.0)" in flat
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
    assert "ALMENE HJEM FOR MANGE I GLOSTRUP KOMMUNE" in flat and "4.451" in flat
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
    window.menus.actions["export_all"].trigger()
    dialog = window.sheet_output.export_all_dialog
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
    assert "98 faktaark gemt" in window.tell.message_box.text()


def test_window_export_all_writes_the_carousel_it_was_asked_for(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from qt_helpers import make_window

    window = make_window(qtbot, tmp_path / "s.ini")  # no cache: only Glostrup has a sheet
    window.menus.actions["export_all"].trigger()
    dialog = window.sheet_output.export_all_dialog
    qtbot.addWidget(dialog)
    assert "1 kommune har et komplet faktaark" in dialog.count_label.text()
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("kvadrat"))
    dialog.carousel.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        f"almene-boliger-glostrup-2024-kvadrat-{n}.png" for n in range(1, 7)]


# BL's headline, edition and source line as BL's sheets print them: never on a sheet built on DST's figures.
BL_HEADING = ["FAKTAARK", "ALMENE HJEM FOR MANGE", "Kilde til kommunens tal", "BL's egne beregninger"]
BL_VOICE = re.compile(r"\b(vi|vores|os)\b", re.IGNORECASE)  # BL speaks of itself; a DST sheet never does
EVERY_LAYOUT = [("--layout", "kort"), ("--layout", "fuld"), ("--size", "skaerm"), ("--size", "kvadrat")]


def _exported_pages(tmp_path, name: str) -> list[tuple[str, str]]:
    """(file and page, its text) for the kommune's sheet in every layout `almen export` writes as PDF."""
    pages = []
    for layout in EVERY_LAYOUT:
        [pdf] = _export(tmp_path, name, "--format", "pdf", *layout)
        for number, page in enumerate(pypdf.PdfReader(pdf).pages, start=1):
            text = unicodedata.normalize("NFKC", page.extract_text())
            pages.append((f"{pdf.name} side {number}", " ".join(text.split())))
    return pages


@pytest.mark.parametrize("name", ["Aarhus", "Læsø"])
def test_every_dst_sheet_layout_carries_dsts_name_tables_and_periods_in_neutral_words(bank, tmp_path, name):
    assert main(["fetch"]) == 0
    dataset = _dataset()
    spec = build_spec(dataset, dataset.kommune(name).kode, dst=load_dst_cache(), today=FIXED_DAY)
    pages = _exported_pages(tmp_path, name)
    assert len(pages) == 5  # one-page A4, the whole sheet's two pages, screen, square
    squares = [(page, " ".join(" ".join(b.text.split()) for b in boxes))  # the carousel is PNG only: as drawn
               for page, _, _, boxes in every_page(spec) if page.startswith("karrusel")]
    for page, text in pages + squares:
        assert "Kilde: Danmarks Statistik, BOL101 (2010–2026)" in text, page  # name, table and period on each
        assert [bl for bl in BL_HEADING if bl in text] == [], page
        assert not BL_VOICE.search(text), (page, BL_VOICE.search(text))
        assert "BL.dk" not in text and "Læs mere" not in text, page
        assert "1 million" not in text, page  # BL's national count is BL's sheet's, not told here without it
        for fact in spec.facts:  # a national fact stands with its own source and year
            if " ".join(fact.text[1:].split()[:6]) in text:
                assert f"{fact.note_number}) {fact.source}" in text, (page, fact)
    whole = " ".join(text for page, text in pages if "fuld" in page)
    assert "Danmarks Statistiks tabeller BOL101 (2010–2026)" in whole and "statistikbanken.dk" in whole


def test_the_dst_sheets_wording_is_its_own_section_of_the_template(bank):
    """Edit [dst.fuld] and the DST sheet says it; BL's sheet keeps its own words."""
    from almen_gui.factsheet.spec import load_template

    assert main(["fetch"]) == 0
    template = load_template()
    template["dst"]["fuld"]["intro"] = ["Vores egen indledning for {kommune}."]
    dataset, dst = _dataset(), load_dst_cache()
    own = build_spec(dataset, 751, template, FIXED_DAY, dst)
    assert own.full.intro == ("Vores egen indledning for Aarhus Kommune.",)
    assert build_spec(dataset, 161, template, FIXED_DAY, dst).full.intro == tuple(load_template()["fuld"]["intro"])


def test_the_years_on_a_dst_sheet_stand_against_a_value_axis_readable_at_print_size(bank, tmp_path):
    assert main(["fetch"]) == 0
    spec = build_spec(_dataset(), 751, dst=load_dst_cache(), today=FIXED_DAY)
    highest = max(expected_almene(AARHUS, year) for year in range(2010, 2027) if year not in (2021, 2022))
    drawn = {page: boxes for page, _, _, boxes in every_page(spec)}
    # the charts of years: the development on every one-page size, the whole sheet and square 2; the share on square 5
    for page in ("kort-a4", "kort-skaerm", "kort-kvadrat", "fuld-1", "karrusel-2", "karrusel-5"):
        labels = [b for b in drawn[page] if b.kind == "axis_label"]
        assert len(labels) >= 2, page
        values = [float(b.text.removesuffix(" pct.").replace(".", "").replace(",", ".")) for b in labels]
        assert values[0] == 0 and values == sorted(values), (page, values)
        if page != "karrusel-5":  # the marks reach the count's height: the bars can be read against them
            assert values[-1] * 2 >= highest, (page, values)
        # 8 pt at 300 dpi in print; a square for social media keeps its 28 px; a screen its source line's size
        smallest = {"kort-a4": 33, "fuld-1": 33, "kort-skaerm": 16, "kort-kvadrat": 16}.get(page, 28)
        assert min(b.px for b in labels) >= smallest, (page, min(b.px for b in labels))
        tops = sorted(b.bounds.top() for b in labels)
        assert all(b - a >= labels[0].bounds.height() for a, b in zip(tops, tops[1:])), page  # never on each other
    # the exported one-page A4 sheet: the axis's numbers are there to read, as drawn
    [pdf] = _export(tmp_path, "Aarhus", "--format", "pdf", "--layout", "kort")
    text = " ".join(unicodedata.normalize("NFKC", pypdf.PdfReader(pdf).pages[0].extract_text()).split())
    axis = [b.text for b in drawn["kort-a4"] if b.kind == "axis_label"]
    assert [label for label in axis if f" {label} " not in f" {text} "] == []
    assert format_number(max(t.value for t in spec.dwellings_axis)) in axis and max(
        t.value for t in spec.dwellings_axis) >= highest


def test_the_windows_export_of_a_dst_kommune_writes_dsts_sheet_with_its_scale(bank, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from qt_helpers import make_window

    assert main(["fetch"]) == 0
    window = make_window(qtbot, tmp_path / "s.ini")
    qtbot.waitUntil(window.dst_label.isVisible)
    window.state.set_kommune(int(AARHUS))
    window.menus.actions["export"].trigger()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("kort"))
    dialog.path_edit.setText(str(tmp_path / "aarhus.pdf"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = " ".join(unicodedata.normalize("NFKC", pypdf.PdfReader(tmp_path / "aarhus.pdf").pages[0].extract_text())
                    .split())
    assert "DANMARKS STATISTIKS TAL · AARHUS KOMMUNE" in text and "BOL101 (2010–2026)" in text
    assert [bl for bl in BL_HEADING if bl in text] == []
    spec = build_spec(_dataset(), 751, dst=load_dst_cache())
    assert [t.text for t in spec.dwellings_axis if f" {t.text} " not in f" {text} "] == []  # the scale, printed


@pytest.mark.parametrize("values, kind, labels", [
    ((58123, 40000), "antal", ["0", "20.000", "40.000", "60.000"]),
    ((1, None), "antal", ["0", "1"]),  # whole dwellings, never "0,5"
    ((10.2, 9.8), "pct", ["0 pct.", "5 pct.", "10 pct.", "15 pct."]),
    ((0.4,), "pct", ["0 pct.", "0,1 pct.", "0,2 pct.", "0,3 pct.", "0,4 pct."]),
    ((None, 0), "antal", []),  # nothing to scale: no axis
])
def test_a_value_axis_starts_at_0_and_reaches_the_highest_bar_in_round_steps(values, kind, labels):
    from almen_gui.factsheet.dst_sheet import value_axis
    from almen_gui.factsheet.spec import Bar

    assert [t.text for t in value_axis(tuple(Bar("", v, "") for v in values), kind)] == labels
