"""How a view follows the AppState: redrawn on a change while it is visible, caught up when it is shown again.

A hidden view (a tab not open, a window not yet shown) costs nothing on a kommune switch; it is brought up to date
the moment it appears. Each view gives its own catch-up function and the state signals it cares about.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from almen_gui.qt.common.state import AppState

ALL_SIGNALS = ("dataset_changed", "kommune_changed", "boundaries_changed")


class StateFollower(QObject):
    """Owned by its view (it goes with it, and so do its connections); calls catch_up when the view is behind.

    The view keeps a reference too (self.follower), so the Python side lives exactly as long as the view does."""

    def __init__(self, view: QWidget, state: AppState, catch_up: Callable[[], None],
                 signals: tuple[str, ...] = ALL_SIGNALS):
        super().__init__(view)
        self._view = view
        self._catch_up = catch_up
        self.behind = True  # nothing shown yet: the first show draws it
        view.installEventFilter(self)
        for name in signals:
            getattr(state, name).connect(self.changed)

    def changed(self, *_) -> None:
        """The state (or something the view shows) changed: redraw now if it is seen, else when it is shown."""
        if self._view.isVisible():
            self.catch_up()
        else:
            self.behind = True

    def catch_up(self) -> None:
        self.behind = False
        self._catch_up()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        # While its view is torn down, Qt may call in through a fresh wrapper without our attributes: let it pass.
        if getattr(self, "_view", None) is None:
            return False
        if watched is self._view and event.type() == QEvent.Type.Show and self.behind:
            self.catch_up()
        return False
