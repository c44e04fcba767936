"""`make bench`: start-up, kommune switch, export, memory and data-loading figures against their budgets.

Prints one table and writes the same figures to benchmarks/results.md. Datasets are SYNTHETIC, made here at run time
(tests/synthetic.py) and never shipped. Timings are medians (or ratios to a bare Qt window measured in the same run),
because the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Child programs for start-up and memory: each prints wall-clock times (time.time()) at the moments we measure.
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("window", time.time(), flush=True); app.quit()
        return False
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1280, 860)
watch = Painted(); window.installEventFilter(watch)
window.show(); app.exec()
"""

# The same bare window once PySide6 has built its `Qt` namespace: 93 Python enums, made the first time any of them is
# needed, and overload resolution needs them for ordinary calls (`QPainter.setPen(QPen())` is enough). No window that
# paints anything of its own starts below this; the start-up row reports it beside the bare window.
BARE_WINDOW_QT = BARE_WINDOW.replace("window.show()", "from PySide6.QtCore import Qt\nwindow.show()")

APP_WINDOW = """
import sys, time
from almen_gui.qt.start.start_up_collector import collector_eased, resume_when_running
with collector_eased():  # as almen_gui.qt.start.launch.run_gui starts: the app's modules first, then Qt
    from almen_gui.qt.start.app import create_application, open_main_window
    from almen_gui.qt.common.settings import Settings
    from PySide6.QtCore import QEvent, QObject, QSettings
    class Painted(QObject):
        def __init__(self, label, then=None):
            super().__init__(); self.label, self.then, self.done = label, then, False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print(self.label, time.time(), flush=True)
                if self.then: self.then()
            return False
    app = create_application(sys.argv)
    resume_when_running()
    settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window = open_main_window(settings=settings)
    charts_watch = Painted("charts", app.quit)
    build_charts = window.ensure_charts
    def ensure_charts_and_watch():  # the window calls this itself after its first paint
        charts = build_charts()
        charts.dwellings.chart.viewport().installEventFilter(charts_watch)
        return charts
    window.ensure_charts = ensure_charts_and_watch
    first_paint = Painted("window")  # kept referenced: Qt does not own event filters
    window.heading.installEventFilter(first_paint)
    app.exec()
"""

