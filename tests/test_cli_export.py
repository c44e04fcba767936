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
    assert (tmp_path / "almene-boliger-glostrup-2024.pdf").read_bytes().startswith(b"%PDF")


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
    assert [p.name for p in tmp_path.iterdir()] == ["almene-boliger-glostrup-2024.png"]
    assert "Sprang 97 kommuner over (97 uden tal)" in capsys.readouterr().err


def test_all_with_a_complete_synthetic_dataset_writes_98(tmp_path, synthetic_csv):
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["--data", str(synthetic_csv), "export", "--all", "--out", str(out), "--size", "kvadrat"]) == 0
    assert len(list(out.glob("*.png"))) == 98


def test_bad_folder_and_bad_names_exit_2_without_traceback(tmp_path, capsys):
    assert main(["export", "Glostrup", "--out", str(tmp_path / "mangler")]) == 2
    assert main(["export", "Glostrop", "--out", str(tmp_path)]) == 2
    assert main(["export", "--out", str(tmp_path)]) == 2
    assert main(["export", "Glostrup", "--all", "--out", str(tmp_path)]) == 2
    assert main(["export", "Glostrup", "--size", "a3"]) == 2
    err = capsys.readouterr().err
    assert "findes ikke" in err and "Mente du Glostrup" in err and "Traceback" not in err
