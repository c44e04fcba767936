"""The chart tabs and the plot-only bar charts and rankings they share with the kiosk."""
