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


def test_qt_modules_import_each_other_one_way_only():
    """No import cycle in qt/: a view can be read and tested without the modules that use it."""
    import ast
    from pathlib import Path

    qt = Path(__file__).resolve().parents[1] / "src" / "almen_gui" / "qt"
    graph = {}
    for source in qt.glob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("almen_gui.qt."):
                names.add(node.module.split(".")[2])
        graph[source.stem] = names
    assert "map_view" in graph["charts"] and "plotting" in graph["map_view"]  # the scan sees lazy imports too

    def reaches(start, target, seen=()):
        return any(n == target or (n not in seen and reaches(n, target, (*seen, n))) for n in graph.get(start, ()))

    assert [m for m in graph if reaches(m, m)] == []
