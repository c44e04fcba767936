"""The kiosk's rotation, idle reset and PIN delay as plain state machines, driven by a fake clock: no Qt, no waiting."""

from __future__ import annotations

import subprocess
import sys

from almen_gui.qt.kiosk.loop import KioskLoop, PinGuard

PAGES = ("oversigt", "boliger", "kort")


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_loop(clock, koder=(161, 751, 101), pages_for=lambda kode: PAGES, seconds=10, idle=60):
    return KioskLoop(koder, pages_for, seconds, idle, clock)


def test_each_page_shows_for_its_time_then_the_next_kommune_follows():
    clock = FakeClock()
    loop = make_loop(clock)
    seen = [(loop.kode, loop.page)]
    for _ in range(4):
        clock.now += 9.9
        assert not loop.poll()
        clock.now += 0.1
        assert loop.poll()
        seen.append((loop.kode, loop.page))
    assert seen == [(161, "oversigt"), (161, "boliger"), (161, "kort"), (751, "oversigt"), (751, "boliger")]


def test_progress_runs_from_zero_to_one_over_a_page():
    clock = FakeClock()
    loop = make_loop(clock)
    assert loop.progress() == 0
    clock.now += 2.5
    assert loop.progress() == 0.25


def test_a_touch_pauses_and_the_idle_timeout_starts_over():
    clock = FakeClock()
    loop = make_loop(clock)
    loop.next_page()
    loop.pick(461)
    assert (loop.kode, loop.page, loop.paused) == (461, "oversigt", True)
    clock.now += 59  # pages would have changed five times; a visitor is reading
    assert not loop.poll() and loop.progress() == 0
    clock.now += 1
    assert loop.poll()
    assert (loop.kode, loop.page, loop.paused) == (161, "oversigt", False)


def test_every_kommune_has_its_own_pages():
    clock = FakeClock()
    loop = make_loop(clock, koder=(161, 751), pages_for=lambda kode: PAGES if kode == 161 else ("kort",))
    loop.advance()
    loop.advance()
    loop.advance()
    assert (loop.kode, loop.page) == (751, "kort")
    loop.advance()
    assert (loop.kode, loop.page) == (161, "oversigt")


def test_previous_page_wraps_to_the_kommunes_last_page():
    loop = make_loop(FakeClock())
    loop.previous_page()
    assert (loop.kode, loop.page) == (161, "kort")


def test_new_kommuner_keep_the_one_on_screen_if_it_is_still_there():
    loop = make_loop(FakeClock())
    loop.advance()
    loop.set_koder([101, 161])
    assert (loop.kode, loop.page) == (161, "boliger")
    loop.set_koder([751])
    assert (loop.kode, loop.page) == (751, "oversigt")


def test_wrong_pins_bring_a_doubling_delay_and_the_right_pin_waits_too():
    clock = FakeClock()
    guard = PinGuard("2468", clock)
    delays = []
    for _ in range(5):
        assert not guard.check("1111")
        delays.append(guard.wait_seconds())
        assert not guard.check("2468")  # refused while the delay runs, however right
        clock.now += guard.wait_seconds()
    assert delays == [1, 2, 4, 8, 16]
    assert guard.check("2468")
    assert not guard.check("1111") and guard.wait_seconds() == 1  # a success starts the count over


def test_the_delay_stops_growing_at_five_minutes():
    clock = FakeClock()
    guard = PinGuard("2468", clock)
    for _ in range(20):
        guard.check("0000")
        clock.now += guard.wait_seconds()
    guard.check("0000")
    assert guard.wait_seconds() == 300


def test_the_loop_needs_no_qt():
    code = "import sys, almen_gui.qt.kiosk.loop; print(any(m.startswith('PySide6') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