MEMORY = """
import resource, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from almen_gui.qt.start.app import create_application, open_main_window
from almen_gui.qt.common.settings import Settings
app = create_application(sys.argv)
window = open_main_window(settings=Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat)))
window.ensure_charts()
for kode in [k.kode for k in window.state.dataset.kommuner]:
    window.state.set_kommune(kode); app.processEvents()
for index in range(window.topics.count()):
    window.topics.setCurrentIndex(index); app.processEvents()
try:  # the peak of this program's own memory: ru_maxrss also counts the parent's, copied into the child before exec
    status = open("/proc/self/status").read()
    print(int(status.split("VmHWM:")[1].split()[0]) / 1024)
except (OSError, IndexError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


@dataclass
class Row:
    name: str
    value: float
    unit: str
    budget: float
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.value <= self.budget

    def cells(self) -> list[str]:
        return [self.name, f"{self.value:.3g} {self.unit}", f"≤ {self.budget:g} {self.unit}", "OK" if self.ok else "OVER",
                self.detail]


def _child_times(code: str, *args: str, bytecode: Path | None = None) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if bytecode is not None:  # compiled modules kept in `bytecode`, as an installed copy has them next to its sources
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120,
                         check=True).stdout
    return {label: float(stamp) - start for label, stamp in (line.split() for line in out.splitlines() if line)}


def bench_startup(runs: int) -> list[Row]:
    settings = Path(tempfile.mkdtemp()) / "bench.ini"
    # A user's start reads byte-code (pip compiles an installed wheel; a checkout writes __pycache__ on its first
    # start), even where PYTHONDONTWRITEBYTECODE is set for the tests: the warm-up pair writes it here, for both.
    bytecode = Path(tempfile.mkdtemp())
    bare, bare_qt, window, charts = [], [], [], []
    for index in range(runs + 1):  # alternating; the first round only warms caches
        b = _child_times(BARE_WINDOW, bytecode=bytecode)["window"]
        q = _child_times(BARE_WINDOW_QT, bytecode=bytecode)["window"]
        a = _child_times(APP_WINDOW, str(settings), bytecode=bytecode)
        if index:
            bare.append(b)
            bare_qt.append(q)
            window.append(a["window"])
            charts.append(a["charts"])
    base, with_qt, shown = statistics.median(bare), statistics.median(bare_qt), statistics.median(window)
    # A guard, not a target: the floor is the bare window with PySide6's Qt namespace (no window that paints anything
    # of its own starts below it), so the row gives the window against that floor too.
    detail = f"bare QMainWindow {base:.3f} s; the floor, the same with PySide6's Qt namespace, {with_qt:.3f} s " \
             f"({with_qt / base:.2f} × bare); window {shown:.3f} s, {shown / with_qt:.2f} × the floor; " \
             f"charts {statistics.median(charts):.2f} s (medians of {runs}; byte-compiled)"
    return [Row("Start-up guard: list and figures on screen", shown / base, "× bare", 2.0, detail),
            Row("Start-up: charts drawn too", statistics.median(charts) / base, "× bare", 5.0)]


def import_time_summary(top: int = 6) -> str:
    """Cumulative import time of the top-level packages the window needs before its first paint."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import almen_gui.qt.start.app, almen_gui.qt.window.main_window"],
                         capture_output=True, text=True).stderr
    totals: dict[str, int] = {}
    for line in out.splitlines()[1:]:
        parts = line.split("|")
        if len(parts) == 3:
            name = parts[2].strip()
            root = name.split(".")[0] if not name.startswith("almen_gui") else ".".join(name.split(".")[:2])
            if name == root:
                totals[root] = max(totals.get(root, 0), int(parts[1]))
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:top]
    return ", ".join(f"{name} {us / 1e6:.2f} s" for name, us in ranked)


def _window(dataset):
    from PySide6.QtCore import QSettings

    from almen_gui.qt.start.app import create_application
    from almen_gui.qt.window.main_window import MainWindow
    from almen_gui.qt.common.settings import Settings
    from almen_gui.qt.common.state import AppState

    app = create_application()
    settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "b.ini"), QSettings.Format.IniFormat))
    window = MainWindow(AppState(dataset), settings)  # on the default kommune
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    window.ensure_charts()
    app.processEvents()
    return app, window


def _time_switches(app, window, koder: list[int], rounds: int) -> list[float]:
    """Milliseconds per kommune switch until the repaint is done; the first round only warms up."""
    times = []
    for round_ in range(rounds + 1):
        for kode in koder:
            start = time.perf_counter()
            window.state.set_kommune(kode)
            app.processEvents()
            if round_:
                times.append((time.perf_counter() - start) * 1000)
    return times


