"""Write factsheets to PNG and PDF files: atomically (a temporary file in the target folder, then a rename), one or all.

An error leaves no partial file and never replaces a good file with a broken one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from almen_gui.factsheet.pages import FULL_PAGES, full_scale, page_images, render_full_page
from almen_gui.factsheet.render import A4_DPI, SIZES, render, render_image
from almen_gui.factsheet.spec import FactsheetSpec, build_spec, file_name, load_template
from almen_gui.model import Dataset
from almen_gui.model.errors import join_and, join_or
from almen_gui.model.files import WriteError, atomic_path, check_folder, probe_folder
from almen_gui.resources import register_fonts

if TYPE_CHECKING:
    from almen_gui.model.dst import DstFigures

FORMATS = ("png", "pdf")
# kort: today's one-page digest at any size; fuld: the whole sheet on two A4 pages; karrusel: six 1080×1080 squares.
LAYOUTS = ("kort", "fuld", "karrusel")
# Qt's PNG "quality" picks the zlib level: 70 is a light level, a third faster than the default for an A4 sheet
# (0,31 s against 0,46 s here) at 0,8 MB instead of 0,7 MB, both well inside the 1,5 MB budget.
PNG_QUALITY = 70
ExportError = WriteError  # a factsheet could not be written; the message is one sentence for the user


def has_sheet(dataset: Dataset, kode: int, dst: DstFigures | None = None) -> bool:
    """Whether the kommune has a complete sheet, on BL's figures or on Danmarks Statistik's (model/coverage.py)."""
    from almen_gui.model.coverage import coverage

    return coverage(dataset, kode, dst).sheet is not None


class IncompleteError(Exception):
    """A refusal, not a write failure: the kommune lacks figures and the caller did not allow an incomplete sheet.

    The message names no command-line flag, so the window can show it as it is; the CLI words its own hint.
    """

    def __init__(self, spec: FactsheetSpec):
        self.spec = spec
        super().__init__(f"{spec.kommune} mangler {len(spec.missing)} tal ({join_and(list(spec.missing))}); "
                         "faktaarket laves kun, hvis de manglende tal må stå som «ikke oplyst».")


def default_layout(fmt: str, size: str) -> str:
    """The whole sheet is the default for an A4 PDF (and for printing); images default to the one-page digest."""
    return "fuld" if size == "a4" and fmt == "pdf" else "kort"


def check_layout(fmt: str, size: str, layout: str) -> None:
    """Raise ExportError with one sentence for a combination that does not exist."""
    if layout not in LAYOUTS:
        raise ExportError(f"Ukendt layout {layout!r}; vælg {join_or(list(LAYOUTS))}.")
    if layout == "fuld" and size != "a4":
        raise ExportError("Det fulde faktaark findes kun i A4; vælg størrelsen a4 eller layoutet kort.")
    if layout == "karrusel" and (size != "kvadrat" or fmt != "png"):
        raise ExportError("Karrusellen er seks kvadratiske PNG-billeder; vælg størrelsen kvadrat og formatet png.")


def sheet_paths(path: Path, fmt: str, layout: str) -> list[Path]:
    """The files one export writes: `path` itself, or one per page ("…-side-1.png") or square ("…-1.png")."""
    path = Path(path)
    if layout == "fuld" and fmt == "png":
        stem = path.stem.removesuffix("-fuld")
        return [path.with_name(f"{stem}-side-{n}.png") for n in range(1, FULL_PAGES + 1)]
    if layout == "karrusel":
        from almen_gui.factsheet.pages import CAROUSEL

        return [path.with_name(f"{path.stem}-{n}.png") for n in range(1, len(CAROUSEL) + 1)]
    return [path]


def _pdf_writer(spec: FactsheetSpec, size: str, path: Path) -> QPdfWriter:
    width, height = SIZES[size]
    writer = QPdfWriter(str(path))
    writer.setResolution(A4_DPI)
    if size == "a4":
        page = QPageSize(QPageSize.PageSizeId.A4)
    else:
        page = QPageSize(QSizeF(width / A4_DPI * 25.4, height / A4_DPI * 25.4), QPageSize.Unit.Millimeter,
                         f"almen-gui {size}", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(spec.headline)
    writer.setCreator("almen-gui")
    return writer


def _write_pdf(spec: FactsheetSpec, size: str, path: Path, layout: str = "kort") -> None:
    writer = _pdf_writer(spec, size, path)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"PDF-filen {path.name} kunne ikke oprettes.")
    try:
        if layout == "fuld":
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


def write_factsheet(spec: FactsheetSpec, path: Path, fmt: str = "png", size: str = "a4", layout: str = "kort"
                    ) -> Path:
    """Render `spec` into `path` atomically; raise ExportError with one clear sentence on failure.

    For a layout of several images, `path` names the first; write_sheet writes them all.
    """
    return write_sheet(spec, path, fmt, size, layout)[0]


def write_sheet(spec: FactsheetSpec, path: Path, fmt: str = "png", size: str = "a4", layout: str = "kort"
                ) -> list[Path]:
    """Write every file of one export (see sheet_paths), each atomically; returns their paths."""
    if fmt not in FORMATS:
        raise ExportError(f"Ukendt format {fmt!r}; vælg png eller pdf.")
    if size not in SIZES:
        raise ExportError(f"Ukendt størrelse {size!r}; vælg {join_or(list(SIZES))}.")
    check_layout(fmt, size, layout)
    paths = sheet_paths(Path(path), fmt, layout)
    if fmt == "pdf":
        with atomic_path(paths[0]) as temporary:
            _write_pdf(spec, size, temporary, layout)
        return paths
    images = [render_image(spec, size)] if layout == "kort" else page_images(spec, layout)
    for image, target in zip(images, paths, strict=True):
        with atomic_path(target) as temporary:
            if not image.save(str(temporary), "PNG", PNG_QUALITY):
                raise ExportError(f"{target.name} kunne ikke skrives (er disken fuld?).")
    return paths


def export_files(dataset: Dataset, kode: int, folder: Path, fmt: str = "png", size: str = "a4",
                 allow_incomplete: bool = False, template: dict | None = None, layout: str | None = None,
                 dst: DstFigures | None = None) -> list[Path]:
    """Build and write one kommune's factsheet into `folder`; returns the paths of the files written.

    With Danmarks Statistik's figures (`dst`), a kommune the dataset has no figures for gets a sheet built on them,
    named after the year of its figures."""
    layout = layout or default_layout(fmt, size)
    check_layout(fmt, size, layout)
    spec = build_spec(dataset, kode, template, dst=dst)
    if not spec.is_complete and not allow_incomplete:
        raise IncompleteError(spec)
    name = file_name(dataset.kommuner.by_code(kode).navn, spec.year, fmt, size,
                     "fuld" if layout == "fuld" else "kort")
    return write_sheet(spec, Path(folder) / name, fmt, size, layout)


def export_factsheet(dataset: Dataset, kode: int, folder: Path, fmt: str = "png", size: str = "a4",
                     allow_incomplete: bool = False, template: dict | None = None, layout: str | None = None,
                     dst: DstFigures | None = None) -> Path:
    """As export_files, for callers that want the (first) file's path."""
    return export_files(dataset, kode, folder, fmt, size, allow_incomplete, template, layout, dst)[0]


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    sheets: int = 0  # kommuner written (a sheet may be several files)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (kommune, why)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


