"""The suite's own habits: no test sleeps (a test waits for a condition or a signal, so a busy machine only makes it
slower, never wrong), every marker pyproject.toml declares is used by some test, and every view in qt/ is built by
some test on its own."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
PYPROJECT = TESTS.parent / "pyproject.toml"

# Calls that only pass time. qtbot.wait(ms) and QTest.qWait(ms) run the event loop for a fixed time: a sleep too.
SLEEPS = {"time.sleep", "asyncio.sleep", "qtbot.wait", "QTest.qWait", "QThread.sleep", "QThread.msleep",
          "QThread.usleep"}


def _dotted(node: ast.expr) -> str:
    """`a.b.c` for a name or an attribute chain, else ""."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def sleeps_in(source: str) -> list[str]:
    """Each call in `source` that only passes time, as "line N: call"; imported names (from time import sleep as
    nap) count as what they are."""
    tree = ast.parse(source)
    imported = {}  # local name -> module.name: "nap" -> "time.sleep"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for name in node.names:
                imported[name.asname or name.name] = f"{node.module.split('.')[-1]}.{name.name}"
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        head, _, rest = name.partition(".")
        full = f"{imported[head]}.{rest}".rstrip(".") if head in imported else name
        if {name, full} & SLEEPS or name.endswith(".qtbot.wait"):  # self.qtbot.wait(…) too
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def markers_used_in(source: str) -> set[str]:
    """The names of pytest.mark.<name> used in `source` (decorators, pytestmark, pytest.param(marks=…))."""
    used = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and _dotted(node.value) == "pytest.mark":
            used.add(node.attr)
    return used


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(TESTS.rglob("*.py"))}


def constructed_in(source: str) -> set[str]:
    """The names called in `source` (Name(...) or module.Name(...)): the classes a test builds, among others."""
    called = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                called.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                called.add(node.func.attr)
    return called


# Widgets that are no view of their own, and where they are tested.
NOT_VIEWS = {"LockedPlot": "the plots' base class, built as BarChart and MapPlot"}


def qt_views() -> dict[str, str]:
    """Every public widget class defined in almen_gui.qt, with its module."""
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtWidgets import QWidget

    import almen_gui.qt

    views = {}
    for info in pkgutil.walk_packages(almen_gui.qt.__path__, "almen_gui.qt."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, QWidget) and value.__module__ == module.__name__
                    and not name.startswith("_") and name not in NOT_VIEWS):
                views[name] = module.__name__
    return views


def test_every_view_is_built_by_a_test():
    built = set().union(*(constructed_in(source) for source in _sources().values()))
    missing = {name: module for name, module in qt_views().items() if name not in built}
    assert not missing, f"no test builds these views: {missing}"


def test_no_test_sleeps():
    found = {path.relative_to(TESTS): calls for path, source in _sources().items() if (calls := sleeps_in(source))}
    assert not found, f"wait with qtbot.waitUntil or qtbot.waitSignal instead: {found}"


def test_every_declared_marker_is_used():
    declared = {line.split(":")[0].strip()
                for line in tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
                .get("markers", [])}
    used = set().union(*(markers_used_in(source) for source in _sources().values()))
    assert declared <= used, f"declared in pyproject.toml but used by no test: {sorted(declared - used)}"


@pytest.mark.parametrize("source", [
    "import time\ntime.sleep(0.15)",
    "from time import sleep\nsleep(1)",
    "from time import sleep as nap\nnap(1)",
    "def test_x(qtbot):\n    qtbot.wait(150)",
    "def test_x(qtbot):\n    delay = 150\n    qtbot.wait(delay)",
    "class T:\n    def test_x(self):\n        self.qtbot.wait(10)",
    "from PySide6.QtTest import QTest\nQTest.qWait(100)",
    "import asyncio\nasync def f():\n    await asyncio.sleep(1)",
])
def test_the_sleep_check_finds_a_sleep(source):
    assert sleeps_in(source)


@pytest.mark.parametrize("source", [
    "def test_x(qtbot, w):\n    qtbot.waitUntil(w.isVisible)",
    "def test_x(qtbot, w):\n    with qtbot.waitSignal(w.done, timeout=5000):\n        pass",
    "def test_x(qtbot, w):\n    qtbot.waitExposed(w)",
    "def test_x(process):\n    process.wait(timeout=30)",
])
def test_the_sleep_check_lets_waiting_for_something_pass(source):
    assert sleeps_in(source) == []


def test_the_view_check_finds_the_qt_views_and_what_tests_build():
    views = qt_views()
    assert views["MapPlot"] == "almen_gui.qt.map.plot" and "KioskWindow" in views and "MainWindow" in views
    assert "AppState" not in views and "LockedPlot" not in views  # a QObject; a base class
    assert constructed_in("from x import MapPlot\nplot = MapPlot()\nview = qt.map_view.MapView(state)") >= {
        "MapPlot", "MapView"}


def test_the_marker_check_sees_decorators_and_module_marks():
    assert markers_used_in("import pytest\n@pytest.mark.slow\ndef test_x():\n    pass") == {"slow"}
    assert markers_used_in("import pytest\npytestmark = [pytest.mark.slow]") == {"slow"}
    assert markers_used_in("def test_x():\n    'pytest.mark.slow'") == set()
