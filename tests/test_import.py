"""Users' own figures: template, reading CSV/XLSX the way Danish Excel writes them, and every kind of bad file."""

from __future__ import annotations

import os
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from almen_gui.cli import main
from almen_gui.model import DataError, load_dataset
from almen_gui.model.readers import parse_number

CORPUS = Path(__file__).parent / "corpus"

BAD_FILES = {
    "tom.csv": "filen er tom",
    "kun-overskrift.csv": "ingen datarækker",
    "ingen-kode-kolonne.csv": "mangler kolonnen 'kode' eller 'navn'",
    "ukendt-kommunekode.csv": "række 2, kolonne kode: '999': ukendt kommunekode",
    "ukendt-kommunenavn.csv": "ukendt kommune; mente du Glostrup?",
    "kommune-to-gange.csv": "række 3, kolonne kode: '0161': Glostrup står også i række 2",
    "negativt-tal.csv": "kolonne beboere: '-7900': må ikke være negativ",
    "procent-over-100.csv": "mellem 0 og 100",
    "tekst-i-talkolonne.csv": "'mange': er ikke et tal",
    "tvetydigt-tal.csv": "'4,451': tvetydigt tal",
    "decimal-i-antal.csv": "et antal skal være et helt tal",
    "tekst-med-xlsx-endelse.xlsx": "hedder .xlsx men er ikke et Excel-regneark",
    "regneark-med-csv-endelse.csv": "omdøb den til .xlsx",
    "binaer-fil.csv": "filen er binær",
    "kontroltegn.csv": "kontroltegn eller retningstegn",
    "hoejre-til-venstre-tegn.csv": "kontroltegn eller retningstegn",
    "meget-langt-navn.csv": "cellen er for lang (10000 tegn)",
    "kolonne-to-gange.csv": "kolonnen findes to gange",
    "kode-og-navn-uenige.csv": "navnet passer ikke til kode 161 (Glostrup)",
    "ukendt-filtype.json": "ukendt filtype .json",
    "raekke-uden-kommune.csv": "hverken kode eller navn",
    "engelsk-tusindtal.csv": "'7,900.5': er ikke et tal",
    "for-mange-raekker.csv": "for mange rækker",
    "oedelagt-regneark.xlsx": "ikke et Excel-regneark",
    "formel-uden-gemt-vaerdi.xlsx": "formel uden gemt værdi",
    "forkert-periode.xlsx": "perioden skal være et år",
    "flere-celler-end-kolonner.csv": "rækken har 5 celler, men der er kun 4 kolonner",
    "navn-passer-ikke-til-kode.csv": "'Banana': navnet passer ikke til kode 161 (Glostrup)",
    "haevet-skrift-i-kode.csv": "ukendt kommunekode",
    "urimeligt-stort-antal.csv": "større end for nogen kommune (højst 2.000.000)",
    "for-mange-kolonner.csv": "for mange kolonner (1001; højst 300)",
    "afkortet-xml.xlsx": "regnearket er beskadiget",
    "xxe-lokal-fil.xlsx": "indeholder en DTD",
    "milliard-latter.xlsx": "indeholder en DTD",
    "raekke-nummer-en-milliard.xlsx": "for mange rækker (over 100.000 medregnet tomme rækker)",
    "delt-tekst-uden-for-listen.xlsx": "regnearket er beskadiget",
    "kolonne-ud-over-xfd.xlsx": "regnearket er beskadiget",
    "mangler-projektmappe.xlsx": "regnearket er beskadiget",
    "ukendt-komprimering.xlsx": "regnearket er beskadiget og kan ikke pakkes ud",
}


@pytest.mark.parametrize("name, message", sorted(BAD_FILES.items()))
def test_each_bad_file_gets_its_own_message_and_exit_2(name, message, capsys):
    with pytest.raises(DataError) as caught:
        load_dataset(CORPUS / name)
    assert message in "\n".join(str(p) for p in caught.value.problems)
    assert main(["validate", str(CORPUS / name)]) == 2
    captured = capsys.readouterr()
    assert message in captured.out
    assert "Traceback" not in captured.out + captured.err
    assert "kan ikke bruges" in captured.err


