"""Kiosk mode: a full-screen, unattended, locked-down loop of factsheet pages for a housing office's waiting room.

The kiosk shows pages drawn by the factsheet renderer (and the comparison chart), rotates through the configured
kommuner, lets visitors pick a kommune by touch, and can only be left with the admin chord (and PIN, if set).
Nothing here opens a dialog: problems are logged.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEasingCurve, QElapsedTimer, QEvent, QFileSystemWatcher, QObject, QPoint, QRectF, Qt, \
    QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QCursor, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from almen_gui.factsheet import style
from almen_gui.factsheet.render import KIOSK_PAGES, render_kiosk_page
from almen_gui.factsheet.spec import build_spec, load_template
from almen_gui.model import DataError, Dataset, load_dataset
from almen_gui.model.formatting import MISSING, format_period
from almen_gui.model.metadata import TOTAL
from almen_gui.qt.kiosk_config import KioskConfig
from almen_gui.qt.state import AppState

log = logging.getLogger(__name__)
PAGE_NAMES = {"oversigt": "Overblik", "boliger": "Boliger", "oekonomi": "Økonomi", "vidste_du": "Vidste du",
              "sammenligning": "Sammenligning", "kort": "Kort"}
TICK_MS = 100
KIOSK_RANKED = 12  # bars on the comparison page: few enough to read from across the room
FADE_MS = 700
SHIFT_STEPS = [QPoint(0, 0), QPoint(3, 0), QPoint(3, 3), QPoint(0, 3), QPoint(-3, 3), QPoint(-3, 0), QPoint(-3, -3),
               QPoint(0, -3), QPoint(3, -3)]


class KioskView(QWidget):
    """Paints the current page, cross-fading from the previous one, with a progress line and a slow pixel shift."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._current = QPixmap()
        self._previous = QPixmap()
        self._fade = 1.0
        self.progress = 0.0
        self.shift = QPoint(0, 0)
        self.animation = QVariantAnimation(self)
        self.animation.setDuration(FADE_MS)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.animation.valueChanged.connect(self._on_fade_changed)

    def set_page(self, pixmap: QPixmap, animate: bool = True) -> None:
        self._previous = self._current
        self._current = pixmap
        if animate and not self._previous.isNull():
            self.animation.stop()
            self._fade = 0.0
            self.animation.start()
        else:
            self._fade = 1.0
        self.update()

    def current_pixmap(self) -> QPixmap:
        return self._current

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.resized.emit()

    def _on_fade_changed(self, value) -> None:
        self._fade = float(value)
        self.update()

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(style.BACKGROUND))
        painter.translate(self.shift)
        if self._fade < 1.0 and not self._previous.isNull():
            painter.setOpacity(1.0 - self._fade)
            painter.drawPixmap(0, 0, self._previous)
        painter.setOpacity(self._fade)
        painter.drawPixmap(0, 0, self._current)
        painter.setOpacity(1.0)
        painter.resetTransform()
        bar = QRectF(0, self.height() - 8, self.width() * self.progress, 8)
        painter.fillRect(bar, QColor(style.ACCENT))
        painter.end()


