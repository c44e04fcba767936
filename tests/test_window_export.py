"""Export and print from the window: the dialog, export-all with progress, printing through the same renderer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from qt_helpers import make_window


def test_export_dialog_previews_and_writes_the_sheet(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.menus.actions["export"].trigger()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text().endswith("almene-boliger-glostrup-2024.png")
    preview = dialog.preview.pixmap()
    assert not preview.isNull() and max(preview.width(), preview.height()) == 420
    assert preview.height() > preview.width()  # A4 portrait
    assert dialog.save_button.isEnabled()
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    assert dialog.path_edit.text().endswith("almene-boliger-glostrup-2024-fuld.pdf")
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("png"))
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("kvadrat"))
    assert dialog.path_edit.text().endswith("almene-boliger-glostrup-2024-kvadrat.png")
    assert dialog.preview.pixmap().width() == dialog.preview.pixmap().height()
    dialog.path_edit.setText(str(tmp_path / "ark"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "ark.png"
    assert QImage(str(written)).size().toTuple() == (1080, 1080)
    assert str(written) in window.statusBar().currentMessage()


def test_incomplete_kommune_needs_confirmation(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini", kode=751)
    window.sheet_output.export_current()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    assert "Aarhus Kommune mangler 12 tal" in dialog.missing_label.text()
    assert dialog.missing_label.text().endswith(" og renovering med støtte fra Landsbyggefonden.")  # all, not "eller"
    assert not dialog.save_button.isEnabled()
    dialog.allow_incomplete.setChecked(True)
    assert dialog.save_button.isEnabled()


def test_unwritable_target_gives_one_sentence_and_no_file(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.sheet_output.export_current()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    assert not dialog.export_to(tmp_path / "findes-ikke" / "ark.png")
    assert "findes ikke" in dialog.error_box.text()
    assert dialog.isVisible()
    assert not (tmp_path / "findes-ikke").exists()


def test_export_all_writes_every_complete_kommune(qtbot, tmp_path, synthetic_dataset):
    window = make_window(qtbot, tmp_path / "s.ini", synthetic_dataset)
    out = tmp_path / "alle"
    out.mkdir()
    result = window.sheet_output.export_all(out, size="kvadrat")
    assert len(result.written) == 98
    assert len(list(out.glob("*.png"))) == 98
    assert "98 faktaark gemt" in window.tell.message_box.text()


def test_export_all_with_bundled_data_says_what_was_skipped(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    result = window.sheet_output.export_all(tmp_path, size="kvadrat")
    assert [p.name for p in result.written] == ["almene-boliger-glostrup-2024-kvadrat.png"]
    assert "97 kommuner blev sprunget over" in window.tell.message_box.text()


def test_print_goes_through_the_factsheet_renderer(qtbot, tmp_path):
    from pypdf import PdfReader

    window = make_window(qtbot, tmp_path / "s.ini")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "udskrift.pdf"))
    window.sheet_output.print_to(printer)
    text = " ".join(PdfReader(tmp_path / "udskrift.pdf").pages[0].extract_text().split())
    assert "GLOSTRUP KOMMUNE" in text and "4.451" in text and "333 mio. kr." in text


def pdf_texts(path):
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_dialog_previews_both_pages_of_the_whole_sheet_and_writes_them(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.menus.actions["export"].trigger()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    one_page = dialog.preview.pixmap().toImage()
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    assert dialog.layout_choice.currentData() == "fuld"  # the default for an A4 PDF
    assert dialog.path_edit.text().endswith("almene-boliger-glostrup-2024-fuld.pdf")
    preview = dialog.preview.pixmap()
    assert preview.width() > preview.height()  # two portrait pages side by side
    assert preview.toImage() != one_page
    # on a screen as narrow as 1366×768 at 150 % (the test screen is 800 wide) the dialog still fits, buttons and all
    from almen_gui.qt.common.screens import screen_of

    qtbot.waitUntil(lambda: dialog.frameGeometry().width() <= screen_of(dialog).availableGeometry().width())
    button = dialog.save_button
    assert dialog.rect().contains(QRect(button.mapTo(dialog, QPoint(0, 0)), button.size()))
    dialog.path_edit.setText(str(tmp_path / "ark.pdf"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    pages = pdf_texts(tmp_path / "ark.pdf")
    assert len(pages) == 2 and "4.451" in pages[0] and "BL.dk" in pages[1]
    assert str(tmp_path / "ark.pdf") in window.statusBar().currentMessage()


def test_dialog_offers_the_carousel_for_square_pngs(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.menus.actions["export"].trigger()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    assert not dialog.carousel.isVisible()  # only squares can be a carousel
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("kvadrat"))
    assert dialog.carousel.isVisible() and not dialog.layout_choice.isEnabled()
    qtbot.mouseClick(dialog.carousel, Qt.MouseButton.LeftButton)
    assert dialog.carousel.isChecked()
    preview = dialog.preview.pixmap()
    assert preview.width() > preview.height()  # six squares in two rows of three
    assert "6 filer" in dialog.files_label.text()
    dialog.path_edit.setText(str(tmp_path / "opslag.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    written = sorted(p.name for p in tmp_path.glob("opslag-*.png"))
    assert written == [f"opslag-{n}.png" for n in range(1, 7)]
    assert all(QImage(str(tmp_path / n)).size().toTuple() == (1080, 1080) for n in written)
    assert "6 filer gemt" in window.statusBar().currentMessage()


class AcceptingPrintDialog:
    """Stands in for QPrintDialog: the user presses Print, and the printer writes a PDF we can read."""

    target = None
    DialogCode = QPrintDialog.DialogCode

    def __init__(self, printer, parent=None):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.target))

    def exec(self):
        return QPrintDialog.DialogCode.Accepted


@pytest.fixture
def print_to_pdf(monkeypatch, tmp_path):
    import PySide6.QtPrintSupport

    AcceptingPrintDialog.target = tmp_path / "udskrift.pdf"
    monkeypatch.setattr(PySide6.QtPrintSupport, "QPrintDialog", AcceptingPrintDialog)
    return AcceptingPrintDialog.target


def test_ctrl_p_prints_both_pages_and_says_so(qtbot, tmp_path, print_to_pdf, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args) or QMessageBox.StandardButton.No)
    window = make_window(qtbot, tmp_path / "s.ini")
    assert window.menus.actions["print"].shortcut().toString() == "Ctrl+P"
    window.menus.actions["print"].trigger()
    pages = pdf_texts(print_to_pdf)
    assert len(pages) == 2 and "GLOSTRUP KOMMUNE" in pages[0] and "333 mio. kr." in pages[0]
    assert not asked  # nothing missing, nothing to confirm
    assert "Faktaarket for Glostrup Kommune er sendt til printeren" in window.statusBar().currentMessage()


@pytest.mark.parametrize("answer, printed", [(QMessageBox.StandardButton.No, False),
                                             (QMessageBox.StandardButton.Yes, True)])
def test_ctrl_p_on_missing_figures_asks_as_export_does(qtbot, tmp_path, print_to_pdf, monkeypatch, answer, printed):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *rest: asked.append(text) or answer)
    window = make_window(qtbot, tmp_path / "s.ini", kode=751)
    window.menus.actions["print"].trigger()
    assert len(asked) == 1 and "Aarhus Kommune mangler 12 tal" in asked[0]
    assert print_to_pdf.exists() == printed
    assert ("sendt til printeren" in window.statusBar().currentMessage()) == printed
    if printed:  # the first page's sentences say plainly what is missing; none has "ikke oplyst" for a number
        first = pdf_texts(print_to_pdf)[0]
        assert "Datasættet har ikke kommunens tal for" in first and "ikke oplyst" not in first


def test_preview_of_both_pages_is_shown_whole(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.menus.actions["export"].trigger()
    dialog = window.sheet_output.export_dialog
    qtbot.addWidget(dialog)
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("pdf"))
    qtbot.waitUntil(lambda: dialog.preview.width() >= dialog.preview.pixmap().width())
    assert dialog.preview.height() >= dialog.preview.pixmap().height()


def test_a_broken_text_template_is_one_sentence_not_a_crash(qtbot, tmp_path, monkeypatch):
    from almen_gui.factsheet import spec as spec_module

    broken = tmp_path / "faktaark.toml"
    broken.write_text('headline = "ALMENE BOLIGER I {kommune}"\n[fuld\n', encoding="utf-8")  # an editing slip
    monkeypatch.setattr(spec_module, "template_path", lambda: broken)
    window = make_window(qtbot, tmp_path / "s.ini")
    window.menus.actions["export"].trigger()
    said = window.tell.message_box.text()
    assert said == f"Tekstskabelonen {broken} kan ikke læses: der er en skrivefejl i linje 2."
    assert window.sheet_output.export_dialog is None


def test_ctrl_e_opens_the_export_dialog_from_the_search_field_too(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # a window's shortcuts work while it is the active one
    search = window.kommune_list.search
    search.setFocus()
    qtbot.keyClicks(search, "glo")
    # On X11 a line edit claims Ctrl+E ("to the line's end") before shortcuts are looked up; the offscreen platform's
    # key bindings do not, so there only the dialog's opening is checked.
    claim = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(search, claim)
    assert not claim.isAccepted()
    qtbot.keyClick(search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    output = window.sheet_output
    qtbot.waitUntil(lambda: output.export_dialog is not None and output.export_dialog.isVisible())
    qtbot.addWidget(window.sheet_output.export_dialog)
    assert search.text() == "glo"
