"""Asking which screen a window is on must not cost the screen: see qt/screens.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FREED_BY_THE_COLLECTOR = """
import gc
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
app = QApplication([])
window = QWidget()
window.show()
from almen_gui.qt.common.screens import screen_of  # imported late: the crash shows only in some import orders
size = screen_of(window).geometry().size()
window.cycle = window  # a reference cycle, as pyqtgraph's and our views hold: only the collector frees it
del window
gc.collect()
after = QMainWindow()  # built on a freed screen, this crashed
after.show()
app.processEvents()
print(QApplication.screens()[0].geometry().width() > 0 and "vist")
"""


def test_a_window_freed_after_asking_for_its_screen_leaves_the_screen_for_the_next():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", FREED_BY_THE_COLLECTOR], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "vist"


def test_no_code_asks_a_widget_for_its_screen_directly():
    asked = []
    for folder in ("src", "tests", "benchmarks"):
        for path in (REPO / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#")[0]
                if re.search(r"(?<!windowHandle\(\))\.screen\(\)", code) and path.name not in ("screens.py", "test_screens.py"):
                    asked.append(f"{path.relative_to(REPO)}:{number}")
    assert asked == [], "use almen_gui.qt.common.screens.screen_of: " + ", ".join(asked)
