"""Application set-up: the QApplication, the bundled font, and the main window on the right kommune, with the kiosk
handed the screen when the window asks for it (the kiosk alone has its own way in: kiosk.controller.open_kiosk)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# The pure-Python layers first: once PySide6 is loaded, it reads the source of every module imported after it (to
# find out whether the module opts in to its `__feature__` switches), which costs start-up time for nothing here.
from almen_gui.model import KommuneNotFound
from almen_gui.resources import icon_files, register_fonts

from PySide6.QtCore import QLibraryInfo, QLocale, QSize, QTranslator  # noqa: I001  (after the pure-Python layers)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from almen_gui.qt.loading.data_files import BoundaryFile, load_first_usable
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.state import AppState
from almen_gui.qt.common.theme import apply_palette, styled_once, stylesheet

log = logging.getLogger(__name__)
APP_NAME = "almen-gui"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("almen-gui")
    app.setDesktopFileName(APP_NAME)  # matches resources/almen-gui.desktop (StartupWMClass)
    icon = QIcon()
    for size, path in icon_files():
        icon.addFile(str(path), QSize(size, size))
    app.setWindowIcon(icon)
    family = register_fonts()
    if getattr(app, "desktop_points", None) is None:  # the desktop's text size, before our font is set over it
        app.desktop_points = app.font().pointSizeF()
    font = QFont(family)
    font.setPointSizeF(app.desktop_points)  # the bundled font at the size the user chose for the desktop
    app.setFont(font)
    apply_palette(app)
    app.setStyleSheet(stylesheet(app.desktop_points))
    _install_danish_translations(app)
    return app


class _DanishQtTranslator(QTranslator):
    """qtbase_da.qm, and for texts Qt has since given a shortcut letter ("&Look in:") that the Danish catalogue
    only knows without it ("Look in:"), that older translation rather than English."""

    def translate(self, context, source, disambiguation=None, n=-1):  # Qt override
        text = super().translate(context, source, disambiguation, n)
        if not text and source and "&" in source:
            text = super().translate(context, source.replace("&", ""), disambiguation, n)
        return text


def _install_danish_translations(app: QApplication) -> None:
    """Qt's own texts in Danish (file and print dialogs, message-box buttons), whatever the system's language.

    qtbase_da.qm ships with PySide6 in QLibraryInfo's translations folder (a frozen bundle carries it along).
    """
    if getattr(app, "danish_translator", None) is not None:
        return
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    translator = _DanishQtTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(), "qtbase", "_", folder):
        app.installTranslator(translator)
        app.danish_translator = translator
    else:
        log.warning("Qt's danske oversættelser (qtbase_da.qm) findes ikke i %s; Qt's egne tekster bliver engelske",
                    folder)


def build_main_window(state, settings: Settings, boundaries: BoundaryFile | None = None):
    """The main window on a state, with Vis → Kiosktilstand handing the screen to the kiosk (start/kiosk_handover.py;
    the window's KioskHandover child)."""
    # lazy: the kiosk alone (`almen-gui --kiosk`) starts without the window's modules
    from almen_gui.qt.start.kiosk_handover import KioskHandover
    from almen_gui.qt.window.main_window import MainWindow

    with styled_once(QApplication.instance()):
        window = MainWindow(state, settings, boundaries=boundaries)
    KioskHandover(window)
    return window


def open_main_window(kommune: str | None = None, data: str | None = None, settings: Settings | None = None,
                     boundaries: str | None = None):
    """Build and show the main window: on `kommune`, else the last one viewed, else Glostrup."""
    settings = settings or Settings()
    remembered = settings.get("dataset_path")
    # A bad file given now falls back to the remembered dataset, a bad remembered one to the bundled figures.
    dataset, failures = load_first_usable(data, remembered)
    for path, problems in failures:
        if path == data:
            print(f"almen-gui: datasættet kan ikke bruges: {problems}", file=sys.stderr)
        else:  # the remembered copy went bad: forget it, so the next start is clean
            log.warning("Det huskede datasæt kan ikke bruges længere: %s", problems)
            settings.set("dataset_path", "")
    kode = settings.get("kommune")
    unknown = ""  # a kommune asked for that does not exist: said on stderr and, for a start without a console, shown
    if kommune:
        try:
            kode = dataset.kommune(kommune).kode
        except KommuneNotFound as exc:
            unknown = str(exc)
            print(f"almen-gui: {exc}", file=sys.stderr)
    if kode not in {k.kode for k in dataset.kommuner}:
        kode = None  # the state's default
    state = AppState(dataset, kode)
    remembered_boundaries = settings.get("boundaries_path")
    boundary_file = None  # read once the window is painted
    if boundaries:
        boundary_file = BoundaryFile(Path(boundaries), remember=True)
    elif remembered_boundaries and Path(remembered_boundaries).is_file():
        boundary_file = BoundaryFile(Path(remembered_boundaries), remember=False)
    window = build_main_window(state, settings, boundary_file)
    window.show()
    if unknown:
        shown = state.dataset.kommuner.by_code(state.kode).navn
        window.tell.warn("Ukendt kommune", f"{unknown} Vinduet viser {shown}.")
    if failures:  # say why these figures show: the file asked for now, else the remembered one
        path, problems = failures[0]
        shown = "det huskede datasæt" if dataset.path is not None else "de medfølgende tal"
        title = "Datasættet kan ikke bruges" if path == data else "Det huskede datasæt kan ikke bruges"
        window.tell.problems(title, f"{Path(path).name} blev ikke indlæst; {shown} vises.", problems)
    return window
