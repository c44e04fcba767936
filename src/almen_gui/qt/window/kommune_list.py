"""The kommune list: grouped under region headings, type-ahead search that ignores case and accents and puts names
that start with the search first, a region filter, and a dot for the figures each kommune has: BL's factsheet,
some of BL's figures, Danmarks Statistik's, or none (model/coverage.py, as `almen list` and the exports count them)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model import Dataset
from almen_gui.model.coverage import BL, DST, coverage
from almen_gui.model.kommuner import match_rank
from almen_gui.qt.common.announce import announce
from almen_gui.qt.common.follow import StateFollower
from almen_gui.qt.common.state import AppState

KODE_ROLE = Qt.ItemDataRole.UserRole + 1
REGION_ROLE = Qt.ItemDataRole.UserRole + 2
ALL_REGIONS = "Alle regioner"


# The dots tell the sources apart by shape as well as colour: ● BL's faktaark, ◐ some of BL's figures, ◆ Danmarks
# Statistik, ○ none.
DIAMOND = ((7, 1.5), (12.5, 7), (7, 12.5), (1.5, 7))


def _dot_pixmap(fill: str | None, ring: str, shape: str = "dot") -> QPixmap:
    """shape: "dot", "half" (the left half filled) or "diamond"."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(ring), 1.5))
    if shape == "diamond":
        if fill is not None:
            painter.setBrush(QColor(fill))
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in DIAMOND]))
    else:
        painter.drawEllipse(2, 2, 10, 10)
        if fill is not None:
            painter.setBrush(QColor(fill))
            if shape == "half":
                painter.drawPie(2, 2, 10, 10, 90 * 16, 180 * 16)
            else:
                painter.drawEllipse(2, 2, 10, 10)
    painter.end()
    return pixmap


def _dot_icon(colour: str, hollow: bool, shape: str = "dot") -> QIcon:
    """A dot; on the selected row (light on the house colour) it is drawn light, or it would vanish into the row."""
    icon = QIcon(_dot_pixmap(None if hollow else colour, colour, shape))
    on_selection = style.ON_PRIMARY if colour in (style.PRIMARY, style.PRIMARY_LIGHT) or hollow else colour
    icon.addPixmap(_dot_pixmap(None if hollow else on_selection, style.ON_PRIMARY, shape), QIcon.Mode.Selected)
    return icon


def legend_text() -> str:
    """The dots' legend: an entry never breaks inside itself, so a narrow list wraps between entries."""
    entries = ((style.PRIMARY, "●", "BL's faktaark"), (style.ACCENT, "◐", "nogle af BL's tal"),
               (style.PRIMARY_LIGHT, "◆", "Danmarks Statistik"), (style.MUTED, "○", "ingen tal"))
    return " &nbsp; ".join(f'<span style="color:{colour}">{mark}</span>&nbsp;{words.replace(" ", "&nbsp;")}'
                           for colour, mark, words in entries)


