"""Writes the malformed-file corpus in this folder (run it after changing it; the files are committed).

Every file is SYNTHETIC test material. The two large kinds (over 20 MB, a zip bomb) are made by the tests at run time.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
HEADER = "kode,navn,beboere,ungdomsboliger,familieboliger,fraflytning_familieboliger_pct"


def text(name: str, content: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(content.encode(encoding))


def main() -> None:
    text("tom.csv", "")
    text("kun-overskrift.csv", HEADER + "\n")
    text("ingen-kode-kolonne.csv", "kommune,beboere\nGlostrup,7900\n")
    text("ukendt-kommunekode.csv", HEADER + "\n999,,100,1,2,3\n")
    text("ukendt-kommunenavn.csv", "navn,beboere\nGlostrop,7900\n")
    text("kommune-to-gange.csv", HEADER + "\n161,Glostrup,7900,73,4451,8\n0161,,7900,73,4451,8\n")
    text("negativt-tal.csv", HEADER + "\n161,Glostrup,-7900,73,4451,8\n")
    text("procent-over-100.csv", HEADER + "\n161,Glostrup,7900,73,4451,180\n")
    text("tekst-i-talkolonne.csv", HEADER + "\n161,Glostrup,mange,73,4451,8\n")
    text("tvetydigt-tal.csv", "kode;beboere\n161;4,451\n")
    text("decimal-i-antal.csv", "kode;ungdomsboliger\n161;73,5\n")
    text("tekst-med-xlsx-endelse.xlsx", HEADER + "\n161,Glostrup,7900,73,4451,8\n")
    text("binaer-fil.csv", "kode\x00\x01\x02\xff\xfe binary")
    text("kontroltegn.csv", "kode,navn,beboere\n161,Glo\x07strup,7900\n")
    text("hoejre-til-venstre-tegn.csv", "kode,navn,beboere\n161,\u202epurtsolG,7900\n")
    text("meget-langt-navn.csv", "navn,beboere\n" + "G" * 10_000 + ",7900\n")
    text("kolonne-to-gange.csv", "kode,beboere,beboere\n161,7900,7900\n")
    text("kode-og-navn-uenige.csv", "kode,navn,beboere\n161,Aarhus,7900\n")
    text("ukendt-filtype.json", '{"kode": 161}')
    text("raekke-uden-kommune.csv", "kode,navn,beboere\n,,7900\n")
    text("engelsk-tusindtal.csv", 'kode,beboere\n161,"7,900.5"\n')
    text("for-mange-raekker.csv", "kode,beboere\n" + "161,1\n" * 2500)
    text("ukendt-kolonne-advarsel.csv", "kode,beboere,farve\n161,7900,blå\n")

    # A spreadsheet named .csv, and a broken spreadsheet.
    book = openpyxl.Workbook()
    book.active.append(["kode", "beboere"])
    book.active.append([161, 7900])
    book.save(HERE / "regneark-med-csv-endelse.csv")
    broken = (HERE / "regneark-med-csv-endelse.csv").read_bytes()[:300]
    (HERE / "oedelagt-regneark.xlsx").write_bytes(broken)

    # A formula Excel never calculated (openpyxl stores no value for it).
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(["kode", "ungdomsboliger", "familieboliger", "aeldreboliger", "beboere"])
    sheet.append([161, 73, 4451, 90, "=SUM(B2:D2)"])
    book.save(HERE / "formel-uden-gemt-vaerdi.xlsx")

    # An explanation sheet with a period that is not a year.
    book = openpyxl.Workbook()
    book.active.title = "data"
    book.active.append(["kode", "beboere"])
    book.active.append([161, 7900])
    explanation = book.create_sheet("forklaring")
    explanation.append(["kolonne", "betydning", "enhed", "periode"])
    explanation.append(["beboere", "Beboere", "personer", "sidste år"])
    book.save(HERE / "forkert-periode.xlsx")

    # Valid files as Danish Excel and others save them.
    text("gyldig-dansk-excel.csv", "kode;navn;beboere;familieboliger;fraflytning_familieboliger_pct\r\n"
         "169;Høje-Taastrup;12.345;4.451;8,5\r\n751;Århus;;12.000;\r\n", encoding="cp1252")
    text("gyldig-utf8-bom.csv", "\ufeffnavn,beboere,andel_af_boligmassen_pct\nKøbenhavn,\"150.000\",20.5\nÆrø,0,3\n")


if __name__ == "__main__":
    main()
