"""almen-gui: a desktop viewer and factsheet exporter for Danish social housing (almene boliger)."""

__version__ = "0.1.0"
