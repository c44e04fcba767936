"""The map of the kommuner: the plot alone, its colours and outlines, and the tab with its controls."""
