"""Kiosk mode as the public and the staff meet it: pages that change and read right, the touch controls, the idle
reset, the lock-down and the PIN, screen care, data reloads, kiosk.ini, and starting it."""

from __future__ import annotations

import csv
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication

from almen_gui.factsheet import style
from almen_gui.factsheet.spec import load_template
from almen_gui.model import load_bundled_dataset, load_dataset
from almen_gui.model.formatting import MISSING
from almen_gui.model.geo import BUNDLED_ATTRIBUTION
from almen_gui.model.metadata import load_metadata
from almen_gui.qt.kiosk.controller import open_kiosk
from almen_gui.qt.kiosk.config import KioskConfig, KioskConfigError, load_kiosk_config
from almen_gui.qt.kiosk.pages import KioskPages
from almen_gui.qt.common.screens import screen_of
from almen_gui.qt.common.state import AppState
from image_checks import differing_fraction, to_array
from synthetic import synthetic_values

# The pages of a kommune with all of BL's figures and no Danmarks Statistik figures, in the loop's order
KIOSK_PAGES = ("oversigt", "boliger", "oekonomi", "vidste_du", "sammenligning", "kort")
CHORD = (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
         | Qt.KeyboardModifier.ShiftModifier)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def kiosk(qtbot, synthetic_dataset):
    def make(dataset=None, clock=None, size=(1280, 720), state=None, **options):
        config = KioskConfig(**{"kommuner": ["Glostrup", "Aarhus", "101"], "seconds_per_page": 60,
                                "idle_timeout": 60, **options})
        state = state or AppState(dataset or synthetic_dataset, 161)
        window, controller = open_kiosk(state, config, full_screen=False, **({"clock": clock} if clock else {}))
        qtbot.addWidget(window)
        window.resize(*size)
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: page_size(window) == (window.view.width(), window.view.height()), timeout=3000)
        made.append((window, controller))
        return window, controller

    made = []
    yield make
    for window, controller in made:
        controller.stop()
        window.leave()
    from almen_gui.qt.common import crash

    crash.set_dialogs_enabled(True)


def page_size(window) -> tuple[int, int]:
    pixmap = window.view.current_pixmap()
    return round(pixmap.width() / pixmap.devicePixelRatio()), round(pixmap.height() / pixmap.devicePixelRatio())


def page_image(window):
    return to_array(window.view.current_pixmap().toImage())


def progress_fraction(window) -> float:
    """How much of the progress line at the bottom of the screen is filled."""
    image = window.view.grab().toImage()
    y = image.height() - 4
    accent = QColor(style.ACCENT).rgb()
    return sum(image.pixel(x, y) == accent for x in range(image.width())) / image.width()


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def kiosk_on_screen():
    """The kiosk window a user sees: the one visible KioskWindow."""
    from almen_gui.qt.kiosk.window import KioskWindow

    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]
    return window


def top_level_count() -> int:
    return len([w for w in QApplication.topLevelWidgets() if w.isVisible()])


# --- the loop ----------------------------------------------------------------------------------------------------------
def test_rotates_through_pages_then_kommuner(kiosk):
    window, controller = kiosk()
    shown = []
    controller.page_shown.connect(lambda page, kode: shown.append((page, kode)))
    for _ in range(len(KIOSK_PAGES)):
        controller.advance()
    rest = len(KIOSK_PAGES) - 1
    assert [page for page, _ in shown[:rest]] == list(KIOSK_PAGES[1:])
    assert all(kode == 161 for _, kode in shown[:rest])
    assert shown[-1] == ("oversigt", 751)
    assert controller.state.kode == 751
    assert window.page_label.text() == f"Overblik · 1/{len(KIOSK_PAGES)}"


def test_pages_change_on_their_own_and_the_progress_line_moves(qtbot, kiosk):
    clock = FakeClock()
    window, controller = kiosk(clock=clock, seconds_per_page=10)
    first = page_image(window)
    clock.now += 5
    qtbot.waitUntil(lambda: 0.4 < progress_fraction(window) < 0.6, timeout=3000)
    clock.now += 5
    qtbot.waitUntil(lambda: window.page_label.text().startswith("Boliger"), timeout=3000)
    assert differing_fraction(first, page_image(window)) > 0.02


def test_next_and_previous_buttons_step_through_pages(qtbot, kiosk):
    window, controller = kiosk()
    first = page_image(window)
    click(qtbot, window.next_button)
    assert window.page_label.text() == f"Boliger · 2/{len(KIOSK_PAGES)}"
    assert differing_fraction(first, page_image(window)) > 0.02
    click(qtbot, window.previous_button)
    click(qtbot, window.previous_button)
    assert window.page_label.text() == f"Kort · {len(KIOSK_PAGES)}/{len(KIOSK_PAGES)}"
    assert controller.state.kode == 161


