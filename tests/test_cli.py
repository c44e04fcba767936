import pytest

from almen_gui.cli import main

GLOSTRUP_TEXTS = ["7.900", "4.451", "73", "90", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.", "222 mio. kr.",
                  "2021–2023", "Glostrup Kommune"]


def test_list_prints_98_kommuner(capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()[1:]
    assert len(lines) == 98
    assert next(line for line in lines if "Glostrup" in line).endswith("faktaark på BL's tal" + " " * 17
                                                                       + "BL's faktaark")
    assert next(line for line in lines if "Aarhus" in line).endswith("intet komplet faktaark               ingen tal")


def test_show_glostrup_prints_the_reference_figures(capsys):
    assert main(["show", "Glostrup"]) == 0
    out = capsys.readouterr().out
    for text in GLOSTRUP_TEXTS:
        assert text in out
    assert "BL's egne beregninger" in out
    assert "ikke oplyst" not in out
    assert "2.024" not in out


def test_show_lists_the_computed_sum_the_window_shows_and_says_it_is_computed(capsys):
    assert main(["show", "Glostrup"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "Almene boliger i alt" in line)
    assert line.split()[-4:] == ["4.614", "(2024;", "almen-guis", "sum)"]
    assert "ungdoms-, familie- og ældreboliger tilsammen, lagt sammen af almen-gui" in out


def test_show_aarhus_marks_every_figure_missing(capsys):
    assert main(["show", "aarhus"]) == 0
    out = capsys.readouterr().out
    figure_lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(figure_lines) == 13  # the 12 figures of the dataset and their computed sum, as the window's cards
    assert all("ikke oplyst" in line for line in figure_lines)
    assert "12 af 12 tal er ikke oplyst" in out


@pytest.mark.parametrize("argv, message", [
    (["show", "Glostrop"], "Mente du Glostrup"),
    (["show", "9999"], "Ukendt kommune"),
    (["show", ""], "Der er ikke angivet nogen kommune; skriv et navn eller en kode (fx Glostrup eller 161)."),
    (["nonsense"], "KOMMANDO: ugyldigt valg: 'nonsense' (vælg mellem 'list', 'show'"),
    (["show"], "følgende argumenter mangler: KOMMUNE"),
    (["list", "--foo"], "ukendte argumenter: --foo"),
    (["export", "Glostrup", "--size", "A5"], "--size: ugyldigt valg"),
    (["--data", "findes-ikke.csv", "list"], "findes ikke"),
])
def test_user_errors_exit_2_with_one_line(capsys, argv, message):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert "almen-gui 0.1.0" in capsys.readouterr().out


def test_data_option_uses_the_users_figures(capsys, synthetic_csv):
    assert main(["--data", str(synthetic_csv), "show", "Aarhus"]) == 0
    out = capsys.readouterr().out
    assert "ikke oplyst" not in out
    assert "syntetisk-komplet.csv" in out


@pytest.mark.parametrize("name", ["tal.xlsx", "tal.csv"])
def test_template_refuses_to_overwrite_a_filled_in_file_unless_forced(tmp_path, capsys, name):
    target = tmp_path / name
    assert main(["template", str(target)]) == 0
    written = sorted(tmp_path.iterdir())
    target.write_bytes(b"an analyst's own figures")
    capsys.readouterr()
    assert main(["template", str(target)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "findes allerede" in err and "--force" in err and "Traceback" not in err
    assert target.read_bytes() == b"an analyst's own figures"
    assert main(["template", str(target), "--force"]) == 0
    assert target.read_bytes() != b"an analyst's own figures"
    assert sorted(tmp_path.iterdir()) == written  # no temporary files left behind


def test_template_refuses_when_only_the_csv_companion_exists(tmp_path, capsys):
    (tmp_path / "tal.forklaring.csv").write_text("mine noter", encoding="utf-8")
    assert main(["template", str(tmp_path / "tal.csv")]) == 2
    assert "tal.forklaring.csv findes allerede" in capsys.readouterr().err
    assert not (tmp_path / "tal.csv").exists()


def test_show_with_a_users_data_names_the_file_once(capsys, synthetic_csv):
    assert main(["show", "Aarhus", "--data", str(synthetic_csv)]) == 0
    out = capsys.readouterr().out
    assert "Datasæt: syntetisk-komplet.csv\n" in out
    assert "Datasæt: Datasæt" not in out


def test_validate_says_1_kommune_in_the_singular(tmp_path, capsys):
    only_glostrup = tmp_path / "tal.csv"
    assert main(["template", str(only_glostrup)]) == 0  # the template holds the bundled figures: Glostrup's only
    capsys.readouterr()
    assert main(["validate", str(only_glostrup)]) == 0
    out = capsys.readouterr().out
    assert "i orden. 1 kommune har tal, 1 har alle 12 tal" in out


def test_help_is_danish(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["export", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("brug: almen export")
    assert "\nargumenter:\n" in out and "\ntilvalg:\n" in out and "vis denne hjælp og afslut" in out
    for english in ("usage", "options", "positional arguments", "show this help"):
        assert english not in out


def test_size_and_format_in_any_case(tmp_path, capsys):
    assert main(["export", "Glostrup", "--size", "A4", "--format", "PDF", "--out", str(tmp_path)]) == 0
    written = capsys.readouterr().out.strip().splitlines()
    assert len(written) == 1 and written[0].endswith(".pdf")
    assert (tmp_path / written[0]).stat().st_size > 0


def test_the_window_launcher_speaks_danish_too(capsys):
    from almen_gui.cli import gui_main

    with pytest.raises(SystemExit) as caught:
        gui_main(["--ukendt"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("brug: almen-gui") and "almen-gui: fejl: ukendte argumenter: --ukendt" in err