def test_the_corpus_has_at_least_20_kinds():
    assert len(BAD_FILES) >= 20
    assert all((CORPUS / name).exists() for name in BAD_FILES)


def test_a_file_over_20_mb_is_refused(tmp_path):
    big = tmp_path / "stor.csv"
    with big.open("w") as handle:
        handle.write("kode,beboere\n")
        handle.write(("161,1\n" * 1000) * 3600)
    with pytest.raises(DataError, match="for stor"):
        load_dataset(big)


def test_a_zip_bomb_named_xlsx_is_refused(tmp_path):
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 150_000_000)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(DataError, match="zip-bombe"):
        load_dataset(bomb)


def test_a_workbook_listing_thousands_of_sheets_is_refused_before_any_is_read(tmp_path, capsys):
    from almen_gui.cli import main

    template = tmp_path / "skabelon.xlsx"
    assert main(["template", str(template)]) == 0
    crafted = tmp_path / "mange-ark.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":  # 5.000 more sheets listed, all pointing at the data sheet
                sheet = re.search(rb"<sheet [^>]*/>", data).group(0)
                more = b"".join(sheet.replace(b'name="data"', b'name="ark%d"' % n)
                                .replace(b'sheetId="1"', b'sheetId="%d"' % (n + 10)) for n in range(5000))
                data = data.replace(b"</sheets>", more + b"</sheets>")
            target.writestr(info, data)
    capsys.readouterr()
    assert main(["validate", str(crafted)]) == 2
    captured = capsys.readouterr()
    assert "mange-ark.xlsx: regnearket har over 100 ark" in captured.out and "Traceback" not in captured.err


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "mange-fejl.csv"
    path.write_text("kode,beboere,fraflytning_familieboliger_pct,farve\n161,-1,200,x\n999,5,5,y\n161,7900,8,z\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    reasons = [p.reason for p in caught.value.problems]
    assert len([p for p in caught.value.problems if not p.warning]) == 4
    assert any("negativ" in r for r in reasons) and any("ukendt kommunekode" in r for r in reasons)
    assert any("mellem 0 og 100" in r for r in reasons) and any("også i række 2" in r for r in reasons)
    assert any(p.warning and p.column == "farve" for p in caught.value.problems)


def test_danish_excel_csv_semicolons_windows_1252_and_decimal_commas():
    dataset = load_dataset(CORPUS / "gyldig-dansk-excel.csv")
    assert dataset.value(169, "beboere") == 12345
    assert dataset.value(169, "familieboliger") == 4451
    assert dataset.value(169, "fraflytning_familieboliger_pct") == 8.5
    assert dataset.value(751, "familieboliger") == 12000
    assert dataset.value(751, "beboere") is None  # empty cell: ikke oplyst, not 0
    assert dataset.value(161, "beboere") is None  # a user's file replaces the bundled figures as a whole
    assert dataset.figures_for(169).text("fraflytning_familieboliger_pct") == "8,5 pct."


def test_utf8_bom_comma_csv_by_name_with_a_real_zero():
    dataset = load_dataset(CORPUS / "gyldig-utf8-bom.csv")
    assert dataset.value(101, "beboere") == 150000
    assert dataset.value(101, "andel_af_boligmassen_pct") == 20.5
    assert dataset.value(492, "beboere") == 0  # Ærø: a real 0 stays 0
    assert dataset.figures_for(492).text("beboere") == "0"


def test_unknown_column_is_only_a_warning(capsys):
    assert main(["validate", str(CORPUS / "ukendt-kolonne-advarsel.csv")]) == 0
    out = capsys.readouterr().out
    assert "advarsel" in out and "farve" in out and "i orden" in out


@pytest.mark.parametrize("text, value", [("4451", 4451), ("4.451", 4451), ("4 451", 4451), ("4451,0", 4451),
                                         ("8,5", 8.5), ("8.5", 8.5), ("1.234.567", 1234567), ("4.451,5", 4451.5),
                                         ("0.125", 0.125), ("0", 0)])
def test_unambiguous_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["4,451", "1,000", "4,451.5", "12abc", "1e5", "", "..", "4.45.1", "nan", "inf"])
def test_ambiguous_or_odd_numbers_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_template_round_trip_through_a_spreadsheet(tmp_path, capsys):
    template = tmp_path / "t.xlsx"
    assert main(["template", str(template)]) == 0
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["data", "forklaring"]
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["kode", "navn", "beboere"] and len(header) == 14
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == 98
    assert rows[161][header.index("familieboliger")].value == 4451  # the known figures are pre-filled
    assert rows[751][header.index("familieboliger")].value is None
    explanation = [[c.value for c in row] for row in book["forklaring"].iter_rows()]
    assert ["udgave", explanation[-1][1], None, "2024"] == explanation[-1][:4]
    aarhus = rows[751]
    for column, value in (("beboere", 61000), ("ungdomsboliger", 5000), ("familieboliger", 30000),
                          ("fraflytning_familieboliger_pct", 9.5)):
        aarhus[header.index(column)].value = value
    for row in book["forklaring"].iter_rows():
        if row[0].value == "udgave":
            row[3].value = "2025"
        if row[0].value == "beboere":
            row[3].value = "2025"
    book.save(template)
    capsys.readouterr()
    assert main(["show", "Aarhus", "--data", str(template)]) == 0
    out = capsys.readouterr().out
    assert "61.000" in out and "30.000" in out and "9,5 pct." in out and "(2025)" in out
    assert main(["export", "Aarhus", "--data", str(template), "--out", str(tmp_path), "--allow-incomplete",
                 "--size", "kvadrat"]) == 0
    assert (tmp_path / "almene-boliger-aarhus-2025-kvadrat.png").exists()


