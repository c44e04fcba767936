"""The garbage collector during start-up: collecting rarely while the window is built, as usual once the event loop
runs.

Start-up creates objects that nearly all stay alive (modules, Qt's types, the window): measured on the bundled data,
the 57 collections it used to trigger took 6 ms before the first paint and freed 465 of 28.000 objects. So while the
window is built the collector runs only every START_UP_THRESHOLD new objects instead of every 700. It is never switched
off: start-up also reads the user's files (a dataset, a workbook, boundaries, the cached Danmarks Statistik figures),
and a crafted file read with the collector off could leave gigabytes of garbage standing. When the event loop starts,
what start-up made is frozen (left out of collections) and the collector runs as usual, so its first collection does
not walk all of start-up before the first paint. Once the window has settled, start-up's objects are thawed and
collected once, which frees any garbage start-up left behind (a refused file's rows, say): nothing made at start-up is
kept for the life of a kiosk.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THAW_AFTER_MS = 3000  # after the charts and Danmarks Statistik's cached figures have loaded
START_UP_THRESHOLD = 50_000  # new objects between collections while the window is built (Python's default: 700)
_thresholds: tuple[int, ...] | None = None  # the usual thresholds while start-up eases them; None once it is over


@contextmanager
def collector_eased() -> Iterator[None]:
    """Run start-up (and the event loop) in this block; call resume_when_running once the QApplication exists."""
    global _thresholds
    _thresholds = gc.get_threshold()
    gc.set_threshold(START_UP_THRESHOLD, *_thresholds[1:])
    try:
        yield
    finally:
        if _thresholds is not None:
            gc.set_threshold(*_thresholds)
        _thresholds = None
        gc.unfreeze()


def resume_when_running() -> None:
    """For when the event loop runs: the collector as usual, with start-up frozen out of its way; later, one
    collection."""
    from PySide6.QtCore import QTimer  # lazy: launch.py imports this module before Qt's libraries are checked

    QTimer.singleShot(0, _resume)
    QTimer.singleShot(THAW_AFTER_MS, _thaw)


def _resume() -> None:
    if _thresholds is not None and gc.get_threshold()[0] == START_UP_THRESHOLD:
        gc.freeze()
        gc.set_threshold(*_thresholds)


def _thaw() -> None:
    if _thresholds is not None and gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
