"""`almen table` and Fil → Eksportér tabel…: every kommune's figures as a table programs read, BL's and Danmarks
Statistik's side by side, each column under its own name.

The data holds data only: one row per kommune (or, in the long form, one per kommune, figure and period), numbers as
numbers, a missing figure as an empty cell, `kode` as the four-digit text DST and DAGI use ("0161"). What each column
means (title, unit, period, source, whether almen-gui computed it) and the missing-value rule go into a Frictionless
Data Package descriptor beside a CSV (`tal.csv` → `tal.datapackage.json`) and into a second sheet of an XLSX.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from almen_gui.model.dataset import Dataset
from almen_gui.model.errors import DataError, Problem
from almen_gui.model.files import atomic_path
from almen_gui.model.formatting import format_period, shown_value
from almen_gui.model.metadata import period_text

if TYPE_CHECKING:  # the fetch client behind model.dst is not needed to write a table
    from almen_gui.model.dst import DstFigures

DESCRIPTION_SHEET = "beskrivelse"
MISSING_RULE = ("En tom celle betyder «ikke oplyst»: tallet kendes ikke. Et 0 er et rigtigt nul. Intet tal er "
                "skønnet eller udfyldt.")
COMPUTED = "Beregnet af almen-gui"
CSV_DIALECT = {"delimiter": ";", "header": True}
LONG_COLUMNS = ("kode", "navn", "kilde", "mål", "periode", "værdi")


@dataclass(frozen=True)
class Column:
    """One figure column: what it is, in which unit, for which period, from where."""

    name: str
    title: str
    unit: str
    kind: str  # "antal", "pct" or "mio_kr"
    period: str  # the period's key in the data ("" where the source prints none)
    source: str
    description: str
    computed: bool = False  # a sum almen-gui makes of the dataset's own figures
    dst: bool = False  # one of Danmarks Statistik's measures (a value per year), not the dataset's
    period_label: str = ""  # the period as every view shows it ("2025, foreløbig", "periode ikke angivet")


def figure_columns(dataset: Dataset, dst: DstFigures | None) -> list[Column]:
    """Every figure the window shows, in card order (the computed sum included), then Danmarks Statistik's measures
    that were fetched, each at its latest year."""
    metadata = dataset.metadata
    columns = []
    for field in metadata.card_fields:
        computed = field in metadata.derived
        description = f"{COMPUTED}: {field.description[0].lower()}{field.description[1:]}" if computed \
            else field.description
        columns.append(Column(field.name, field.title, field.unit, field.kind, field.period, field.source,
                              description, computed, period_label=period_text(field)))
    if dst is not None:
        for measure in metadata.dst.measures:
            periods = dst.periods(measure.name)
            if periods:
                latest = periods[-1]
                columns.append(Column(measure.name, f"{measure.title} (Danmarks Statistik)", measure.unit,
                                      measure.kind, latest, f"{measure.source} ({measure.licence})",
                                      measure.description, dst=True,
                                      period_label=format_period(latest, dst.is_provisional(measure.name, latest))))
    return columns


def _number(value, kind: str):
    """A figure as a number (int when whole), None when missing; rounded as every view shows it (one decimal)."""
    if value is None or value != value:  # None or NaN: ikke oplyst
        return None
    value = shown_value(value)
    return int(value) if value.is_integer() else value


def _value(dataset: Dataset, dst: DstFigures | None, column: Column, kode: int, period: str):
    value = dst.value(column.name, kode, period) if column.dst else dataset.value(kode, column.name)
    return _number(value, column.kind)


def wide_rows(dataset: Dataset, dst: DstFigures | None) -> tuple[list[str], list[list]]:
    """The header and one row per kommune: kode (text), navn, region, then every figure column."""
    columns = figure_columns(dataset, dst)
    rows = [[k.kode_text, k.navn, k.region, *(_value(dataset, dst, c, k.kode, c.period) for c in columns)]
            for k in dataset.kommuner]
    return ["kode", "navn", "region", *(c.name for c in columns)], rows


def long_rows(dataset: Dataset, dst: DstFigures | None) -> tuple[list[str], list[list]]:
    """One row per kommune, figure and period (every year Danmarks Statistik has, not only the latest)."""
    columns = figure_columns(dataset, dst)
    rows = []
    for kommune in dataset.kommuner:
        for column in columns:
            periods = dst.periods(column.name) if column.dst else [column.period]
            rows += [[kommune.kode_text, kommune.navn, column.source, column.name, period,
                      _value(dataset, dst, column, kommune.kode, period)] for period in periods]
    return list(LONG_COLUMNS), rows


def descriptor_path(path: Path) -> Path:
    """Where the descriptor of a CSV table goes: `tal.csv` → `tal.datapackage.json`."""
    path = Path(path)
    return path.with_name(f"{path.stem}.datapackage.json")


def table_paths(path: Path) -> list[Path]:
    """The files a table at `path` consists of: a CSV with its descriptor, or an XLSX alone."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [path, descriptor_path(path)]
    if suffix == ".xlsx":
        return [path]
    raise DataError(Problem(path.name, "tabellen skal hedde .csv eller .xlsx"))


