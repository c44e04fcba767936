"""Writes the malformed-file corpus in this folder (run it after changing it; the files are committed).

Every file is SYNTHETIC test material. The two large kinds (over 20 MB, a zip bomb) are made by the tests at run time.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
HEADER = "kode,navn,beboere,ungdomsboliger,familieboliger,fraflytning_familieboliger_pct"


def text(name: str, content: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(content.encode(encoding))


def _workbook(rows: list[list[object]]) -> bytes:
    """A small valid XLSX with `rows` on its sheet "data", as bytes."""
    import io

    book = openpyxl.Workbook()
    book.active.title = "data"
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def crafted_xlsx(name: str | Path, rows: list[list[object]], change) -> None:
    """Write `rows` as an XLSX (a name in this folder, or a path), then pass its sheet's XML through `change`
    (bytes -> bytes) as an attacker would."""
    import io

    source = zipfile.ZipFile(io.BytesIO(_workbook(rows)))
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(info.filename, data)


def _without_part(name: str, part: str) -> None:
    """A workbook with one of its parts left out."""
    import io

    source = zipfile.ZipFile(io.BytesIO(_workbook([["kode", "beboere"], [161, 7900]])))
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info.filename, source.read(info.filename))


def _unknown_compression(name: str) -> None:
    """A workbook whose sheet claims a compression method no reader knows (99), in both of its zip headers."""
    import struct

    _without_part(name, "")  # a plain copy of a small workbook
    data = bytearray((HERE / name).read_bytes())
    part = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(HERE / name) as archive:
        local, central = archive.getinfo(part.decode()).header_offset, archive.start_dir
    data[local + 8:local + 10] = struct.pack("<H", 99)
    while data.startswith(b"PK\x01\x02", central):
        name_length, extra, comment = struct.unpack("<HHH", data[central + 28:central + 34])
        if data[central + 46:central + 46 + name_length] == part:
            data[central + 10:central + 12] = struct.pack("<H", 99)
        central += 46 + name_length + extra + comment
    (HERE / name).write_bytes(bytes(data))


def _with_doctype(doctype: bytes, cell: bytes):
    """Put a DOCTYPE before the sheet and an entity reference in the first cell of row 2."""
    def change(xml: bytes) -> bytes:
        xml = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + doctype, xml, count=1)
        return re.sub(rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2" t="inlineStr"><is><t>' + cell + b"</t></is></c>", xml,
                      count=1)
    return change


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

    # Rows and cells that say more, or something else, than the header and the codes allow.
    text("flere-celler-end-kolonner.csv", "kode,navn,beboere,familieboliger\n161,Glostrup,8,5,40\n")
    text("navn-passer-ikke-til-kode.csv", "kode,navn,beboere\n161,Banana,7900\n")
    text("haevet-skrift-i-kode.csv", "kode,beboere\n\u00b9\u2076\u00b9,7900\n")
    text("urimeligt-stort-antal.csv", "kode,beboere\n161," + "9" * 199 + "\n")
    text("tomme-raekker-foer-data.csv", "kode,navn,beboere\n" + ",,\n" * 2000 + "161,Glostrup,7900\n"
         "751,Aarhus,61000\n")
    text("for-mange-kolonner.csv", "kode," + ",".join(f"x{i}" for i in range(1000)) + "\n161" + ",1" * 1000 + "\n")

    # Spreadsheets crafted by hand: cut-off XML, an entity that reads a local file (XXE), nested entities that grow
    # to gigabytes (billion laughs), a size entry that claims more or fewer rows than the sheet has.
    rows = [["kode", "navn", "beboere"], [161, "Glostrup", 7900], [751, "Aarhus", 61000], [101, "København", 150000]]
    crafted_xlsx("afkortet-xml.xlsx", rows, lambda xml: xml[: len(xml) // 2])
    crafted_xlsx("xxe-lokal-fil.xlsx", rows, _with_doctype(b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                                                          b"&xxe;"))
    laughs = b'<!ENTITY l0 "ha">' + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    crafted_xlsx("milliard-latter.xlsx", rows, _with_doctype(b"<!DOCTYPE x [" + laughs + b"]>", b"&l9;"))
    crafted_xlsx("opblaest-stoerrelse.xlsx", rows,
                 lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml))
    crafted_xlsx("for-lille-stoerrelse.xlsx", rows, lambda xml: re.sub(rb'<dimension ref="[^"]*"',
                                                                       b'<dimension ref="A1:B2"', xml))
    crafted_xlsx("raekke-nummer-en-milliard.xlsx", rows,
                 lambda xml: xml.replace(b'<row r="4"', b'<row r="1000000000"').replace(b'r="A4"', b'r="A1000000000"'))
    crafted_xlsx("delt-tekst-uden-for-listen.xlsx", rows,
                 lambda xml: re.sub(rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2" t="s"><v>99999</v></c>', xml, count=1))
    crafted_xlsx("kolonne-ud-over-xfd.xlsx", rows, lambda xml: xml.replace(b'r="C2"', b'r="ZZZZ2"'))
    _without_part("mangler-projektmappe.xlsx", "xl/workbook.xml")
    _unknown_compression("ukendt-komprimering.xlsx")
    blank_rows = [["kode", "navn", "beboere"]] + [[None, None, None]] * 2000 + [[161, "Glostrup", 7900],
                                                                              [751, "Aarhus", 61000]]
    book_bytes = _workbook(blank_rows)
    (HERE / "tomme-raekker-foer-data.xlsx").write_bytes(book_bytes)

    # Valid files as Danish Excel and others save them.
    text("gyldig-dansk-excel.csv", "kode;navn;beboere;familieboliger;fraflytning_familieboliger_pct\r\n"
         "169;Høje-Taastrup;12.345;4.451;8,5\r\n751;Århus;;12.000;\r\n", encoding="cp1252")
    text("gyldig-utf8-bom.csv", "\ufeffnavn,beboere,andel_af_boligmassen_pct\nKøbenhavn,\"150.000\",20.5\nÆrø,0,3\n")


if __name__ == "__main__":
    main()
