"""Imports stand at the top of a module, so its head says what it needs. The few imports inside functions are lazy
points that start-up needs; each is listed here with the reason, and named in a `# lazy:` comment where it stands."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "almen_gui"

# The command line is also the window's launcher (`almen-gui` starts in cli.gui_main), so each command's own heavy
# modules load when it runs: the window, Qt (for `export` only, after the offscreen platform is chosen), the factsheet
# (its renderer imports Qt, its spec numpy), Danmarks Statistik's network client (httpx) and the desktop installer.
COMMAND_LINE = {"cli.py": {"almen_gui.qt.start.launch", "PySide6.QtGui", "almen_gui.factsheet.export",
                           "almen_gui.factsheet.spec", "almen_gui.model.dst_cache", "almen_gui.model.statbank",
                           "almen_gui.desktop"}}
# pandas (0,3 s) and openpyxl load when a table or a workbook is asked for: the window's first paint never waits.
TABLES = {"model/dataset.py": {"pandas"}, "model/dst.py": {"pandas"},
          "model/figures_table.py": {"openpyxl", "openpyxl.styles"}, "model/readers.py": {"openpyxl"},
          "model/template.py": {"openpyxl", "openpyxl.styles"}}
# Starting: Qt's libraries load only after launch.py has checked the system libraries they need (a missing one is one
# sentence, not an ImportError); the kiosk and the window each start without the other's modules; the start-up
# collector and the resources serve code that runs before Qt (the launcher, the Qt-free factsheet spec).
STARTING = {"qt/start/launch.py": {"almen_gui.qt.common.crash", "almen_gui.qt.start.app",
                                   "almen_gui.qt.start.single_instance", "almen_gui.qt.kiosk.controller",
                                   "almen_gui.qt.kiosk.config", "almen_gui.qt.start.kiosk_handover"},
            "qt/start/app.py": {"almen_gui.qt.window.main_window", "almen_gui.qt.start.kiosk_handover"},
            "qt/start/start_up_collector.py": {"PySide6.QtCore"}, "resources.py": {"PySide6.QtGui"}}
# After the window's first paint, on first use: the charts (pyqtgraph and numpy; only the tab on show is built), the
# outlines (numpy), Danmarks Statistik's cache and fetch (httpx), the factsheet with its renderer, the export dialogs
# and printing, and the kiosk.
FIRST_USE = {"qt/window/main_window.py": {"almen_gui.qt.loading.dst_fetch", "almen_gui.qt.loading.dst_figures"},
             "qt/window/topics.py": {"almen_gui.qt.charts.dst_years", "almen_gui.qt.charts.pages",
                                     "almen_gui.qt.map.view", "almen_gui.qt.charts.history"},
             "qt/loading/data_files.py": {"almen_gui.model.geo"}, "qt/window/menus.py": {"almen_gui.model.geo"},
             "qt/export/sheet_output.py": {"almen_gui.factsheet.build", "almen_gui.factsheet.spec",
                                           "almen_gui.factsheet.export", "almen_gui.qt.export.dialog",
                                           "almen_gui.qt.export.all_dialog", "almen_gui.qt.export.choices",
                                           "PySide6.QtPrintSupport"},
             "qt/start/kiosk_handover.py": {"almen_gui.qt.kiosk.config", "almen_gui.qt.kiosk.controller"}}
ALLOWED: dict[str, set[str]] = {}
for reason in (COMMAND_LINE, TABLES, STARTING, FIRST_USE):
    for path, modules in reason.items():
        ALLOWED.setdefault(path, set()).update(modules)

# What the lazy points keep out of the window's start: none of it is loaded when the window first paints.
LATE = {"pandas", "numpy", "pyqtgraph", "openpyxl", "httpx", "PySide6.QtPrintSupport", "almen_gui.factsheet.render",
        "almen_gui.factsheet.export", "almen_gui.qt.charts.pages", "almen_gui.model.geo"}


def _package_modules() -> set[str]:
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def _function_imports():
    """(file under src/almen_gui, the file's lines, the function, the import node) for every import inside a
    function, anywhere in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for function in ast.walk(ast.parse(source)):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(function):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        yield path.relative_to(PACKAGE).as_posix(), source.splitlines(), function, node


def function_level_imports() -> list[tuple[str, int, str]]:
    """(file under src/almen_gui, line, module imported) for every import inside a function."""
    modules = _package_modules()
    found = set()
    for name, _, _, node in _function_imports():
        if isinstance(node, ast.Import):
            found |= {(name, node.lineno, alias.name) for alias in node.names}
        else:
            for alias in node.names:  # `from almen_gui import desktop` imports the module almen_gui.desktop
                module = f"{node.module}.{alias.name}"
                found.add((name, node.lineno, module if module in modules else node.module))
    return sorted(found)


def test_imports_inside_functions_are_only_the_listed_lazy_points():
    found = function_level_imports()
    assert ("model/dataset.py", "pandas") in {(path, module) for path, _, module in found}  # the scan sees them
    unlisted = [f"{path}:{line} imports {module}" for path, line, module in found
                if module not in ALLOWED.get(path, set())]
    assert unlisted == [], "move these imports to the top of their module, or list them here with the reason"


def test_every_listed_lazy_point_is_still_there():
    """A lazy point that went away (its import moved to the top, its file renamed) leaves the list too, so the list
    stays true."""
    found = {(path, module) for path, _, module in function_level_imports()}
    listed = {(path, module) for path, modules in ALLOWED.items() for module in modules}
    assert sorted(listed - found) == []


def test_each_lazy_point_says_why_where_it_stands():
    """A `# lazy:` comment on the import, or above the block of imports it opens, gives the reason in the code too."""
    silent = []
    for name, lines, function, node in _function_imports():
        block = {line for other in ast.walk(function) if isinstance(other, (ast.Import, ast.ImportFrom))
                 for line in range(other.lineno, other.end_lineno + 1)}
        line = node.end_lineno
        while line >= 1 and "# lazy" not in lines[line - 1]:
            text = lines[line - 1].strip()
            if line not in block and text and not text.startswith("#"):
                silent.append(f"{name}:{node.lineno}")
                break
            line -= 1
    assert silent == []


PROBE = """
import json, sys
from almen_gui import cli
from almen_gui.qt.start import app as app_module

seen = {}
build = app_module.build_main_window


def build_and_watch(*args, **kwargs):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    window = build(*args, **kwargs)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                seen.setdefault("first paint", sorted(sys.modules))
            return False

    def check():
        if "first paint" in seen and window.topics.comparison is not None:
            seen["charts"] = sorted(sys.modules)
            QApplication.quit()

    window.first_paint = FirstPaint(window)
    window.heading.installEventFilter(window.first_paint)
    poll = QTimer(window)
    poll.timeout.connect(check)
    poll.start(20)
    QTimer.singleShot(60_000, QApplication.quit)  # a window that never paints ends the test (and fails it) here
    return window


app_module.build_main_window = build_and_watch
cli.gui_main(["--new-instance"])
print(json.dumps(seen))
"""


def test_the_window_paints_before_its_lazy_modules_load(tmp_path):
    """Started as `almen-gui` starts (cli.gui_main), the window's figures are on screen before anything the lazy
    points keep out of its start is loaded; the charts, built right after, bring pyqtgraph and numpy."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALMEN_GUI_HOME=str(tmp_path / "home"),
               ALMEN_GUI_CONFIG=str(tmp_path / "config"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_RUNTIME_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = {moment: set(modules) for moment, modules in json.loads(done.stdout.splitlines()[-1]).items()}
    at_paint = seen["first paint"]
    assert "almen_gui.qt.window.topics" in at_paint
    assert sorted(LATE & at_paint) == []
    assert sorted(m for m in at_paint if m.startswith("almen_gui.qt.kiosk")) == []
    assert {"pyqtgraph", "numpy", "almen_gui.qt.charts.pages"} <= seen["charts"]  # the probe sees what loads later
