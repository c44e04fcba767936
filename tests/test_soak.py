"""Repaint soak: thousands of kommune switches, each repainting a chart.

PySide6 6.12.0 on Python 3.11 dies here ("Fatal Python error: none_dealloc") after a few hundred pyqtgraph repaints,
because its QPainter bindings drop references to None. If a release like that slips into the allowed range, this
test crashes the run and CI fails.
"""

import sys

import pytest
from qt_helpers import make_window

SWITCHES = 3000


@pytest.mark.slow
def test_thousands_of_switches_with_repaints_do_not_crash(qtbot, tmp_path, synthetic_dataset):
    window = make_window(qtbot, tmp_path / "s.ini", synthetic_dataset)
    charts = window.topics
    koder = [k.kode for k in synthetic_dataset.kommuner]
    none_refs = sys.getrefcount(None)
    for step in range(SWITCHES):
        window.state.set_kommune(koder[step % len(koder)])
        charts.setCurrentIndex(step % charts.count())
        charts.currentWidget().repaint()
        if step % 50 == 0:
            window.heading.repaint()
    # The same plot items are updated in place, never recreated.
    assert len(charts.dwellings.chart.getPlotItem().items) == 1 + 3 + 1
    assert window.heading.title.text() == synthetic_dataset.kommuner.by_code(koder[(SWITCHES - 1) % 98]).officielt_navn
    # The broken binding drops references to None until None's count reaches zero and Python aborts; a steady fall
    # shows up here long before that. (pyqtgraph's scatter plots add a few references per update, harmlessly.)
    assert sys.getrefcount(None) > none_refs - 1_000
