"""The house colours, shared by the factsheet renderer and the window's charts so both look alike."""

PRIMARY = "#0B4F4A"       # deep green-teal: headline band, bars
PRIMARY_LIGHT = "#3F8F86"  # second bar shade
ACCENT = "#E4772B"        # highlight: the selected kommune, key numbers
BACKGROUND = "#FFFFFF"
PANEL = "#EEF5F3"          # light tint for cards and boxes
TEXT = "#1B2624"
MUTED = "#5B6B68"          # periods, sources, "ikke oplyst"
GRID = "#D5E2DF"

BOLIG_COLOURS = (PRIMARY_LIGHT, PRIMARY, "#7FB8AF")  # ungdom, familie, ældre
