"""Frozen entry point of the windowed program (no console on Windows and macOS)."""

import sys

from almen_gui.cli import gui_main

sys.exit(gui_main())
