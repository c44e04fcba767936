"""The window and the kiosk always start: a bad given or remembered file falls back to the last good or bundled
figures and says why; file names are shown as plain text."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from almen_gui.factsheet import style
from almen_gui.qt.common import crash
from almen_gui.qt.start.app import open_main_window
from almen_gui.qt.kiosk.controller import open_kiosk
from almen_gui.qt.kiosk.config import KioskConfig
from almen_gui.qt.common.settings import Settings
from qt_helpers import card_texts, make_window

CORPUS = Path(__file__).parent / "corpus"
# Files that gave a traceback at start-up (not the reader's own error type), and a few that were refused politely.
HOSTILE = ["afkortet-xml.xlsx", "haevet-skrift-i-kode.csv", "xxe-lokal-fil.xlsx", "milliard-latter.xlsx",
           "oedelagt-regneark.xlsx", "for-mange-kolonner.csv", "navn-passer-ikke-til-kode.csv"]


def _settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def _window(qtbot, **kwargs):
    window = open_main_window(**kwargs)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("name", HOSTILE)
def test_a_bad_remembered_dataset_starts_on_the_bundled_figures_and_says_why(qtbot, tmp_path, name):
    remembered = tmp_path / name
    shutil.copyfile(CORPUS / name, remembered)
    settings = _settings(tmp_path)
    settings.set("dataset_path", str(remembered))
    window = _window(qtbot, settings=settings)
    assert card_texts(window)["familieboliger"] == "4.451"  # Glostrup's bundled figure
    assert "Medfølgende data" in window.dataset_label.text()
    dialog = window.tell.problems_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.heading.text() == f"{name} blev ikke indlæst; de medfølgende tal vises."
    assert dialog.details.toPlainText()
    assert settings.get("dataset_path") == ""  # the next start is clean


def test_a_bad_given_file_falls_back_to_the_good_remembered_dataset(qtbot, tmp_path, synthetic_csv, capsys):
    settings = _settings(tmp_path)
    settings.set("dataset_path", str(synthetic_csv))
    window = _window(qtbot, settings=settings, data=str(CORPUS / "afkortet-xml.xlsx"))
    assert "syntetisk-komplet.csv" in window.dataset_label.text()
    assert card_texts(window)["beboere"] == "2.610"  # the synthetic figure, not the bundled 7.900
    qtbot.addWidget(window.tell.problems_dialog)
    assert window.tell.problems_dialog.heading.text() == ("afkortet-xml.xlsx blev ikke indlæst; det huskede datasæt "
                                                     "vises.")
    assert "regnearket er beskadiget" in window.tell.problems_dialog.details.toPlainText()
    assert settings.get("dataset_path") == str(synthetic_csv)  # still remembered
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_superscript_kommune_starts_on_the_remembered_kommune(qtbot, tmp_path, capsys):
    settings = _settings(tmp_path)
    settings.set("kommune", 751)
    window = _window(qtbot, settings=settings, kommune="²")
    assert window.state.kode == 751
    assert "Ukendt kommune: '²'" in capsys.readouterr().err


def test_the_kiosk_starts_on_the_bundled_figures_after_a_bad_data_file(qtbot, tmp_path, caplog):
    config = KioskConfig(data_file=str(CORPUS / "haevet-skrift-i-kode.csv"))
    with caplog.at_level(logging.ERROR):
        window, controller = open_kiosk(None, config, full_screen=False)
    try:
        qtbot.addWidget(window)
        assert window.isVisible()
        assert controller.state.dataset.path is None  # the bundled figures
        assert "Kioskens datafil kan ikke bruges" in caplog.text and "ukendt kommunekode" in caplog.text
    finally:
        controller.stop()
        crash.set_dialogs_enabled(True)


def test_a_file_named_like_html_is_shown_as_its_name(qtbot, tmp_path, synthetic_csv):
    odd = tmp_path / "<h1>Stor<img src=x>.csv"
    shutil.copyfile(synthetic_csv, odd)
    window = make_window(qtbot, tmp_path / "s.ini")
    assert window.data_files.open_dataset(odd)
    assert window.dataset_label.textFormat() == Qt.TextFormat.PlainText
    assert "<h1>Stor<img src=x>.csv" in window.dataset_label.text()
    bad = tmp_path / "<b>fed.csv"
    bad.write_text("kode,beboere\n999,1\n", encoding="utf-8")
    assert not window.data_files.open_dataset(bad)
    qtbot.addWidget(window.tell.problems_dialog)
    assert window.tell.problems_dialog.heading.textFormat() == Qt.TextFormat.PlainText
    assert window.tell.problems_dialog.heading.text().startswith("<b>fed.csv blev ikke indlæst")


def test_a_restart_after_a_then_b_shows_b_with_its_own_periods(qtbot, tmp_path, synthetic_csv, monkeypatch):
    first, second = tmp_path / "A", tmp_path / "B"
    first.mkdir()
    second.mkdir()
    shutil.copyfile(synthetic_csv, first / "tal.csv")
    (first / "tal.forklaring.csv").write_text("kolonne,periode\nbeboere,2019\n", encoding="utf-8")
    shutil.copyfile(synthetic_csv, second / "tal.csv")  # B has no explanation file: the contract's periods apply
    window = make_window(qtbot, tmp_path / "s.ini")
    from PySide6.QtWidgets import QFileDialog

    for folder in (first, second):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, f=folder: (str(f / "tal.csv"), ""))
        window.menus.actions["open"].trigger()
    period = window.state.dataset.metadata.field("beboere").period
    assert period != "2019"
    window.close()
    again = _window(qtbot, settings=_settings(tmp_path))
    assert again.state.dataset.metadata.field("beboere").period == period
    assert "2019" not in again.dataset_label.text()


def test_a_file_with_a_thousand_problems_shows_fifty_and_a_count(qtbot, tmp_path):
    path = tmp_path / "mange-fejl.csv"
    path.write_text("kode,beboere\n" + "".join(f"{k},1\n" for k in range(1000, 2000)), encoding="utf-8")
    window = make_window(qtbot, tmp_path / "s.ini")
    assert not window.data_files.open_dataset(path)
    qtbot.addWidget(window.tell.problems_dialog)
    lines = window.tell.problems_dialog.details.toPlainText().splitlines()
    assert len(lines) == 51 and lines[-1] == "… og 950 problemer mere"
    assert card_texts(window)["familieboliger"] == "4.451"  # the figures shown before stay


def test_the_window_started_alone_wears_the_theme_from_its_first_paint(tmp_path):
    """At start-up the style sheet is applied once the window is assembled (theme.styled_once): its first paint must
    still show the themed heading, cards and figures."""
    import subprocess
    import sys

    code = """
