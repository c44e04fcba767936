"""Renders almen-gui.svg into the PNG sizes desktops and bundles ask for (run after changing the SVG)."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).parent


def main() -> None:
    app = QGuiApplication(sys.argv)  # noqa: F841 (needed for painting)
    renderer = QSvgRenderer(str(HERE / "almen-gui.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(HERE / f"almen-gui-{size}.png"))


if __name__ == "__main__":
    main()
