"""Write factsheets to PNG and PDF files: atomically (a temporary file in the target folder, then a rename), one or all.

An error leaves no partial file and never replaces a good file with a broken one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from almen_gui.factsheet.build import build_spec
from almen_gui.factsheet.formats import SheetFormat, SheetLayout, SheetSize
from almen_gui.factsheet.pages import CAROUSEL, FULL_PAGES, full_scale, page_images, render_full_page
from almen_gui.factsheet.render import A4_DPI, SIZES, render, render_image
from almen_gui.factsheet.spec import FactsheetSpec, file_name, load_template
from almen_gui.model import Dataset
from almen_gui.model.errors import join_and, join_or
from almen_gui.model.files import WriteError, atomic_path, check_folder, probe_folder
from almen_gui.resources import register_fonts

if TYPE_CHECKING:
    from almen_gui.model.dst import DstFigures

# Qt's PNG "quality" picks the zlib level: 70 is a light level, a third faster than the default for an A4 sheet
# (0,31 s against 0,46 s here) at 0,8 MB instead of 0,7 MB, both well inside the 1,5 MB budget.
PNG_QUALITY = 70
ExportError = WriteError  # a factsheet could not be written; the message is one sentence for the user


class IncompleteError(Exception):
    """A refusal, not a write failure: the kommune lacks figures and the caller did not allow an incomplete sheet.

    The message names no command-line flag, so the window can show it as it is; the CLI words its own hint.
    """

    def __init__(self, spec: FactsheetSpec):
        self.spec = spec
        super().__init__(f"{spec.kommune} mangler {len(spec.missing)} tal ({join_and(list(spec.missing))}); "
                         "faktaarket laves kun, hvis de manglende tal må stå som «ikke oplyst».")


def default_layout(fmt: SheetFormat, size: SheetSize) -> SheetLayout:
    """The whole sheet is the default for an A4 PDF (and for printing); images default to the one-page digest."""
    if size == SheetSize.A4 and fmt == SheetFormat.PDF:
        return SheetLayout.WHOLE
    return SheetLayout.ONE_PAGE


def _member(kind, word: str, what: str):
    """`word` as a member of the enum `kind`; ExportError with one sentence for a word that names none."""
    try:
        return kind(word)
    except ValueError:
        raise ExportError(f"Ukendt {what} {word!r}; vælg {join_or([str(m) for m in kind])}.") from None


def sheet_kind(fmt: str, size: str, layout: str | None) -> tuple[SheetFormat, SheetSize, SheetLayout]:
    """The format, size and layout (None: the default for the format and size) as members; raise ExportError with
    one sentence for a word that names none or a combination that does not exist."""
    fmt, size = _member(SheetFormat, fmt, "format"), _member(SheetSize, size, "størrelse")
    layout = default_layout(fmt, size) if layout is None else _member(SheetLayout, layout, "layout")
    if layout == SheetLayout.WHOLE and size != SheetSize.A4:
        raise ExportError("Det fulde faktaark findes kun i A4; vælg størrelsen a4 eller layoutet kort.")
    if layout == SheetLayout.CAROUSEL and (size != SheetSize.SQUARE or fmt != SheetFormat.PNG):
        raise ExportError("Karrusellen er seks kvadratiske PNG-billeder; vælg størrelsen kvadrat og formatet png.")
    return fmt, size, layout


def check_layout(fmt: str, size: str, layout: str) -> None:
    """Raise ExportError with one sentence for a combination that does not exist."""
    sheet_kind(fmt, size, layout)


def sheet_paths(path: Path, fmt: SheetFormat, layout: SheetLayout) -> list[Path]:
    """The files one export writes: `path` itself, or one per page ("…-side-1.png") or square ("…-1.png")."""
    path = Path(path)
    if layout == SheetLayout.WHOLE and fmt == SheetFormat.PNG:
        stem = path.stem.removesuffix("-fuld")
        return [path.with_name(f"{stem}-side-{n}.png") for n in range(1, FULL_PAGES + 1)]
    if layout == SheetLayout.CAROUSEL:
        return [path.with_name(f"{path.stem}-{n}.png") for n in range(1, len(CAROUSEL) + 1)]
    return [path]


def _pdf_writer(spec: FactsheetSpec, size: SheetSize, path: Path) -> QPdfWriter:
    width, height = SIZES[size]
    writer = QPdfWriter(str(path))
    writer.setResolution(A4_DPI)
    if size == SheetSize.A4:
        page = QPageSize(QPageSize.PageSizeId.A4)
    else:
        page = QPageSize(QSizeF(width / A4_DPI * 25.4, height / A4_DPI * 25.4), QPageSize.Unit.Millimeter,
                         f"almen-gui {size}", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(spec.headline)
    writer.setCreator("almen-gui")
    return writer


def _write_pdf(spec: FactsheetSpec, size: SheetSize, path: Path, layout: SheetLayout) -> None:
    writer = _pdf_writer(spec, size, path)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"PDF-filen {path.name} kunne ikke oprettes.")
    try:
        if layout == SheetLayout.WHOLE:
            draw_full_sheet(painter, spec, writer.newPage, writer.width(), writer.height())
        else:
            render(painter, spec, writer.width(), writer.height())
    finally:
        painter.end()


def draw_full_sheet(painter: QPainter, spec: FactsheetSpec, new_page, width: int, height: int) -> None:
    """Both pages of the whole sheet on a paged device (a PDF writer or a printer), one type scale for both."""
    scale = full_scale(spec, width, height)
    for page in range(1, FULL_PAGES + 1):
        if page > 1:
            new_page()
        render_full_page(painter, spec, page, width, height, scale)


def write_factsheet(spec: FactsheetSpec, path: Path, fmt: str = SheetFormat.PNG, size: str = SheetSize.A4,
                    layout: str = SheetLayout.ONE_PAGE) -> Path:
    """Render `spec` into `path` atomically; raise ExportError with one clear sentence on failure.

    For a layout of several images, `path` names the first; write_sheet writes them all.
    """
    return write_sheet(spec, path, fmt, size, layout)[0]


def write_sheet(spec: FactsheetSpec, path: Path, fmt: str = SheetFormat.PNG, size: str = SheetSize.A4,
                layout: str = SheetLayout.ONE_PAGE) -> list[Path]:
    """Write every file of one export (see sheet_paths), each atomically; returns their paths."""
    fmt, size, layout = sheet_kind(fmt, size, layout)
    paths = sheet_paths(Path(path), fmt, layout)
    if fmt == SheetFormat.PDF:
        with atomic_path(paths[0]) as temporary:
            _write_pdf(spec, size, temporary, layout)
        return paths
    images = [render_image(spec, size)] if layout == SheetLayout.ONE_PAGE else page_images(spec, layout)
    for image, target in zip(images, paths, strict=True):
        with atomic_path(target) as temporary:
            if not image.save(str(temporary), "PNG", PNG_QUALITY):
                raise ExportError(f"{target.name} kunne ikke skrives (er disken fuld?).")
    return paths


def _sheet_target(spec: FactsheetSpec, dataset: Dataset, kode: int, folder: Path, fmt: str, size: str,
                  layout: str) -> Path:
    return Path(folder) / file_name(dataset.kommuner.by_code(kode).navn, spec.year, fmt, size, layout)


def export_paths(dataset: Dataset, kode: int, folder: Path, fmt: str = SheetFormat.PNG, size: str = SheetSize.A4,
                 layout: str | None = None, dst: DstFigures | None = None) -> list[Path]:
    """The files export_files would write for this kommune (to ask before any of them is replaced)."""
    layout = layout or default_layout(fmt, size)
    spec = build_spec(dataset, kode, dst=dst)
    return sheet_paths(_sheet_target(spec, dataset, kode, folder, fmt, size, layout), fmt, layout)


def export_files(dataset: Dataset, kode: int, folder: Path, fmt: str = SheetFormat.PNG, size: str = SheetSize.A4,
                 allow_incomplete: bool = False, template: dict | None = None, layout: str | None = None,
                 dst: DstFigures | None = None, skip_existing: bool = False) -> list[Path]:
    """Build and write one kommune's factsheet into `folder`; returns the paths of the files written (none when
    skip_existing finds one of them there already).

    With Danmarks Statistik's figures (`dst`), a kommune the dataset has no figures for gets a sheet built on them,
    named after the year of its figures."""
    fmt, size, layout = sheet_kind(fmt, size, layout)
    spec = build_spec(dataset, kode, template, dst=dst)
    if not spec.is_complete and not allow_incomplete:
        raise IncompleteError(spec)
    target = _sheet_target(spec, dataset, kode, folder, fmt, size, layout)
    if skip_existing and any(path.exists() for path in sheet_paths(target, fmt, layout)):
        return []
    return write_sheet(spec, target, fmt, size, layout)


def export_factsheet(dataset: Dataset, kode: int, folder: Path, fmt: str = SheetFormat.PNG, size: str = SheetSize.A4,
                     allow_incomplete: bool = False, template: dict | None = None, layout: str | None = None,
                     dst: DstFigures | None = None) -> Path:
    """As export_files, for callers that want the (first) file's path."""
    return export_files(dataset, kode, folder, fmt, size, allow_incomplete, template, layout, dst)[0]


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    sheets: int = 0  # kommuner written (a sheet may be several files)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (kommune, why)
    kept: list[str] = field(default_factory=list)  # kommuner whose files were there already and were left alone
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


