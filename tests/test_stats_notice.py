"""The notice over an empty kommune tells the truth about the dataset in use: only the bundled data is Glostrup-only."""

from __future__ import annotations

from synthetic import write_synthetic_csv

from almen_gui.model import load_dataset
from almen_gui.qt.common.state import AppState
from almen_gui.qt.window.stats_panel import StatsPanel


def _notice(qtbot, dataset, kode: int) -> str:
    panel = StatsPanel(AppState(dataset, kode))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.notice.isVisible()
    return panel.notice_text.text()


def test_the_bundled_data_says_it_ships_only_glostrups_figures(qtbot, bundled):
    text = _notice(qtbot, bundled, 751)
    assert "ingen tal for Aarhus Kommune" in text and "kun med Glostrup" in text


def test_a_users_own_dataset_is_not_called_glostrup_only(qtbot, tmp_path):
    dataset = load_dataset(write_synthetic_csv(tmp_path / "egne-tal.csv", koder=[101, 161]))
    text = _notice(qtbot, dataset, 751)
    assert "ingen tal for Aarhus Kommune i egne-tal.csv" in text
    assert "Glostrup" not in text and "Åbn et datasæt med tal for kommunen" in text
