"""Read a figures table (CSV or XLSX) into a validated FigureTable (plain dictionaries, no pandas), or raise DataError
listing every problem.

Nothing in a file is executed or evaluated: CSV is parsed as text, XLSX cells are read as stored values (formulas are
never calculated), no external links or XML entities are followed. Only regular files are read, and every limit
(size, unpacked size, rows, columns, problems) is enforced while reading, never taken from what the file claims.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from almen_gui.model.errors import DataError, Problem, ProblemList, join_or
from almen_gui.model.files import FileRefused, explanation_path, read_regular_file
from almen_gui.model.formatting import count_noun, format_value
from almen_gui.model.kommuner import Kommune, KommuneIndex
from almen_gui.model.metadata import Metadata

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_EXPLANATION_BYTES = 1024 * 1024
# 98 kommuner in a few dozen columns unpack to about 100 KB. openpyxl parses a sheet or its shared strings into dicts
# (a row's cells all at once), so these caps are what keep reading any spreadsheet within 2 s and 300 MB.
MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_XLSX_SHEET_BYTES = 2 * 1024 * 1024  # each worksheet and the shared strings
MAX_XLSX_PART_BYTES = 8 * 1024 * 1024  # any other part (styles can be large in an old, much-edited workbook)
# openpyxl makes an object per sheet the workbook lists before any is read (5.000 sheets took 1,5 GB); the import
# format has two (data, forklaring), and a workbook someone works in rarely has more than a few dozen.
MAX_XLSX_SHEETS = 100
MAX_ROWS = 2000
MAX_LINES = 100_000  # rows including blank ones: blank rows before the data are fine, a million of them is not
MAX_COLUMNS = 300
MAX_CELL_CHARS = 200
# The longest physical line a row within the limits can take (every cell quoted, every character a doubled quote).
MAX_LINE_CHARS = MAX_COLUMNS * (2 * MAX_CELL_CHARS + 3)
# No kommune has more than about 650.000 inhabitants or a yearly turnover of 100.000 mio. kr.
MAX_VALUE = {"antal": 2_000_000, "mio_kr": 100_000}
ID_COLUMNS = ("kode", "navn")
EXPLANATION_SHEET = "forklaring"

_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 4.451, 1.234.567
_GROUPED_DOT_DECIMAL_COMMA = re.compile(r"^\d{1,3}(\.\d{3})+,\d+$")  # 4.451,5
_PLAIN = re.compile(r"^\d+$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_DECIMAL_DOT = re.compile(r"^\d+\.\d+$")
_SPACE_GROUPED = re.compile(r"^\d{1,3}( \d{3})+$")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _CellError(ValueError):
    """A cell that is not an unambiguous number; the message is the Danish reason."""


def parse_number(text: str) -> float:
    """Parse a number as a Danish or plain spreadsheet writes it; refuse anything ambiguous.

    Accepted: 4451, 4.451, 4 451, 4451,0, 4.451,5, 8,5, 8.5. Refused: 4,451 (Danish 4,451 or English 4451?),
    4,451.5 (English grouping in a Danish file), text.
    """
    cell = text.strip().replace("\u00a0", " ")
    negative = cell.startswith("-") or cell.startswith("\u2212")
    if negative:
        cell = cell[1:].strip()
    if _PLAIN.match(cell):
        number = float(cell)
    elif _SPACE_GROUPED.match(cell):
        number = float(cell.replace(" ", ""))
    elif _GROUPED_DOT.match(cell) and not cell.startswith("0"):
        number = float(cell.replace(".", ""))
    elif _GROUPED_DOT_DECIMAL_COMMA.match(cell):
        number = float(cell.replace(".", "").replace(",", "."))
    elif _DECIMAL_COMMA.match(cell):
        if re.match(r"^[1-9]\d{0,2},\d{3}$", cell):
            raise _CellError("tvetydigt tal: kan læses som decimaltal og som tusinder; skriv fx 4451 eller 4,5")
        number = float(cell.replace(",", "."))
    elif _DECIMAL_DOT.match(cell):
        number = float(cell)
    else:
        raise _CellError("er ikke et tal")
    return -number if negative else number


def _sniff_encoding(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"  # Danish Excel's "CSV (semikolonsepareret)"


def _is_binary(raw: bytes) -> bool:
    """A NUL byte: an image or other binary file, never the text of a CSV file (saved under whatever name)."""
    return b"\x00" in raw


def _read_bytes(path: Path, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes; the size is counted while reading."""
    try:
        return read_regular_file(path, limit)
    except FileRefused as exc:
        raise DataError(Problem(str(path) if exc.names_path else name, str(exc))) from None


