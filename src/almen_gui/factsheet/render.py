"""Draw a FactsheetSpec with QPainter at an explicit pixel size: one path for preview, PNG, PDF, print and kiosk.

All sizes derive from the target's pixel size, never from a screen's scale factor; all text uses the bundled font.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

from almen_gui.factsheet import style
from almen_gui.factsheet.formats import SheetSize
from almen_gui.factsheet.spec import Bar, Fact, FactsheetSpec, Tick, Tile, superscript
from almen_gui.factsheet.typeset import (TextBox, balanced, fill_rect, flow, has_lone_word, keep_together, sheet_font,
                                         spaced_ticks, wrap)
from almen_gui.resources import register_fonts

SIZES = {SheetSize.A4: (2480, 3508), SheetSize.SCREEN: (1920, 1080), SheetSize.SQUARE: (1080, 1080)}
A4_DPI = 300

_LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_WRAP = Qt.TextFlag.TextWordWrap


@dataclass(frozen=True)
class Layout:
    """Rectangles for each block, as fractions of the sheet: (x, y, width, height)."""

    header: tuple
    intro: tuple
    dwellings: tuple
    construction: tuple
    tiles: tuple
    tile_columns: int
    facts: tuple
    footer: tuple
    national: bool = True  # the sentence on the nation under the kommune's residents (the square has no room)


LAYOUTS = {
    "portrait": Layout(header=(0, 0, 1, 0.15), intro=(0.06, 0.17, 0.88, 0.11), dwellings=(0.06, 0.295, 0.52, 0.2),
                       construction=(0.62, 0.295, 0.32, 0.2), tiles=(0.06, 0.515, 0.88, 0.2), tile_columns=3,
                       facts=(0.06, 0.73, 0.88, 0.195), footer=(0.06, 0.935, 0.88, 0.055)),
    "landscape": Layout(header=(0, 0, 1, 0.17), intro=(0.03, 0.2, 0.3, 0.25), dwellings=(0.03, 0.47, 0.3, 0.38),
                        construction=(0.36, 0.2, 0.3, 0.21), tiles=(0.36, 0.43, 0.3, 0.43), tile_columns=2,
                        facts=(0.69, 0.2, 0.28, 0.66), footer=(0.03, 0.885, 0.94, 0.1)),
    "square": Layout(header=(0, 0, 1, 0.15), intro=(0.04, 0.165, 0.92, 0.075), dwellings=(0.04, 0.255, 0.5, 0.18),
                     construction=(0.58, 0.255, 0.38, 0.18), tiles=(0.04, 0.45, 0.92, 0.265), tile_columns=3,
                     facts=(0.04, 0.73, 0.92, 0.195), footer=(0.04, 0.932, 0.92, 0.063), national=False),
}


def layout_for(width: int, height: int) -> Layout:
    ratio = width / height
    if ratio < 0.9:
        return LAYOUTS["portrait"]
    if ratio > 1.2:
        return LAYOUTS["landscape"]
    return LAYOUTS["square"]


@functools.lru_cache(maxsize=1024)
def _fitted_px(family: str, width: float, height: float, text: str, px: float, weight: QFont.Weight, italic: bool,
               flags: int) -> float:
    """The pixel size `_Canvas.fitted` settles on. Measuring is most of a sheet's drawing time, and the same text in the
    same box comes back often (a preview then its export, the captions every sheet shares), so each answer is kept.

    Qt's own wrapping is measured first, as it is quick; ours is checked only where Qt's fits (it differs only where Qt
    would break at a hyphen)."""
    rect = QRectF(0, 0, width, height)

    def fits(shown: str) -> bool:
        bounds = metrics.boundingRect(rect, flags, shown)
        return bounds.height() <= height + 0.5 and bounds.width() <= width + 0.5

    while True:
        metrics = QFontMetricsF(sheet_font(family, px, weight, italic))
        if px <= 6 or (fits(text) and (not flags & int(_WRAP) or fits("\n".join(wrap(text, metrics, width))))):
            return px
        px *= 0.93


class _Canvas:
    """Drawing helpers in the sheet's pixel space; `u` is one hundredth of the sheet's shorter side."""

    def __init__(self, painter: QPainter, width: int, height: int, scale: float = 1.0):
        self.painter = painter
        self.width, self.height = width, height
        self.u = min(width, height) / 100 * scale
        self.family = register_fonts()
        self.boxes: list[TextBox] = []  # where every text went, for the layout tests

    def rect(self, fractions: tuple) -> QRectF:
        x, y, w, h = fractions
        return QRectF(x * self.width, y * self.height, w * self.width, h * self.height)

    def font(self, px: float, weight: QFont.Weight = QFont.Weight.Normal, italic: bool = False) -> QFont:
        return sheet_font(self.family, px, weight, italic)

    def fitted(self, rect: QRectF, text: str, px: float, weight=QFont.Weight.Normal, italic=False,
               flags=_LEFT_TOP | _WRAP) -> QFont:
        """The largest font up to `px` in which `text` fits inside `rect`, wrapped in our lines (their even or
        widow-free breaking has as many lines as the greedy one measured here, none wider than the width)."""
        size = _fitted_px(self.family, rect.width(), rect.height(), text, px, weight, italic, int(flags))
        return self.font(size, weight, italic)

    def common_px(self, boxes: list[tuple[QRectF, str]], px: float, weight=QFont.Weight.Normal,
                  flags=_LEFT_TOP | _WRAP) -> float:
        """One size for a group of texts (bar labels, tile captions) so that siblings match."""
        return min((self.fitted(rect, text, px, weight, flags=flags).pixelSize() for rect, text in boxes if text),
                   default=px)

    def text(self, rect: QRectF, text: str, px: float, colour: str = style.TEXT, weight=QFont.Weight.Normal,
             italic=False, flags=_LEFT_TOP | _WRAP, kind: str = "text", balance: bool = False) -> QRectF:
        """Draw text fitted into rect in our own lines (with the wrap flag): running text never ends on a word alone,
        and with `balance` the lines are even, with no word alone on any; returns the rectangle it used."""
        if not text:
            return QRectF(rect.topLeft(), rect.topLeft())
        shown = keep_together(text)
        font = self.fitted(rect, shown, px, weight, italic, flags)
        metrics = QFontMetricsF(font)
        lines = ((balanced if balance else flow)(shown, metrics, rect.width()) if flags & _WRAP else [shown])
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        used = self.painter.drawText(rect, int(flags), "\n".join(lines))
        self.boxes.append(TextBox(kind, text, rect, used, tuple(lines), font.pixelSize()))
        return used

    def fill(self, rect: QRectF, colour: str, radius: float = 0.0) -> None:
        fill_rect(self.painter, rect, colour, radius)


def draw_locator(painter: QPainter, spec: FactsheetSpec, rect: QRectF) -> None:
    """A small map of Denmark's kommuner as shapes (dots where there are none), this kommune filled and marked by a
    dot as well, as a small kommune is only a few pixels; Bornholm in its inset box."""
    if not spec.locator:
        return
    side = min(rect.width(), rect.height())
    origin = QRectF(rect.right() - side, rect.top() + (rect.height() - side) / 2, side, side)
    radius = max(1.5, side * 0.012)

    def at(x: float, y: float):
        return origin.left() + x * side, origin.top() + y * side

    painter.setPen(QPen(QColor(style.OVERLINE), max(1.0, side * 0.004)))
    x0, y0 = at(*spec.locator_inset[:2])
    x1, y1 = at(*spec.locator_inset[2:])
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(x0, y0, x1 - x0, y1 - y0))
    # Light land with the header's own colour between kommuner; the kommune itself in the accent colour, drawn last.
    painter.setPen(QPen(QColor(style.PRIMARY), max(0.5, side * 0.002)))
    for selected in (False, True):
        painter.setBrush(QColor(style.ACCENT) if selected else QColor(255, 255, 255, 150))
        for ring, is_this in spec.locator_shapes:
            if is_this == selected:
                painter.drawPolygon(QPolygonF([QPointF(*at(x, y)) for x, y in ring]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 150))
    for x, y, selected in () if spec.locator_shapes else spec.locator:
        if not selected:
            cx, cy = at(x, y)
            painter.drawEllipse(QRectF(cx - radius, cy - radius, 2 * radius, 2 * radius))
    painter.setBrush(QColor(style.ACCENT))
    painter.setPen(QPen(QColor(style.ON_PRIMARY), max(1.0, radius * 0.5)))
    for x, y, selected in spec.locator:
        if selected:
            cx, cy = at(x, y)
            painter.drawEllipse(QRectF(cx - 2.2 * radius, cy - 2.2 * radius, 4.4 * radius, 4.4 * radius))
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _draw_header(canvas: _Canvas, spec: FactsheetSpec, rect: QRectF) -> None:
    canvas.fill(rect, style.PRIMARY)
    u = canvas.u
    locator = rect.adjusted(rect.width() * 0.78, rect.height() * 0.1, -rect.width() * 0.03, -rect.height() * 0.12)
    draw_locator(canvas.painter, spec, locator)
    inner = rect.adjusted(rect.width() * 0.06, rect.height() * 0.14, -rect.width() * 0.24, -rect.height() * 0.1)
    over = QRectF(inner.left(), inner.top(), inner.width(), inner.height() * 0.2)
    canvas.text(over, spec.overline, 2.2 * u, style.OVERLINE, QFont.Weight.DemiBold, balance=True)
    head = QRectF(inner.left(), over.bottom() + inner.height() * 0.05, inner.width(), inner.height() * 0.75)
    # Fitted first, then broken into even lines; smaller while a word ("BEDRE", a long kommune's name) would still
    # stand alone on any line.
    px = canvas.fitted(head, spec.headline, 7.5 * u, QFont.Weight.ExtraBold).pixelSize()
    while px > 4 * u and has_lone_word(balanced(spec.headline, QFontMetricsF(canvas.font(px, QFont.Weight.ExtraBold)),
                                                head.width()), first_too=True):
        px *= 0.94
    canvas.text(head, spec.headline, px, style.ON_PRIMARY, QFont.Weight.ExtraBold, kind="headline", balance=True)
    accent = QRectF(rect.left(), rect.bottom() - 0.6 * u, rect.width(), 0.6 * u)
    canvas.fill(accent, style.ACCENT)


def _draw_intro(canvas: _Canvas, spec: FactsheetSpec, rect: QRectF, national: bool = True) -> None:
    u = canvas.u
    resident = spec.residents
    number_rect = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * (0.45 if national else 1.0))
    if resident.missing and spec.full is not None:
        # The caption continues the number as a sentence; without the number the sheet says plainly what is missing.
        canvas.text(number_rect, spec.full.residents_unavailable, 3.0 * u, style.MUTED, QFont.Weight.DemiBold,
                    italic=True, flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | _WRAP,
                    kind="unavailable")
    else:
        used = canvas.text(number_rect, resident.value, 9 * u, style.ACCENT, QFont.Weight.ExtraBold,
                           flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, kind="figure")
        caption = QRectF(used.right() + 1.5 * u, number_rect.top(), rect.right() - used.right() - 1.5 * u,
                         number_rect.height())
        canvas.text(caption, resident.caption, 3.0 * u, style.TEXT, QFont.Weight.DemiBold,
                    flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | _WRAP, kind="figure_caption",
                    balance=True)
    if national:
        below = QRectF(rect.left(), number_rect.bottom() + 0.8 * u, rect.width(),
                       rect.bottom() - number_rect.bottom() - 0.8 * u)
        canvas.text(below, spec.national, 2.2 * u, style.MUTED)


_CENTRED_WRAP = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | _WRAP


def _bar_boxes(rect: QRectF, bars: tuple[Bar, ...]) -> tuple[QRectF, QRectF, QRectF]:
    """(title box, one bar's label box, one bar's value box) of a chart drawn in rect."""
    slot = rect.width() / len(bars)
    return (QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.14),
            QRectF(0, 0, slot, rect.height() * 0.12 - 0.4), QRectF(0, 0, slot, rect.height() * 0.11))


def _chart_sizes(canvas: _Canvas, charts: list[tuple[QRectF, str, tuple[Bar, ...]]]) -> tuple[float, float, float]:
    """One heading, label and value size for every chart on a sheet: the largest at which all of them fit."""
    u = canvas.u
    titles, labels, values = [], [], []
    for rect, title, bars in charts:
        title_box, label_box, value_box = _bar_boxes(rect, bars)
        titles.append((title_box, title))
        labels += [(label_box.adjusted(0, 0, 0, -0.4 * u), b.label) for b in bars]
        values += [(value_box, b.text) for b in bars if b.value is not None]
    return (canvas.common_px(titles, 2.6 * u, QFont.Weight.Bold),
            canvas.common_px(labels, 2.0 * u, flags=_CENTRED_WRAP),
            canvas.common_px(values, 3.2 * u, QFont.Weight.Bold, flags=Qt.AlignmentFlag.AlignHCenter))


def _draw_bars(canvas: _Canvas, rect: QRectF, title: str, bars: tuple[Bar, ...], note: str = "",
               sizes: tuple[float, float, float] | None = None, axis: tuple[Tick, ...] = ()) -> None:
    """A bar chart: a number over each bar, or (bars without numbers, a series of years) a value axis at the left in
    the labels' size."""
    u = canvas.u
    painter = canvas.painter
    title_px, label_px, value_px = sizes or _chart_sizes(canvas, [(rect, title, bars)])
    title_rect = _bar_boxes(rect, bars)[0]
    canvas.text(title_rect, title, title_px, style.PRIMARY, QFont.Weight.Bold, kind="chart_title")
    label_h = rect.height() * 0.12
    value_h = rect.height() * 0.11
    axis_px = max(label_px, 1.6 * u)  # many narrow bars shrink their year labels; the scale stays readable in print
    metrics = QFontMetricsF(canvas.font(axis_px))
    axis_w = max((metrics.horizontalAdvance(t.text) for t in axis), default=-0.8 * u) + 0.8 * u
    plot = QRectF(rect.left() + axis_w, title_rect.bottom() + value_h, rect.width() - axis_w,
                  rect.bottom() - title_rect.bottom() - value_h - label_h)
    values = [b.value for b in bars if b.value is not None]
    top = axis[-1].value if axis else max(values, default=0) or 1
    for tick in spaced_ticks(axis, plot.height(), metrics.height()):  # under the bars: a faint line at each mark
        at = plot.bottom() - plot.height() * tick.value / top
        if tick.value:
            painter.setPen(QPen(QColor(style.GRID), max(1.0, 0.08 * u)))
            painter.drawLine(QPointF(plot.left(), at), QPointF(plot.right(), at))
        canvas.text(QRectF(rect.left(), at - metrics.height() * 0.6, axis_w - 0.5 * u, metrics.height() * 1.2),
                    tick.text, axis_px, style.MUTED, flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    kind="axis_label")
    slot = plot.width() / len(bars)
    centred_wrap = _CENTRED_WRAP
    for index, bar in enumerate(bars):
        x = plot.left() + index * slot
        height = plot.height() * (bar.value or 0) / top
        bar_rect = QRectF(x + slot * 0.15, plot.bottom() - height, slot * 0.7, height)
        if height > 0:
            colour = index if bar.colour is None else bar.colour  # a series over time is one colour
            canvas.fill(bar_rect, style.BOLIG_COLOURS[colour % len(style.BOLIG_COLOURS)], radius=0.3 * u)
        value_rect = QRectF(x, bar_rect.top() - value_h, slot, value_h)
        missing = bar.value is None
        if missing and bar.text and _too_narrow(canvas, bar.text, slot, label_px):
            _upright(canvas, QRectF(x, plot.top(), slot, plot.height()), bar.text, label_px)
        else:
            canvas.text(value_rect, bar.text, value_px if not missing else min(value_px, 2.2 * u),
                        style.MUTED if missing else style.TEXT, QFont.Weight.Bold, italic=missing,
                        flags=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, kind="chart_value")
        canvas.text(QRectF(x, plot.bottom() + 0.4 * u, slot, label_h - 0.4 * u), bar.label, label_px, style.MUTED,
                    flags=centred_wrap, kind="chart_label")
    painter.setPen(QPen(QColor(style.AXIS), max(1.0, 0.15 * u)))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    if note:
        note_rect = QRectF(plot.left() + slot * 0.1, plot.top(), plot.width() - slot * 0.2, plot.height() * 0.8)
        canvas.text(note_rect, note, 2.3 * u, style.PRIMARY, QFont.Weight.DemiBold,
                    flags=Qt.AlignmentFlag.AlignCenter | _WRAP, kind="chart_note", balance=True)


