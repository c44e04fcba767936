"""The kiosk's rotation, idle reset and PIN lock-out as plain state machines: no Qt, so a fake clock can test them.

The kiosk controller asks the loop what to show (`poll()` on every tick) and tells it what visitors did.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

Clock = Callable[[], float]  # seconds, never going backwards (time.monotonic)


class KioskLoop:
    """Which kommune and page the kiosk shows, and when it moves on by itself.

    Every kommune has its own list of pages (`pages_for`): a page with nothing to show for a kommune is left out.
    A visitor's touch pauses the rotation; after `idle_timeout` seconds without one the loop starts over.
    """

    def __init__(self, koder: Sequence[int], pages_for: Callable[[int], Sequence[str]], seconds_per_page: float,
                 idle_timeout: float, clock: Clock = time.monotonic):
        self.pages_for = pages_for
        self.seconds_per_page = seconds_per_page
        self.idle_timeout = idle_timeout
        self.clock = clock
        self.koder: list[int] = []
        self.kommune_index = 0
        self.kode = 0
        self.page_index = 0
        self.paused = False
        self._page_since = clock()
        self._touched_at = clock()
        self.set_koder(koder)

    # --- what is shown --------------------------------------------------------------------------------------------
    @property
    def pages(self) -> list[str]:
        return list(self.pages_for(self.kode))

    @property
    def page(self) -> str:
        return self.pages[self.page_index]

    def progress(self) -> float:
        """How far the current page is through its time (0–1); 0 while paused."""
        if self.paused:
            return 0.0
        return min(1.0, (self.clock() - self._page_since) / self.seconds_per_page)

    def set_koder(self, koder: Sequence[int]) -> None:
        """The kommuner to rotate through (new data may change them); keeps the current one if it is still there."""
        if not koder:
            raise ValueError("the kiosk needs at least one kommune to show")
        self.koder = list(koder)
        if self.kode in self.koder:
            self.kommune_index = self.koder.index(self.kode)
        else:
            self.kommune_index = min(self.kommune_index, len(self.koder) - 1)
            self.kode = self.koder[self.kommune_index]
            self.page_index = 0
        self.page_index = min(self.page_index, len(self.pages) - 1)

    def show_kommune(self, kode: int) -> None:
        """Keep showing `kode` (a visitor's pick, or new data) but with its own pages, from the first."""
        self.kode = kode
        self.page_index = 0
        self._page_since = self.clock()

    # --- time -----------------------------------------------------------------------------------------------------
    def poll(self) -> bool:
        """Called often; True when the page changed (its time ran out, or the idle timeout restarted the loop)."""
        now = self.clock()
        if self.paused:
            if now - self._touched_at >= self.idle_timeout:
                self.restart()
                return True
            return False
        if now - self._page_since >= self.seconds_per_page:
            self.advance()
            return True
        return False

    def advance(self) -> None:
        """The next page; after the kommune's last page, the first page of the next kommune."""
        self.page_index += 1
        if self.page_index >= len(self.pages):
            self.kommune_index = (self.kommune_index + 1) % len(self.koder)
            self.kode = self.koder[self.kommune_index]
            self.page_index = 0
        self._page_since = self.clock()

    def restart(self) -> None:
        """Back to the first page of the first kommune, rotating again."""
        self.paused = False
        self.kommune_index = 0
        self.kode = self.koder[0]
        self.page_index = 0
        self._page_since = self.clock()

    # --- visitors -------------------------------------------------------------------------------------------------
    def touch(self) -> None:
        """A visitor did something: no rotation until they have been away for the idle timeout."""
        self.paused = True
        self._touched_at = self.clock()

    def next_page(self) -> None:
        self.touch()
        self.advance()

    def previous_page(self) -> None:
        self.touch()
        self.page_index = (self.page_index - 1) % len(self.pages)
        self._page_since = self.clock()

    def pick(self, kode: int) -> None:
        self.touch()
        self.show_kommune(kode)


class PinGuard:
    """Checks the admin PIN, with a delay after each wrong one that doubles (1, 2, 4 … up to 5 minutes).

    Guessing all 10.000 four-digit PINs then takes weeks instead of two minutes.
    """

    FIRST_DELAY = 1.0
    LONGEST_DELAY = 300.0

    def __init__(self, pin: str, clock: Clock = time.monotonic):
        self.pin = pin
        self.clock = clock
        self.failures = 0
        self._locked_until = 0.0

    def wait_seconds(self) -> float:
        """Seconds before another PIN is accepted for checking; 0 when one may be tried now."""
        return max(0.0, self._locked_until - self.clock())

    def check(self, attempt: str) -> bool:
        """True for the right PIN when no delay is running; a wrong PIN (or any PIN during a delay) is False."""
        if self.wait_seconds() > 0:
            return False
        if attempt == self.pin:
            self.failures = 0
            return True
        self.failures += 1
        delay = min(self.LONGEST_DELAY, self.FIRST_DELAY * 2 ** (self.failures - 1))
        self._locked_until = self.clock() + delay
        return False
