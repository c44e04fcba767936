"""The kommune list: type-ahead search that ignores case and accents, a region filter, a mark for complete data."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model import Dataset
from almen_gui.model.kommuner import matches

KODE_ROLE = Qt.ItemDataRole.UserRole + 1
REGION_ROLE = Qt.ItemDataRole.UserRole + 2
ALL_REGIONS = "Alle regioner"


def _dot_icon(colour: str, hollow: bool) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour))
    if not hollow:
        painter.setBrush(QColor(colour))
    painter.drawEllipse(2, 2, 10, 10)
    painter.end()
    return QIcon(pixmap)


class _FilterModel(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._region = ""

    def set_filter(self, text: str, region: str) -> None:
        self._text, self._region = text, region
        self.invalidate()  # invalidateFilter() is deprecated from Qt 6.10; 98 rows re-filter instantly

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 (Qt override)
        index = self.sourceModel().index(row, 0, parent)
        if self._region and index.data(REGION_ROLE) != self._region:
            return False
        return matches(self._text, index.data(Qt.ItemDataRole.DisplayRole)) if self._text else True


class KommuneList(QWidget):
    """Emits kommune_selected(kode) when the user picks a kommune."""

    kommune_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._complete_icon = _dot_icon(style.PRIMARY, hollow=False)
        self._partial_icon = _dot_icon(style.ACCENT, hollow=False)
        self._empty_icon = _dot_icon(style.MUTED, hollow=True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Søg kommune (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Søg kommune")
        self.region = QComboBox()
        self.region.setAccessibleName("Filtrér på region")
        self.model = QStandardItemModel(self)
        self.proxy = _FilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Kommuner")
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.legend = QLabel("● komplet faktaark   ○ ingen tal")
        self.legend.setStyleSheet(f"color: {style.MUTED};")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.region)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

        self.search.textChanged.connect(self._on_filter_changed)
        self.search.returnPressed.connect(self._on_search_return)
        self.region.currentIndexChanged.connect(self._on_filter_changed)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_current_changed)
        self.search.installEventFilter(self)

    def set_dataset(self, dataset: Dataset) -> None:
        current = self.current_kode()
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # rebuilding the rows is not the user choosing a kommune
        self.model.clear()
        regions = []
        for kommune in sorted(dataset.kommuner, key=lambda k: (k.region, k.navn)):
            have, total = dataset.completeness(kommune.kode)
            item = QStandardItem(kommune.navn)
            item.setData(kommune.kode, KODE_ROLE)
            item.setData(kommune.region, REGION_ROLE)
            if have == total:
                item.setIcon(self._complete_icon)
                state = "komplet faktaark"
            elif have:
                item.setIcon(self._partial_icon)
                state = f"{have} af {total} tal"
            else:
                item.setIcon(self._empty_icon)
                state = "ingen tal i datasættet"
            item.setToolTip(f"{kommune.officielt_navn}, {kommune.region}: {state}")
            item.setData(f"{kommune.navn}, {state}", Qt.ItemDataRole.AccessibleTextRole)
            self.model.appendRow(item)
            if kommune.region not in regions:
                regions.append(kommune.region)
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
        self.view.selectionModel().blockSignals(True)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().blockSignals(False)
        self.view.viewport().update()  # the blocked signal would have repainted the selection
        self.view.scrollTo(index)

    def current_kode(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(KODE_ROLE) if index.isValid() else None

    def visible_names(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_filter_changed(self, *_):
        region = self.region.currentText()
        self.proxy.set_filter(self.search.text(), "" if region == ALL_REGIONS else region)

    def _on_search_return(self):
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
            self.view.setFocus()

    def _on_current_changed(self, index: QModelIndex, *_):
        if index.isValid():
            self.kommune_selected.emit(index.data(KODE_ROLE))

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override): Down arrow moves from search to the list
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.view.setFocus()
            if not self.view.currentIndex().isValid() and self.proxy.rowCount():
                self.view.setCurrentIndex(self.proxy.index(0, 0))
            return True
        return super().eventFilter(watched, event)
