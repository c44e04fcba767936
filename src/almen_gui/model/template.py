"""`almen template`: a spreadsheet (or CSV) in the import format, with all 98 kommuner and the known figures filled in."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from almen_gui.model.dataset import Dataset
from almen_gui.model.errors import DataError, Problem
from almen_gui.model.files import atomic_path, atomic_paths, check_name, explanation_path
from almen_gui.model.formatting import format_number
from almen_gui.model.readers import EXPLANATION_SHEET

INTRO = ("Udfyld én række pr. kommune. Lad en celle stå tom, hvis tallet ikke kendes: den vises som «ikke oplyst», "
         "aldrig som 0. Skriv 0 kun for et rigtigt nul. Tal kan skrives 4451, 4.451 eller 8,5.")


def _explanation_rows(dataset: Dataset) -> list[list[str]]:
    rows = [["kolonne", "betydning", "enhed", "periode"],
            ["kode", "Kommunekode (fx 161 eller 0161). Kode eller navn skal udfyldes.", "", ""],
            ["navn", "Kommunens navn; bruges hvis koden mangler.", "", ""]]
    rows += [[f.name, f"{f.title}. {f.description}", f.unit, f.period] for f in dataset.metadata.fields]
    rows.append(["udgave", "Årstallet for datasættets udgave (fx 2025). Ret perioderne ovenfor, hvis de er andre.",
                 "", str(dataset.year)])
    return rows


def _data_rows(dataset: Dataset, decimal_comma: bool) -> list[list[object]]:
    names = dataset.metadata.figure_names
    rows: list[list[object]] = [["kode", "navn", *names]]
    for kommune in dataset.kommuner:
        values = [dataset.value(kommune.kode, n) for n in names]
        if decimal_comma:
            cells = ["" if v is None else format_number(v).replace(".", "") for v in values]
        else:
            cells = [None if v is None else (int(v) if float(v).is_integer() else v) for v in values]
        rows.append([kommune.kode, kommune.navn, *cells])
    return rows


def template_paths(path: Path) -> list[Path]:
    """The files a template at `path` consists of: an XLSX alone, or a CSV with its companion explanation file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        paths = [path]
    elif suffix == ".csv":
        paths = [path, explanation_path(path)]
    else:
        raise DataError(Problem(path.name[:60], "skabelonen skal hedde .xlsx eller .csv"))
    for each in paths:
        check_name(each)  # before anyone asks whether it exists: the system refuses to look up such a name
    return paths


def write_template(path: Path, dataset: Dataset) -> list[Path]:
    """Write the template; returns the files written (a CSV gets a companion explanation file)."""
    path = Path(path)
    targets = template_paths(path)
    if path.suffix.lower() == ".xlsx":
        import openpyxl  # lazy: only a workbook needs openpyxl
        from openpyxl.styles import Font

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "data"
        for row in _data_rows(dataset, decimal_comma=False):
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "C2"
        sheet.column_dimensions["B"].width = 18
        explanation = book.create_sheet(EXPLANATION_SHEET)
        for row in _explanation_rows(dataset):
            explanation.append(row)
        explanation["F1"] = INTRO  # beside the table: row 1 stays the header the reader looks for
        explanation.column_dimensions["A"].width = 32
        explanation.column_dimensions["B"].width = 90
        # Saved in memory first: openpyxl's zip file, meeting a full disk, would print a traceback as it is cleaned up.
        packed = io.BytesIO()
        book.save(packed)
        with atomic_path(path) as temporary:
            temporary.write_bytes(packed.getvalue())
        return targets
    # A CSV: semicolons, decimal commas and a BOM, what Danish Excel opens correctly with a double-click. The two
    # files are one template: both are written, or neither (a full disk).
    with atomic_paths(targets) as temporaries:
        for temporary, rows in zip(temporaries, (_data_rows(dataset, decimal_comma=True), _explanation_rows(dataset))):
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle, delimiter=";").writerows(rows)
    return targets