def test_template_round_trip_through_a_danish_csv(tmp_path, capsys):
    template = tmp_path / "t.csv"
    assert main(["template", str(template)]) == 0
    assert (tmp_path / "t.forklaring.csv").exists()
    raw = template.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfkode;navn;")
    text = raw.decode("utf-8-sig").replace("751;Aarhus;;;", "751;Aarhus;61.000;5000;")
    template.write_bytes(text.encode("cp1252"))  # saved again by Danish Excel
    assert main(["show", "aarhus", "--data", str(template)]) == 0
    assert "61.000" in capsys.readouterr().out


def test_template_refuses_other_file_types(tmp_path, capsys):
    assert main(["template", str(tmp_path / "t.ods")]) == 2
    assert ".xlsx eller .csv" in capsys.readouterr().err


# --- property-based: the reader returns a dataset or raises DataError, nothing else ---------------------------------

FIELDS = ["kode", "navn", "beboere", "familieboliger", "fraflytning_familieboliger_pct", "farve"]
cells = st.one_of(st.sampled_from(["161", "0161", "751", "Glostrup", "Århus", "999", "", "4.451", "8,5", "4,451",
                                   "-3", "101", "x", "1e3", "12 345"]),
                  st.integers(min_value=-10, max_value=10**7).map(str),
                  st.floats(allow_nan=True, allow_infinity=True).map(str),
                  st.text(max_size=12))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400))
def test_random_bytes_give_a_dataset_or_a_data_error(tmp_path, raw):
    path = tmp_path / "tilfaeldig.csv"
    path.write_bytes(raw)
    try:
        load_dataset(path)
    except DataError as exc:
        assert exc.problems and all(p.reason for p in exc.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(FIELDS), min_size=1, max_size=6),
       rows=st.lists(st.lists(cells, min_size=0, max_size=7), max_size=6),
       delimiter=st.sampled_from([",", ";"]))
def test_near_valid_tables_give_a_valid_dataset_or_a_data_error(tmp_path, header, rows, delimiter):
    path = tmp_path / "naesten.csv"
    lines = [delimiter.join(header)] + [delimiter.join(c.replace(delimiter, " ").replace('"', "")
                                                       .replace("\n", " ").replace("\r", " ") for c in row)
                                        for row in rows]
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        dataset = load_dataset(path)
    except DataError as exc:
        assert exc.problems
        return
    for kommune in dataset.kommuner:
        for name in dataset.metadata.figure_names:
            value = dataset.value(kommune.kode, name)
            assert value is None or value >= 0
            if value is not None and dataset.metadata.field(name).kind == "pct":
                assert value <= 100