class KioskWindow(QWidget):
    """The frameless full-screen window. It ignores every way out except the admin chord (and PIN)."""

    exit_requested = Signal()

    def __init__(self, config: KioskConfig, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.config = config
        self.setObjectName("kioskWindow")
        self.setWindowTitle("almen-gui kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._may_close = False
        self.view = KioskView(self)
        self.view.setAccessibleName("Faktaark")

        big = "font-size: 26pt; font-weight: 700; padding: 18px 36px; border-radius: 14px;"
        self.previous_button = QPushButton("‹")
        self.pick_button = QPushButton("Vælg kommune")
        self.next_button = QPushButton("›")
        for button, name in ((self.previous_button, "Forrige side"), (self.pick_button, "Vælg kommune"),
                             (self.next_button, "Næste side")):
            button.setStyleSheet(f"QPushButton {{ {big} background: {style.PRIMARY}; color: white; }}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(name)
        self.page_label = QLabel()
        self.page_label.setStyleSheet(f"font-size: 16pt; color: {style.MUTED};")
        controls = QHBoxLayout()
        controls.setContentsMargins(40, 0, 40, 30)
        controls.addWidget(self.previous_button)
        controls.addWidget(self.page_label)
        controls.addStretch(1)
        controls.addWidget(self.pick_button)
        controls.addStretch(1)
        controls.addWidget(self.next_button)

        self.picker = self._build_picker()
        self.pin_panel = self._build_pin_panel()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 0, 0, 2, 1)
        layout.addLayout(controls, 1, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.picker, 0, 0, 2, 1, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.pin_panel, 0, 0, 2, 1, Qt.AlignmentFlag.AlignCenter)
        layout.setRowStretch(0, 1)
        self.picker.hide()
        self.pin_panel.hide()

        self.admin_shortcut = QShortcut(QKeySequence(config.admin_chord), self)
        self.admin_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.admin_shortcut.activated.connect(self._on_admin_chord)
        for widget in self.findChildren(QWidget):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def _build_picker(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("kioskPicker")
        panel.setStyleSheet(f"#kioskPicker {{ background: white; border: 4px solid {style.PRIMARY}; "
                            "border-radius: 18px; }")
        panel.setMinimumSize(700, 800)
        title = QLabel("Vælg en kommune")
        title.setStyleSheet(f"font-size: 28pt; font-weight: 800; color: {style.PRIMARY};")
        self.picker_list = QListWidget()
        self.picker_list.setStyleSheet("QListWidget { font-size: 24pt; } QListWidget::item { padding: 14px; }")
        self.picker_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.picker_list.setAccessibleName("Kommuner")
        QScroller.grabGesture(self.picker_list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.close_picker_button = QPushButton("Luk")
        self.close_picker_button.setStyleSheet(f"font-size: 22pt; padding: 14px; background: {style.PANEL};")
        self.close_picker_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(30, 30, 30, 30)
        layout.addWidget(title)
        layout.addWidget(self.picker_list, 1)
        layout.addWidget(self.close_picker_button)
        return panel

    def _build_pin_panel(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("kioskPin")
        panel.setStyleSheet(f"#kioskPin {{ background: white; border: 4px solid {style.ACCENT}; border-radius: 18px; }}"
                            " QPushButton { font-size: 24pt; min-width: 90px; min-height: 70px; }")
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setStyleSheet("font-size: 28pt;")
        self.pin_edit.setAccessibleName("PIN")
        self.pin_edit.returnPressed.connect(self._on_pin_entered)
        layout = QGridLayout(panel)
        layout.addWidget(QLabel("Administrator-PIN"), 0, 0, 1, 3)
        layout.addWidget(self.pin_edit, 1, 0, 1, 3)
        for index, digit in enumerate("123456789"):
            button = QPushButton(digit)
            button.clicked.connect(lambda _=False, d=digit: self.pin_edit.insert(d))
            layout.addWidget(button, 2 + index // 3, index % 3)
        cancel = QPushButton("Annullér")
        cancel.clicked.connect(self.hide_pin_panel)
        zero = QPushButton("0")
        zero.clicked.connect(lambda: self.pin_edit.insert("0"))
        ok = QPushButton("OK")
        ok.clicked.connect(self._on_pin_entered)
        layout.addWidget(cancel, 5, 0)
        layout.addWidget(zero, 5, 1)
        layout.addWidget(ok, 5, 2)
        return panel

    # --- leaving ----------------------------------------------------------------------------------------------------
    def _on_admin_chord(self) -> None:
        if self.config.pin:
            self.pin_edit.clear()
            self.pin_panel.show()
            self.pin_panel.raise_()
            self.pin_edit.setFocus()
        else:
            self.leave()

    def _on_pin_entered(self) -> None:
        if self.pin_edit.text() == self.config.pin:
            self.leave()
        else:
            log.info("Forkert PIN indtastet i kiosken")
            self.pin_edit.clear()

    def hide_pin_panel(self) -> None:
        self.pin_panel.hide()
        self.pin_edit.clear()

    def leave(self) -> None:
        log.info("Kiosktilstand afsluttet med administratortasten")
        self._may_close = True
        self.exit_requested.emit()
        self.close()

    def closeEvent(self, event):  # noqa: N802 (Qt override): Alt+F4 and the window manager cannot close a kiosk
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()

    def keyPressEvent(self, event):  # noqa: N802 (Qt override): Escape, Ctrl+Q, Ctrl+W … do nothing here
        event.accept()

    def event(self, event):
        if event.type() == QEvent.Type.ContextMenu:
            return True
        return super().event(event)


class KioskController(QObject):
    """Rotation, touch, idle reset, cursor hiding, burn-in shift and data reloads: all by changing the app state."""

    page_shown = Signal(str, int)  # page name, kommune code

    def __init__(self, window: KioskWindow, state: AppState, config: KioskConfig, parent: QObject | None = None):
        super().__init__(parent)
        self.window, self.state, self.config = window, state, config
        self.template = load_template()
        self.page_index = 0
        self.kommune_index = 0
        self.paused = False
        self.koder = self._configured_koder(state.dataset)
        self._comparison_chart = None  # built once, on first need
        self._map_view = None
        self.elapsed = QElapsedTimer()
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._on_tick)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(round(config.idle_timeout * 1000))
        self.idle.timeout.connect(self.restart_loop)
        self.cursor_timer = QTimer(self)
        self.cursor_timer.setSingleShot(True)
        self.cursor_timer.setInterval(round(config.cursor_hide_seconds * 1000))
        self.cursor_timer.timeout.connect(self._hide_cursor)
        self._cursor_hidden = False
        self.shift_timer = QTimer(self)
        self.shift_timer.setInterval(round(config.shift_seconds * 1000))
        self.shift_timer.timeout.connect(self._on_shift)
        self._shift_step = 0
        self.watcher = QFileSystemWatcher(self)
        self.reload_timer = QTimer(self)  # watchers miss replaced files on some systems; poll as well
        self.reload_timer.setInterval(30_000)
        self.reload_timer.timeout.connect(self.check_data_file)
        self._data_stamp = None
        self.redraw_timer = QTimer(self)  # a new screen size: draw the page again, once the size has settled
        self.redraw_timer.setSingleShot(True)
        self.redraw_timer.setInterval(100)
        self.redraw_timer.timeout.connect(lambda: self.show_page(animate=False))
        window.view.resized.connect(self.redraw_timer.start)
        if config.data_file:
            self._watch(Path(config.data_file))

        window.previous_button.clicked.connect(self.previous_page)
        window.next_button.clicked.connect(self.next_page_by_user)
        window.pick_button.clicked.connect(self.open_picker)
        window.close_picker_button.clicked.connect(self.close_picker)
        window.picker_list.itemClicked.connect(self._on_picker_item)
        window.exit_requested.connect(self.stop)
        state.dataset_changed.connect(self._on_dataset_changed)
        QApplication.instance().installEventFilter(self)
        self._fill_picker()

    # --- which kommuner ---------------------------------------------------------------------------------------------
    def _configured_koder(self, dataset: Dataset) -> list[int]:
        koder = []
        for name in self.config.kommuner:
            kommune = dataset.kommuner.find(name)
            if kommune is None:
                log.warning("kiosk.ini: ukendt kommune %r ignoreret", name)
            elif kommune.kode not in koder:
                koder.append(kommune.kode)
        return koder or dataset.complete_koder() or [self.state.kode]

    def _fill_picker(self) -> None:
        self.window.picker_list.clear()
        for kommune in sorted(self.state.dataset.kommuner, key=lambda k: k.navn):
            item = QListWidgetItem(kommune.navn)
            item.setData(Qt.ItemDataRole.UserRole, kommune.kode)
            self.window.picker_list.addItem(item)

    # --- the loop ---------------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.state.set_kommune(self.koder[0])
        self.show_page(animate=False)
        self.elapsed.start()
        self.tick.start()
        self.shift_timer.start()
        self.cursor_timer.start()
        if self.config.data_file:
            self.reload_timer.start()

    def stop(self) -> None:
        for timer in (self.tick, self.idle, self.cursor_timer, self.shift_timer, self.reload_timer, self.redraw_timer):
            timer.stop()
        QApplication.instance().removeEventFilter(self)
        if self._cursor_hidden:
            QApplication.restoreOverrideCursor()
            self._cursor_hidden = False

    @property
    def page(self) -> str:
        return KIOSK_PAGES[self.page_index]

    def _on_tick(self) -> None:
        if self.paused:
            return
        fraction = self.elapsed.elapsed() / (self.config.seconds_per_page * 1000)
        if fraction >= 1.0:
            self.advance()
        else:
            self.window.view.progress = fraction
            self.window.view.update(0, self.window.view.height() - 8, self.window.view.width(), 8)

    def advance(self) -> None:
        """The next page; after the last page, the next configured kommune."""
        self.page_index += 1
        if self.page_index >= len(KIOSK_PAGES):
            self.page_index = 0
            self.kommune_index = (self.kommune_index + 1) % len(self.koder)
            self.state.set_kommune(self.koder[self.kommune_index])
        self.show_page()

    def restart_loop(self) -> None:
        """After the idle timeout: back to the first page of the first configured kommune, rotating again."""
        self.close_picker()
        self.paused = False
        self.page_index = 0
        self.kommune_index = 0
        self.state.set_kommune(self.koder[0])
        self.show_page()

    def show_page(self, animate: bool = True) -> None:
        view = self.window.view
        size = view.size()
        ratio = view.devicePixelRatioF()
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(style.BACKGROUND))
        painter = QPainter(pixmap)
        try:
            self._paint_page(painter, size.width(), size.height())
        finally:
            painter.end()
        view.progress = 0.0
        view.set_page(pixmap, animate)
        self.elapsed.restart()
        self.window.page_label.setText(f"{PAGE_NAMES[self.page]} · {self.page_index + 1}/{len(KIOSK_PAGES)}")
        self.page_shown.emit(self.page, self.state.kode)

    def _paint_page(self, painter: QPainter, width: int, height: int) -> None:
        dataset = self.state.dataset
        spec = build_spec(dataset, self.state.kode, self.template)
        if self.page == "kort":
            kommune = dataset.kommuner.by_code(self.state.kode)
            free = render_kiosk_page(painter, spec, self.page, width, height,
                                     f"{kommune.officielt_navn} på Danmarkskortet")
            view = self._map()
            view.resize(round(free.width()), round(free.height()))
            view.set_kommune(self.state.kode)
            painter.drawPixmap(free.topLeft(), view.grab())
            return
        if self.page != "sammenligning":
            render_kiosk_page(painter, spec, self.page, width, height)
            return
        title, ranking = self._comparison(dataset)
        free = render_kiosk_page(painter, spec, self.page, width, height, title)
        chart = self._chart()
        chart.resize(round(free.width()), round(free.height()))
        chart.set_bars(ranking.categories, ranking.values, ranking.texts, ranking.colours,
                       "" if ranking.have else MISSING)
        painter.drawPixmap(free.topLeft(), chart.grab())

    def _chart(self):
        if self._comparison_chart is None:
            from almen_gui.qt.charts import BarChart

            self._comparison_chart = BarChart(KIOSK_RANKED, horizontal=True, points=18)
            self._comparison_chart.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        return self._comparison_chart

    def _map(self):
        if self._map_view is None:
            from almen_gui.qt.map_view import MapView

            self._map_view = MapView()
            self._map_view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            self._map_view.set_dataset(self.state.dataset)
            if self.config.boundaries_file:
                from almen_gui.model.geo import load_boundaries

                try:
                    self._map_view.set_boundaries(load_boundaries(Path(self.config.boundaries_file),
                                                                  self.state.dataset.kommuner))
                except DataError as exc:  # the map page shows dots instead; nobody is there to read a dialog
                    log.error("Kioskens kommunegrænser kan ikke bruges; kortet viser punkter: %s", exc)
        return self._map_view

    def _comparison(self, dataset: Dataset):
        from almen_gui.qt.charts import ranking_bars

        field = dataset.metadata.field(TOTAL)
        kommune = dataset.kommuner.by_code(self.state.kode)
        ranking = ranking_bars(dataset, TOTAL, kommune.kode, KIOSK_RANKED)
        if ranking.place:
            title = (f"{field.title} ({format_period(field.period)}): {kommune.navn} er nr. {ranking.place[0]} "
                     f"af {ranking.place[1]} kommuner med tallet")
        else:
            title = f"{field.title}: ikke oplyst for {kommune.navn}"
        return title, ranking

    # --- visitors ---------------------------------------------------------------------------------------------------
    def user_activity(self) -> None:
        """A touch or click: pause the rotation until the visitor has been away for the idle timeout."""
        self.paused = True
        self.window.view.progress = 0.0
        self.idle.start()

    def next_page_by_user(self) -> None:
        self.user_activity()
        self.advance()

    def previous_page(self) -> None:
        self.user_activity()
        self.page_index = (self.page_index - 1) % len(KIOSK_PAGES)
        self.show_page()

    def open_picker(self) -> None:
        self.user_activity()
        self.window.picker.show()
        self.window.picker.raise_()

    def close_picker(self) -> None:
        self.window.picker.hide()

    def _on_picker_item(self, item: QListWidgetItem) -> None:
        self.pick(item.data(Qt.ItemDataRole.UserRole))

    def pick(self, kode: int) -> None:
        self.user_activity()
        self.close_picker()
        self.state.set_kommune(kode)
        self.page_index = 0
        self.show_page()

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override): touches, clicks, moves and context menus
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True  # no context menu anywhere, pyqtgraph's "Export…" included
        if kind in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._show_cursor()
            if kind != QEvent.Type.MouseMove:
                self.user_activity()
        return False

    # --- screen care ------------------------------------------------------------------------------------------------
    def _hide_cursor(self) -> None:
        if not self._cursor_hidden:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._cursor_hidden = True

    def _show_cursor(self) -> None:
        if self._cursor_hidden:
            QApplication.restoreOverrideCursor()
            self._cursor_hidden = False
        self.cursor_timer.start()

    def _on_shift(self) -> None:
        self._shift_step = (self._shift_step + 1) % len(SHIFT_STEPS)
        self.window.view.shift = SHIFT_STEPS[self._shift_step]
        self.window.view.update()

    # --- data -------------------------------------------------------------------------------------------------------
    def _watch(self, path: Path) -> None:
        self._data_path = path
        self._data_stamp = self._stamp(path)
        if path.exists():
            self.watcher.addPath(str(path))
        self.watcher.fileChanged.connect(lambda _: self.check_data_file())

    @staticmethod
    def _stamp(path: Path):
        try:
            info = path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def check_data_file(self) -> None:
        """Re-read the data file if it changed; if it became unreadable, keep the last good data and log why."""
        path = self._data_path
        stamp = self._stamp(path)
        if str(path) not in self.watcher.files() and path.exists():
            self.watcher.addPath(str(path))  # editors replace files; watch the new one
        if stamp == self._data_stamp:
            return
        self._data_stamp = stamp
        try:
            dataset = load_dataset(path)
        except DataError as exc:
            log.error("Kioskens datafil kan ikke bruges; de sidste gode tal vises fortsat: %s", exc)
            return
        log.info("Kioskens datafil er læst igen: %s", path)
        self.state.set_dataset(dataset)

    def _on_dataset_changed(self, dataset: Dataset) -> None:
        self.koder = self._configured_koder(dataset)
        self.kommune_index = min(self.kommune_index, len(self.koder) - 1)
        self._fill_picker()
        if self._map_view is not None:
            self._map_view.set_dataset(dataset)
        if self.state.kode not in {k.kode for k in dataset.kommuner}:
            self.state.set_kommune(self.koder[0])
        self.show_page(animate=False)


def open_kiosk(state: AppState, config: KioskConfig, full_screen: bool = True) -> tuple[KioskWindow, KioskController]:
    """Build, show and start the kiosk; errors are logged, never shown in a dialog."""
    from almen_gui.qt import crash

    crash.set_dialogs_enabled(False)
    window = KioskWindow(config)
    if full_screen:
        # Without a window manager (a bare X session on a kiosk PC) "full screen" alone does not resize the window.
        window.setGeometry(QApplication.primaryScreen().geometry())
        window.showFullScreen()
    else:
        window.show()
    controller = KioskController(window, state, config, window)
    controller.start()
    return window, controller
