"""`almen export` from the command line: files, exit codes and messages."""

from PySide6.QtGui import QImage

from almen_gui.cli import main


def test_export_glostrup_writes_an_a4_png(tmp_path, capsys):
    assert main(["export", "Glostrup", "--out", str(tmp_path)]) == 0
    path = tmp_path / "almene-boliger-glostrup-2024.png"
    assert QImage(str(path)).size().toTuple() == (2480, 3508)
    captured = capsys.readouterr()
    assert str(path) in captured.out
    assert "Skrev 1 faktaark" in captured.err


def test_export_pdf_and_sizes(tmp_path):
    assert main(["export", "0161", "--out", str(tmp_path), "--format", "pdf", "--size", "skaerm"]) == 0
    assert (tmp_path / "almene-boliger-glostrup-2024-skaerm.pdf").read_bytes().startswith(b"%PDF")


def test_incomplete_kommune_is_a_user_error_listing_the_missing_figures(tmp_path, capsys):
    assert main(["export", "Aarhus", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Aarhus Kommune mangler 12 af 12 tal" in err and "--allow-incomplete" in err
    assert len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
    assert main(["export", "Aarhus", "--out", str(tmp_path), "--allow-incomplete"]) == 0
    assert (tmp_path / "almene-boliger-aarhus-2024.png").exists()


def test_all_with_bundled_data_exports_glostrup_and_says_why_others_were_skipped(tmp_path, capsys):
    assert main(["export", "--all", "--out", str(tmp_path), "--size", "kvadrat"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["almene-boliger-glostrup-2024-kvadrat.png"]
    err = capsys.readouterr().err
    assert "Sprang 97 kommuner uden komplet faktaark over (97 uden tal)" in err
    assert "1 kommune har et komplet faktaark: 1 på BL's tal." in err  # as `almen list` counts them


def test_all_with_a_complete_synthetic_dataset_writes_98(tmp_path, synthetic_csv):
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["--data", str(synthetic_csv), "export", "--all", "--out", str(out), "--size", "kvadrat"]) == 0
    assert len(list(out.glob("*.png"))) == 98


def test_bad_folder_and_bad_names_exit_2_without_traceback(tmp_path, capsys):
    assert main(["export", "Glostrup", "--out", str(tmp_path / "mangler" / "dybere")]) == 2
    assert main(["export", "Glostrop", "--out", str(tmp_path)]) == 2
    assert main(["export", "--out", str(tmp_path)]) == 2
    assert main(["export", "Glostrup", "--all", "--out", str(tmp_path)]) == 2
    assert main(["export", "Glostrup", "--size", "a3"]) == 2
    err = capsys.readouterr().err
    assert "findes ikke" in err and "Mente du Glostrup" in err and "Traceback" not in err


PRINTED_SHEET_FIGURES = ["7.900", "73", "4.451", "90", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.",
                         "222 mio. kr.", "2021–2023"]
NUMBERED_SOURCES = ["1) Boligstat.dk (2024)", "2) Survey foretaget af Epinion for BL (2024)",
                    "3) Boligsocialkort.dk; Landsbyggefonden (2024)", "4) Landsbyggefonden (2023)"]


def pdf_pages(path):
    from pypdf import PdfReader

    reader = PdfReader(path)
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]  # pypdf reports gaps as tabs


def test_whole_sheet_pdf_has_two_a4_pages_with_every_figure_of_the_printed_sheet(tmp_path):
    assert main(["export", "Glostrup", "--layout", "fuld", "--format", "pdf", "--out", str(tmp_path)]) == 0
    reader, pages = pdf_pages(tmp_path / "almene-boliger-glostrup-2024-fuld.pdf")
    assert len(pages) == 2
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842) for p in reader.pages)
    text = " ".join(pages)
    for expected in PRINTED_SHEET_FIGURES + NUMBERED_SOURCES:
        assert expected in text, expected
    assert text.count(" 0 ") >= 3  # started construction: a real 0 for each type
    for heading in ("Boliger til hele livet", "Ansvar for samfundet",
                    "Vidste du, at", "Tal for hele landet"):
        assert heading in text, heading
    assert "BL.dk" in pages[1] and "https://bl.dk" in pages[1]
    assert "GLOSTRUP KOMMUNE" in pages[0] and "GLOSTRUP KOMMUNE" in pages[1]  # the kommune on each page
    assert "Side 1 af 2" in pages[0] and "Side 2 af 2" in pages[1]
    assert "2.024" not in text