def _check_shape(row: list, number: int, name: str) -> list:
    """A row cut to at most MAX_COLUMNS cells; more (non-empty) cells than that refuse the file."""
    if len(row) > MAX_COLUMNS:
        if any(c not in (None, "") for c in row[MAX_COLUMNS:]):
            raise DataError(Problem(name, f"rækken har for mange kolonner ({len(row)}; højst {MAX_COLUMNS})", number))
        row = row[:MAX_COLUMNS]
    return row


def _is_blank(row: list) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _collect_rows(rows, name: str, limit: int) -> list[list]:
    """At most `limit` non-blank rows (blank ones kept, so row numbers stay the file's); refuse anything beyond."""
    collected, filled = [], 0
    for number, row in enumerate(rows, start=1):
        if number > MAX_LINES:
            raise DataError(Problem(name, "filen har for mange rækker (over "
                                          f"{format_value(MAX_LINES, 'antal')} medregnet tomme rækker)"))
        row = _check_shape(list(row), number, name)
        if not _is_blank(row):
            filled += 1
            if filled > limit:
                raise DataError(Problem(name, "filen har for mange rækker (højst "
                                              f"{format_value(MAX_ROWS, 'antal')})"))
        collected.append(row)
    return collected


_LONG_LINE = re.compile(f"(?m)^.{{{MAX_LINE_CHARS + 1}}}")  # tried at line starts only: linear time


def _read_csv_rows(raw: bytes, name: str) -> list[list[str]]:
    if raw.startswith(b"PK\x03\x04"):
        raise DataError(Problem(name, "filen er et regneark (xlsx) men hedder .csv; omdøb den til .xlsx"))
    if _is_binary(raw):
        raise DataError(Problem(name, "filen er binær, ikke en CSV-tekstfil"))
    try:
        text = raw.decode(_sniff_encoding(raw), errors="strict")
    except UnicodeDecodeError:
        raise DataError(Problem(name, "filen er hverken UTF-8- eller Windows-1252-tekst")) from None
    # One kind of line end, so every line start is seen by the length check below (and the csv module splits the same).
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Refuse an absurdly long line before the csv module splits it: ten million columns would take gigabytes.
    too_long = _LONG_LINE.search(text)
    if too_long:
        number = text.count("\n", 0, too_long.start()) + 1
        raise DataError(Problem(name, f"linjen er for lang (over {format_value(MAX_LINE_CHARS, 'antal')} tegn; "
                                      f"højst {MAX_COLUMNS} kolonner "
                                      f"på højst {MAX_CELL_CHARS} tegn)", number))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _collect_rows(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True), name, MAX_ROWS + 1)
    except csv.Error as exc:
        raise DataError(Problem(name, f"CSV-filen kan ikke læses ({exc})")) from None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Table:
    """The raw cells of a file, as text: the data rows and, if the file has one, its explanation sheet."""

    rows: list[list[str]]
    explanation: list[list[str]] | None = None


def _sheet_rows(sheet, name: str, limit: int = MAX_ROWS + 1) -> list[list[object]]:
    # The sheet's own size entry (<dimension>) is not trusted: it can claim fewer rows than there are (rows lost)
    # or a million columns (every row padded to them).
    sheet.reset_dimensions()
    return _collect_rows(sheet.iter_rows(values_only=True), name, limit)


_BOMB = "regnearket fylder urimeligt meget udpakket (mulig zip-bombe); filen afvises"
_SHEET = re.compile(rb"<(?:\w+:)?sheet[\s/>]")  # a sheet listed in workbook.xml (not <sheets>, <sheetData>, …)


