"""`almen fetch`, `almen show` and `almen table` with Danmarks Statistik's figures, against a local server in DST's
formats with synthetic numbers (tests/dst_server.py); no internet."""

import csv

import openpyxl
import pytest
from dst_server import UNPUBLISHED_STARTED, bank, expected_almene, expected_started  # noqa: F401

from almen_gui.cli import main
from almen_gui.model.dst_cache import cache_path
from almen_gui.model.formatting import format_number


def _section(out: str) -> str:
    return out[out.index("Danmarks Statistik (hentet"):]


def test_fetch_fills_the_cache_and_summarises(bank, capsys):
    assert main(["fetch"]) == 0
    out = capsys.readouterr().out
    assert cache_path().is_file()
    assert "BOL101: 2010–2020, 2023–2026 (opdateret 8. april 2026)" in out
    assert "BYGV33: 2006–2025" in out
    assert "98 kommuner, 5 regioner og hele landet" in out
    assert "BOL201 er sprunget over" in out  # the optional table is absent: skipped, and the fetch still succeeds
    assert "2026 (2 af 4 kvartaler) er ikke talt med" in out
    assert "2.024" not in out and "2.026" not in out


@pytest.mark.parametrize("fault, message", [
    ("portal", "var en webside"),
    ("500", "svarede med fejl 500"),
    ("stall", "svarede ikke i tide"),
    ("400", "afviste forespørgslen"),
])
def test_fetch_fault_exits_1_with_one_danish_sentence_and_keeps_the_cache(bank, capsys, fault, message):
    assert main(["fetch"]) == 0
    before = cache_path().read_bytes()
    capsys.readouterr()
    bank.fail(None, None, fault, fault)
    assert main(["fetch"]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and captured.err.startswith("almen: ")
    assert message in captured.err and "de tal, der blev hentet tidligere, er uændrede." in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert cache_path().read_bytes() == before


def test_ctrl_c_during_fetch_is_one_sentence_and_keeps_the_cache(bank, capsys, monkeypatch):
    from almen_gui.model.statbank import StatbankClient

    assert main(["fetch"]) == 0
    before = cache_path().read_bytes()
    capsys.readouterr()

    def interrupted(self, table, variables):
        raise KeyboardInterrupt  # what Ctrl+C raises in the waiting main thread

    monkeypatch.setattr(StatbankClient, "data", interrupted)
    assert main(["fetch"]) == 1
    err = capsys.readouterr().err
    assert err == "almen: Hentningen blev afbrudt; de tal, der blev hentet tidligere, er uændrede.\n"
    assert cache_path().read_bytes() == before


def test_fetch_into_an_app_data_folder_that_cannot_be_made_is_one_sentence(bank, capsys, monkeypatch, tmp_path):
    blocker = tmp_path / "en-fil"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    monkeypatch.setenv("ALMEN_GUI_HOME", str(blocker / "almen-gui"))
    assert main(["fetch"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("almen: Mappen ") and "kunne ikke oprettes" in err and err.count("\n") == 1


def test_fetch_without_a_network_and_without_a_cache(bank, capsys, monkeypatch):
    monkeypatch.setenv("ALMEN_DST_URL", "http://127.0.0.1:9/v1")
    assert main(["fetch"]) == 1
    err = capsys.readouterr().err
    assert "kunne ikke nås" in err and "der er ikke gemt noget" in err
    assert not cache_path().exists()


def test_fetch_from_an_address_that_is_not_a_url_is_one_sentence(capsys, monkeypatch):
    monkeypatch.setenv("ALMEN_DST_URL", "api.statbank.dk/v1")
    assert main(["fetch"]) == 1
    err = capsys.readouterr().err
    assert "ALMEN_DST_URL skal begynde med https://" in err and err.count("\n") == 1


def test_show_adds_dsts_figures_with_year_and_table(bank, capsys):
    assert main(["fetch"]) == 0
    bank.__exit__()  # offline from here on: show reads the cache
    capsys.readouterr()
    assert main(["show", "Aarhus"]) == 0
    section = _section(capsys.readouterr().out)
    count = format_number(expected_almene("751", 2026))
    assert f"Boliger ejet af almene boligselskaber           {count}  (2026, BOL101)" in section
    assert "Almen andel af alle boliger                 10,2 pct.  (2026, almen-guis beregning, BOL101)" in section
    for year in ("2023", "2024", "2025, foreløbig"):  # DST will revise its latest 1½ years
        assert f"{expected_started('751'):>14}  ({year}, BYGV33)" in section
    assert "Kilde: Danmarks Statistik, BOL101 og BYGV33 (CC BY 4.0)" in section
    assert "Fodnote til BOL101: The years 2021 and 2022 are closed" in section


def test_show_says_ikke_oplyst_where_dst_publishes_dotdot_and_0_for_a_real_zero(bank, capsys):
    assert main(["fetch"]) == 0
    assert main(["show", UNPUBLISHED_STARTED]) == 0
    started = [line for line in _section(capsys.readouterr().out).splitlines() if "Påbegyndte" in line]
    assert len(started) == 3 and all("ikke oplyst  (20" in line for line in started)
    assert main(["show", "Glostrup"]) == 0
    out = capsys.readouterr().out
    started = [line for line in _section(out).splitlines() if "Påbegyndte" in line]
    assert all(line.split("  (")[0].split()[-1] == "0" for line in started)
    assert "7.900" in out  # BL's figures stay, under BL's source, above DST's


def test_show_without_a_cache_is_as_before(capsys):
    assert main(["show", "Aarhus"]) == 0
    assert "Danmarks Statistik (hentet" not in capsys.readouterr().out


def test_show_with_a_damaged_cache_still_shows_bls_figures(capsys):
    cache_path().parent.mkdir(parents=True)
    cache_path().write_text("{ikke json", encoding="utf-8")
    assert main(["show", "Glostrup"]) == 0
    captured = capsys.readouterr()
    assert "7.900" in captured.out and "kan ikke læses" in captured.err and "«almen fetch»" in captured.err


def _read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_table_csv_has_every_kommune_with_bls_and_dsts_figures(bank, tmp_path, capsys):
    assert main(["fetch"]) == 0
    out = tmp_path / "tal.csv"
    assert main(["table", "--out", str(out)]) == 0
    rows = _read_csv(out)
    header, units, sources, data = rows[0], rows[1], rows[2], rows[3:]
    assert len(data) == 98
    dst_column = header.index("Boliger ejet af almene boligselskaber (Danmarks Statistik)")
    assert units[dst_column] == "boliger"
    assert sources[dst_column] == "Danmarks Statistik, BOL101, 2026 (CC BY 4.0)"
    bl_column = header.index("Almene familieboliger")
    assert sources[bl_column].startswith("BL's egne beregninger")
    by_name = {row[1]: row for row in data}
    assert by_name["Aarhus"][dst_column] == str(expected_almene("751", 2026))
    assert by_name["Aarhus"][bl_column] == "ikke oplyst"
    assert by_name["Glostrup"][bl_column] == "4451"
    share = header.index("Almen andel af alle boliger (Danmarks Statistik)")
    assert by_name["Aarhus"][share] == "10,2"
    started = header.index("Påbegyndte almene boliger (Danmarks Statistik)")
    assert sources[started] == "Danmarks Statistik, BYGV33, 2025, foreløbig (CC BY 4.0)"
    assert sources[share] == "almen-guis beregning af Danmarks Statistiks BOL101, 2026 (CC BY 4.0)"
    assert by_name["Læsø"][started] == "ikke oplyst"


def test_table_xlsx_holds_numbers_and_the_header_rows(bank, tmp_path):
    assert main(["fetch"]) == 0
    out = tmp_path / "tal.xlsx"
    assert main(["table", "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][2] == "enhed" and rows[2][2] == "kilde" and len(rows) == 3 + 98
    column = rows[0].index("Boliger ejet af almene boligselskaber (Danmarks Statistik)")
    aarhus = next(row for row in rows if row[1] == "Aarhus")
    assert aarhus[column] == expected_almene("751", 2026)


def test_table_without_a_fetch_has_the_datasets_figures_and_says_so(tmp_path, capsys):
    out = tmp_path / "tal.csv"
    assert main(["table", "--out", str(out)]) == 0
    assert "ikke hentet endnu" in capsys.readouterr().err
    assert not any("Danmarks Statistik)" in cell for cell in _read_csv(out)[0])


@pytest.mark.parametrize("name, message", [("tal.txt", ".csv eller .xlsx"), ("mangler/tal.csv", "findes ikke")])
def test_table_refuses_a_bad_file_name_with_one_line(tmp_path, capsys, name, message):
    assert main(["table", "--out", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