def bench_switch(dataset, rounds: int) -> list[Row]:
    app, window = _window(dataset)
    koder = [k.kode for k in dataset.kommuner]
    times = _time_switches(app, window, koder, rounds)
    repaints = []  # the floor a switch is held to: a forced full repaint of the same window, same size, same tab
    for kode in koder * max(1, rounds // 2):
        window.state.set_kommune(kode)
        app.processEvents()
        start = time.perf_counter()
        window.repaint()
        repaints.append((time.perf_counter() - start) * 1000)
    window.close()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    switch, repaint = statistics.median(times), statistics.median(repaints)
    detail = f"{len(times)} switches, {rounds} rounds of {len(koder)} kommuner"
    return [Row("Switch: median", switch, "ms", 16, detail),
            Row("Switch: 95th percentile", p95, "ms", 33),
            Row("Switch: median ÷ forced full repaint", switch / repaint, "× repaint", 1.2,
                f"a switch {switch:.1f} ms, a forced full repaint of the same window {repaint:.1f} ms (medians); "
                "1280×860")]


def bench_map(dataset, rounds: int) -> Row:
    """Selecting a kommune on the map: restyle the bubbles and repaint, per switch."""
    app, window = _window(dataset)
    window.topics.setCurrentWidget(window.topics._map_page)
    view = window.topics.map
    view.set_choice("beboere")
    app.processEvents()
    times = _time_switches(app, window, [k.kode for k in dataset.kommuner], rounds)
    window.close()
    return Row("Map: selection change, median", statistics.median(times), "ms", 16,
               f"{len(times)} switches with the map tab open, coloured by a figure, the bundled shapes drawn")


def bench_boundaries(runs: int) -> list[Row]:
    """Loading a hostile SYNTHETIC outline: a 40.000-tooth saw blade around Glostrup, first read and remembered."""
    import json
    import tracemalloc

    from almen_gui.model import load_kommuner
    from almen_gui.model.geo import load_boundaries

    kommuner = load_kommuner()
    folder = Path(tempfile.mkdtemp())
    ring = [[12.30 + i * 0.1 / 40_000, 55.66 + (0.0005 if i % 2 else 0.0)] for i in range(40_000)]
    ring += [[12.40, 55.70], [12.30, 55.70], ring[0]]
    path = folder / "savklinge.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kode": 161}, "geometry": {"type": "Polygon", "coordinates": [ring]}}]}))
    first, again, peaks = [], [], []
    home = os.environ.get("ALMEN_GUI_HOME")
    try:
        for run in range(runs):
            os.environ["ALMEN_GUI_HOME"] = str(folder / f"home-{run}")  # an empty cache: simplified from scratch
            tracemalloc.start()
            start = time.perf_counter()
            load_boundaries(path, kommuner)
            first.append(time.perf_counter() - start)
            peaks.append(tracemalloc.get_traced_memory()[1] / 1024 / 1024)
            tracemalloc.stop()
            start = time.perf_counter()
            load_boundaries(path, kommuner)
            again.append((time.perf_counter() - start) * 1000)
    finally:
        if home is None:
            os.environ.pop("ALMEN_GUI_HOME", None)
        else:
            os.environ["ALMEN_GUI_HOME"] = home
    detail = f"median of {runs}, timed while tracemalloc counts; {path.stat().st_size / 1e6:.1f} MB of GeoJSON"
    return [Row("Map: load a 40.000-point outline", statistics.median(first), "s", 2, detail),
            Row("Map: peak memory loading it", max(peaks), "MB", 300, "Python allocations (tracemalloc)"),
            Row("Map: the same outline remembered", statistics.median(again), "ms", 200, "read from the cache")]


def bench_bundled_boundaries(runs: int) -> Row:
    """Reading the bundled DAGI outlines, as the maps do when first shown with no file of the user's."""
    from almen_gui.model import load_kommuner
    from almen_gui.model.formatting import format_number
    from almen_gui.model.geo import bundled_boundaries

    kommuner = load_kommuner()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        boundaries = bundled_boundaries(kommuner)
        times.append((time.perf_counter() - start) * 1000)
    points = sum(len(ring) for rings in boundaries.shapes.values() for ring in rings)
    return Row("Map: load the bundled boundaries", statistics.median(times), "ms", 50,
               f"median of {runs}; {len(boundaries.shapes)} kommuner, {format_number(points)} points")


def _rss_mb() -> float:
    import resource

    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 1024 / 1024


