"""The benchmark script still runs (tiny counts, no budgets asserted), so `make bench` cannot rot unnoticed."""

import subprocess
import sys

from conftest import REPO


def test_benchmark_quick_run_writes_a_table(tmp_path):
    output = tmp_path / "results.md"
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--output", str(output)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    text = output.read_text(encoding="utf-8")
    for measure in ("Start-up guard: list and figures on screen", "Switch: median", "Export: one A4 PNG",
                    "Export: one A4 PDF", "Export: whole sheet, two-page A4 PDF", "Export: carousel, six square PNGs",
                    "Memory: peak RSS of the window", "Memory: kiosk growth over soak",
                    "Kiosk: longest frame of a transition", "Kiosk: page change, median",
                    "Map: load a 40.000-point outline", "Map: load the bundled boundaries",
                    "Map: selection change, median",
                    "Data: load and validate 98 rows, CSV", "Data: load and validate 98 rows, XLSX",
                    "DST: fetch, parse and cache, local server", "DST: worst hostile answer, time",
                    "DST: worst hostile answer, extra memory", "DST: stall or drip, time past the deadline",
                    "Hostile file: 20 MB CSV of ten million columns, time",
                    "Hostile file: 20 MB CSV of ten million columns, extra memory"):
        assert measure in text
    assert "× bare" in text and "Machine:" in text
