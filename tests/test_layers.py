"""The model and factsheet spec know no screen: importing them loads no Qt (as napari's model does)."""

import subprocess
import sys


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


def _qt_imports(source) -> set[str]:
    """The qt/ modules one module imports, at its top or inside a function, in any of Python's spellings."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[2] for a in node.names if a.name.startswith("almen_gui.qt.")}
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1:  # from .x import y / from . import x
                names |= {module.split(".")[0]} if module else {a.name for a in node.names}
            elif module.startswith("almen_gui.qt."):
                names.add(module.split(".")[2])
            elif module == "almen_gui.qt":
                names |= {a.name for a in node.names}
    return names


def test_qt_modules_import_each_other_one_way_only():
    """No import cycle in qt/: a view can be read and tested without the modules that use it."""
    from pathlib import Path

    qt = Path(__file__).resolve().parents[1] / "src" / "almen_gui" / "qt"
    graph = {source.stem: _qt_imports(source) - {source.stem} for source in qt.glob("*.py")}
    assert sum(len(names) for names in graph.values()) > 10  # the scan sees the imports that are there

    def cycle_from(start, path=()):
        for name in sorted(graph.get(start, ())):
            if name in path:
                return [*path[path.index(name):], name]
            found = cycle_from(name, (*path, name))
            if found:
                return found
        return None

    cycles = {m: cycle_from(m, (m,)) for m in graph}
    assert {m: c for m, c in cycles.items() if c} == {}
