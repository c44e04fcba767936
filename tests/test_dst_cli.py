"""`almen fetch`, `almen show` and `almen table` with Danmarks Statistik's figures, against a local server in DST's
formats with synthetic numbers (tests/dst_server.py); no internet."""

import csv
import json

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

    def interrupted(self, table, variables, sink):
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
    started = [line for line in section.splitlines() if "Påbegyndte" in line]
    assert len(started) == 1  # the latest complete year, as the window's card, which DST will revise
    assert started[0].split()[-4:] == [format_number(expected_started("751")), "(2025,", "foreløbig,", "BYGV33)"]
    assert "Kilde: Danmarks Statistik, BOL101 og BYGV33 (CC BY 4.0)" in section
    assert "Fodnote til BOL101: The years 2021 and 2022 are closed" in section


def test_show_says_ikke_oplyst_where_dst_publishes_dotdot_and_0_for_a_real_zero(bank, capsys):
    assert main(["fetch"]) == 0
    assert main(["show", UNPUBLISHED_STARTED]) == 0
    started = [line for line in _section(capsys.readouterr().out).splitlines() if "Påbegyndte" in line]
    assert len(started) == 1 and "ikke oplyst  (2025" in started[0]
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
    assert "7.900" in captured.out and "kan ikke bruges" in captured.err and "«almen fetch»" in captured.err


def _read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_table_csv_is_read_by_pandas_as_numbers_with_dsts_figures_and_a_valid_descriptor(bank, tmp_path, capsys):
    import pandas as pd
    from frictionless import validate

    assert main(["fetch"]) == 0
    out = tmp_path / "tal.csv"
    assert main(["table", "--out", str(out)]) == 0
    frame = pd.read_csv(out, sep=";", decimal=",", dtype={"kode": str})
    assert len(frame) == 98 and frame["kode"].iloc[0] == "0101"  # data rows only, four-digit codes
    by_name = frame.set_index("navn")
    assert by_name.loc["Aarhus", "dst_almene_boliger"] == expected_almene("751", 2026)
    assert by_name.loc["Aarhus", "dst_andel_almene_pct"] == 10.2
    assert pd.isna(by_name.loc["Aarhus", "familieboliger"])  # ikke oplyst: empty, never 0
    assert by_name.loc["Glostrup", "familieboliger"] == 4451
    assert by_name.loc["Glostrup", "boliger_i_alt"] == 4614  # the computed sum the window shows
    assert pd.isna(by_name.loc["Læsø", "dst_paabegyndte_almene"])
    for column in ("familieboliger", "boliger_i_alt", "dst_almene_boliger", "dst_andel_almene_pct"):
        assert pd.api.types.is_numeric_dtype(frame[column])
    descriptor = json.loads((tmp_path / "tal.datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["dst_almene_boliger"]["unit"] == "boliger" and fields["dst_almene_boliger"]["period"] == "2026"
    assert fields["dst_paabegyndte_almene"]["source"] == "Danmarks Statistik, BYGV33 (CC BY 4.0)"
    assert fields["dst_paabegyndte_almene"]["period"] == "2025, foreløbig"  # DST will revise its latest 1½ years
    assert fields["boliger_i_alt"]["computed"] and "Beregnet af almen-gui" in fields["boliger_i_alt"]["description"]
    assert "ikke oplyst" in descriptor["description"]
    report = validate(str(tmp_path / "tal.datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_table_long_form_has_a_row_per_kommune_figure_and_year(bank, tmp_path):
    import pandas as pd
    from frictionless import validate

    assert main(["fetch"]) == 0
    out = tmp_path / "lang.csv"
    assert main(["table", "--out", str(out), "--form", "lang"]) == 0
    frame = pd.read_csv(out, sep=";", decimal=",", dtype={"kode": str, "periode": str})
    assert list(frame.columns) == ["kode", "navn", "kilde", "mål", "periode", "værdi"]
    aarhus = frame[(frame["kode"] == "0751") & (frame["mål"] == "dst_almene_boliger")].set_index("periode")
    assert aarhus.loc["2026", "værdi"] == expected_almene("751", 2026)
    assert {"2010", "2020", "2026"} <= set(aarhus.index) and "2021" not in aarhus.index  # DST closed 2021–2022
    glostrup = frame[(frame["kode"] == "0161") & (frame["mål"] == "familieboliger")]
    assert glostrup["værdi"].tolist() == [4451] and glostrup["kilde"].iloc[0].startswith("BL's egne beregninger")
    assert validate(str(tmp_path / "lang.datapackage.json")).valid


def test_table_xlsx_has_the_data_sheet_and_a_sheet_of_descriptions(bank, tmp_path):
    assert main(["fetch"]) == 0
    out = tmp_path / "tal.xlsx"
    assert main(["table", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["data", "beskrivelse"]
    rows = list(book["data"].iter_rows(values_only=True))
    assert len(rows) == 1 + 98
    column = rows[0].index("dst_almene_boliger")
    aarhus = next(row for row in rows if row[1] == "Aarhus")
    assert aarhus[0] == "0751" and aarhus[column] == expected_almene("751", 2026)
    assert aarhus[rows[0].index("familieboliger")] is None
    descriptions = {row[0]: row for row in book["beskrivelse"].iter_rows(values_only=True) if row and row[0]}
    assert descriptions["dst_almene_boliger"][2:5] == ("boliger", "2026", "Danmarks Statistik, BOL101 (CC BY 4.0)")
    assert descriptions["boliger_i_alt"][5].startswith("Beregnet af almen-gui")


@pytest.mark.parametrize("name", ["tal.csv", "tal.xlsx"])
def test_table_refuses_an_existing_file_unless_forced(tmp_path, capsys, name):
    out = tmp_path / name
    out.write_text("mine egne tal", encoding="utf-8")
    assert main(["table", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "findes allerede og bliver ikke overskrevet" in err and "--force" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "mine egne tal"
    assert main(["table", "--out", str(out), "--force"]) == 0
    assert out.read_bytes() != b"mine egne tal"


def test_table_without_a_fetch_has_the_datasets_figures_and_says_so(tmp_path, capsys):
    out = tmp_path / "tal.csv"
    assert main(["table", "--out", str(out)]) == 0
    assert "ikke hentet endnu" in capsys.readouterr().err
    assert not any(cell.startswith("dst_") for cell in _read_csv(out)[0])


@pytest.mark.parametrize("name, message", [("tal.txt", ".csv eller .xlsx"), ("mangler/tal.csv", "findes ikke")])
def test_table_refuses_a_bad_file_name_with_one_line(tmp_path, capsys, name, message):
    assert main(["table", "--out", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