def test_a_visitor_pauses_the_loop_and_the_idle_time_starts_it_over(qtbot, kiosk):
    clock = FakeClock()
    window, controller = kiosk(clock=clock, seconds_per_page=10, idle_timeout=60)
    click(qtbot, window.pick_button)
    assert window.picker.isVisible()
    item = window.picker_list.findItems("Aarhus", Qt.MatchFlag.MatchExactly)[0]
    window.picker_list.scrollToItem(item)
    qtbot.mouseClick(window.picker_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.picker_list.visualItemRect(item).center())
    assert controller.state.kode == 751 and window.page_label.text().startswith("Overblik")
    assert not window.picker.isVisible()
    shown = []
    controller.page_shown.connect(lambda page, kode: shown.append((page, kode)))
    clock.now += 61  # past both the page's time and the idle time: the pause wins, so the loop starts over
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown[0] == ("oversigt", 161)
    assert controller.state.kode == 161


@pytest.mark.parametrize("name", ["Sammenligning", "Kort"])
def test_the_first_chart_and_map_pages_are_drawn_whole(qtbot, kiosk, name):
    window, controller = kiosk(size=(1366, 768))
    while not window.page_label.text().startswith(name):
        click(qtbot, window.next_button)
    first = page_image(window)
    click(qtbot, window.previous_button)
    click(qtbot, window.next_button)
    again = page_image(window)
    assert differing_fraction(first, again, threshold=8) == 0  # e.g. the value axis has its numbers the first time


