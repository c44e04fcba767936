"""Export and print from the window: the dialog, export-all with progress, printing through the same renderer."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from qt_helpers import make_window


def test_export_dialog_previews_and_writes_the_sheet(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.export_action.trigger()
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text().endswith("almene-boliger-glostrup-2024.png")
    preview = dialog.preview.pixmap()
    assert not preview.isNull() and max(preview.width(), preview.height()) == 420
    assert preview.height() > preview.width()  # A4 portrait
    assert dialog.save_button.isEnabled()
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    assert dialog.path_edit.text().endswith("almene-boliger-glostrup-2024.pdf")
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("png"))
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("kvadrat"))
    assert dialog.preview.pixmap().width() == dialog.preview.pixmap().height()
    dialog.path_edit.setText(str(tmp_path / "ark"))
    dialog._on_export_clicked()
    written = tmp_path / "ark.png"
    assert QImage(str(written)).size().toTuple() == (1080, 1080)
    assert str(written) in window.statusBar().currentMessage()


def test_incomplete_kommune_needs_confirmation(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini", kode=751)
    window.export_current()
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert "Aarhus Kommune mangler 12 tal" in dialog.missing_label.text()
    assert not dialog.save_button.isEnabled()
    dialog.allow_incomplete.setChecked(True)
    assert dialog.save_button.isEnabled()


def test_unwritable_target_gives_one_sentence_and_no_file(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.export_current()
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert not dialog.export_to(tmp_path / "findes-ikke" / "ark.png")
    assert "findes ikke" in dialog.error_box.text()
    assert dialog.isVisible()
    assert not (tmp_path / "findes-ikke").exists()


def test_export_all_writes_every_complete_kommune(qtbot, tmp_path, synthetic_dataset):
    window = make_window(qtbot, tmp_path / "s.ini", synthetic_dataset)
    out = tmp_path / "alle"
    out.mkdir()
    result = window.export_all(out, size="kvadrat")
    assert len(result.written) == 98
    assert len(list(out.glob("*.png"))) == 98
    assert "98 faktaark gemt" in window.message_box.text()


def test_export_all_with_bundled_data_says_what_was_skipped(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    result = window.export_all(tmp_path, size="kvadrat")
    assert [p.name for p in result.written] == ["almene-boliger-glostrup-2024.png"]
    assert "97 kommuner blev sprunget over" in window.message_box.text()


def test_print_goes_through_the_factsheet_renderer(qtbot, tmp_path):
    from pypdf import PdfReader

    window = make_window(qtbot, tmp_path / "s.ini")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "udskrift.pdf"))
    window.print_to(printer)
    text = " ".join(PdfReader(tmp_path / "udskrift.pdf").pages[0].extract_text().split())
    assert "GLOSTRUP KOMMUNE" in text and "4.451" in text and "333 mio. kr." in text