def bench_kiosk(dataset, switches: int) -> list[Row]:
    """Page/kommune switches in kiosk mode: memory growth after warm-up, a page change against a forced full repaint
    of the same window, and the longest frame."""
    from PySide6.QtCore import QEvent, QObject

    from almen_gui.qt.start.app import create_application
    from almen_gui.qt.kiosk.controller import open_kiosk
    from almen_gui.qt.kiosk.config import KioskConfig
    from almen_gui.qt.common.state import AppState

    class PaintCount(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    app = create_application()
    config = KioskConfig(kommuner=[str(k.kode) for k in dataset.kommuner], seconds_per_page=3600)
    window, controller = open_kiosk(AppState(dataset), config, full_screen=False)
    window.resize(1920, 1080)
    app.processEvents()
    frames: list[float] = []
    changes: list[float] = []
    repaints: list[float] = []
    paints = PaintCount()  # kept referenced: Qt does not own event filters
    window.view.installEventFilter(paints)

    def run(count: int, measure: bool):
        for _ in range(count):
            start = time.perf_counter()
            controller.advance()  # draws the next page: the longest frame of a transition
            app.processEvents()
            if measure:
                frames.append((time.perf_counter() - start) * 1000)
                changes.append(frames[-1])
            window.view.animation.stop()  # a forced full repaint of the settled page, the floor a change is held to
            painted = paints.count
            start = time.perf_counter()
            # The page view, which fills the window: repaint() on the kiosk's top-level window was seen to return
            # without painting anything in some runs (0,05 ms instead of 0,4–0,6), which made the ratio meaningless.
            window.view.repaint()
            if measure:
                repaints.append((time.perf_counter() - start) * 1000)
            if paints.count != painted + 1:
                raise RuntimeError("the kiosk's forced repaint painted nothing; the page-change ratio would be void")
            window.view.animation.setCurrentTime(window.view.animation.duration() // 2)
            start = time.perf_counter()
            window.view.repaint()  # a cross-fade frame
            if measure:
                frames.append((time.perf_counter() - start) * 1000)

    run(min(300, switches), measure=False)  # warm-up: caches, fonts, the comparison chart
    # The trend, not one reading: resident memory moves by a page buffer or two with the allocator, leak or not.
    samples = []
    for _ in range(max(1, switches // 50)):
        run(50, measure=True)
        samples.append(_rss_mb())
    quarter = max(1, len(samples) // 4)
    growth = statistics.median(samples[-quarter:]) - statistics.median(samples[:quarter])
    controller.stop()
    window.leave()
    frames.sort()
    change, repaint = statistics.median(changes), statistics.median(repaints)
    return [Row("Memory: kiosk growth over soak", growth, "MB", 10,
                f"{switches} page/kommune switches after warm-up; median RSS of the last quarter minus the first"),
            Row("Kiosk: page change, median", change / repaint, "× repaint", 25,
                f"a page change {change:.1f} ms, a forced full repaint of the kiosk's page view {repaint:.2f} ms "
                "(medians); 1920×1080"),
            Row("Kiosk: longest frame of a transition", frames[-1], "ms", 50,
                f"median {statistics.median(frames):.1f} ms, 99th percentile {frames[int(len(frames) * 0.99) - 1]:.1f} ms; "
                "1920×1080")]


def bench_export(dataset, singles: int, all_count: int) -> list[Row]:
    from almen_gui.factsheet.export import export_factsheet, export_files, export_many
    from almen_gui.factsheet.render import _fitted_px
    from almen_gui.model.kommuner import DEFAULT_KODE

    out = Path(tempfile.mkdtemp())
    rows = []
    for fmt in ("png", "pdf"):
        export_factsheet(dataset, DEFAULT_KODE, out, fmt, layout="kort")  # warm-up
        times = []
        for _ in range(singles):
            _fitted_px.cache_clear()  # no text fit remembered, as a single `almen export` starts
            start = time.perf_counter()
            path = export_factsheet(dataset, DEFAULT_KODE, out, fmt, layout="kort")
            times.append(time.perf_counter() - start)
        rows.append(Row(f"Export: one A4 {fmt.upper()}", statistics.median(times), "s", 0.5, f"median of {singles}"))
        if fmt == "png":
            size_mb = path.stat().st_size / 1e6
            rows.append(_png_against_encoding(dataset, out, singles))
    # The whole sheet (two A4 pages, fitted to one type scale) and the carousel (six 1080×1080 squares)
    for label, fmt, size, layout, budget in (("whole sheet, two-page A4 PDF", "pdf", "a4", "fuld", 1.0),
                                             ("whole sheet, two A4 PNG pages", "png", "a4", "fuld", 1.5),
                                             ("carousel, six square PNGs", "png", "kvadrat", "karrusel", 1.5)):
        times = []
        for _ in range(singles):
            start = time.perf_counter()
            export_files(dataset, DEFAULT_KODE, out, fmt, size, layout=layout)
            times.append(time.perf_counter() - start)
        rows.append(Row(f"Export: {label}", statistics.median(times), "s", budget, f"median of {singles}"))
    koder = [k.kode for k in dataset.kommuner][:all_count]
    start = time.perf_counter()
    result = export_many(dataset, koder, out, "png", "a4")
    elapsed = time.perf_counter() - start
    rows.append(Row(f"Export: all {len(result.written)} A4 PNGs", elapsed, "s", 30 * len(koder) / 98,
                    f"{os.cpu_count()} cores" + ("" if len(koder) == 98 else " (budget scaled to the count)")))
    rows.append(Row("Export: size of an A4 PNG", size_mb, "MB", 1.5))
    return rows


def _png_against_encoding(dataset, out: Path, runs: int) -> Row:
    """A4 PNG exports (spec, drawing, encoding, fsync, verifying the file) against encoding the same images in memory
    at the same zlib level: everything but the encoding is the overhead held to the budget.

    Each round exports another kommune, as `export --all` does, so that nothing is timed on a sheet drawn just before;
    the export and the encoding of its image are timed in turns.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from almen_gui.factsheet.export import PNG_QUALITY, export_factsheet
    from almen_gui.factsheet.render import _fitted_px, render_image
    from almen_gui.factsheet.build import build_spec
    from almen_gui.model.files import verify_written

    exports, colds, encodes, verifies = [], [], [], []
    for kommune in list(dataset.kommuner)[:max(runs, 9)]:
        start = time.perf_counter()
        path = export_factsheet(dataset, kommune.kode, out, "png", layout="kort")
        exports.append(time.perf_counter() - start)
        _fitted_px.cache_clear()  # the same export with no text fit remembered, as a single `almen export` starts
        start = time.perf_counter()
        export_factsheet(dataset, kommune.kode, out, "png", layout="kort")
        colds.append(time.perf_counter() - start)
        image = render_image(build_spec(dataset, kommune.kode), "a4")
        data = QByteArray()  # kept referenced: the buffer writes into it
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        start = time.perf_counter()
        image.save(buffer, "PNG", PNG_QUALITY)
        encodes.append(time.perf_counter() - start)
        start = time.perf_counter()
        verify_written(path, path.name)
        verifies.append((time.perf_counter() - start) * 1000)
    export_s, cold, encode = statistics.median(exports), statistics.median(colds), statistics.median(encodes)
    return Row("Export: A4 PNG ÷ encoding it", export_s / encode, "× encode", 1.3,
               f"the export {export_s:.3f} s, encoding the same image {encode:.3f} s (medians of {len(exports)} "
               f"kommuner, timed in turns; PNG quality {PNG_QUALITY}); with no text fit remembered (a single "
               f"`almen export`) {cold:.3f} s, {cold / encode:.2f} ×; verifying the written file, counted in the "
               f"export, {statistics.median(verifies):.1f} ms")


def bench_memory() -> Row:
    settings = Path(tempfile.mkdtemp()) / "m.ini"
    out = subprocess.run([sys.executable, "-c", MEMORY, str(settings)], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    return Row("Memory: peak RSS of the window", float(out.split()[-1]), "MB", 250, "bundled data, every kommune and tab")


def bench_data(csv_path: Path, runs: int) -> list[Row]:
    from almen_gui.model import load_dataset
    from almen_gui.model.template import write_template

    xlsx_path = csv_path.with_suffix(".xlsx")
    write_template(xlsx_path, load_dataset(csv_path))
    rows = []
    for path, budget in ((csv_path, 100), (xlsx_path, 500)):
        load_dataset(path)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            load_dataset(path)
            times.append((time.perf_counter() - start) * 1000)
        rows.append(Row(f"Data: load and validate 98 rows, {path.suffix[1:].upper()}", statistics.median(times), "ms",
                        budget, f"median of {runs}"))
    return rows


# Peak memory from VmHWM: unlike ru_maxrss it starts afresh at exec, not at the parent's peak.
HOSTILE_READ = """
import re, sys, time
from pathlib import Path
from almen_gui.model import DataError, load_dataset, load_kommuner
from almen_gui.model.metadata import load_metadata
import openpyxl
def peak_kb():
    return int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
load_kommuner(); load_metadata()
before = peak_kb()
start = time.perf_counter()
try:
    load_dataset(Path(sys.argv[1])); verdict = "accepted"
except DataError:
    verdict = "refused"
print(time.perf_counter() - start, (peak_kb() - before) / 1024, verdict)
"""


def _hostile_files(folder: Path) -> list[tuple[str, Path]]:
    """SYNTHETIC hostile files made at run time: the worst each reader limit lets through to be parsed."""
    from make_corpus import crafted_xlsx  # tests/corpus

    wide = folder / "bred.csv"
    wide.write_bytes(b"kode" + b",x" * (10 * 1024 * 1024 - 4) + b"\n")
    blank = folder / "tomme-linjer.csv"
    blank.write_bytes(b"kode,beboere\n" + b"\n" * (20 * 1024 * 1024 - 20))
    cells = b"<c><v>1</v></c>" * (2 * 1024 * 1024 // 16)
    row = folder / "bred-raekke.xlsx"
    crafted_xlsx(row, [["kode"], [161]], lambda xml: xml.split(b"<sheetData>")[0] + b"<sheetData><row r=\"1\">" + cells
                 + b"</row></sheetData>" + xml.split(b"</sheetData>")[1])
    inflated = folder / "opblaest.xlsx"
    crafted_xlsx(inflated, [["kode", "beboere"], [161, 7900], [751, 61000]],
                 lambda xml: xml.replace(b'<dimension ref="A1:B3"', b'<dimension ref="A1:XFD1048576"'))
    return [("20 MB CSV of ten million columns", wide), ("20 MB CSV of blank lines", blank),
            ("XLSX with one row of 130.000 cells", row), ("XLSX whose size entry claims a full sheet", inflated)]


def bench_hostile() -> list[Row]:
    """Time and peak extra memory to read (and refuse or accept) the worst files inside the limits."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:  # 40 MB of files: not left behind
        for label, path in _hostile_files(Path(folder)):
            out = subprocess.run([sys.executable, "-c", HOSTILE_READ, str(path)], capture_output=True, text=True,
                                 timeout=300, check=True).stdout
            seconds, megabytes, verdict = out.split()
            rows.append(Row(f"Hostile file: {label}, time", float(seconds), "s", 2, verdict))
            rows.append(Row(f"Hostile file: {label}, extra memory", float(megabytes), "MB", 300, verdict))
    return rows


def bench_dst(runs: int) -> Row:
    """Fetch and parse every Danmarks Statistik table from a local server in DST's formats (synthetic numbers)."""
    from dst_server import FakeStatbank

    from almen_gui.model import load_kommuner
    from almen_gui.model.dst_cache import update_dst_cache
    from almen_gui.model.statbank import StatbankClient

    times = []
    with FakeStatbank() as server, StatbankClient(server.url) as client:
        cache = Path(tempfile.mkdtemp()) / "statbank.json"
        for _ in range(runs + 1):  # the first run warms the connection and imports
            start = time.perf_counter()
            update_dst_cache(client, load_kommuner(), path=cache)
            times.append(time.perf_counter() - start)
    return Row("DST: fetch, parse and cache, local server", statistics.median(times[1:]), "s", 2.0,
               f"7 requests, BOL101/BYGV33 for 116 areas; median of {runs}")


# Each hostile answer of tests/dst_server.py against a fetch in a fresh process (VmHWM: its own peak), and a server
# that stalls or drips a byte at a time against a 2 s deadline: how far past the deadline the fetch ends.
HOSTILE_DST = """
import os, re, sys, tempfile, time
from pathlib import Path
from dst_server import HOSTILE_CASES, FakeStatbank, bomb
from almen_gui.model import load_kommuner
from almen_gui.model.dst_cache import update_dst_cache
from almen_gui.model.statbank import StatbankClient, StatbankError
def peak_kb():
    return int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
kommuner = load_kommuner()
bomb(2), bomb(1, b"\\n")  # the server's own bombs, made before anything is measured
cache = Path(tempfile.mkdtemp()) / "statbank.json"
def fetch(faults, deadline=None):
    with FakeStatbank() as server, StatbankClient(server.url, deadline=deadline) as client:
        server.fail(*faults)
        try:
            update_dst_cache(client, kommuner, path=cache)
        except StatbankError:
            pass
fetch([])  # warm: imports, a first connection
before = peak_kb()
worst_time, worst_memory = (0.0, ""), (0.0, "")
for faults, _ in HOSTILE_CASES:
    start = time.perf_counter()
    fetch(faults)
    elapsed, grown = time.perf_counter() - start, (peak_kb() - before) / 1024
    worst_time = max(worst_time, (elapsed, faults[-1]))
    worst_memory = max(worst_memory, (grown, faults[-1]))
overrun = (0.0, "")
for fault in ("stall", "trickle"):
    start = time.perf_counter()
    fetch([None, fault, fault, fault, fault], deadline=2.0)
    overrun = max(overrun, (time.perf_counter() - start - 2.0, fault))
print(*worst_time, *worst_memory, *overrun)
"""


def bench_dst_hostile() -> list[Row]:
    """The worst of the hostile Statistikbank answers in tests/dst_server.py: time, peak extra memory, and how long a
    stalling or dripping server holds a fetch past its deadline."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", HOSTILE_DST], capture_output=True, text=True, timeout=600, check=True,
                         env=env).stdout.split()
    seconds, slowest, megabytes, largest, overrun, held = out
    return [Row("DST: worst hostile answer, time", float(seconds), "s", 60, f"{slowest}; deadline 60 s"),
            Row("DST: worst hostile answer, extra memory", float(megabytes), "MB", 700, largest),
            Row("DST: stall or drip, time past the deadline", max(float(overrun), 0.0), "s", 1, held)]


def machine() -> str:
    import pyqtgraph
    import PySide6

    return (f"{os.cpu_count()} cores, Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
            f"pyqtgraph {pyqtgraph.__version__}, {platform.machine()}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}")


def run(quick: bool = False) -> list[Row]:
    from synthetic import write_synthetic_csv

    from almen_gui.model import load_dataset

    csv_path = write_synthetic_csv(Path(tempfile.mkdtemp()) / "syntetisk.csv")
    dataset = load_dataset(csv_path)
    rows = []
    rows += bench_startup(runs=1 if quick else 5)
    rows += bench_switch(dataset, rounds=1 if quick else 10)
    rows.append(bench_map(dataset, rounds=1 if quick else 5))
    rows += bench_boundaries(runs=1 if quick else 5)
    rows.append(bench_bundled_boundaries(runs=2 if quick else 20))
    rows += bench_export(dataset, singles=1 if quick else 5, all_count=4 if quick else 98)
    rows.append(bench_memory())
    rows += bench_kiosk(dataset, switches=50 if quick else 5000)
    rows += bench_data(csv_path, runs=2 if quick else 20)
    rows += bench_hostile()
    rows.append(bench_dst(runs=1 if quick else 10))
    rows += bench_dst_hostile()
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| measure | value | budget | | how |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny counts, for the test suite's smoke run")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(quick=args.quick)
    text = table(rows)
    imports = import_time_summary()
    report = (f"# Benchmark results\n\nDate: {dt.date.today().isoformat()}  \nMachine: {machine()}  \n"
              f"Command: `make bench` (`QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py"
              f"{' --quick' if args.quick else ''}`)  \nRun time: {time.perf_counter() - started:.0f} s\n\n{text}\n\n"
              f"Largest imports before the window (`python -X importtime`): {imports}\n")
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 0 if all(row.ok for row in rows) or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
