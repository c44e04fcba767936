"""The house colours, shared by the factsheet renderer, the window and the kiosk so all look alike.

Every colour is declared once, in COLOURS, with what it is (text, large text, a graphic a reader needs, a surface, or
decoration) and the surfaces it is drawn on; the names below read from that table. A test computes the WCAG 2.1
contrast of every pair it declares: 4,5:1 for text, 3:1 for large text, graphics and focus indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

NEEDED = {"text": 4.5, "large text": 3.0, "graphic": 3.0}  # WCAG 2.1 AA, 1.4.3 and 1.4.11


@dataclass(frozen=True)
class Colour:
    value: str
    use: str  # a key of NEEDED, "surface" (drawn on) or "decoration" (tells nothing: needs no contrast)
    on: tuple[str, ...] = ()  # the names of the surfaces it is drawn on


_SURFACES = ("background", "panel", "notice", "window")
COLOURS = {
    # surfaces
    "background": Colour("#FFFFFF", "surface"),  # pages, plots, the window's panels, the kiosk
    "panel": Colour("#EEF5F3", "surface"),  # figure cards, boxes on a sheet
    "notice": Colour("#FFF4E8", "surface"),  # the stats panel's notice
    "window": Colour("#EFF1F0", "surface"),  # Qt's own widgets: tab bar, buttons, menus (the palette's Window)
    # text
    "text": Colour("#1B2624", "text", _SURFACES),
    "muted": Colour("#5B6B68", "text", _SURFACES),  # periods, sources, "ikke oplyst", placeholder text
    "primary": Colour("#0B4F4A", "text", _SURFACES),  # headings, tile values; bars; the selected row
    "on_primary": Colour("#FFFFFF", "text", ("primary",)),  # the sheet's headline, the selected row, kiosk buttons
    "overline": Colour("#BFE0DA", "text", ("primary",)),  # the line above the sheet's headline
    "warning_text": Colour("#9A4A10", "text", ("background", "window")),  # the export dialog's missing figures
    # graphics
    "accent": Colour("#E4772B", "large text", ("background",)),  # the selected kommune, key numbers on a sheet
    "primary_light": Colour("#3F8F86", "graphic", ("background",)),  # second bar shade
    "eldre": Colour("#4A78A8", "graphic", ("background",)),  # the Ældreboliger bar
    "axis": Colour("#6F807C", "graphic", ("background",)),  # axis lines and the sheet's bar baseline
    "focus": Colour("#B5561A", "graphic", _SURFACES),  # the focus ring, 2 px, where the ring replaces no colour
    "notice_border": Colour("#B5561A", "graphic", ("notice", "background")),
    # the map: five regions told apart also by deuteranopes and protanopes (tests/test_accessibility.py simulates
    # both), and a five-step scale, darker for more, every step 3:1 on the page
    "region_hovedstaden": Colour("#0B4F4A", "graphic", ("background",)),
    "region_sjaelland": Colour("#6699BB", "graphic", ("background",)),
    "region_syddanmark": Colour("#5533EE", "graphic", ("background",)),
    "region_midtjylland": Colour("#3355AA", "graphic", ("background",)),
    "region_nordjylland": Colour("#777722", "graphic", ("background",)),
    "scale_1": Colour("#5E9C93", "graphic", ("background",)),
    "scale_2": Colour("#3F8279", "graphic", ("background",)),
    "scale_3": Colour("#2A6962", "graphic", ("background",)),
    "scale_4": Colour("#17524C", "graphic", ("background",)),
    "scale_5": Colour("#063A35", "graphic", ("background",)),
    # decoration: the figures are told in text beside them
    "grid": Colour("#D5E2DF", "decoration"),  # grid lines and rules between parts of a sheet
    "no_value": Colour("#E3E6E5", "decoration"),  # a kommune without the figure (counted in the legend)
    "preview_gap": Colour("#C9D3D1", "decoration"),  # between the pages in the export dialog's preview
}


def colour(name: str) -> str:
    return COLOURS[name].value


PRIMARY = colour("primary")  # deep green-teal: headline band, bars
PRIMARY_LIGHT = colour("primary_light")  # second bar shade
ACCENT = colour("accent")  # highlight: the selected kommune, key numbers
BACKGROUND = colour("background")
PANEL = colour("panel")  # light tint for cards and boxes
TEXT = colour("text")
MUTED = colour("muted")  # periods, sources, "ikke oplyst"
GRID = colour("grid")
AXIS = colour("axis")
FOCUS = colour("focus")
ON_PRIMARY = colour("on_primary")
OVERLINE = colour("overline")

BOLIG_COLOURS = (PRIMARY_LIGHT, PRIMARY, colour("eldre"))  # ungdom, familie, ældre
