"""Exporting and printing factsheets and the figures table from the window, with their dialogs."""
