import pytest

from almen_gui.cli import main

GLOSTRUP_TEXTS = ["7.900", "4.451", "73", "90", "8 pct.", "40 pct.", "333 mio. kr.", "87 mio. kr.", "222 mio. kr.",
                  "2021–2023", "Glostrup Kommune"]


def test_list_prints_98_kommuner(capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()[1:]
    assert len(lines) == 98
    assert "komplet" in next(line for line in lines if "Glostrup" in line)
    assert "ingen tal" in next(line for line in lines if "Aarhus" in line)


def test_show_glostrup_prints_the_reference_figures(capsys):
    assert main(["show", "Glostrup"]) == 0
    out = capsys.readouterr().out
    for text in GLOSTRUP_TEXTS:
        assert text in out
    assert "BL's egne beregninger" in out
    assert "ikke oplyst" not in out
    assert "2.024" not in out


def test_show_aarhus_marks_every_figure_missing(capsys):
    assert main(["show", "aarhus"]) == 0
    out = capsys.readouterr().out
    figure_lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(figure_lines) == 12
    assert all("ikke oplyst" in line for line in figure_lines)
    assert "12 af 12 tal er ikke oplyst" in out


@pytest.mark.parametrize("argv, message", [
    (["show", "Glostrop"], "Mente du Glostrup"),
    (["show", "9999"], "Ukendt kommune"),
    (["nonsense"], "invalid choice"),
    (["show"], "KOMMUNE"),
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