def _too_narrow(canvas: _Canvas, text: str, width: float, px: float) -> bool:
    return QFontMetricsF(canvas.font(px, italic=True)).horizontalAdvance(text) > width * 0.95


def _upright(canvas: _Canvas, slot: QRectF, text: str, px: float) -> None:
    """A missing year's "ikke oplyst" in a slot too narrow for it (a bar per year): written upwards from the axis
    inside the empty slot, at the size of the chart's year labels, so the gap says why it is empty."""
    painter = canvas.painter
    font = canvas.font(min(px, slot.width() * 0.8), italic=True)
    painter.save()
    painter.translate(slot.center().x(), slot.bottom())
    painter.rotate(-90)
    painter.setFont(font)
    painter.setPen(QColor(style.MUTED))
    height = QFontMetricsF(font).height()
    painter.drawText(QRectF(canvas.u * 0.4, -height / 2, slot.height(), height),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
    painter.restore()


def _draw_tiles(canvas: _Canvas, rect: QRectF, tiles: tuple[Tile, ...], columns: int) -> int:
    """Draws the figure tiles; returns their captions' pixel size (the national facts never outgrow it)."""
    u = canvas.u
    rows = -(-len(tiles) // columns)
    gap = 1.2 * u
    width = (rect.width() - gap * (columns - 1)) / columns
    height = (rect.height() - gap * (rows - 1)) / rows
    inner_w, inner_h = width - 2.6 * u, height - 1.8 * u
    # One row shorter than the grid (a kiosk page leaves out the figures a kommune lacks) stands in the middle.
    offset = (columns - len(tiles)) * (width + gap) / 2 if rows == 1 else 0
    value_box = QRectF(0, 0, inner_w, inner_h * 0.45)
    caption_box = QRectF(0, 0, inner_w, inner_h * 0.55)
    value_flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    value_px = canvas.common_px([(value_box, t.value) for t in tiles if not t.missing], 5.0 * u,
                                QFont.Weight.ExtraBold, value_flags)
    caption_px = canvas.common_px([(caption_box, t.caption) for t in tiles], 2.0 * u)
    for index, tile in enumerate(tiles):
        row, column = divmod(index, columns)
        box = QRectF(rect.left() + offset + column * (width + gap), rect.top() + row * (height + gap), width,
                     height)
        canvas.fill(box, style.PANEL, radius=0.8 * u)
        value_rect = value_box.translated(box.left() + 1.3 * u, box.top() + 0.9 * u)
        colour = style.MUTED if tile.missing else style.PRIMARY
        canvas.text(value_rect, tile.value, value_px if not tile.missing else min(value_px, 3.2 * u), colour,
                    QFont.Weight.ExtraBold, italic=tile.missing, flags=value_flags)
        canvas.text(caption_box.translated(value_rect.left(), value_rect.bottom()), tile.caption, caption_px,
                    style.TEXT, kind="figure_caption")
    return round(caption_px)


def _facts_body(spec: FactsheetSpec, facts: tuple[Fact, ...]) -> str:
    lines = [f"… {fact.text[0].lower()}{fact.text[1:]}" + (superscript(fact.note_number) if fact.note_number else "")
             for fact in facts]
    cited = "; ".join(f"{f.note_number}) {f.source}" for f in facts if f.note_number and f.source)
    return "\n".join(lines) + f"\n\n{spec.facts_note} " + (f"{spec.facts_sources_label}: {cited}" if cited else "")


def _draw_facts(canvas: _Canvas, spec: FactsheetSpec, rect: QRectF, largest: float | None = None) -> int:
    """Draws the national facts box; returns the body's pixel size (the footer never outgrows it).

    The facts are set at most at the kommune's figure captions' size (`largest`), never larger; when not all of them
    fit at a readable size, the last ones (and their sources) are left out rather than shrunk out of reach of a reader.
    """
    u = canvas.u
    canvas.fill(rect, style.PANEL, radius=0.8 * u)
    inner = rect.adjusted(1.8 * u, 1.4 * u, -1.8 * u, -1.2 * u)
    title = QRectF(inner.left(), inner.top(), inner.width(), min(inner.height() * 0.2, 4.5 * u))
    canvas.text(title, spec.facts_title, 3.0 * u, style.PRIMARY, QFont.Weight.Bold, kind="facts_title")
    body_rect = QRectF(inner.left(), title.bottom() + 0.8 * u, inner.width(), inner.bottom() - title.bottom() - 0.8 * u)
    px = min(2.2 * u, largest or 2.2 * u)
    # A little smaller than the captions is fine, smaller than 1,7 u is not; captions already that small set the floor.
    readable = min(px, max(0.8 * px, 1.7 * u))
    facts = spec.facts
    while largest and len(facts) > 1 and canvas.fitted(body_rect, _facts_body(spec, facts), px).pixelSize() < readable:
        facts = facts[:-1]
    canvas.text(body_rect, _facts_body(spec, facts), px, style.TEXT, kind="fact")
    return canvas.painter.font().pixelSize()  # the size text() settled on


def _draw_footer(canvas: _Canvas, spec: FactsheetSpec, rect: QRectF, px: float) -> None:
    canvas.text(rect, f"{spec.source_line}\n{spec.exported_line}", px, style.MUTED)


def render(painter: QPainter, spec: FactsheetSpec, width: int, height: int) -> list[TextBox]:
    """Draw the one-page sheet into the painter's pixel space (0, 0, width, height); returns where its texts went."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    canvas = _Canvas(painter, width, height)
    canvas.fill(QRectF(0, 0, width, height), style.BACKGROUND)
    layout = layout_for(width, height)
    _draw_header(canvas, spec, canvas.rect(layout.header))
    _draw_intro(canvas, spec, canvas.rect(layout.intro), layout.national)
    charts = [(canvas.rect(layout.dwellings), spec.dwellings_title, spec.dwellings),
              (canvas.rect(layout.construction), spec.construction_title, spec.construction)]
    sizes = _chart_sizes(canvas, charts)  # both charts share heading, label and value sizes
    _draw_bars(canvas, *charts[0], sizes=sizes, axis=spec.dwellings_axis)
    _draw_bars(canvas, *charts[1], spec.construction_note, sizes=sizes)
    caption_px = _draw_tiles(canvas, canvas.rect(layout.tiles), spec.tiles, layout.tile_columns)
    facts_px = _draw_facts(canvas, spec, canvas.rect(layout.facts), caption_px)
    _draw_footer(canvas, spec, canvas.rect(layout.footer), min(1.7 * canvas.u, facts_px))
    painter.restore()
    return canvas.boxes


def sheet_image(width: int, height: int, draw, print_dpi: bool = False) -> QImage:
    """An opaque sheet of exactly `width`×`height` pixels, drawn by `draw(painter, width, height)`, which paints every
    pixel, its background first (render, render_full_page and render_square all do; the image is not cleared first).

    The pixels are packed RGB (three bytes), the layout a PNG stores. A four-byte image, whose every pixel libpng
    strips and swaps, encoded at one of two speeds (about 0,13 s or 0,20 s for an A4 sheet here) depending on what
    the process did before; packed RGB encoded at the faster one in every run, and drawing into it costs 0–3 ms more
    (benchmarks/run.py, "A4 PNG ÷ encoding it")."""
    image = QImage(width, height, QImage.Format.Format_RGB888)
    if print_dpi:
        dots_per_metre = round(A4_DPI / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        draw(painter, width, height)
    finally:
        painter.end()
    return image


def render_image(spec: FactsheetSpec, size: SheetSize | tuple[int, int]) -> QImage:
    """The sheet as an opaque RGB image of exactly the named (or given) pixel size."""
    width, height = SIZES[size] if isinstance(size, str) else size
    return sheet_image(width, height, lambda painter, w, h: render(painter, spec, w, h),
                       print_dpi=size == SheetSize.A4)


KIOSK_SCALE = 1.45  # type readable from three metres on a wall screen
KIOSK_SOURCE = (0.05, 0.815, 0.9, 0.057)  # the source line's band: two lines above the touch controls' eighth
KIOSK_SOURCE_TYPE = 2.1  # hundredths of the screen's shorter side: 16 px at 768, never the 12 px it was


class KioskDrawing(Enum):
    """What a kiosk page draws under its header, with the factsheet's own blocks (the kiosk's pages pick one each)."""

    INTRO_AND_TILES = auto()  # the residents' sentence and the spec's tiles
    CHARTS = auto()  # the dwellings and construction charts
    TILES = auto()  # the spec's tiles alone
    FACTS = auto()  # the national facts
    TITLE_AND_SPACE = auto()  # a title, and a rectangle the caller fills (a ranking chart or the map)


def render_kiosk_page(painter: QPainter, spec: FactsheetSpec, drawing: KioskDrawing, width: int, height: int,
                      title: str = "", texts: list[str] | None = None) -> QRectF | None:
    """One page of the kiosk's loop, drawn with the factsheet's own blocks in large type; every tile of the spec is
    drawn (the kiosk gives each page the tiles it shows).

    For TITLE_AND_SPACE the caller draws the ranking chart or the map; the rectangle to fill is returned.
    Given `texts`, every text drawn is added to it in drawing order (for a screen reader).
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    canvas = _Canvas(painter, width, height, KIOSK_SCALE)
    canvas.fill(QRectF(0, 0, width, height), style.BACKGROUND)
    _draw_header(canvas, spec, canvas.rect((0, 0, 1, 0.17)))
    free = None
    if drawing == KioskDrawing.INTRO_AND_TILES:
        _draw_intro(canvas, spec, canvas.rect((0.05, 0.2, 0.9, 0.29)))
        _draw_tiles(canvas, canvas.rect((0.05, 0.52, 0.9, 0.29)), spec.tiles, 3)
    elif drawing == KioskDrawing.CHARTS:
        charts = [(canvas.rect((0.05, 0.21, 0.52, 0.6)), spec.dwellings_title, spec.dwellings),
                  (canvas.rect((0.62, 0.21, 0.33, 0.6)), spec.construction_title, spec.construction)]
        sizes = _chart_sizes(canvas, charts)
        _draw_bars(canvas, *charts[0], sizes=sizes)
        _draw_bars(canvas, *charts[1], spec.construction_note, sizes=sizes)
    elif drawing == KioskDrawing.TILES:
        _draw_tiles(canvas, canvas.rect((0.05, 0.24, 0.9, 0.5)), spec.tiles, 3)
    elif drawing == KioskDrawing.FACTS:
        _draw_facts(canvas, spec, canvas.rect((0.05, 0.2, 0.9, 0.61)))
    else:
        canvas.text(canvas.rect((0.05, 0.19, 0.9, 0.08)), title, 3.0 * canvas.u, style.PRIMARY, QFont.Weight.Bold)
        free = canvas.rect((0.05, 0.28, 0.9, 0.53))
    # The bottom eighth stays free for the kiosk's touch controls.
    canvas.text(canvas.rect(KIOSK_SOURCE), spec.source_line, KIOSK_SOURCE_TYPE * canvas.u / KIOSK_SCALE, style.MUTED)
    painter.restore()
    if texts is not None:
        texts.extend(box.text for box in canvas.boxes)
    return free