import sys
from PySide6.QtCore import QEvent, QObject, QSettings
from almen_gui.qt.start.app import create_application, open_main_window
from almen_gui.qt.common.settings import Settings
app = create_application(sys.argv)
window = open_main_window(settings=Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat)))
window.ensure_charts = lambda: None  # what the first paint shows, before the charts are built
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            panel = window.heading
            card = window.topics.pages["boliger"].cards["familieboliger"]
            image = card.grab().toImage()
            print(app.desktop_points, panel.title.text(), panel.title.font().pointSizeF(), card.value.text(),
                  card.value.font().pointSizeF(), image.pixelColor(image.width() // 2, 4).name())
            app.quit()
        return False
watch = FirstPaint()
window.heading.installEventFilter(watch)
app.exec()
"""
    env = {"QT_QPA_PLATFORM": "offscreen", "ALMEN_GUI_HOME": str(tmp_path / "home"),
           "ALMEN_GUI_CONFIG": str(tmp_path / "config"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.ini")], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout.split()
    desktop = float(out.pop(0))  # the sizes are the theme's for a 10 pt desktop, in proportion to this one's
    heading, value = float(out.pop(2)), float(out.pop(3))
    assert out == ["Glostrup", "Kommune", "4.451", style.PANEL.lower()]
    assert heading == pytest.approx(20 * desktop / 10, abs=0.05)
    assert value == pytest.approx(17 * desktop / 10, abs=0.05)
