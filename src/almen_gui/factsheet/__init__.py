"""The factsheet: what it says (spec), how it is drawn (render) and how it is written to files (export)."""