def _schema_type(kind: str) -> str:
    return "integer" if kind == "antal" else "number"


def _field_descriptor(column: Column) -> dict:
    return {"name": column.name, "title": column.title, "type": _schema_type(column.kind), "decimalChar": ",",
            "description": f"{column.description} Enhed: {column.unit}. Periode: {column.period_label}. "
                           f"Kilde: {column.source}.",
            "unit": column.unit, "period": column.period_label, "source": column.source, "computed": column.computed}


def _key_fields() -> list[dict]:
    return [{"name": "kode", "title": "Kommunekode", "type": "string", "constraints": {"pattern": "[0-9]{4}"},
             "description": "Kommunekoden med fire cifre, som Danmarks Statistik og DAGI skriver den (0161)."},
            {"name": "navn", "title": "Kommune", "type": "string"}]


def descriptor(path: Path, dataset: Dataset, dst: DstFigures | None, form: str) -> dict:
    """A Frictionless Data Package describing the CSV at `path`: its dialect, each column and the missing-value rule."""
    columns = figure_columns(dataset, dst)
    if form == "lang":
        measures = "; ".join(f"{c.name}: {c.title} ({c.unit})" + (f", {COMPUTED.lower()}" if c.computed else "")
                             for c in columns)
        fields = [*_key_fields(),
                  {"name": "kilde", "title": "Kilde", "type": "string"},
                  {"name": "mål", "title": "Mål", "type": "string", "description": f"Målene: {measures}."},
                  {"name": "periode", "title": "Periode", "type": "string"},
                  {"name": "værdi", "title": "Værdi", "type": "number", "decimalChar": ",",
                   "description": "Tallet i målets enhed (se «mål»)."}]
        keys = ["kode", "mål", "periode"]
    else:
        fields = [*_key_fields(), {"name": "region", "title": "Region", "type": "string"},
                  *(_field_descriptor(c) for c in columns)]
        keys = ["kode"]
    sources = [{"title": dataset.metadata.source}, {"title": dataset.metadata.kommune_attribution}]
    if dst is not None:
        sources.append({"title": f"{dataset.metadata.dst.credit} ({dataset.metadata.dst.licence})"})
    return {
        "name": "almene-boliger-tabel",
        "title": f"Almene boliger pr. kommune ({dataset.label})",
        "description": MISSING_RULE,
        "sources": sources,
        "resources": [{
            "name": "almene-boliger-lang" if form == "lang" else "almene-boliger",
            "path": Path(path).name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": CSV_DIALECT,
            "schema": {"fields": fields, "missingValues": [""], "primaryKey": keys},
        }],
    }


def _csv_cell(value):
    """Numbers with a decimal comma and no thousands separator (pandas: decimal=","), missing as empty."""
    if value is None:
        return ""
    return str(value).replace(".", ",") if isinstance(value, float) else value


def _description_rows(columns: list[Column], form: str) -> list[list[str]]:
    rows = [["kolonne", "titel", "enhed", "periode", "kilde", "beskrivelse"],
            ["kode", "Kommunekode", "", "", "", "Fire cifre, som Danmarks Statistik og DAGI skriver den (0161)."],
            ["navn", "Kommune", "", "", "", ""]]
    if form == "lang":
        rows += [["kilde", "Kilde", "", "", "", "Hvor tallet kommer fra."],
                 ["mål", "Mål", "", "", "", "Tallets navn; se målene nedenfor."],
                 ["periode", "Periode", "", "", "", "Året eller perioden, tallet gælder."],
                 ["værdi", "Værdi", "", "", "", "Tallet i målets enhed."], [], ["mål"]]
    else:
        rows.append(["region", "Region", "", "", "", ""])
    rows += [[c.name, c.title, c.unit, c.period_label, c.source, c.description] for c in columns]
    return [*rows, [], [MISSING_RULE]]


def write_figures_table(path: Path, dataset: Dataset, dst: DstFigures | None, form: str = "bred") -> list[Path]:
    """Write the table as .csv (semicolons, BOM, decimal commas: Danish Excel and pandas) with its Data Package
    descriptor beside it, or as .xlsx with a data sheet and a description sheet; atomically. The files written."""
    path = Path(path)
    targets = table_paths(path)
    header, rows = long_rows(dataset, dst) if form == "lang" else wide_rows(dataset, dst)
    if path.suffix.lower() == ".csv":
        with atomic_path(path) as temporary:
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(header)
                writer.writerows([_csv_cell(value) for value in row] for row in rows)
        with atomic_path(targets[1]) as temporary:
            temporary.write_text(json.dumps(descriptor(path, dataset, dst, form), ensure_ascii=False, indent=2) + "\n",
                                 encoding="utf-8")
        return targets
    import openpyxl  # lazy: only a workbook needs openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet["A"][1:]:
        cell.number_format = "@"  # text: Excel keeps "0161" as it is
    sheet.freeze_panes = "C2"
    descriptions = book.create_sheet(DESCRIPTION_SHEET)
    for row in _description_rows(figure_columns(dataset, dst), form):
        descriptions.append(row)
    for cell in descriptions[1]:
        cell.font = Font(bold=True)
    with atomic_path(path) as temporary:
        book.save(temporary)
    return targets
