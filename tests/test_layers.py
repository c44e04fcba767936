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
