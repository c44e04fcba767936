"""Nothing replaced unasked in the window's exports, and the export dialogs remember what was chosen: Eksportér
(Ctrl+E) twice asks, Eksportér alle asks once for a batch (Erstat alle, Spring eksisterende over, Annullér), makes a
missing folder instead of closing, and counts what Annullér leaves written."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QProgressDialog

from almen_gui.model import load_dataset
from qt_helpers import make_window
from synthetic import write_synthetic_csv

MINE = b"the user's own file"


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(qtbot, box, text: str) -> None:
    """Click the button of a question box by its words, as the user does."""
    qtbot.waitUntil(box.isVisible)
    assert [b.text() for b in box.buttons()]  # a real question
    click(qtbot, next(b for b in box.buttons() if b.text() == text))


def _ctrl_e(qtbot, window, target) -> object:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.sheet_output.export_dialog is not None and window.sheet_output.export_dialog.isVisible())
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(target))
    return dialog


def test_ctrl_e_twice_asks_before_replacing_the_sheet(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    target = tmp_path / "ark.png"
    target.write_bytes(MINE)
    first = _ctrl_e(qtbot, window, target)
    click(qtbot, first.save_button)
    assert [b.text() for b in first.replace_box.buttons()] == ["Erstat", "Annullér"]
    assert first.replace_box.text() == f"ark.png findes allerede i {tmp_path}. Vil du erstatte den?"
    answer(qtbot, first.replace_box, "Annullér")
    assert target.read_bytes() == MINE and first.isVisible()  # nothing written, the dialog and its choices stay
    click(qtbot, first.save_button)
    answer(qtbot, first.replace_box, "Erstat")
    qtbot.waitUntil(lambda: not first.isVisible())
    assert not QImage(str(target)).isNull()
    second = _ctrl_e(qtbot, window, target)  # and the second time, the sheet just written is asked for too
    click(qtbot, second.save_button)
    assert second.replace_box.isVisible() and second.isVisible()


def test_the_export_dialog_offers_the_last_size_format_and_layout_again_also_after_a_restart(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    dialog = _ctrl_e(qtbot, window, tmp_path / "ark")
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("kort"))
    dialog.path_edit.setText(str(tmp_path / "ark"))
    click(qtbot, dialog.save_button)
    assert (tmp_path / "ark.pdf").is_file()
    window.save_settings()
    again = make_window(qtbot, tmp_path / "s.ini")
    dialog = _ctrl_e(qtbot, again, tmp_path / "ark2")
    assert (dialog.size_key, dialog.format_key, dialog.layout_key) == ("a4", "pdf", "kort")  # not the A4 PDF's fuld


def _export_all_dialog(qtbot, window, folder, size="kvadrat"):
    window.menus.actions["export_all"].trigger()
    dialog = window.sheet_output.export_all_dialog
    qtbot.addWidget(dialog)
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData(size))
    dialog.folder_edit.setText(str(folder))
    return dialog


def _three_kommuner(tmp_path):
    return load_dataset(write_synthetic_csv(tmp_path / "tre.csv", [101, 161, 751]))


def test_export_all_into_a_folder_with_sheets_asks_once_for_the_batch(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini", _three_kommuner(tmp_path))
    out = tmp_path / "alle"
    out.mkdir()
    names = ["almene-boliger-koebenhavn-2024-kvadrat.png", "almene-boliger-glostrup-2024-kvadrat.png"]
    for name in names:
        (out / name).write_bytes(MINE)

    dialog = _export_all_dialog(qtbot, window, out)
    click(qtbot, dialog.save_button)
    box = dialog.replace_box
    assert [b.text() for b in box.buttons()] == ["Erstat alle", "Spring eksisterende over", "Annullér"]
    assert box.text().startswith(f"2 filer findes allerede i {out}")
    answer(qtbot, box, "Annullér")
    assert dialog.isVisible() and dialog.size_key == "kvadrat"  # back to the choices, nothing written
    assert sorted(p.name for p in out.iterdir()) == sorted(names)

    click(qtbot, dialog.save_button)
    answer(qtbot, dialog.replace_box, "Spring eksisterende over")
    qtbot.waitUntil(lambda: window.tell.message_box.isVisible())
    assert all((out / name).read_bytes() == MINE for name in names)  # the user's files are left alone
    assert not QImage(str(out / "almene-boliger-aarhus-2024-kvadrat.png")).isNull()
    assert "1 faktaark gemt" in window.tell.message_box.text()
    assert "Faktaarkene for 2 kommuner fandtes allerede i mappen og blev ikke erstattet." in window.tell.message_box.text()

    dialog = _export_all_dialog(qtbot, window, out)
    click(qtbot, dialog.save_button)
    answer(qtbot, dialog.replace_box, "Erstat alle")
    qtbot.waitUntil(lambda: "3 faktaark gemt" in window.tell.message_box.text())
    assert all(not QImage(str(out / name)).isNull() for name in names)


def test_export_all_makes_a_folder_that_does_not_exist_yet_and_remembers_it(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    new = tmp_path / "nye-ark"
    dialog = _export_all_dialog(qtbot, window, new)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: window.tell.message_box.isVisible())
    assert (new / "almene-boliger-glostrup-2024-kvadrat.png").is_file()
    again = _export_all_dialog(qtbot, window, new)
    assert again.folder == new and again.size_key == "kvadrat"  # offered again next time


def test_export_all_into_a_folder_that_cannot_be_made_says_so_and_keeps_the_choices(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    dialog = _export_all_dialog(qtbot, window, tmp_path / "findes-ikke" / "ark")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error_box.isVisible())
    assert dialog.error_box.text().startswith(f"Mappen {tmp_path / 'findes-ikke' / 'ark'} kunne ikke oprettes")
    assert dialog.isVisible() and dialog.size_key == "kvadrat"
    assert not (tmp_path / "findes-ikke").exists()


def test_annuller_during_export_all_reports_the_sheets_really_written(qtbot, tmp_path, synthetic_dataset):
    window = make_window(qtbot, tmp_path / "s.ini", synthetic_dataset)
    out = tmp_path / "alle"
    out.mkdir()
    # Annullér is pressed as the first sheet is told done; the second is already being drawn on the other core.
    QTimer.singleShot(0, lambda: [p.cancel() for p in window.findChildren(QProgressDialog)])
    result = window.sheet_output.export_all(out, size="kvadrat")
    assert result.cancelled
    written = len(list(out.glob("*.png")))
    assert result.sheets == written and f"{written} faktaark gemt" in window.tell.message_box.text()
