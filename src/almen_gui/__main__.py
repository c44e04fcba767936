"""`python -m almen_gui` runs the `almen` command line."""

import sys

from almen_gui.cli import main

sys.exit(main())