def export_many(dataset: Dataset, koder: Iterable[int], folder: Path, fmt: str = "png", size: str = "a4",
                allow_incomplete: bool = False, progress: Callable[[int, int, str], bool] | None = None,
                layout: str | None = None, dst: DstFigures | None = None) -> BatchResult:
    """Export several factsheets; `progress(done, total, name)` is told after each and may return False to stop.

    Rendering runs on two threads: QPainter on a QImage is safe off the GUI thread, and PySide6 releases the GIL
    while Qt draws and compresses, so both cores work.
    """
    from concurrent.futures import ThreadPoolExecutor

    check_folder(Path(folder))
    probe_folder(Path(folder))
    check_layout(fmt, size, layout or default_layout(fmt, size))
    register_fonts()  # once, here: the two workers would otherwise both register the fonts at their first sheet
    template = load_template()
    koder = list(koder)
    result = BatchResult()

    def one(kode: int):
        name = dataset.kommuner.by_code(kode).navn
        try:
            return (name, export_files(dataset, kode, folder, fmt, size, allow_incomplete, template, layout, dst),
                    None)
        except IncompleteError as exc:
            return name, None, ("skip", f"{len(exc.spec.missing)} tal mangler")
        except ExportError as exc:
            return name, None, ("fail", str(exc))

    # PDF writing goes through one QPdfWriter engine at a time; PNGs render on both cores.
    workers = 2 if fmt == "png" else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = [pool.submit(one, kode) for kode in koder]
        for done, future in enumerate(pending, start=1):
            name, paths, problem = future.result()
            if paths is not None:
                result.written.extend(paths)
                result.sheets += 1
            elif problem[0] == "skip":
                result.skipped.append((name, problem[1]))
            else:
                result.failed.append((name, problem[1]))
            if progress is not None and progress(done, len(koder), name) is False:
                result.cancelled = True
                for future_left in pending[done:]:
                    future_left.cancel()
                break
    return result
