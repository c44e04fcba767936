"""What the map's colours say: a fill per kommune, by region or on a five-step scale of one figure, and the legend
that tells what they mean. No Qt: the map plot paints with these colours, the window and the kiosk draw the legend.
"""

from __future__ import annotations

from dataclasses import dataclass

from almen_gui.factsheet import style
from almen_gui.model.figure_set import is_dst
from almen_gui.model.figure_source import FigureSource
from almen_gui.model.formatting import format_value
from almen_gui.model.metadata import period_text

REGION = "region"
# Told apart also by deuteranopes and protanopes; every fill 3:1 on the page (declared in factsheet/style.py).
REGION_COLOURS = {f"Region {name}": style.colour(f"region_{key}") for key, name in (
    ("hovedstaden", "Hovedstaden"), ("sjaelland", "Sjælland"), ("syddanmark", "Syddanmark"),
    ("midtjylland", "Midtjylland"), ("nordjylland", "Nordjylland"))}
SCALE = tuple(style.colour(f"scale_{step}") for step in range(1, 6))  # light to dark: more is darker
NO_VALUE = style.colour("no_value")


@dataclass(frozen=True)
class MapLegend:
    """What the colours mean, for whoever draws the legend (a label in the window, large type in the kiosk).

    swatches: (colour, text) pairs, read in order; a continuous scale runs from the first to the last.
    missing: how many kommuner lack the figure (drawn hollow), None when colouring by region.
    source: the credit line for Danmarks Statistik's figures ("Kilde: Danmarks Statistik, BOL101"), else empty.
    """

    title: str
    swatches: tuple[tuple[str, str], ...]
    continuous: bool
    missing: int | None
    source: str = ""


def kommune_colours(dataset: FigureSource, choice: str, koder: list[int]) -> tuple[list[str | None], MapLegend]:
    """A fill colour per kommune in koder (None: no figure) when colouring by choice (REGION or a figure's name), and
    what the colours mean."""
    if choice == REGION:
        kommuner = [dataset.kommuner.by_code(k) for k in koder]
        swatches = tuple((c, r.removeprefix("Region ")) for r, c in REGION_COLOURS.items())
        return [REGION_COLOURS.get(k.region, style.MUTED) for k in kommuner], MapLegend("", swatches, False, None)
    field = dataset.metadata.field(choice)
    title, source = field.title, ""
    if is_dst(field):  # DST's measure under DST's name, with its year and source
        title, source = f"{field.title} ({period_text(field)})", f"Kilde: {field.source}"
    values = [dataset.value(k, choice) for k in koder]
    present = [v for v in values if v is not None]
    missing = len(values) - len(present)
    if not present:
        return [None] * len(values), MapLegend(title, (), True, missing, source)
    low, high = min(present), max(present)

    def step(value: float) -> int:
        return len(SCALE) - 1 if high == low else min(len(SCALE) - 1, int((value - low) / (high - low) * len(SCALE)))

    colours = [None if v is None else SCALE[step(v)] for v in values]
    if high == low:
        swatches = ((SCALE[-1], format_value(high, field.kind)),)
    else:
        swatches = ((SCALE[0], format_value(low, field.kind)), (SCALE[-1], format_value(high, field.kind)))
    return colours, MapLegend(title, swatches, True, missing, source)
