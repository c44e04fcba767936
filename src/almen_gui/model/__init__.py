"""The model layer: kommuner, data files, derived figures and Danish formatting. Pure Python and pandas; no Qt."""

from almen_gui.model.dataset import (
    Aggregate,
    Dataset,
    KommuneFigures,
    load_bundled_dataset,
    load_dataset,
    load_kommuner,
)
from almen_gui.model.errors import DataError, KommuneNotFound, Problem
from almen_gui.model.kommuner import Kommune, KommuneIndex

__all__ = [
    "Aggregate", "DataError", "Dataset", "Kommune", "KommuneFigures", "KommuneIndex", "KommuneNotFound", "Problem",
    "load_bundled_dataset", "load_dataset", "load_kommuner",
]