def export_many(dataset: Dataset, koder: Iterable[int], folder: Path, fmt: str = SheetFormat.PNG,
                size: str = SheetSize.A4,
                allow_incomplete: bool = False, progress: Callable[[int, int, str], bool] | None = None,
                layout: str | None = None, dst: DstFigures | None = None, skip_existing: bool = False) -> BatchResult:
    """Export several factsheets; `progress(done, total, name)` is told after each and may return False to stop
    (sheets already being drawn then are finished and counted). skip_existing leaves a kommune's files alone when
    they are there already.

    Rendering runs on two threads: QPainter on a QImage is safe off the GUI thread, and PySide6 releases the GIL
    while Qt draws and compresses, so both cores work.
    """
    check_folder(Path(folder))
    probe_folder(Path(folder))
    fmt, size, layout = sheet_kind(fmt, size, layout)
    register_fonts()  # once, here: the two workers would otherwise both register the fonts at their first sheet
    template = load_template()
    koder = list(koder)
    result = BatchResult()

    def one(kode: int):
        name = dataset.kommuner.by_code(kode).navn
        try:
            paths = export_files(dataset, kode, folder, fmt, size, allow_incomplete, template, layout, dst,
                                 skip_existing)
            return (name, paths, None) if paths else (name, None, ("kept", ""))
        except IncompleteError as exc:
            return name, None, ("skip", f"{len(exc.spec.missing)} tal mangler")
        except ExportError as exc:
            return name, None, ("fail", str(exc))

    # PDF writing goes through one QPdfWriter engine at a time; PNGs render on both cores.
    workers = 2 if fmt == SheetFormat.PNG else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = [pool.submit(one, kode) for kode in koder]
        for done, future in enumerate(pending, start=1):
            name = _record(result, future.result())
            if progress is not None and progress(done, len(koder), name) is False:
                result.cancelled = True
                # Cancel every sheet not yet started first (waiting on one would let the workers start the next),
                # then count those already being drawn: they are written.
                running = [future_left for future_left in pending[done:] if not future_left.cancel()]
                for future_left in running:
                    _record(result, future_left.result())
                break
    return result


def _record(result: BatchResult, outcome) -> str:
    name, paths, problem = outcome
    if paths is not None:
        result.written.extend(paths)
        result.sheets += 1
    elif problem[0] == "kept":
        result.kept.append(name)
    elif problem[0] == "skip":
        result.skipped.append((name, problem[1]))
    else:
        result.failed.append((name, problem[1]))
    return name