def _check_archive(raw: bytes, name: str) -> None:
    """Unpack every part once, counting the bytes (the sizes the archive states are not trusted), and refuse DTDs.

    Excel never writes a DTD; one in a workbook can only be there to pull in a local file (XXE) or to grow to
    gigabytes (billion laughs).
    """
    unpacked = sheets = 0
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for info in archive.infolist():
                is_sheet = info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml"
                limit = MAX_XLSX_SHEET_BYTES if is_sheet else MAX_XLSX_PART_BYTES
                part, tail = 0, b""
                with archive.open(info) as member:
                    while chunk := member.read(256 * 1024):
                        part += len(chunk)
                        unpacked += len(chunk)
                        if unpacked > MAX_XLSX_UNPACKED_BYTES:
                            raise DataError(Problem(name, _BOMB))
                        window = tail + chunk
                        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                            raise DataError(Problem(name, "regnearket indeholder en DTD (<!DOCTYPE>), som Excel "
                                                          "aldrig skriver; filen afvises"))
                        # Counted before openpyxl sees the workbook (a match in the tail alone was counted already)
                        sheets += sum(1 for found in _SHEET.finditer(window) if found.end() > len(tail))
                        if sheets > MAX_XLSX_SHEETS:
                            raise DataError(Problem(name, f"regnearket har over {MAX_XLSX_SHEETS} ark; datasættet "
                                                          "skal have et ark med tallene (data), så filen afvises"))
                        tail = chunk[-16:]
                if part > limit:  # read to its end first: a part that never ends is a zip bomb, told as one
                    raise DataError(Problem(name, f"{info.filename} i regnearket fylder over "
                                                  f"{limit // (1024 * 1024)} MB udpakket; det er langt mere end tal "
                                                  "for 98 kommuner fylder, så filen afvises"))
    except DataError:
        raise
    except zipfile.BadZipFile:
        raise DataError(Problem(name, "filen hedder .xlsx men er ikke et Excel-regneark")) from None
    except Exception:  # a damaged archive raises many types (zlib.error, EOFError, NotImplementedError, ...)
        raise DataError(Problem(name, "regnearket er beskadiget og kan ikke pakkes ud")) from None


def _open_workbook(raw: bytes, name: str, data_only: bool):
    import openpyxl  # lazy: only a workbook needs openpyxl, and the window starts on the bundled CSV

    try:
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only, keep_links=False)
    except Exception:  # openpyxl raises many types for a broken workbook
        raise DataError(Problem(name, "regnearket er beskadiget og kan ikke læses")) from None


def _read_xlsx(raw: bytes, name: str) -> Table:
    _check_archive(raw, name)
    try:
        return _read_workbook(raw, name)
    except DataError:
        raise
    except Exception:  # cut-off or malformed XML inside the workbook surfaces while its rows are read
        raise DataError(Problem(name, "regnearket er beskadiget og kan ikke læses")) from None


def _read_workbook(raw: bytes, name: str) -> Table:
    book = _open_workbook(raw, name, data_only=False)
    try:
        data_name = "data" if "data" in book.sheetnames else book.sheetnames[0]
        rows = _sheet_rows(book[data_name], name)
        explanation = _sheet_rows(book[EXPLANATION_SHEET], name, 100) if EXPLANATION_SHEET in book.sheetnames else None
    finally:
        book.close()
    formulas = {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if isinstance(v, str) and v[:1] == "="}
    problems = []
    if formulas:
        # Formulas are never calculated here: use the value Excel stored when the file was saved, if there is one.
        book = _open_workbook(raw, name, data_only=True)
        try:
            stored = _sheet_rows(book[data_name], name)
        finally:
            book.close()
        for r, c in sorted(formulas):
            value = stored[r][c] if r < len(stored) and c < len(stored[r]) else None
            if value is None:
                column = _cell_text(rows[0][c]) if rows and c < len(rows[0]) else f"nr. {c + 1}"
                problems.append(Problem(name, "cellen er en formel uden gemt værdi; åbn og gem filen i Excel, "
                                        "eller skriv tallet direkte", r + 1, column, str(rows[r][c])))
            rows[r][c] = value
    if problems:
        raise DataError(problems)
    as_text = [[_cell_text(v) for v in row] for row in rows]
    return Table(as_text, [[_cell_text(v) for v in row] for row in explanation] if explanation else None)


