"""Fil → "Hent tal fra Danmarks Statistik…": the fetch runs in a worker thread with a progress dialog and a cancel
button, so the window never freezes; the outcome is one sentence in the status bar, and the previous cache stays on
any failure or cancel (model/dst_cache.py writes only after a whole fetch).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from almen_gui.model.dst import STEPS, DstFigures
from almen_gui.model.dst_cache import cache_path, update_dst_cache, what_is_kept
from almen_gui.model.files import WriteError
from almen_gui.model.kommuner import KommuneIndex
from almen_gui.model.statbank import FetchCancelled, StatbankClient, StatbankError

MESSAGE_MS = 30_000


class DstFetchWorker(QObject):
    """Runs the whole fetch on its thread; reports through signals only (queued to the window's thread)."""

    progressed = Signal(int, int, str)
    waiting = Signal(str)  # "venter på Danmarks Statistik (BOL101) … forsøg 2 af 4"
    succeeded = Signal(object)  # DstFigures
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, kommuner: KommuneIndex):
        super().__init__()
        self.kommuner = kommuner
        self.cancel = threading.Event()  # set from the window's thread; the client checks it between chunks

    @Slot()
    def run(self) -> None:
        client = None
        try:
            client = StatbankClient(cancel=self.cancel, waiting=self.waiting.emit)
            figures, _ = update_dst_cache(client, self.kommuner, self.progressed.emit)
        except FetchCancelled:
            self.cancelled.emit()
        except (StatbankError, WriteError) as exc:
            self.failed.emit(str(exc).rstrip("."))
        else:
            self.succeeded.emit(figures)
        finally:
            if client is not None:
                client.close()
            self.done.emit()  # also after a bug's exception (reported by the crash hook): the window is never stuck


class DstFetch(QObject):
    """One fetch from the window: owns the thread, the worker and the progress dialog, and tells the status bar."""

    finished = Signal(str)  # the sentence shown in the status bar

    def __init__(self, window: QMainWindow, kommuner: KommuneIndex):
        super().__init__(window)
        self.window = window
        self.had_cache = cache_path().is_file()
        self.figures: DstFigures | None = None
        self.running = False
        self.message = ""
        self.thread = QThread(self)
        self.worker = DstFetchWorker(kommuner)
        self.worker.moveToThread(self.thread)
        self.progress = QProgressDialog("Henter tal fra Danmarks Statistik…", "Annullér", 0, STEPS, window)
        self.progress.setWindowTitle("Hent tal fra Danmarks Statistik")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_worker_progressed)
        self.worker.waiting.connect(self._on_worker_waiting)
        self.worker.succeeded.connect(self._on_worker_succeeded)
        self.worker.failed.connect(self._on_worker_failed)
        self.worker.cancelled.connect(self._on_worker_cancelled)
        self.worker.done.connect(self._on_worker_done)
        self.thread.finished.connect(self.progress.close)

    def start(self) -> None:
        self.running = True
        self.progress.setValue(0)
        self.progress.show()
        self.thread.start()

    def cancel(self) -> None:
        self.progress.setLabelText("Afbryder…")
        self.worker.cancel.set()

    def is_running(self) -> bool:
        return self.running

    def wait(self) -> None:
        """Stop a running fetch and wait for its thread (the window is closing, or a new fetch replaces this)."""
        self.worker.cancel.set()
        self.thread.wait()

    def _tell(self, text: str) -> None:
        self.message = text
        self.window.statusBar().showMessage(text, MESSAGE_MS)

    def _on_worker_done(self) -> None:
        self.running = False
        self.thread.quit()
        self.finished.emit(self.message)

    def _on_worker_progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(f"Henter tal fra Danmarks Statistik… (hentet: {label})")

    def _on_worker_waiting(self, words: str) -> None:
        self.progress.setLabelText(f"Henter tal fra Danmarks Statistik… ({words})")

    def _on_worker_succeeded(self, figures: DstFigures) -> None:
        self.figures = figures
        tables = " og ".join(figures.tables)
        self._tell(f"Tal fra Danmarks Statistik hentet {figures.fetched_text}: {len(figures.areas('kommune'))} "
                   f"kommuner fra {tables}.")

    def _on_worker_failed(self, message: str) -> None:
        self._tell(f"{message}; {what_is_kept(self.had_cache)}.")

    def _on_worker_cancelled(self) -> None:
        self._tell(f"Hentningen fra Danmarks Statistik blev afbrudt; {what_is_kept(self.had_cache)}.")
