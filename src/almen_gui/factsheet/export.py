"""Write factsheets to PNG and PDF files: atomically (a temporary file in the target folder, then a rename), one or all.

An error leaves no partial file and never replaces a good file with a broken one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from almen_gui.factsheet.render import A4_DPI, SIZES, render, render_image
from almen_gui.factsheet.spec import FactsheetSpec, build_spec, file_name, load_template
from almen_gui.model import Dataset
from almen_gui.model.errors import join_or
from almen_gui.model.files import WriteError, atomic_path, check_folder

FORMATS = ("png", "pdf")
# Qt's PNG "quality" picks the zlib level: 70 is a light level, a third faster than the default for an A4 sheet
# (0,31 s against 0,46 s here) at 0,8 MB instead of 0,7 MB, both well inside the 1,5 MB budget.
PNG_QUALITY = 70
ExportError = WriteError  # a factsheet could not be written; the message is one sentence for the user


class IncompleteError(ExportError):
    def __init__(self, spec: FactsheetSpec):
        self.spec = spec
        super().__init__(f"{spec.kommune} mangler {len(spec.missing)} tal ({join_or(list(spec.missing))}); "
                         "brug --allow-incomplete for at eksportere alligevel med «ikke oplyst»")


def _write_pdf(spec: FactsheetSpec, size: str, path: Path) -> None:
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
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"PDF-filen {path.name} kunne ikke oprettes.")
    try:
        render(painter, spec, writer.width(), writer.height())
    finally:
        painter.end()


def write_factsheet(spec: FactsheetSpec, path: Path, fmt: str = "png", size: str = "a4") -> Path:
    """Render `spec` into `path` atomically; raise ExportError with one clear sentence on failure."""
    if fmt not in FORMATS:
        raise ExportError(f"Ukendt format {fmt!r}; vælg png eller pdf.")
    if size not in SIZES:
        raise ExportError(f"Ukendt størrelse {size!r}; vælg {join_or(list(SIZES))}.")
    path = Path(path)
    with atomic_path(path) as temporary:
        if fmt == "png":
            if not render_image(spec, size).save(str(temporary), "PNG", PNG_QUALITY):
                raise ExportError(f"{path.name} kunne ikke skrives (er disken fuld?).")
        else:
            _write_pdf(spec, size, temporary)
    return path


def export_factsheet(dataset: Dataset, kode: int, folder: Path, fmt: str = "png", size: str = "a4",
                     allow_incomplete: bool = False, template: dict | None = None) -> Path:
    """Build and write one kommune's factsheet into `folder`; returns the file's path."""
    spec = build_spec(dataset, kode, template)
    if not spec.is_complete and not allow_incomplete:
        raise IncompleteError(spec)
    name = file_name(dataset.kommuner.by_code(kode).navn, dataset.year, fmt)
    return write_factsheet(spec, Path(folder) / name, fmt, size)


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (kommune, why)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


def export_many(dataset: Dataset, koder: Iterable[int], folder: Path, fmt: str = "png", size: str = "a4",
                allow_incomplete: bool = False, progress: Callable[[int, int, str], bool] | None = None
                ) -> BatchResult:
    """Export several factsheets; `progress(done, total, name)` is told after each and may return False to stop.

    Rendering runs on two threads: QPainter on a QImage is safe off the GUI thread, and PySide6 releases the GIL
    while Qt draws and compresses, so both cores work.
    """
    from concurrent.futures import ThreadPoolExecutor

    check_folder(Path(folder))
    template = load_template()
    koder = list(koder)
    result = BatchResult()

    def one(kode: int):
        name = dataset.kommuner.by_code(kode).navn
        try:
            return name, export_factsheet(dataset, kode, folder, fmt, size, allow_incomplete, template), None
        except IncompleteError as exc:
            return name, None, ("skip", f"{len(exc.spec.missing)} tal mangler")
        except ExportError as exc:
            return name, None, ("fail", str(exc))

    # PDF writing goes through one QPdfWriter engine at a time; PNGs render on both cores.
    workers = 2 if fmt == "png" else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = [pool.submit(one, kode) for kode in koder]
        for done, future in enumerate(pending, start=1):
            name, path, problem = future.result()
            if path is not None:
                result.written.append(path)
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
