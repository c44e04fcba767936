"""Danmarks Statistik's figures into the state: read from the cache (when the window or the kiosk starts) and, for the
kiosk with `dst_opdatering = dagligt`, fetched again once a day on a worker thread, so the pages never freeze. A
failed fetch is only logged: the state keeps the last good figures and the cache stays as it was (model/dst_cache.py
writes only after a whole fetch).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread

from almen_gui.model.dst import DstFigures
from almen_gui.model.dst_cache import DstCacheError, load_dst_cache
from almen_gui.qt.common.state import AppState
from almen_gui.qt.loading.dst_fetch import DstFetchWorker

log = logging.getLogger(__name__)
DAY = 24 * 3600.0


def read_dst_cache(state: AppState) -> DstCacheError | None:
    """The cached figures into the state, if any were fetched before; the error, for the caller to tell or log, if
    the cache is damaged (the state keeps the figures it had)."""
    try:
        figures = load_dst_cache()
    except DstCacheError as exc:
        return exc
    if figures is not None:
        state.set_dst(figures)
    return None


class DailyDstFetch(QObject):
    """Fetches once a day (by the injected clock) on its own thread, for the state's kommuner; new figures go into
    the state."""

    def __init__(self, state: AppState, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.clock = clock
        self._thread: QThread | None = None
        self._worker: DstFetchWorker | None = None
        figures = state.dst
        age = DAY if figures is None else (dt.datetime.now(dt.timezone.utc) - figures.fetched).total_seconds()
        # Figures fetched less than a day ago wait out their day; none, or older ones, are fetched at the first poll.
        self._due = clock() + min(max(DAY - age, 0.0), DAY)

    def is_running(self) -> bool:
        return self._thread is not None

    def poll(self) -> None:
        """Start a fetch when one is due and none is running (called from the kiosk's tick)."""
        if self._thread is None and self.clock() >= self._due:
            self._start()

    def _start(self) -> None:
        self._due = self.clock() + DAY
        log.info("Kiosken henter Danmarks Statistiks tal")
        self._thread = QThread(self)
        self._worker = DstFetchWorker(self.state.dataset.kommuner)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.succeeded.connect(self._on_worker_succeeded)
        self._worker.failed.connect(self._on_worker_failed)
        self._worker.cancelled.connect(self._on_worker_cancelled)
        self._worker.done.connect(self._on_worker_done)
        self._thread.start()

    def stop(self) -> None:
        """Cancel a running fetch and wait for its thread (the kiosk is ending); nothing is written."""
        if self._thread is not None:
            self._worker.cancel.set()
            self._thread.quit()
            self._thread.wait()
            self._thread = self._worker = None

    def _on_worker_succeeded(self, figures: DstFigures) -> None:
        log.info("Danmarks Statistiks tal hentet %s", figures.fetched_text)
        self.state.set_dst(figures)

    def _on_worker_failed(self, message: str) -> None:
        log.warning("Kiosken kunne ikke hente Danmarks Statistiks tal (%s); viser fortsat de seneste gode tal, og "
                    "der prøves igen om et døgn.", message)

    def _on_worker_cancelled(self) -> None:
        log.info("Kioskens hentning fra Danmarks Statistik blev afbrudt")

    def _on_worker_done(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = self._worker = None
