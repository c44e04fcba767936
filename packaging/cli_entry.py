"""Frozen entry point of the `almen` command line."""

import sys

from almen_gui.cli import main

sys.exit(main())
