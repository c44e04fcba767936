"""`almen table`: every kommune's figures in one sheet, BL's and Danmarks Statistik's (latest year) side by side,
each column under its own name with a header row of units and one of sources, written as CSV or XLSX.
"""

from __future__ import annotations

import csv
from pathlib import Path

from almen_gui.model.dataset import Dataset
from almen_gui.model.dst import DstFigures
from almen_gui.model.errors import DataError, Problem
from almen_gui.model.files import atomic_path
from almen_gui.model.formatting import MISSING, format_period, is_missing, shown_value
from almen_gui.model.metadata import period_text


def _columns(dataset: Dataset, dst: DstFigures | None) -> list[tuple[str, str, str, str, str | None]]:
    """(key, title, unit, source line, DST period or None) for each figure column."""
    columns = [(f.name, f.title, f.unit, f"{f.source}, {period_text(f)}", None)
               for f in dataset.metadata.fields]
    if dst is not None:
        for measure in dataset.metadata.dst.measures:
            periods = dst.periods(measure.name)
            if not periods:
                continue
            period = format_period(periods[-1], dst.is_provisional(measure.name, periods[-1]))
            source = f"{measure.origin}, {period} ({measure.licence})"
            columns.append((measure.name, f"{measure.title} (Danmarks Statistik)", measure.unit, source, periods[-1]))
    return columns


def figures_frame(dataset: Dataset, dst: DstFigures | None):
    """One row per kommune: kode, navn, region, BL's figures, then DST's latest year (NaN: ikke oplyst)."""
    import pandas as pd

    frame = dataset.figures.reset_index()
    info = pd.DataFrame([(k.kode, k.navn, k.region) for k in dataset.kommuner], columns=["kode", "navn", "region"])
    frame = info.merge(frame, on="kode", how="left")
    if dst is not None:
        tidy = dst.tidy(dataset.kommuner)
        tidy = tidy[tidy["niveau"] == "kommune"]
        for key, _, _, _, period in _columns(dataset, dst):
            if period is None:
                continue
            latest = tidy[(tidy["maal"] == key) & (tidy["periode"] == period)]
            values = latest.assign(kode=latest["kode"].astype(int)).set_index("kode")["vaerdi"]
            frame[key] = frame["kode"].map(values)
    return frame


def _cell(value, key: str, decimal_comma: bool):
    if is_missing(value):
        return MISSING
    value = shown_value(value)  # as every view shows it: one decimal at most
    if value.is_integer():
        return int(value)
    return str(value).replace(".", ",") if decimal_comma else value


def write_figures_table(path: Path, dataset: Dataset, dst: DstFigures | None) -> Path:
    """Write the table as .csv (semicolons, BOM, decimal commas: Danish Excel) or .xlsx; atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DataError(Problem(path.name, "tabellen skal hedde .csv eller .xlsx"))
    columns = _columns(dataset, dst)
    frame = figures_frame(dataset, dst)
    header = ["kode", "navn", "region", *(title for _, title, _, _, _ in columns)]
    units = ["", "", "enhed", *(unit for _, _, unit, _, _ in columns)]
    sources = ["", "", "kilde", *(source for _, _, _, source, _ in columns)]
    decimal_comma = suffix == ".csv"
    rows = [header, units, sources]
    for record in frame.to_dict("records"):
        rows.append([record["kode"], record["navn"], record["region"],
                     *(_cell(record[key], key, decimal_comma) for key, *_ in columns)])
    if suffix == ".csv":
        with atomic_path(path) as temporary:
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle, delimiter=";").writerows(rows)
        return path
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "tal"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "D4"
    with atomic_path(path) as temporary:
        book.save(temporary)
    return path
