"""The model and factsheet spec know no screen: importing them loads no Qt (as napari's model does)."""

import ast
import subprocess
import sys
from pathlib import Path


def _loaded_modules(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_model_imports_no_qt():
    modules = _loaded_modules("import almen_gui.model as m\nm.load_bundled_dataset()")
    assert not {m for m in modules if m.startswith(("PySide6", "pyqtgraph", "shiboken6"))}


def test_package_import_is_light():
    modules = _loaded_modules("import almen_gui")
    assert "pandas" not in modules and "PySide6" not in modules


def test_cli_list_needs_no_qt():
    modules = _loaded_modules("from almen_gui.cli import main\nmain(['list'])")
    assert not {m for m in modules if m.startswith("PySide6")}


PACKAGE = Path(__file__).resolve().parents[1] / "src" / "almen_gui"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that one module imports, at its top or inside a function, in any of Python's
    spellings (`import a.b`, `from a import b`, `from .b import c`, `from . import b`)."""
    name = _module_name(path)
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # `from package import module`
    return {m for m in found if m in modules and m != name}


def _import_graph() -> dict[str, set[str]]:
    sources = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(path) for path in sources}
    return {_module_name(path): _imports(path, modules) for path in sources}


def test_no_import_cycle_in_the_package():
    """No import cycle anywhere in almen_gui, function-level imports included: every module can be read and
    tested without the modules that use it."""
    graph = _import_graph()
    assert sum(len(names) for names in graph.values()) > 100  # the scan sees the imports that are there

    def cycle_from(start, path=()):
        for name in sorted(graph.get(start, ())):
            if name in path:
                return [*path[path.index(name):], name]
            found = cycle_from(name, (*path, name))
            if found:
                return found
        return None

    cycles = {frozenset(cycle) for module in graph if (cycle := cycle_from(module, (module,)))}
    assert sorted(sorted(cycle) for cycle in cycles) == []


def test_no_module_of_the_window_reaches_the_kiosk():
    """The kiosk does not sit under the window: nothing the window's modules import, directly or through others, at
    the top or inside a function, is a kiosk module (the start room hands the screen over)."""
    graph = _import_graph()
    window = {name for name in graph if name.startswith("almen_gui.qt.window.")}
    assert "almen_gui.qt.window.main_window" in window
    reached, todo = set(), list(window)
    while todo:
        for name in graph.get(todo.pop(), ()):
            if name not in reached:
                reached.add(name)
                todo.append(name)
    assert "almen_gui.qt.common.state" in reached  # the walk follows the imports that are there
    assert sorted(name for name in reached if name.startswith("almen_gui.qt.kiosk")) == []


def test_the_main_window_has_one_base_class():
    """Parts, not mixins: the window is a QMainWindow that holds its parts."""
    from PySide6.QtWidgets import QMainWindow

    from almen_gui.qt.window.main_window import MainWindow

    assert MainWindow.__bases__ == (QMainWindow,)
