"""The kommune's heading over its topics: its name, region and code, and which sources have figures for it (BL's
factsheet, Danmarks Statistik), in one line. It follows the state while visible."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from almen_gui.qt.common.elided_label import ElidedLabel
from almen_gui.qt.common.follow import StateFollower
from almen_gui.qt.common.state import AppState
from almen_gui.qt.window.figure_card import restyle


class KommuneHeading(QWidget):
    """The name in large type; under it the region, the code and what each source has for the kommune."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.setObjectName("kommuneHeading")
        self.title = QLabel()
        self.title.setObjectName("panelHeading")
        self.subtitle = ElidedLabel()
        self.subtitle.set_elided(False)  # whole, wrapped; one line on a low window
        self.subtitle.setObjectName("panelSubheading")
        self.dense = False
        layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        layout.setContentsMargins(9, 6, 9, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle, 1)
        self.follower = StateFollower(self, state, self._catch_up, ("dataset_changed", "kommune_changed",
                                                                     "dst_changed"))

    def _catch_up(self) -> None:
        state = self._state
        kommune = state.dataset.kommuner.by_code(state.kode)
        have, total = state.dataset.completeness(kommune.kode)
        bl = f"BL's faktaark: {have} af {total} tal oplyst" if have else "BL's faktaark: ingen tal"
        dst_text = "Danmarks Statistik: ikke hentet" if state.dst is None else "Danmarks Statistik: hentet"
        self.title.setText(kommune.officielt_navn)
        self.subtitle.setText(f"{kommune.region} · kommunekode {kommune.kode_text} · {bl} · {dst_text}")

    def set_dense(self, dense: bool) -> None:
        """On a low window a smaller name with the line under it beside it, shortened to what fits."""
        if dense != self.dense:
            self.dense = dense
            restyle(self.title, "dense", dense)
            self.subtitle.set_elided(dense)
            layout = self.layout()
            layout.setDirection(QBoxLayout.Direction.LeftToRight if dense else QBoxLayout.Direction.TopToBottom)
            layout.setSpacing(12 if dense else 0)
            layout.setContentsMargins(9, 2 if dense else 6, 9, 0)