def read_table(path: Path) -> Table:
    """The raw cells of a CSV or XLSX file; checks size and that content matches the extension."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".txt"):
        if path.is_dir():
            raise DataError(Problem(str(path), "er en mappe, ikke en fil"))
        if not path.exists():
            raise DataError(Problem(str(path), "filen findes ikke"))
        raise DataError(Problem(name, f"ukendt filtype {suffix or '(ingen)'}; brug .csv eller .xlsx"))
    raw = _read_bytes(path, name)
    if suffix == ".xlsx":
        if not raw.startswith(b"PK\x03\x04"):
            guess = "" if _is_binary(raw) else " (måske en CSV-fil?)"
            raise DataError(Problem(name, f"filen hedder .xlsx men er ikke et Excel-regneark{guess}"))
        return _read_xlsx(raw, name)
    companion = explanation_path(path)
    explanation = None
    if companion.is_file():
        explanation = _read_csv_rows(_read_bytes(companion, companion.name, MAX_EXPLANATION_BYTES), companion.name)
    return Table(_read_csv_rows(raw, name), explanation)


_PERIOD = re.compile(r"^(19|20)\d\d(\s*[-–]\s*(19|20)\d\d)?$")


def read_periods(explanation: list[list[str]] | None, name: str, metadata: Metadata) -> tuple[dict[str, str], int | None]:
    """Periods per column and the edition year from an explanation sheet (kolonne | … | periode; a row "udgave").

    Returns ({}, None) when the file has no explanation; raises DataError for a period that is not a year or a range.
    """
    if not explanation:
        return {}, None
    header = [_normalise_header(c) for c in explanation[0]]
    if "kolonne" not in header or "periode" not in header:
        return {}, None
    column_at, period_at = header.index("kolonne"), header.index("periode")
    fields = set(metadata.figure_names)
    periods: dict[str, str] = {}
    year = None
    problems = []
    for number, row in enumerate(explanation[1:], start=2):
        if len(row) <= max(column_at, period_at):
            continue
        column, period = row[column_at].strip().lower(), row[period_at].strip()
        if (column not in fields and column != "udgave") or not period:
            continue
        if not _PERIOD.match(period):
            problems.append(Problem(name, "perioden skal være et år (2024) eller et spænd (2021-2023)", number,
                                    "periode", period))
        elif column == "udgave":
            year = int(period[:4])
        else:
            periods[column] = re.sub(r"\s*[-–]\s*", "–", period)
    if problems:
        raise DataError(problems)
    return periods, year


def _normalise_header(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").lower()


def _check_text(cell: str, name: str, row: int, column: str, problems: list[Problem]) -> bool:
    if len(cell) > MAX_CELL_CHARS:
        problems.append(Problem(name, f"cellen er for lang ({len(cell)} tegn)", row, column, cell[:40]))
        return False
    if _BAD_CHARS.search(cell):
        problems.append(Problem(name, "cellen indeholder kontroltegn eller retningstegn", row, column,
                                _BAD_CHARS.sub("?", cell)))
        return False
    return True


@dataclass
class FigureTable:
    """Validated figures: {kode: {figure: value}} for all 98 kommuner (None = ikke oplyst), and what the file said."""

    values: dict[int, dict[str, float | None]]
    warnings: list[Problem]
    periods: dict[str, str] = field(default_factory=dict)
    year: int | None = None


def _identify_kommune(cells: dict[str, str], name: str, number: int, kommuner: KommuneIndex,
                      problems: list[Problem]) -> Kommune | None:
    """The kommune a row is about, by code or name; None (with the problem noted) if it cannot be told."""
    kode_text, navn_text = cells.get("kode", ""), cells.get("navn", "")
    if not (_check_text(kode_text, name, number, "kode", problems)
            and _check_text(navn_text, name, number, "navn", problems)):
        return None
    if kode_text:
        # ASCII digits only: "¹⁶¹" is a digit string to Python but no code.
        is_code = kode_text.isascii() and kode_text.isdigit() and len(kode_text) <= 4
        kommune = kommuner.find(kode_text) if is_code else None
        if kommune is None:
            problems.append(Problem(name, "ukendt kommunekode", number, "kode", kode_text))
        elif navn_text and kommuner.find(navn_text) != kommune:  # another kommune's name, or no kommune's
            problems.append(Problem(name, f"navnet passer ikke til kode {kommune.kode} ({kommune.navn})",
                                    number, "navn", navn_text))
            return None
        return kommune
    if navn_text:
        kommune = kommuner.find(navn_text)
        if kommune is None:
            suggestions = kommuner.suggest(navn_text)
            hint = f"; mente du {join_or(suggestions)}?" if suggestions else ""
            problems.append(Problem(name, "ukendt kommune" + hint, number, "navn", navn_text))
        return kommune
    problems.append(Problem(name, "rækken har tal men hverken kode eller navn", number))
    return None


def _figure_value(text: str, kind: str, name: str, number: int, column: str, problems: list[Problem]) -> float | None:
    """One cell as a figure of its kind; None for an empty cell (ikke oplyst) or a refused one (problem noted)."""
    if not text or not _check_text(text, name, number, column, problems):
        return None
    try:
        value = parse_number(text)
    except _CellError as exc:
        problems.append(Problem(name, str(exc), number, column, text))
        return None
    if value < 0:
        problems.append(Problem(name, "må ikke være negativ", number, column, text))
    elif kind in MAX_VALUE and value > MAX_VALUE[kind]:
        problems.append(Problem(name, "tallet er større end for nogen kommune (højst "
                                f"{format_value(MAX_VALUE[kind], kind)})", number, column, text))
    elif kind == "pct" and value > 100:
        problems.append(Problem(name, "en procent skal ligge mellem 0 og 100", number, column, text))
    elif kind == "antal" and not value.is_integer():
        problems.append(Problem(name, "et antal skal være et helt tal", number, column, text))
    else:
        return value
    return None


def validate_rows(rows: list[list[str]], name: str, kommuner: KommuneIndex, metadata: Metadata) -> FigureTable:
    """Turn raw cells into one value per kommune and contract figure; a figure not given is None, never 0.

    Raises DataError carrying every problem; warnings (unknown columns) come back with the table.
    """
    problems = ProblemList()
    # Row numbers are the file's own, blank rows included, so a problem can be found where it is said to be.
    numbered = [(number, r) for number, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise DataError(Problem(name, "filen er tom"))
    if len(numbered) > MAX_ROWS + 1:
        raise DataError(Problem(name, f"filen har for mange rækker (højst {format_value(MAX_ROWS, 'antal')})"))
    header_number, header_row = numbered[0]
    header = [_normalise_header(c) for c in header_row]
    for index, column in enumerate(header):
        if not _check_text(column, name, header_number, f"nr. {index + 1}", problems):
            header[index] = ""
    fields = {f.name: f for f in metadata.fields}
    if not any(c in header for c in ID_COLUMNS):
        problems.append(Problem(name, "mangler kolonnen 'kode' eller 'navn' (første række skal være kolonnenavne)",
                                header_number))
    seen: set[str] = set()
    for column in header:
        if column in seen and column:
            problems.append(Problem(name, "kolonnen findes to gange", header_number, column))
        seen.add(column)
        if column and column not in fields and column not in ID_COLUMNS:
            problems.append(Problem(name, "ukendt kolonne; den bliver ikke brugt", header_number, column,
                                    warning=True))
    if len(numbered) == 1:
        problems.append(Problem(name, "filen har ingen datarækker, kun kolonnenavne"))
    if problems.errors:
        raise DataError(problems)

    column_index = {c: i for i, c in enumerate(header) if c}
    values: dict[int, dict[str, float]] = {}
    first_row: dict[int, int] = {}
    for number, row in numbered[1:]:
        if any(c.strip() for c in row[len(header):]):  # "161,Glostrup,8,5,40" under four columns: 8,5 was meant
            used = max(i for i, c in enumerate(row) if c.strip()) + 1
            problems.append(Problem(name, f"rækken har {used} celler, men der er kun {len(header)} kolonner (i en "
                                          "kommasepareret fil skal et decimaltal med komma stå i anførselstegn)",
                                    number, value=",".join(row)))
            continue
        cells = {column: row[i].strip() if i < len(row) else "" for column, i in column_index.items()}
        kommune = _identify_kommune(cells, name, number, kommuner, problems)
        if kommune is None:
            continue
        if kommune.kode in first_row:
            column = "kode" if cells.get("kode") else "navn"
            problems.append(Problem(name, f"{kommune.navn} står også i række {first_row[kommune.kode]}", number,
                                    column, cells.get(column)))
            continue
        first_row[kommune.kode] = number
        figures: dict[str, float] = {}
        for field_name, figure in fields.items():
            value = _figure_value(cells.get(field_name, ""), figure.kind, name, number, field_name, problems)
            if value is not None:
                figures[field_name] = value
        values[kommune.kode] = figures

    if problems.errors:
        raise DataError(problems)
    complete = {k.kode: {name: values.get(k.kode, {}).get(name) for name in fields} for k in kommuner}
    warnings = list(problems)
    if problems.omitted:
        more = count_noun(problems.omitted, "advarsel", "advarsler")
        warnings.append(Problem(name, f"og {more} mere", warning=True))
    return FigureTable(complete, warnings)


def read_figures(path: Path, kommuner: KommuneIndex, metadata: Metadata) -> FigureTable:
    """Read and validate a figures file (the bundled one or a user's), with the periods its explanation gives."""
    raw = read_table(path)
    table = validate_rows(raw.rows, path.name, kommuner, metadata)
    table.periods, table.year = read_periods(raw.explanation, path.name, metadata)
    return table