def test_the_whole_sheet_is_the_default_for_an_a4_pdf(tmp_path):
    assert main(["export", "Glostrup", "--format", "pdf", "--out", str(tmp_path)]) == 0
    assert len(pdf_pages(tmp_path / "almene-boliger-glostrup-2024-fuld.pdf")[1]) == 2
    assert main(["export", "Glostrup", "--format", "pdf", "--layout", "kort", "--out", str(tmp_path)]) == 0
    assert len(pdf_pages(tmp_path / "almene-boliger-glostrup-2024.pdf")[1]) == 1


def test_whole_sheet_png_writes_both_pages_at_a4_300_dpi(tmp_path, capsys):
    assert main(["export", "Glostrup", "--layout", "fuld", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["almene-boliger-glostrup-2024-side-1.png", "almene-boliger-glostrup-2024-side-2.png"]
    for name in names:
        image = QImage(str(tmp_path / name))
        assert image.size().toTuple() == (2480, 3508)
        assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert "Skrev 1 faktaark" in capsys.readouterr().err


def test_carousel_writes_six_different_squares(tmp_path):
    from image_checks import differing_fraction, to_array

    assert main(["export", "Glostrup", "--size", "kvadrat", "--karrusel", "--out", str(tmp_path)]) == 0
    paths = [tmp_path / f"almene-boliger-glostrup-2024-kvadrat-{n}.png" for n in range(1, 7)]
    assert sorted(tmp_path.iterdir()) == sorted(paths)
    images = [to_array(QImage(str(p))) for p in paths]
    assert all(image.shape == (1080, 1080, 3) for image in images)
    for first, second in zip(images, images[1:]):
        assert differing_fraction(first, second) > 0.02  # one message each, not six copies


def test_layouts_that_do_not_exist_are_one_sentence_and_exit_2(tmp_path, capsys):
    assert main(["export", "Glostrup", "--karrusel", "--out", str(tmp_path)]) == 2
    assert main(["export", "Glostrup", "--size", "skaerm", "--layout", "fuld", "--out", str(tmp_path)]) == 2
    assert main(["export", "Glostrup", "--size", "kvadrat", "--karrusel", "--format", "pdf",
                 "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--size kvadrat --format png" in err and "kun i A4" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 3
    assert list(tmp_path.iterdir()) == []


def test_sizes_and_layouts_never_overwrite_each_other(tmp_path):
    for extra in (["--size", "a4"], ["--size", "skaerm"], ["--size", "kvadrat"], ["--format", "pdf"],
                  ["--format", "pdf", "--layout", "kort"], ["--layout", "fuld"]):
        assert main(["export", "Glostrup", "--out", str(tmp_path), *extra]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "almene-boliger-glostrup-2024-fuld.pdf", "almene-boliger-glostrup-2024-kvadrat.png",
        "almene-boliger-glostrup-2024-side-1.png", "almene-boliger-glostrup-2024-side-2.png",
        "almene-boliger-glostrup-2024-skaerm.png", "almene-boliger-glostrup-2024.pdf",
        "almene-boliger-glostrup-2024.png"]


def test_export_all_creates_the_folder_it_is_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--all", "--out", "faktaark/", "--size", "kvadrat"]) == 0  # the README's own example
    assert [p.name for p in (tmp_path / "faktaark").iterdir()] == ["almene-boliger-glostrup-2024-kvadrat.png"]


def test_the_missing_figures_keep_their_proper_nouns(tmp_path, capsys):
    assert main(["export", "Aarhus", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "renovering med støtte fra Landsbyggefonden" in err and "landsbyggefonden" not in err