# --- hostile files: limits enforced while reading, never taken from the file ----------------------------------------

def test_blank_rows_before_the_data_lose_no_kommune_and_keep_the_files_row_numbers(tmp_path):
    for name in ("tomme-raekker-foer-data.csv", "tomme-raekker-foer-data.xlsx"):
        dataset = load_dataset(CORPUS / name)
        assert dataset.value(751, "beboere") == 61000, name  # Aarhus comes after 2.000 blank rows
        assert dataset.value(161, "beboere") == 7900
    bad = tmp_path / "tomme-raekker.csv"
    bad.write_text("kode,beboere\n\n\n161,-1\n", encoding="utf-8")
    with pytest.raises(DataError, match="række 4"):
        load_dataset(bad)


@pytest.mark.parametrize("name", ["for-lille-stoerrelse.xlsx", "opblaest-stoerrelse.xlsx"])
def test_a_spreadsheets_size_entry_is_not_trusted(name):
    dataset = load_dataset(CORPUS / name)
    assert [dataset.value(k, "beboere") for k in (161, 751, 101)] == [7900, 61000, 150000]


def test_a_named_pipe_is_refused_without_waiting(tmp_path, capsys):
    for name in ("roer.csv", "roer.xlsx"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        assert main(["validate", str(fifo)]) == 2  # before: blocked for ever, waiting for a writer
        assert "ikke en almindelig fil" in capsys.readouterr().out


def test_a_link_to_an_endless_device_is_refused(tmp_path, capsys):
    link = tmp_path / "nul.csv"
    link.symlink_to("/dev/zero")
    assert main(["validate", str(link)]) == 2
    assert "ikke en almindelig fil" in capsys.readouterr().out


def test_a_folder_and_a_missing_file_are_told_plainly(tmp_path, capsys):
    (tmp_path / "mappe.csv").mkdir()
    assert main(["validate", str(tmp_path / "mappe.csv")]) == 2
    assert main(["validate", str(tmp_path / "findes-ikke.xlsx")]) == 2
    out = capsys.readouterr().out
    assert "er en mappe" in out and "filen findes ikke" in out


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_one_sentence(tmp_path, capsys):
    locked = tmp_path / "laast.csv"
    locked.write_text("kode,beboere\n161,7900\n", encoding="utf-8")
    locked.chmod(0)
    assert main(["validate", str(locked)]) == 2
    captured = capsys.readouterr()
    assert "ingen adgang" in captured.out and "Traceback" not in captured.err


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_fails_while_read_is_one_sentence(tmp_path, capsys):
    failing = tmp_path / "laesefejl.csv"
    failing.symlink_to("/proc/self/mem")  # a regular file whose first bytes cannot be read (EIO), even for root
    assert main(["validate", str(failing)]) == 2
    captured = capsys.readouterr()
    assert "filen kan ikke læses (læsefejl" in captured.out and "Traceback" not in captured.err


def test_a_thousand_bad_rows_give_fifty_problems_and_a_count(tmp_path, capsys):
    path = tmp_path / "mange-fejl.csv"
    rows = "".join(f"{k},x,y\n" for k in range(1000, 2000))
    path.write_text("kode,beboere,familieboliger\n" + rows, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert len(caught.value.problems) == 50
    assert caught.value.error_count == 1000  # one per row: an unknown code, so its cells are not looked at
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 51
    assert "og 950 problemer mere" in captured.out
    assert "1.000 fejl" in captured.err


def test_a_20_mb_csv_of_millions_of_columns_is_refused(tmp_path, capsys):
    wide = tmp_path / "bred.csv"
    wide.write_bytes(b"kode" + b",x" * (10 * 1024 * 1024 - 4) + b"\n")  # ten million columns, just under 20 MB
    assert main(["validate", str(wide)]) == 2
    out = capsys.readouterr().out
    assert "linjen er for lang" in out and len(out.splitlines()) == 1


def test_a_wide_header_of_unknown_columns_is_refused_not_remembered(tmp_path, capsys):
    wide = tmp_path / "bred-overskrift.csv"
    wide.write_text("kode," + ",".join(f"c{i}" for i in range(5000)) + "\n161" + "," * 5000 + "\n", encoding="utf-8")
    assert main(["validate", str(wide)]) == 2
    assert "for mange kolonner" in capsys.readouterr().out


def test_a_row_of_empty_trailing_cells_beyond_the_limit_is_fine(tmp_path):
    path = tmp_path / "tomme-celler.csv"
    path.write_text("kode,beboere" + "," * 400 + "\n161,7900" + "," * 400 + "\n", encoding="utf-8")
    assert load_dataset(path).value(161, "beboere") == 7900


def test_validate_piped_into_head_still_says_the_file_is_bad(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "mange-fejl.csv"
    path.write_text("kode,beboere\n" + "".join(f"{k},1\n" for k in range(1000, 2999)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "almen_gui", "validate", str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 2
    assert b"ukendt kommunekode" in first
    assert "Traceback" not in err and "kan ikke bruges" in err


HOSTILE = ["afkortet-xml.xlsx", "xxe-lokal-fil.xlsx", "milliard-latter.xlsx", "haevet-skrift-i-kode.csv",
           "oedelagt-regneark.xlsx", "for-mange-kolonner.csv", "flere-celler-end-kolonner.csv"]


@pytest.mark.parametrize("name", HOSTILE)
def test_every_command_gives_one_sentence_and_exit_2_for_a_hostile_file(name, capsys):
    assert main(["show", "Glostrup", "--data", str(CORPUS / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"almen: datasættet kan ikke bruges: {name}")
    assert len(captured.err.strip().splitlines()) == 1


@pytest.mark.parametrize("query", ["²", "¹⁶¹", "9" * 5000])
def test_a_kommune_in_odd_digits_is_an_unknown_kommune(query, capsys):
    assert main(["show", query]) == 2
    err = capsys.readouterr().err
    assert "Ukendt kommune" in err and "Traceback" not in err


def test_a_sheet_too_large_for_any_kommune_table_is_refused_before_it_is_parsed(tmp_path, capsys):
    sys.path.insert(0, str(CORPUS))
    from make_corpus import crafted_xlsx

    wide = tmp_path / "bred-raekke.xlsx"
    cells = b"<c><v>1</v></c>" * 300_000  # one row of 300.000 cells: 4,5 MB of XML, 20 KB packed
    crafted_xlsx(wide, [["kode"], [161]], lambda xml: xml.split(b"<sheetData>")[0] + b'<sheetData><row r="1">'
                 + cells + b"</row></sheetData>" + xml.split(b"</sheetData>")[1])
    assert main(["validate", str(wide)]) == 2
    assert "xl/worksheets/sheet1.xml i regnearket fylder over 2 MB udpakket" in capsys.readouterr().out


def test_a_picture_named_xlsx_is_not_guessed_to_be_a_csv_file(tmp_path):
    picture = tmp_path / "tal.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(DataError) as refused:
        load_dataset(picture)
    assert str(refused.value) == "tal.xlsx: filen hedder .xlsx men er ikke et Excel-regneark"
    assert "måske en CSV-fil?" in str(_refusal(CORPUS / "tekst-med-xlsx-endelse.xlsx"))  # text is still a good guess


def _refusal(path):
    with pytest.raises(DataError) as refused:
        load_dataset(path)
    return refused.value


def test_one_more_problem_is_counted_in_the_singular():
    from almen_gui.model.errors import Problem

    error = DataError([Problem("a.csv", "første fejl"), Problem("a.csv", "anden fejl")])
    assert str(error) == "a.csv: første fejl (og 1 problem mere)"
    error = DataError([Problem("a.csv", f"fejl {n}") for n in range(3)])
    assert str(error).endswith("(og 2 problemer mere)")
