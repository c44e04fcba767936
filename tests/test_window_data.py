"""Opening a user's dataset in the window: problems in a dialog with the current data kept; good files remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from almen_gui.qt.start.app import open_main_window
from almen_gui.qt.common.settings import Settings
from qt_helpers import card_texts, make_window

CORPUS = Path(__file__).parent / "corpus"


def test_bad_file_shows_every_problem_and_keeps_the_current_data(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    before = window.state.dataset
    assert not window.data_files.open_dataset(CORPUS / "negativt-tal.csv")
    dialog = window.tell.problems_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert "de hidtidige tal vises stadig" in dialog.heading.text()
    assert "må ikke være negativ" in dialog.details.toPlainText()
    assert window.state.dataset is before
    assert card_texts(window)["familieboliger"] == "4.451"
    assert "Medfølgende data" in window.dataset_label.text()


def test_good_file_replaces_the_data_is_remembered_and_can_be_undone(qtbot, tmp_path, synthetic_csv, _user_folders):
    settings_file = tmp_path / "s.ini"
    window = make_window(qtbot, settings_file)
    assert not window.menus.actions["restore"].isEnabled()
    assert window.data_files.open_dataset(synthetic_csv)
    assert "syntetisk-komplet.csv" in window.dataset_label.text()
    assert card_texts(window)["beboere"] == "2.610"  # the synthetic figure for Glostrup: 1000 + 161 * 10
    remembered = _user_folders / "datasets" / "syntetisk-komplet.csv"
    assert remembered.read_bytes() == synthetic_csv.read_bytes()
    assert window.menus.actions["restore"].isEnabled()
    window.close()

    synthetic_csv.unlink()  # the remembered copy is used, not the original
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    again = open_main_window(settings=settings)
    qtbot.addWidget(again)
    again.ensure_charts()
    assert "syntetisk-komplet.csv" in again.dataset_label.text()
    again.menus.actions["restore"].trigger()
    assert "Medfølgende data" in again.dataset_label.text()
    assert card_texts(again)["beboere"] == "7.900"
    assert settings.get("dataset_path") == ""


def test_a_broken_remembered_copy_falls_back_to_the_bundled_data(qtbot, tmp_path):
    broken = tmp_path / "oedelagt.csv"
    broken.write_text("kode,beboere\n999,1\n", encoding="utf-8")
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.set("dataset_path", str(broken))
    window = open_main_window(settings=settings)
    qtbot.addWidget(window)
    assert "Medfølgende data" in window.dataset_label.text()
    assert settings.get("dataset_path") == ""
