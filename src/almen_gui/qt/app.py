"""Application set-up: the QApplication, the bundled font, and the main window on the right kommune."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from almen_gui.model import DataError, KommuneNotFound, load_bundled_dataset, load_dataset
from almen_gui.model.errors import Problem
from almen_gui.qt.settings import Settings
from almen_gui.resources import register_fonts

log = logging.getLogger(__name__)
APP_NAME = "almen-gui"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("almen-gui")
    app.setDesktopFileName(APP_NAME)  # matches resources/almen-gui.desktop (StartupWMClass)
    from PySide6.QtGui import QIcon

    from almen_gui.resources import icon_path

    app.setWindowIcon(QIcon(str(icon_path())))
    family = register_fonts()
    font = QFont(family)
    font.setPointSizeF(10)
    app.setFont(font)
    from almen_gui.qt.theme import STYLESHEET

    app.setStyleSheet(STYLESHEET)
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
    from PySide6.QtCore import QLibraryInfo, QLocale

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


def open_main_window(kommune: str | None = None, data: str | None = None, settings: Settings | None = None,
                     boundaries: str | None = None):
    """Build and show the main window: on `kommune`, else the last one viewed, else Glostrup."""
    from almen_gui.qt.main_window import MainWindow
    from almen_gui.qt.state import AppState
    from almen_gui.qt.theme import styled_once

    settings = settings or Settings()
    remembered = settings.get("dataset_path")
    # A bad file given now falls back to the remembered dataset, a bad remembered one to the bundled figures.
    dataset, failures = _load_or_bundled(data, remembered)
    for path, problems in failures:
        if path == data:
            print(f"almen-gui: datasættet kan ikke bruges: {problems}", file=sys.stderr)
        else:  # the remembered copy went bad: forget it, so the next start is clean
            log.warning("Det huskede datasæt kan ikke bruges længere: %s", problems)
            settings.set("dataset_path", "")
    kode = settings.get("kommune")
    if kommune:
        try:
            kode = dataset.kommune(kommune).kode
        except KommuneNotFound as exc:
            print(f"almen-gui: {exc}", file=sys.stderr)
    if kode not in {k.kode for k in dataset.kommuner}:
        kode = None  # the state's default
    with styled_once(QApplication.instance()):
        window = MainWindow(AppState(dataset, kode), settings)
    remembered_boundaries = settings.get("boundaries_path")
    if boundaries:
        window.pending_boundaries = (Path(boundaries), True)
    elif remembered_boundaries and Path(remembered_boundaries).is_file():
        window.pending_boundaries = (Path(remembered_boundaries), False)
    window.show()
    if failures:  # say why these figures show: the file asked for now, else the remembered one
        path, problems = failures[0]
        shown = "det huskede datasæt" if dataset.path is not None else "de medfølgende tal"
        title = "Datasættet kan ikke bruges" if path == data else "Det huskede datasæt kan ikke bruges"
        window.show_problems(title, f"{Path(path).name} blev ikke indlæst; {shown} vises.", problems)
    return window


def _load_or_bundled(*paths: str | None) -> tuple:
    """(the first usable dataset of `paths`, else the bundled one; [(path, DataError)] for each that was not usable).

    Start-up never fails on a file: an error that is not the reader's own is logged and told like one.
    """
    failures = []
    for path in dict.fromkeys(p for p in paths if p):
        try:
            return load_dataset(Path(path)), failures
        except DataError as exc:
            failures.append((path, exc))
        except Exception:  # a defect, not the user's: keep it in the log, but still start
            log.exception("Uventet fejl ved indlæsning af %s", path)
            failures.append((path, DataError(Problem(Path(path).name, "filen kunne ikke læses (uventet fejl; "
                                                                       "detaljerne står i loggen)"))))
    return load_bundled_dataset(), failures


def open_kiosk_mode(config_path: str | None = None, data: str | None = None, full_screen: bool = True):
    """Start the kiosk on its own (almen-gui --kiosk). A bad data file is logged; the bundled figures are shown."""
    from almen_gui.qt.kiosk import open_kiosk
    from almen_gui.qt.kiosk_config import load_kiosk_config
    from almen_gui.qt.state import AppState

    config = load_kiosk_config(Path(config_path) if config_path else None)
    if data:
        config.data_file = data
    dataset, failures = _load_or_bundled(config.data_file)
    for _path, problems in failures:
        log.error("Kioskens datafil kan ikke bruges; viser de medfølgende tal: %s", problems)
    return open_kiosk(AppState(dataset), config, full_screen)  # the controller holds the state