def test_the_controls_leave_the_source_line_visible_at_1366x768(qtbot, kiosk):
    window, controller = kiosk(size=(1366, 768))
    page = window.view.current_pixmap().toImage()
    qtbot.waitUntil(lambda: window.previous_button.isVisible())
    screen = window.grab().toImage()
    background = QColor(style.BACKGROUND).rgb()
    source_rows = [y for y in range(round(0.8 * page.height()), page.height() - 10)
                   if any(page.pixel(x, y) != background for x in range(0, page.width() // 2, 2))]
    assert source_rows, "the page has a source line near its bottom"
    covered = [(x, y) for y in source_rows for x in range(0, page.width() // 2, 2)
               if page.pixel(x, y) != background and screen.pixel(x, y) != page.pixel(x, y)]
    assert not covered
    assert window.previous_button.geometry().top() > max(source_rows)


# --- what is offered, and that every sentence reads right ----------------------------------------------------------
class RecordingPainter(QPainter):
    """Paints as usual and keeps every text it is asked to draw."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args):  # noqa: N802 (Qt override)
        self.texts.append(next(a for a in args if isinstance(a, str)))
        return super().drawText(*args)


def write_gappy_csv(path, rows: dict[int, set[str]]):
    """SYNTHETIC figures for the given kommuner, leaving out the named figures ("*": all of them)."""
    names = load_metadata().figure_names
    bundled = load_bundled_dataset().kommuner
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kode", "navn", *names])
        for kode, left_out in rows.items():
            values = synthetic_values(kode)
            writer.writerow([kode, bundled.by_code(kode).navn,
                             *("" if "*" in left_out or n in left_out else values[n] for n in names)])
    return path


ECONOMY = {"huslejeomsaetning_mio_kr", "lokal_omsaetning_mio_kr", "renovering_lbf_mio_kr"}
DWELLINGS = {"ungdomsboliger", "familieboliger", "aeldreboliger"}


def page_texts(pages: KioskPages, kode: int, page: str) -> list[str]:
    image = QImage(960, 540, QImage.Format.Format_RGB32)
    painter = RecordingPainter(image)
    try:
        pages.paint(painter, kode, page, 960, 540)
    finally:
        painter.end()
    return painter.texts


@pytest.mark.parametrize("gaps", [
    {161: set(), 751: {"beboere"}, 101: ECONOMY, 461: DWELLINGS, 147: {"*"}, 153: {"*"},
     155: {"fraflytning_familieboliger_pct", "igangsat_familieboliger"}},
    {161: set(), 751: DWELLINGS, 101: DWELLINGS | {"beboere"}},  # one kommune with the total: no comparison
], ids=["many-gaps", "too-few-to-compare"])
def test_every_sentence_reads_right_for_every_kommune_offered(tmp_path, gaps, request):
    dataset = load_dataset(write_gappy_csv(tmp_path / "huller.csv", gaps))
    pages = KioskPages(AppState(dataset))
    request.addfinalizer(pages.close)  # its offscreen plots are freed by Qt now, not by a later garbage collection
    offered = pages.offered()
    assert 153 not in offered and 147 not in offered  # nothing of their own to show
    have_total = [kode for kode in gaps if dataset.value(kode, "boliger_i_alt") is not None]
    for kode in offered:
        for page in pages.pages_for(kode):
            for text in page_texts(pages, kode, page):
                if MISSING in text:  # only a bar's own value may say it, never a sentence or a tile's caption
                    assert text == MISSING and page == "boliger", (kode, page, text)
                assert " af 1 kommuner" not in text and " af 2 kommuner" not in text
        assert ("sammenligning" in pages.pages_for(kode)) == (len(have_total) >= 3 and kode in have_total)
        assert ("oversigt" in pages.pages_for(kode)) == ("beboere" not in gaps[kode])


@pytest.mark.parametrize("page, missing", [
    ("oversigt", {"andel_af_boligmassen_pct"}),  # two of the overview's three tiles
    ("oekonomi", {"huslejeomsaetning_mio_kr", "lokal_omsaetning_mio_kr"}),  # one of the economy page's three
])
def test_a_page_with_figures_left_out_shows_the_rest_in_the_middle(tmp_path, request, page, missing):
    dataset = load_dataset(write_gappy_csv(tmp_path / "huller.csv", {161: set(), 751: missing}))
    pages = KioskPages(AppState(dataset))
    request.addfinalizer(pages.close)
    assert page in pages.pages_for(751)
    image = pages.pixmap(751, page, 1366, 768).toImage()
    panel = QColor(style.PANEL).rgb()
    top = round(768 * (0.525 if page == "oversigt" else 0.245))  # just inside the tiles' top edge, above their text
    filled = [x for x in range(image.width()) if image.pixel(x, top) == panel]
    assert filled, "no tile drawn"
    left, right = filled[0], image.width() - 1 - filled[-1]
    assert abs(left - right) <= 2, (left, right)


def test_a_line_added_to_the_templates_key_figures_moves_no_tile_to_another_page(request):
    """The overview and the economy page take their tiles by the figures' group, not by their place in the list: a
    caption added for the residents (first in the metadata's order) leaves both pages as they were."""
    state = AppState(load_bundled_dataset())
    pages = KioskPages(state)
    request.addfinalizer(pages.close)
    before = {page: page_texts(pages, 161, page) for page in ("oversigt", "oekonomi")}
    edited = load_template()
    edited["noegletal"] = {"beboere": "mennesker bor i almene boliger ({periode})", **edited["noegletal"]}
    pages.template = edited
    state.set_dataset(state.dataset)  # the pages forget the sheets built from the bundled template
    assert "af kommunens boliger er almene" in " ".join(before["oversigt"]).replace("\n", " ")  # the share's tile
    for page, texts in before.items():
        assert page_texts(pages, 161, page) == texts, page


def test_the_map_page_coloured_by_region_credits_the_kommune_data_not_the_figures(request):
    pages = KioskPages(AppState(load_bundled_dataset()))
    request.addfinalizer(pages.close)
    joined = " | ".join(page_texts(pages, 161, "kort"))
    assert "Glostrup Kommune på Danmarkskortet" in joined
    # the dots show where the kommuner are and their region, no figure: the kommune data is the source
    assert "Kommunedata: Danmarks Administrative Geografiske Inddeling (DAGI), Geodatastyrelsen 2014." in joined
    assert "Kilde til kommunens tal" not in joined


def test_the_pages_follow_a_dataset_set_on_the_state(request, synthetic_dataset):
    from almen_gui.model.formatting import format_number

    state = AppState(load_bundled_dataset())
    pages = KioskPages(state)
    request.addfinalizer(pages.close)
    assert pages.offered() == [161]
    state.set_dataset(synthetic_dataset)  # as the data watcher, or the window's Åbn datasæt, sets it
    assert 751 in pages.offered() and "oversigt" in pages.pages_for(751)
    assert format_number(synthetic_dataset.value(751, "beboere")) in page_texts(pages, 751, "oversigt")
def test_kiosk_ini_s_kommuner_limit_vaelg_kommune_as_they_limit_the_rotation(qtbot, kiosk):
    window, controller = kiosk()  # kiosk.ini: kommuner = Glostrup, Aarhus, 101; the synthetic data has all 98
    click(qtbot, window.pick_button)
    assert window.picker.isVisible()
    names = [window.picker_list.item(i).text() for i in range(window.picker_list.count())]
    assert names == ["Aarhus", "Glostrup", "København"] and sorted(controller.loop.koder) == [101, 161, 751]
    everything, _ = kiosk(kommuner=[])
    assert everything.picker_list.count() == 98  # without the setting, every kommune with figures


def test_the_bundled_data_offers_glostrup_only_and_the_picker_says_so(qtbot, kiosk, caplog):
    with caplog.at_level(logging.WARNING):
        window, controller = kiosk(dataset=load_bundled_dataset(), kommuner=["Aarhus", "Glostrup"])
    assert [window.picker_list.item(i).text() for i in range(window.picker_list.count())] == ["Glostrup"]
    assert "Aarhus har ingen tal" in caplog.text
    for _ in range(len(KIOSK_PAGES) + 1):
        click(qtbot, window.next_button)
        assert controller.state.kode == 161
    assert not window.page_label.text().startswith("Sammenligning")  # one kommune: nothing to compare with


def test_default_kommuner_are_those_with_complete_data(qtbot, kiosk):
    window, controller = kiosk(dataset=load_bundled_dataset(), kommuner=[])
    assert window.picker_list.count() == 1 and controller.state.kode == 161


# --- the lock-down -----------------------------------------------------------------------------------------------------
def test_escape_alt_f4_ctrl_q_ctrl_w_and_closing_do_not_exit(qtbot, kiosk):
    window, controller = kiosk()
    before = top_level_count()
    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                          (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(window, key, modifier)
    window.close()
    assert window.isVisible()
    assert top_level_count() == before


def test_right_clicks_open_no_menu_and_no_window(qtbot, kiosk):
    window, controller = kiosk(pin="2468")
    while not window.page_label.text().startswith("Sammenligning"):
        click(qtbot, window.next_button)
    qtbot.keyClick(window, *CHORD)
    before = top_level_count()
    for target in (window, window.view, window.pick_button, window.pin_panel.edit, window.picker_list.viewport()):
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), target.mapToGlobal(QPoint(10, 10)))
        QApplication.sendEvent(target, event)
        press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(10, 10), QPointF(target.mapToGlobal(QPoint(10, 10))),
                            Qt.MouseButton.RightButton, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, press)
    QApplication.processEvents()
    assert top_level_count() == before
    assert QApplication.activePopupWidget() is None and QApplication.activeModalWidget() is None


def test_admin_chord_exits(qtbot, kiosk):
    window, controller = kiosk()
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        qtbot.keyClick(window, *CHORD)
    assert not window.isVisible()


def enter_pin(qtbot, window, digits: str) -> None:
    for digit in digits:
        click(qtbot, window.pin_panel.buttons[digit])
    click(qtbot, window.pin_panel.buttons["OK"])


def test_a_wrong_pin_locks_the_panel_for_a_while_then_the_right_pin_exits(qtbot, kiosk):
    window, controller = kiosk(pin="2468")
    qtbot.keyClick(window, *CHORD)
    assert window.pin_panel.isVisible() and window.isVisible()
    enter_pin(qtbot, window, "1111")
    assert window.isVisible()
    assert window.pin_panel.message.text() == "Forkert PIN. Prøv igen om 1 sekund."
    assert not window.pin_panel.buttons["OK"].isEnabled() and not window.pin_panel.buttons["2"].isEnabled()
    click(qtbot, window.pin_panel.buttons["OK"])
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.pin_panel.buttons["OK"].isEnabled(), timeout=5000)
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        enter_pin(qtbot, window, "2468")
    assert not window.isVisible()


def test_the_idle_reset_closes_the_pin_panel_and_forgets_its_digits(qtbot, kiosk):
    clock = FakeClock()
    window, controller = kiosk(clock=clock, pin="2468")
    qtbot.keyClick(window, *CHORD)
    for digit in "246":
        click(qtbot, window.pin_panel.buttons[digit])
    assert window.pin_panel.edit.text() == "246"
    clock.now += 61
    qtbot.waitUntil(lambda: not window.pin_panel.isVisible(), timeout=3000)
    qtbot.keyClick(window, *CHORD)
    assert window.pin_panel.isVisible() and window.pin_panel.edit.text() == ""


# --- screen care -------------------------------------------------------------------------------------------------------
def test_cursor_hides_after_stillness_and_returns_on_movement(qtbot, kiosk):
    window, controller = kiosk(cursor_hide_seconds=0.1)
    qtbot.waitUntil(lambda: window.cursor().shape() == Qt.CursorShape.BlankCursor, timeout=2000)
    qtbot.mouseMove(window.view, QPoint(50, 50))
    qtbot.mouseMove(window.view, QPoint(60, 60))
    assert window.cursor().shape() != Qt.CursorShape.BlankCursor
    assert QApplication.overrideCursor() is None  # only the kiosk's own window hides it


def test_burn_in_shift_moves_the_picture_a_few_pixels(qtbot, kiosk):
    window, controller = kiosk(shift_seconds=0.05)
    page = to_array(window.view.current_pixmap().toImage())
    height, width = page.shape[0] - 20, page.shape[1]  # above the progress line
    inner = page[10:height - 10, 10:width - 10]

    def offset():
        """How far the picture on screen is moved from the page, or None if it is not the page moved."""
        shown = to_array(window.view.grab().toImage())
        for dx in range(-3, 4):
            for dy in range(-3, 4):
                if differing_fraction(shown[10 + dy:height - 10 + dy, 10 + dx:width - 10 + dx], inner) == 0:
                    return dx, dy
        return None

    qtbot.waitUntil(lambda: offset() not in (None, (0, 0)), timeout=3000)


# --- data --------------------------------------------------------------------------------------------------------------
def test_a_half_written_data_file_is_not_shown_and_a_broken_one_keeps_the_last_good_data(qtbot, kiosk, synthetic_csv,
                                                                                          tmp_path, caplog):
    data = tmp_path / "kiosk.csv"
    shutil.copy(synthetic_csv, data)
    window, controller = kiosk(dataset=load_dataset(data), data_file=str(data), data_settle_seconds=0.05)
    good = controller.state.dataset
    lines = synthetic_csv.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("101,"))
    lines[row] = lines[row].replace(",2010,", ",9999,", 1)  # København's residents
    new = "".join(lines)
    data.write_text(new[: len(new) // 2], encoding="utf-8")  # the writer is half-way
    controller.watcher.check()
    assert controller.state.dataset is good
    with qtbot.waitSignal(controller.watcher.loaded, timeout=3000):
        data.write_text(new, encoding="utf-8")
        controller.watcher.check()
    assert controller.state.dataset.value(101, "beboere") == 9999
    assert window.picker_list.count() == 3  # kiosk.ini's three kommuner, now that all three have figures
    last_good = controller.state.dataset
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(controller.watcher.failed, timeout=3000):
        data.write_text("kode,beboere\n161,-5\n", encoding="utf-8")
        controller.watcher.check()
    assert controller.state.dataset is last_good
    assert "de sidste gode tal vises fortsat" in caplog.text
    assert top_level_count() == 1  # no dialog, only the kiosk


def test_the_data_watcher_never_opens_a_named_pipe(qtbot, tmp_path):
    from almen_gui.qt.loading.data_watcher import DataFileWatcher

    pipe = tmp_path / "tal.csv"
    os.mkfifo(pipe)  # reading it would block the kiosk for good
    watcher = DataFileWatcher(pipe, settle_seconds=0)
    heard = []
    watcher.loaded.connect(heard.append)
    watcher.failed.connect(heard.append)
    watcher.check()
    watcher.check()
    assert heard == []


def test_after_stop_the_kiosk_draws_nothing_more(qtbot, kiosk, synthetic_csv):
    window, controller = kiosk()
    shown = []
    controller.page_shown.connect(lambda page, kode: shown.append(page))
    before = window.view.current_pixmap().cacheKey()
    controller.stop()
    controller.state.set_dataset(load_dataset(synthetic_csv))
    click(qtbot, window.next_button)
    assert shown == [] and window.view.current_pixmap().cacheKey() == before


# --- kiosk.ini and starting ------------------------------------------------------------------------------------------
def test_kiosk_config_file(tmp_path, caplog):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\nkommuner = Glostrup, 0751\nsekunder_pr_side = 12\ninaktiv_efter = abc\n"
                    "admin_tast = Ctrl+Alt+K\npin = 1234\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        config = load_kiosk_config(path)
    assert config.kommuner == ["Glostrup", "0751"]
    assert config.seconds_per_page == 12 and config.idle_timeout == 60  # a bad number keeps its default
    assert config.admin_chord == "Ctrl+Alt+K" and config.pin == "1234"
    assert "inaktiv_efter" in caplog.text
    assert load_kiosk_config() == KioskConfig()  # no kiosk.ini in its usual place: the defaults


@pytest.mark.parametrize("content, says", [
    (None, "findes ikke"),  # a mistyped --kiosk-config: its PIN must not quietly go missing
    ("pin = 4711\n", "linje 1 står før linjen [kiosk]"),
    ("[Kiosk]\npin = 4711\n", "har [Kiosk], men ingen linje [kiosk]"),
    ("[kiosk]\npin = 4711\npin = 1234\n", "pin står to gange (linje 3)"),
    ("[kiosk]\npin 4711\n", "linje 2 er ikke en indstilling"),
    ("[kiosk]\nkommuner = K\xf8ge\n".encode("latin-1"), "ikke gemt som UTF-8"),
])
def test_a_settings_file_that_was_named_but_cannot_be_used_refuses_the_kiosk(tmp_path, content, says):
    path = tmp_path / "kiosk.ini"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path)
    message = str(caught.value)
    assert says in message and str(path) in message and message.endswith("kiosken startes ikke.")


@pytest.mark.parametrize("content", ["", "# kiosken kører på standardværdierne\n", "\ufeff[kiosk]\nkommuner = Glostrup\n"])
def test_an_empty_kiosk_ini_or_one_saved_with_a_byte_order_mark_is_read(tmp_path, content):
    path = tmp_path / "kiosk.ini"
    path.write_text(content, encoding="utf-8")
    assert load_kiosk_config(path).kommuner == (["Glostrup"] if "kommuner" in content else [])


@pytest.mark.parametrize("line, says", [
    ('pin = "4711"', "pin"), ("pin = 47 11", "pin"), ("pin = ⁴⁷¹¹", "pin"), ("admin_tast = Ctrl+Alt+Shfit+Q", "admin_tast"),
    ("admin_tast = Q", "admin_tast"), ("kommuner = Glostrup, ²", "kommuner"), ("kommuner = Glostrop", "kommuner"),
    ("kommuner = 999", "kommuner"),
    ("dst_opdatering = ugentligt", "dst_opdatering"),
    ("pin = 1234567890123", "pin"),  # more digits than anyone types on the kiosk's keypad
    ("datafil = /tmp/" + "a" * 300 + ".csv", "datafil"), ("kommunegraenser = " + "/a" * 600, "kommunegraenser"),
])
def test_an_unusable_setting_refuses_the_kiosk(tmp_path, line, says):
    path = tmp_path / "kiosk.ini"
    path.write_text(f"[kiosk]\n{line}\n", encoding="utf-8")
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path)
    message = str(caught.value)
    assert f"{says} = " in message and message.endswith("kiosken startes ikke.") and "\n" not in message


@pytest.mark.parametrize("content, says", [('[kiosk]\npin = "4711"\n', 'pin = "4711" må kun være cifre'),
                                           (None, "kiosk-typo.ini) findes ikke")])
def test_almen_gui_kiosk_with_a_bad_pin_or_a_mistyped_settings_file_says_so_on_stderr_and_in_the_log(
        tmp_path, content, says):
    path = tmp_path / ("kiosk.ini" if content else "kiosk-typo.ini")
    if content:
        path.write_text(content, encoding="utf-8")
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ALMEN_GUI_HOME": str(home)}
    code = "import sys; from almen_gui.cli import gui_main; sys.exit(gui_main())"
    done = subprocess.run([sys.executable, "-c", code, "--kiosk-config", str(path), "--new-instance"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and says in lines[0]
    logged = "".join(p.read_text(encoding="utf-8") for p in home.rglob("*.log"))
    assert "kiosken startes ikke" in logged


def _fifo(tmp_path):
    os.mkfifo(tmp_path / "kiosk.ini")
    return tmp_path / "kiosk.ini"


def _huge(tmp_path):
    (tmp_path / "kiosk.ini").write_text("[kiosk]\npin = " + "7" * 10_000_000 + "\n", encoding="utf-8")
    return tmp_path / "kiosk.ini"


@pytest.mark.parametrize("make, says", [
    (lambda tmp_path: Path("/dev/zero"), "kiosk.ini (/dev/zero) kan ikke læses: er ikke en almindelig fil"),
    (_fifo, "kan ikke læses: er ikke en almindelig fil, men fx en pipe eller en enhed"),
    (_huge, "kan ikke læses: filen er for stor (over 64 kB)"),
    (lambda tmp_path: tmp_path, "kan ikke læses: er en mappe, ikke en fil"),
], ids=["dev-zero", "fifo", "10-mb-pin", "folder"])
def test_almen_gui_kiosk_config_that_is_no_small_regular_file_is_one_sentence(tmp_path, make, says):
    # In a subprocess: reading /dev/zero or a FIFO to its end would hang this test for ever.
    path = make(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ALMEN_GUI_HOME": str(tmp_path / "home")}
    code = "import sys; from almen_gui.cli import gui_main; sys.exit(gui_main())"
    done = subprocess.run([sys.executable, "-c", code, "--kiosk-config", str(path), "--new-instance"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and says in lines[0] and lines[0].endswith("kiosken startes ikke.")


def test_a_data_file_path_too_long_for_any_file_system_is_logged_and_the_kiosk_runs(qtbot, kiosk, caplog, tmp_path):
    long_path = str(tmp_path / ("a" * 300 + ".csv"))  # as `almen-gui --kiosk --data` hands it over
    with caplog.at_level(logging.INFO):
        window, controller = kiosk(data_file=long_path)
    assert "navnet er for langt" in caplog.text and "Traceback" not in caplog.text
    click(qtbot, window.next_button)
    assert window.page_label.text()


def test_the_menu_with_a_bad_kiosk_ini_tells_the_user_and_keeps_the_window(qtbot, tmp_path, monkeypatch):
    from qt_helpers import make_window

    config = tmp_path / "config"
    config.mkdir()
    (config / "kiosk.ini").write_text("[kiosk]\nadmin_tast = Ctrl+Alt+Shfit+Q\n", encoding="utf-8")
    monkeypatch.setenv("ALMEN_GUI_CONFIG", str(config))
    window = make_window(qtbot, tmp_path / "s.ini")
    window.menus.actions["kiosk"].trigger()
    qtbot.waitUntil(lambda: window.tell.message_box.isVisible(), timeout=3000)
    assert "admin_tast" in window.tell.message_box.text()
    assert window.isVisible()
    window.tell.message_box.close()


def test_almen_gui_kiosk_fills_the_screen_on_the_figures_and_falls_back_to_the_bundled_ones(
        qtbot, tmp_path, caplog, runtime_dir, gui_entry):
    from almen_gui.qt.start import launch
    from almen_gui.qt.kiosk.window import KioskWindow

    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\nsekunder_pr_side = 30\n", encoding="utf-8")
    bad = tmp_path / "tal.csv"
    bad.write_text("kode,beboere\n161,-5\n", encoding="utf-8")

    def kiosk_on_screen():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible())
        qtbot.waitExposed(window)
        assert window.isFullScreen() and window.geometry() == QApplication.primaryScreen().geometry()
        qtbot.waitUntil(lambda: page_size(window) == (window.view.width(), window.view.height()), timeout=3000)
        assert window.page_label.text().startswith("Overblik · 1/")
        assert [window.picker_list.item(i).text() for i in range(window.picker_list.count())] == ["Glostrup"]
        return 0

    gui_entry.then = kiosk_on_screen
    with caplog.at_level(logging.ERROR):
        assert launch.run_gui(["--kiosk", "--kiosk-config", str(path), "--data", str(bad)]) == 0
    assert "viser de medfølgende tal" in caplog.text


def test_the_menu_hands_the_screen_to_the_kiosk_on_the_figures_and_gets_it_back(qtbot, tmp_path, monkeypatch):
    from qt_helpers import make_window

    monkeypatch.setenv("ALMEN_GUI_CONFIG", str(tmp_path / "config"))
    window = make_window(qtbot, tmp_path / "s.ini", kode=751)
    window.menus.actions["kiosk"].trigger()
    kiosk_window = kiosk_on_screen()
    qtbot.addWidget(kiosk_window)
    qtbot.waitExposed(kiosk_window)
    assert kiosk_window.isFullScreen() and kiosk_window.geometry() == screen_of(kiosk_window).geometry()
    assert not window.isVisible()
    qtbot.waitUntil(lambda: page_size(kiosk_window) == (kiosk_window.view.width(), kiosk_window.view.height()),
                    timeout=3000)
    assert kiosk_window.page_label.text().startswith("Overblik · 1/")
    assert window.state.kode == 161  # the window's own state, on the kiosk's first kommune (Aarhus has no figures)
    click(qtbot, kiosk_window.next_button)
    assert kiosk_window.page_label.text().startswith("Boliger · 2/")
    qtbot.waitUntil(kiosk_window.isActiveWindow)  # in front, taking the keys
    with qtbot.waitSignal(kiosk_window.exit_requested, timeout=1000):
        qtbot.keyClick(kiosk_window, *CHORD)
    assert window.isVisible() and not kiosk_window.isVisible()
    assert window.state.kode == 751 and window.heading.title.text() == "Aarhus Kommune"  # where the user was


def test_the_menu_kiosk_with_bad_boundaries_in_kiosk_ini_logs_it_and_opens_no_message(qtbot, tmp_path, monkeypatch,
                                                                                      caplog):
    from qt_helpers import make_window

    config = tmp_path / "config"
    config.mkdir()
    bad = tmp_path / "ødelagt.geojson"
    bad.write_text("{", encoding="utf-8")
    (config / "kiosk.ini").write_text(f"[kiosk]\nkommunegraenser = {bad}\n", encoding="utf-8")
    monkeypatch.setenv("ALMEN_GUI_CONFIG", str(config))
    window = make_window(qtbot, tmp_path / "s.ini")
    window.menus.actions["kiosk"].trigger()
    kiosk_window = kiosk_on_screen()
    qtbot.addWidget(kiosk_window)
    qtbot.waitExposed(kiosk_window)
    with caplog.at_level(logging.ERROR):
        click(qtbot, kiosk_window.previous_button)  # the map page: the state reads kiosk.ini's file now
    assert kiosk_window.page_label.text().startswith("Kort")
    assert "ødelagt.geojson) kan ikke bruges; kortet viser de medfølgende grænser" in caplog.text
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [kiosk_window]  # no message over it
    qtbot.waitUntil(kiosk_window.isActiveWindow)  # in front, taking the keys
    with qtbot.waitSignal(kiosk_window.exit_requested, timeout=1000):
        qtbot.keyClick(kiosk_window, *CHORD)
    assert window.isVisible() and window.state.boundaries.source == BUNDLED_ATTRIBUTION


def test_the_shipped_example_config_gives_the_defaults():
    from almen_gui.qt.kiosk.config import example_path

    assert load_kiosk_config(example_path()) == KioskConfig()


def test_shipped_autostart_entry_and_service_start_the_kiosk():
    from almen_gui import paths

    folder = paths.resources_dir() / "kiosk"
    assert "Exec=almen-gui --kiosk" in (folder / "almen-gui-kiosk.desktop").read_text(encoding="utf-8")
    service = (folder / "almen-gui-kiosk.service").read_text(encoding="utf-8")
    assert "Restart=on-failure" in service and "--kiosk" in service


def test_kiosk_ini_boundaries_are_in_the_state_from_the_kiosks_first_page(kiosk, tmp_path):
    from test_map import feature, geojson, square

    window, controller = kiosk(boundaries_file=str(geojson(tmp_path, [feature(161, square(12.35, 55.65))])))
    assert window.page_label.text().startswith("Overblik · 1/")  # no map drawn yet: a loader read them, not the map
    assert set(controller.state.boundaries.shapes) == {161}


def test_map_page_outlines_the_states_boundaries_read_from_kiosk_ini_and_survives_a_bad_file(
        qtbot, kiosk, tmp_path, caplog, synthetic_dataset):
    from almen_gui.model.geo import load_boundaries
    from test_map import feature, geojson, square

    def map_page(**options):
        window, controller = kiosk(**options)
        click(qtbot, window.previous_button)  # the last page is the map
        assert window.page_label.text().startswith("Kort")
        return page_image(window), controller.state

    outlines = geojson(tmp_path, [feature(161, square(12.35, 55.65))])
    shapes, state = map_page()
    assert state.boundaries.source == BUNDLED_ATTRIBUTION and len(state.boundaries.shapes) == 98  # shapes by default
    outlined, state = map_page(boundaries_file=str(outlines))
    assert differing_fraction(shapes, outlined) > 0.05  # the file's one square and 97 bubbles, not Denmark's shapes
    assert set(state.boundaries.shapes) == {161}  # read by the kiosk's state, which the map page follows
    bad = tmp_path / "bad.geojson"
    bad.write_text("nonsense", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        fallback, state = map_page(boundaries_file=str(bad))
    assert differing_fraction(shapes, fallback) == 0  # the bundled shapes, as without a file
    assert state.boundaries.source == BUNDLED_ATTRIBUTION
    assert "bad.geojson) kan ikke bruges; kortet viser de medfølgende grænser" in caplog.text

    # A state that already has outlines (the window's) keeps them on the kiosk's map, also when kiosk.ini's are bad
    holding = AppState(synthetic_dataset, 161)
    holding.set_boundaries(load_boundaries(outlines, synthetic_dataset.kommuner))
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        kept, state = map_page(state=holding, boundaries_file=str(bad))
    assert differing_fraction(outlined, kept) == 0
    assert state is holding and set(holding.boundaries.shapes) == {161}
    assert "kortet viser de grænser, den havde" in caplog.text


@pytest.mark.slow
def test_kiosk_soak_keeps_its_widgets_and_its_memory(qtbot, kiosk):
    window, controller = kiosk(size=(960, 540))
    windows = top_level_count()
    children = len(window.findChildren(QObject))
    for _ in range(600):
        controller.advance()
    QApplication.processEvents()
    assert len(window.findChildren(QObject)) == children  # pages are painted, nothing is built per page
    assert top_level_count() == windows
