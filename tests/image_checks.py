"""Image helpers for the factsheet tests: pixels as numpy arrays, and comparison with a tolerance."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage


def to_array(image: QImage) -> np.ndarray:
    """H×W×3 uint8 RGB copy of a QImage."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    buffer = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * height).reshape(height, stride)
    return buffer[:, : width * 3].reshape(height, width, 3).copy()


def colour_at(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()


def mean_difference(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference per channel, 0–255."""
    assert a.shape == b.shape, (a.shape, b.shape)
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def differing_fraction(a: np.ndarray, b: np.ndarray, threshold: int = 48) -> float:
    """Share of pixels whose largest channel difference exceeds `threshold`."""
    return float((np.abs(a.astype(np.int16) - b.astype(np.int16)).max(axis=2) > threshold).mean())
