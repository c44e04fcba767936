"""SYNTHETIC test data: made-up figures for all 98 kommuner, for tests and benchmarks only. Never shipped as data."""

from __future__ import annotations

import csv
from pathlib import Path

from almen_gui.model import load_kommuner
from almen_gui.model.metadata import load_metadata


def synthetic_values(kode: int) -> dict[str, float]:
    """Deterministic, obviously artificial figures derived from the kommune code."""
    return {
        "beboere": 1000 + kode * 10,
        "ungdomsboliger": kode,
        "familieboliger": 500 + kode * 3,
        "aeldreboliger": 50 + kode // 2,
        "igangsat_ungdomsboliger": kode % 7,
        "igangsat_familieboliger": kode % 11,
        "igangsat_aeldreboliger": kode % 5,
        "fraflytning_familieboliger_pct": 5 + (kode % 10) / 2,
        "andel_af_boligmassen_pct": 10 + kode % 30,
        "huslejeomsaetning_mio_kr": 100 + kode,
        "lokal_omsaetning_mio_kr": 20 + kode % 50,
        "renovering_lbf_mio_kr": 30 + kode % 90,
    }


def write_synthetic_csv(path: Path, koder: list[int] | None = None, delimiter: str = ",") -> Path:
    """A complete (or, with `koder`, partial) synthetic dataset in the data contract's columns."""
    names = load_metadata().figure_names
    kommuner = list(load_kommuner())
    wanted = set(koder) if koder is not None else {k.kode for k in kommuner}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["kode", "navn", *names])
        for kommune in kommuner:
            if kommune.kode in wanted:
                values = synthetic_values(kommune.kode)
                writer.writerow([kommune.kode, kommune.navn, *(values[n] for n in names)])
    return path