class _FilterModel(QSortFilterProxyModel):
    """Filters by region and search; while searching, region headings give way to the best matches first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._region = ""
        self._ranks: dict[str, int | None] = {}

    def set_filter(self, text: str, region: str) -> None:
        self._text, self._region = text.strip(), region
        self._ranks = {}
        self.invalidate()  # invalidateFilter() is deprecated from Qt 6.10; 98 rows re-filter instantly
        # Only a search reorders the rows; otherwise they keep the list's own order, with no comparisons at all.
        self.sort(0 if self._text else -1)

    def _rank(self, index: QModelIndex) -> int | None:
        name = index.data(Qt.ItemDataRole.DisplayRole)
        if name not in self._ranks:
            self._ranks[name] = match_rank(self._text, name)
        return self._ranks[name]

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 (Qt override)
        index = self.sourceModel().index(row, 0, parent)
        if self._region and index.data(REGION_ROLE) != self._region:
            return False
        if not self._text:
            return True
        return index.data(KODE_ROLE) is not None and self._rank(index) is not None  # no headings in a search

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802 (Qt override)
        if self._text:
            left_rank, right_rank = self._rank(left), self._rank(right)
            if left_rank != right_rank:
                return left_rank < right_rank
        return left.row() < right.row()  # otherwise the list's own order: by region, then by name


class KommuneList(QWidget):
    """Shows the state's kommuner and selected kommune while visible; a kommune the user picks becomes the state's
    (and is emitted as kommune_selected(kode))."""

    kommune_selected = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self._dataset: Dataset | None = None  # the dataset the rows were built from
        self._showing_state = False  # True while the state's kommune is being shown, not chosen by the user
        self._dst = None  # Danmarks Statistik's figures the dots were drawn with
        self._complete_icon = _dot_icon(style.PRIMARY, hollow=False)
        self._partial_icon = _dot_icon(style.ACCENT, hollow=False, shape="half")
        self._dst_icon = _dot_icon(style.PRIMARY_LIGHT, hollow=False, shape="diamond")
        self._empty_icon = _dot_icon(style.MUTED, hollow=True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Søg kommune (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Søg kommune")
        self.region = QComboBox()
        self.region.setAccessibleDescription("Filtrér listen på region")
        region_label = QLabel("&Region:")
        region_label.setBuddy(self.region)  # a screen reader names the drop-down by its label, not by its value
        self.model = QStandardItemModel(self)
        self.proxy = _FilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Kommuner")
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.legend = QLabel(legend_text())
        self.legend.setAccessibleName("Forklaring: BL's faktaark, nogle af BL's tal, Danmarks Statistik, ingen tal")
        self.legend.setStyleSheet(f"color: {style.MUTED};")
        self.legend.setWordWrap(True)
        self.no_match = QLabel()  # a search that finds nothing says so, rather than leaving the list blank
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)  # the words are the user's, not markup
        self.no_match.setWordWrap(True)
        self.no_match.setStyleSheet(f"color: {style.MUTED};")
        self.no_match.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        region_row = QHBoxLayout()
        region_row.addWidget(region_label)
        region_row.addWidget(self.region, 1)
        layout.addLayout(region_row)
        layout.addWidget(self.no_match)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

        self.search.textChanged.connect(self._on_filter_changed)
        self.search.returnPressed.connect(self._on_search_return)
        self.region.currentIndexChanged.connect(self._on_filter_changed)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_current_changed)
        self.search.installEventFilter(self)
        self.kommune_selected.connect(state.set_kommune)
        self.follower = StateFollower(self, state, self._catch_up,
                                      ("dataset_changed", "kommune_changed", "dst_changed"))

    def _catch_up(self) -> None:
        if self._state.dataset is not self._dataset or self._state.dst is not self._dst:
            self._dataset, self._dst = self._state.dataset, self._state.dst
            self.set_dataset(self._dataset, self._dst)
        self.set_current(self._state.kode)

    def set_dataset(self, dataset: Dataset, dst=None) -> None:
        """The rows, each with a dot for the figures the kommune has (with Danmarks Statistik's `dst`, if fetched)."""
        current = self.current_kode()
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # rebuilding the rows is not the user choosing a kommune
        self.model.clear()
        regions = []
        rows = []  # added in one go: the filter sees one insertion, not one per row
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        for kommune in sorted(dataset.kommuner, key=lambda k: (k.region, k.navn)):
            if kommune.region not in regions:
                regions.append(kommune.region)
                heading = QStandardItem(kommune.region)
                heading.setData(kommune.region, REGION_ROLE)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading cannot be chosen; the arrow keys pass it by
                heading.setFont(heading_font)
                heading.setForeground(QColor(style.PRIMARY))
                rows.append(heading)
            has = coverage(dataset, kommune.kode, dst)
            item = QStandardItem(kommune.navn)
            item.setData(kommune.kode, KODE_ROLE)
            item.setData(kommune.region, REGION_ROLE)
            if has.sheet == BL:
                item.setIcon(self._complete_icon)
            elif has.bl_have:
                item.setIcon(self._partial_icon)
            elif has.sheet == DST:
                item.setIcon(self._dst_icon)
            else:
                item.setIcon(self._empty_icon)
            state = f"tal: {has.text}; {has.sheet_text}"
            item.setToolTip(f"{kommune.officielt_navn}, {kommune.region}. {state[:1].upper()}{state[1:]}.")
            item.setData(f"{kommune.navn}, {state}", Qt.ItemDataRole.AccessibleTextRole)
            rows.append(item)
        self.model.invisibleRootItem().appendRows(rows)
        selection.blockSignals(False)
        self.region.blockSignals(True)
        chosen = self.region.currentText()
        self.region.clear()
        self.region.addItem(ALL_REGIONS)
        self.region.addItems(regions)
        self.region.setCurrentText(chosen if chosen in regions else ALL_REGIONS)
        self.region.blockSignals(False)
        if current is not None:
            self.set_current(current)

    def _row_of(self, kode: int) -> QModelIndex:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(KODE_ROLE) == kode:
                return index
        return QModelIndex()

    def set_current(self, kode: int) -> None:
        """Show `kode` as selected without emitting kommune_selected."""
        index = self._row_of(kode)
        if not index.isValid():
            self.search.clear()
            self.region.setCurrentIndex(0)
            index = self._row_of(kode)
        self._show_current(index)

    def _show_current(self, index: QModelIndex) -> None:
        self._showing_state = True  # the view repaints its selection itself; only the user's choice is emitted
        try:
            self.view.setCurrentIndex(index)
        finally:
            self._showing_state = False
        self.view.scrollTo(index)

    def current_kode(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(KODE_ROLE) if index.isValid() else None

    def _kommune_rows(self) -> list[QModelIndex]:
        rows = (self.proxy.index(r, 0) for r in range(self.proxy.rowCount()))
        return [index for index in rows if index.data(KODE_ROLE) is not None]

    def visible_names(self) -> list[str]:
        """The kommuner the list shows now, in order (region headings left out)."""
        return [index.data() for index in self._kommune_rows()]

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_filter_changed(self, *_):
        region = self.region.currentText()
        self.proxy.set_filter(self.search.text(), "" if region == ALL_REGIONS else region)
        if self._kommune_rows():
            self.no_match.hide()
        else:
            where = "" if region == ALL_REGIONS else f" i {region}"
            text = f"Ingen kommune{where} passer til «{self.search.text().strip()}»."
            if text != self.no_match.text() or self.no_match.isHidden():
                announce(self.no_match, text)
            self.no_match.setText(text)
            self.no_match.show()
        # A search that hid the selected kommune loses its row; once the kommune shows again, so does its selection.
        index = self._row_of(self._state.kode)
        if index.isValid() and index != self.view.currentIndex():
            self._show_current(index)

    def _on_search_return(self):
        rows = self._kommune_rows()
        if rows:
            self.view.setCurrentIndex(rows[0])
            self.view.setFocus()

    def _on_current_changed(self, index: QModelIndex, *_):
        if not self._showing_state and index.isValid() and index.data(KODE_ROLE) is not None:
            self.kommune_selected.emit(index.data(KODE_ROLE))

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override): Down arrow moves from search to the list
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.view.setFocus()
            rows = self._kommune_rows()
            if not self.view.currentIndex().isValid() and rows:
                self.view.setCurrentIndex(rows[0])
            return True
        return super().eventFilter(watched, event)
