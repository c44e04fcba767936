"""The whole sheet (two A4 pages in the printed sheet's order) and the carousel (six squares, one message each).

Both are laid out as a flow on a column grid with one type scale: a page is first measured, the scale shrinks until
everything fits, then it is drawn. Every text's box is recorded (Typesetter.boxes) so tests can check the frames.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen

from almen_gui.factsheet import style
from almen_gui.factsheet.formats import SheetLayout
from almen_gui.factsheet.render import draw_locator, sheet_image
from almen_gui.factsheet.spec import (CAROUSEL_FIGURES, Bar, Fact, FactsheetSpec, Section, Statement, Tick,
                                      superscript)
from almen_gui.factsheet.typeset import TextBox, Typesetter, TypeScale, W, has_lone_word, spaced_ticks

A4 = (2480, 3508)
SQUARE = (1080, 1080)
FULL_PAGES = 2
A4_BODY = 44.0           # 10,5 pt at 300 dpi; shrinks (for every page alike) only if a page would overflow
A4_SMALLEST_BODY = 33.0
SQUARE_BODY = 34.0       # the smallest text on a square (small = 0,85 × body) stays above 28 px at 1080 px


class _Grid:
    """Margins and two columns with a gutter; every block starts on a column edge."""

    def __init__(self, width: int, height: int, margin: float, gutter: float):
        self.width, self.height = width, height
        self.margin, self.gutter = margin, gutter
        self.left, self.right = margin, width - margin
        self.content = self.right - self.left
        self.column = (self.content - gutter) / 2

    def col(self, index: int) -> float:
        return self.left + index * (self.column + self.gutter)


def _locator(ts: Typesetter, spec: FactsheetSpec, rect: QRectF) -> None:
    if ts.painter is not None:
        draw_locator(ts.painter, spec, rect)


def _poor(lines: list[str]) -> bool:
    """A headline of more than three lines, or with a word alone on any line: the first too ("Almene / boliger
    skaber / omsætning lokalt" reads worse than two lines in a smaller size)."""
    return len(lines) > 3 or has_lone_word(lines, first_too=True)


def _too_wide(lines: list[str], metrics: QFontMetricsF, width: float) -> bool:
    return any(metrics.horizontalAdvance(line) > width for line in lines)


def _band(ts: Typesetter, spec: FactsheetSpec, scale: TypeScale, grid: _Grid, headline: str, page_top: bool
          ) -> float:
    """The coloured band: the overline (kommune and edition) and a balanced headline; returns its height."""
    pad = scale.body * 1.6
    locator_w = grid.content * 0.2 if page_top else 0.0
    text_w = grid.content - locator_w - (grid.gutter if locator_w else 0)
    over_h = ts.height_of(spec.overline, scale.overline, text_w, W.DemiBold, balance=True)
    head_px = scale.headline
    # At most three lines, and no word alone on the last or a middle one ("… / RINGKØBING-SKJERN / KOMMUNE"); a
    # long name beside the locator may take the headline a little below a section title's size to get there.
    while headline and head_px > scale.body * 1.4 and _poor(ts.lines(headline, head_px, text_w, W.ExtraBold, True)):
        head_px *= 0.94
    # A kommune's name is never broken, so a long one beside the locator may need a smaller size to fit at all.
    while headline and _too_wide(ts.lines(headline, head_px, text_w, W.ExtraBold, True),
                                 QFontMetricsF(ts.font(head_px, W.ExtraBold)), text_w):
        head_px *= 0.97
    head_h = ts.height_of(headline, head_px, text_w, W.ExtraBold, True, leading=0.95)
    height = pad + over_h + (scale.body * 0.5 + head_h if headline else 0) + pad
    band = QRectF(0, 0, ts.width, height)
    ts.fill(band, style.PRIMARY)
    ts.fill(QRectF(0, height - scale.body * 0.3, ts.width, scale.body * 0.3), style.ACCENT)
    frame = QRectF(grid.left, 0, text_w, height)
    y = pad
    y += ts.text("overline", spec.overline, grid.left, y, text_w, scale.overline, style.OVERLINE, W.DemiBold,
                 frame=frame, balance=True)
    if headline:
        ts.text("headline", headline, grid.left, y + scale.body * 0.5, text_w, head_px, style.ON_PRIMARY, W.ExtraBold,
                balance=True, frame=frame, leading=0.95)
    if locator_w:
        _locator(ts, spec, QRectF(grid.right - locator_w, pad * 0.6, locator_w, height - pad * 1.2))
    return height


def _chart(ts: Typesetter, scale: TypeScale, x: float, y: float, w: float, h: float, title: str,
           bars: tuple[Bar, ...], note: str = "", unavailable: str = "", axis: tuple[Tick, ...] = ()) -> float:
    """A bar chart with its heading; every chart on a sheet uses the same heading, value and label sizes. Bars
    without numbers (a series of years) stand against a value axis, its labels at the left in the label size."""
    frame = QRectF(x, y, w, h)
    used = ts.text("chart_title", title, x, y, w, scale.chart_title, style.PRIMARY, W.Bold, frame=frame)
    top = y + used + scale.body * 0.6
    if unavailable:
        return used + scale.body * 0.6 + ts.text("unavailable", unavailable, x, top, w, scale.body, style.MUTED,
                                                  italic=True, frame=frame)
    metrics = QFontMetricsF(ts.font(scale.label))
    axis_w = max((metrics.horizontalAdvance(t.text) for t in axis), default=-scale.body * 0.6) + scale.body * 0.6
    plot_x = x + axis_w
    slot = (w - axis_w) / len(bars)
    label_h = max(ts.height_of(b.label, scale.label, slot * 0.96) for b in bars)
    value_h = ts.height_of("0", scale.value, slot, W.Bold)
    plot = QRectF(plot_x, top + value_h, w - axis_w, y + h - label_h - scale.body * 0.4 - top - value_h)
    values = [b.value for b in bars if b.value is not None]
    highest = axis[-1].value if axis else max(values, default=0) or 1
    for tick in spaced_ticks(axis, plot.height(), metrics.height()):  # under the bars: a faint line at each mark
        at = plot.bottom() - plot.height() * tick.value / highest
        if ts.painter is not None and tick.value:
            ts.painter.setPen(QPen(QColor(style.GRID), max(1.0, scale.body * 0.03)))
            ts.painter.drawLine(QPointF(plot.left(), at), QPointF(plot.right(), at))
        ts.text("axis_label", tick.text, x, at - metrics.height() / 2, axis_w - scale.body * 0.4, scale.label,
                style.MUTED, align="right", frame=frame)
    for index, bar in enumerate(bars):
        left = plot_x + index * slot
        height = plot.height() * (bar.value or 0) / highest
        if height > 0:
            ts.fill(QRectF(left + slot * 0.16, plot.bottom() - height, slot * 0.68, height),
                    style.BOLIG_COLOURS[_colour(bar, index) % len(style.BOLIG_COLOURS)], radius=scale.body * 0.12)
        missing = bar.value is None
        px = scale.label if missing else scale.value
        value_top = plot.bottom() - height - ts.height_of(bar.text, px, slot, W.Bold) - scale.body * 0.15
        ts.text("chart_value", bar.text, left, value_top, slot, px, style.MUTED if missing else style.TEXT, W.Bold,
                italic=missing, align="center", frame=frame)
        label_x, label_w = left + slot * 0.02, slot * 0.96
        advance = QFontMetricsF(ts.font(scale.label)).horizontalAdvance(bar.label) + 1
        if advance > label_w:  # a year under one of many narrow bars: centred on its bar, but kept inside the chart
            label_x, label_w = min(max(plot_x, left + (slot - advance) / 2), x + w - advance), advance
        ts.text("chart_label", bar.label, label_x, plot.bottom() + scale.body * 0.4, label_w,
                scale.label, style.MUTED, align="center", frame=frame)
    if ts.painter is not None:
        ts.painter.setPen(QPen(QColor(style.AXIS), max(1.0, scale.body * 0.06)))
        ts.painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    if note:
        note_w = w * 0.8
        note_h = ts.height_of(note, scale.body, note_w, W.DemiBold, balance=True)
        ts.text("chart_note", note, x + w * 0.1, plot.top() + (plot.height() * 0.8 - note_h) / 2, note_w, scale.body,
                style.PRIMARY, W.DemiBold, align="center", frame=frame, balance=True)
    return h


def _colour(bar: Bar, index: int) -> int:
    """A series over time is one colour; the dwelling types each have their own."""
    return index if bar.colour is None else bar.colour


def _statements(ts: Typesetter, scale: TypeScale, x: float, y: float, w: float, statements: tuple[Statement, ...],
                unavailable: str, compact: bool = False) -> float:
    """Figures stacked, the number large and its words under it, in tinted boxes; or (compact, for a square) each
    number beside its words behind an accent rule, numbers and words each on their own grid column. Then a plain
    sentence naming what is missing, if anything."""
    top = y
    if compact:
        metrics = QFontMetricsF(ts.font(scale.display, W.ExtraBold))
        rule = scale.body * 0.6
        value_w = max((metrics.horizontalAdvance(s.value) for s in statements), default=0.0)
        value_w = min(value_w, w * 0.5)
        caption_x = x + rule + value_w + scale.body * 0.8
        caption_w = x + w - caption_x
        for statement in statements:
            value_h = ts.height_of(statement.value, scale.display, value_w + 1, W.ExtraBold)
            caption_h = ts.height_of(statement.caption, scale.body, caption_w, W.DemiBold)
            height = max(value_h, caption_h)
            box = QRectF(x, y, w, height)
            ts.fill(QRectF(x, y + scale.body * 0.2, scale.body * 0.18, height - scale.body * 0.3), style.ACCENT)
            ts.text("figure", statement.value, x + rule, y + (height - value_h) / 2, value_w + 1, scale.display,
                    style.PRIMARY, W.ExtraBold, frame=box)
            ts.text("figure_caption", statement.caption, caption_x, y + (height - caption_h) / 2, caption_w,
                    scale.body, style.TEXT, W.DemiBold, frame=box)
            y += height + scale.body * 0.9
    else:
        pad = scale.body * 0.9
        for statement in statements:
            inner = w - 2 * pad
            height = (ts.height_of(statement.value, scale.display, inner, W.ExtraBold) + scale.body * 0.2
                      + ts.height_of(statement.caption, scale.body, inner, W.DemiBold) + 2 * pad)
            box = QRectF(x, y, w, height)
            ts.fill(box, style.PANEL, radius=scale.body * 0.4)
            used = ts.text("figure", statement.value, x + pad, y + pad, inner, scale.display, style.PRIMARY,
                           W.ExtraBold, frame=box)
            ts.text("figure_caption", statement.caption, x + pad, y + pad + used + scale.body * 0.2, inner,
                    scale.body, style.TEXT, W.DemiBold, frame=box)
            y += height + scale.body * 0.6
    if unavailable:
        y += ts.text("unavailable", unavailable, x, y, w, scale.body, style.MUTED, italic=True) + scale.body * 0.6
    return y - top


def _paragraphs(ts: Typesetter, scale: TypeScale, x: float, y: float, w: float, paragraphs: tuple[str, ...],
                bullets: tuple[str, ...] = ()) -> float:
    top = y
    for paragraph in paragraphs:
        y += ts.text("body", paragraph, x, y, w, scale.body, leading=1.08) + scale.body * 0.7
    indent = scale.body * 1.1
    for bullet in bullets:
        ts.text("bullet", "•", x, y, indent, scale.body, style.ACCENT, W.Bold)
        y += ts.text("body", bullet, x + indent, y, w - indent, scale.body, leading=1.08) + scale.body * 0.25
    if bullets:
        y += scale.body * 0.45
    return y - top


def _section(ts: Typesetter, scale: TypeScale, grid: _Grid, y: float, section: Section) -> float:
    """Heading across the page; words in the left column, the section's figures in the right one."""
    top = y
    if section.title:
        y += ts.text("title", section.title, grid.left, y, grid.content, scale.title, style.PRIMARY, W.Bold,
                     balance=True) + scale.body * 0.8
    if not section.statements and not section.unavailable and not section.bullets:
        # Words only: set in both columns, each paragraph where the columns stay most even.
        heights = [0.0, 0.0]
        for paragraph in section.paragraphs + section.after:
            column = heights.index(min(heights))
            heights[column] += _paragraphs(ts, scale, grid.col(column), y + heights[column], grid.column, (paragraph,))
        return y + max(heights) - top
    left = _paragraphs(ts, scale, grid.col(0), y, grid.column, section.paragraphs, section.bullets)
    left += _paragraphs(ts, scale, grid.col(0), y + left, grid.column, section.after)
    right = _statements(ts, scale, grid.col(1), y, grid.column, section.statements, section.unavailable)
    return y + max(left, right) - top


def _facts(ts: Typesetter, spec: FactsheetSpec, scale: TypeScale, x: float, y: float, w: float,
           facts: tuple[Fact, ...] | None = None, title: bool = True) -> float:
    """The national facts box with the numbered sources of the facts it shows; its text is the body size, never
    larger than the kommune's own figures."""
    pad = scale.body * 1.1
    inner = w - 2 * pad
    facts = spec.facts if facts is None else facts
    lines = [f"… {fact.text[0].lower()}{fact.text[1:]}" + (superscript(fact.note_number) if fact.note_number else "")
             for fact in facts]
    cited = "; ".join(f"{f.note_number}) {f.source}" for f in facts if f.note_number and f.source)
    sources = f"{spec.facts_note} {spec.facts_sources_label}: {cited}" if cited else spec.facts_note
    height = pad + (ts.height_of(spec.facts_title, scale.title, inner, W.Bold) + scale.body * 0.6 if title else 0)
    height += sum(ts.height_of(line, scale.body, inner) + scale.body * 0.4 for line in lines)
    height += scale.body * 0.3 + ts.height_of(sources, scale.small, inner) + pad
    box = QRectF(x, y, w, height)
    ts.fill(box, style.PANEL, radius=scale.body * 0.4)
    at = y + pad
    if title:
        at += ts.text("facts_title", spec.facts_title, x + pad, at, inner, scale.title, style.PRIMARY, W.Bold,
                      frame=box) + scale.body * 0.6
    for line in lines:
        at += ts.text("fact", line, x + pad, at, inner, scale.body, frame=box) + scale.body * 0.4
    ts.text("sources", sources, x + pad, at + scale.body * 0.3, inner, scale.small, style.MUTED, frame=box)
    return height


def _footer_height(ts: Typesetter, scale: TypeScale, grid: _Grid, texts: list[str]) -> float:
    return sum(ts.height_of(t, scale.small, grid.content * 0.8) for t in texts)


def _footer(ts: Typesetter, scale: TypeScale, grid: _Grid, texts: list[str], label: str) -> None:
    y = grid.height - grid.margin * 0.6 - _footer_height(ts, scale, grid, texts)
    if ts.painter is not None:
        ts.painter.setPen(QPen(QColor(style.GRID), max(1.0, scale.body * 0.05)))
        ts.painter.drawLine(QRectF(grid.left, y - scale.body * 0.5, grid.content, 0).topLeft(),
                            QRectF(grid.left, y - scale.body * 0.5, grid.content, 0).topRight())
    for text in texts:
        y += ts.text("footer", text, grid.left, y, grid.content * 0.8, scale.small, style.MUTED)
    if label:
        ts.text("footer", label, grid.left + grid.content * 0.8, y - ts.height_of(label, scale.small, grid.content),
                grid.content * 0.2, scale.small, style.MUTED, align="right")


def _full_page(ts: Typesetter, spec: FactsheetSpec, page: int, scale: TypeScale) -> float:
    """Lay out one page of the whole sheet; returns how far its content reaches past the footer's top (≤ 0 fits)."""
    full = spec.full
    grid = _Grid(ts.width, ts.height, ts.width * 0.07, ts.width * 0.04)
    gap = scale.body * 1.6
    label = full.page_label.format(side=page, sider=FULL_PAGES)
    footer_texts = [spec.source_line] if page == 1 else [spec.source_line, spec.exported_line]
    footer_top = grid.height - grid.margin * 0.6 - _footer_height(ts, scale, grid, footer_texts) - scale.body * 1.2
    if page == 1:
        y = _band(ts, spec, scale, grid, spec.headline, True) + gap
        # The kommune's own figure first, beside the words about the sector as a whole.
        left_y = y
        if spec.residents.missing:
            left_y += ts.text("unavailable", full.residents_unavailable, grid.col(0), left_y, grid.column,
                              scale.body * 1.2, style.MUTED, italic=True)
        else:
            left_y += ts.text("figure", spec.residents.value, grid.col(0), left_y, grid.column, scale.display * 1.5,
                              style.ACCENT, W.ExtraBold)
            left_y += ts.text("figure_caption", spec.residents.caption, grid.col(0), left_y, grid.column,
                              scale.body * 1.25, style.TEXT, W.DemiBold)
        right_y = y + _paragraphs(ts, scale, grid.col(1), y, grid.column, full.intro)
        y = max(left_y, right_y) + gap * 0.6
        chart_h = scale.body * 13
        _chart(ts, scale, grid.col(0), y, grid.column, chart_h, spec.dwellings_title, spec.dwellings,
               unavailable=full.dwellings_unavailable, axis=spec.dwellings_axis)
        _chart(ts, scale, grid.col(1), y, grid.column, chart_h, spec.construction_title, spec.construction,
               spec.construction_note, full.construction_unavailable)
        y += chart_h + gap
        y += ts.text("body", full.after_charts, grid.left, y, grid.content, scale.body, leading=1.08) + gap
    else:
        y = _band(ts, spec, scale, grid, "", False) + gap
        y += _facts(ts, spec, scale, grid.left, y, grid.content) + gap
    for section in full.sections:
        if section.page == page:
            y += _section(ts, scale, grid, y, section) + gap
    if page == FULL_PAGES:
        y += ts.text("pointer", full.pointer, grid.left, y, grid.content, scale.body * 1.2, style.PRIMARY, W.Bold)
    _footer(ts, scale, grid, footer_texts, label)
    return y - footer_top


def full_scale(spec: FactsheetSpec, width: int = A4[0], height: int = A4[1]) -> TypeScale:
    """The one type scale for both pages: the largest body size at which every page fits."""
    body = A4_BODY * width / A4[0]
    while body > A4_SMALLEST_BODY * width / A4[0]:
        scale = TypeScale(body)
        if all(_full_page(Typesetter(None, width, height), spec, page, scale) <= 0 for page in (1, 2)):
            return scale
        body *= 0.96
    return TypeScale(body)


def render_full_page(painter: QPainter, spec: FactsheetSpec, page: int, width: int, height: int,
                     scale: TypeScale | None = None) -> list[TextBox]:
    """Draw page 1 or 2 of the whole sheet into (0, 0, width, height); returns where every text went."""
    scale = scale or full_scale(spec, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    ts = Typesetter(painter, width, height)
    ts.fill(QRectF(0, 0, width, height), style.BACKGROUND)
    _full_page(ts, spec, page, scale)
    painter.restore()
    return ts.boxes


CAROUSEL = ("beboere", "boliger", "igangsat", "boligmassen", "oekonomi", "vidste_du")
SQUARE_BIG = (2.4, 2.2, 2.0, 1.8, 1.6)


def _square(ts: Typesetter, spec: FactsheetSpec, key: str, number: int, scale: TypeScale,
            facts: int | None = None) -> float:
    """Lay out one square; returns how far its content reaches past the footer's top (≤ 0 fits)."""
    full = spec.full
    grid = _Grid(ts.width, ts.height, ts.width * 0.065, ts.width * 0.04)
    gap = scale.body
    y = _band(ts, spec, scale, grid, spec.carousel_titles[key], key == "beboere") + gap * 1.2
    footer = [spec.source_line]
    bottom = grid.height - grid.margin * 0.6 - _footer_height(ts, scale, grid, footer) - scale.body * 1.2
    if key == "beboere":
        if spec.residents.missing:
            y += ts.text("unavailable", full.residents_unavailable, grid.left, y, grid.content, scale.body * 1.2,
                         style.MUTED, italic=True) + gap
        else:
            y += ts.text("figure", spec.residents.value, grid.left, y, grid.content, scale.display * 2,
                         style.ACCENT, W.ExtraBold)
            y += ts.text("figure_caption", spec.residents.caption, grid.left, y, grid.content, scale.body * 1.25,
                         style.TEXT, W.DemiBold) + gap
        y += ts.text("body", full.intro[0] if full.intro else "", grid.left, y, grid.content, scale.body, style.MUTED)
    elif key == "boliger":
        total = spec.tiles[0]
        if not total.missing:
            y += ts.text("figure_caption", f"{total.value} {total.caption}", grid.left, y, grid.content,
                         scale.body * 1.25, style.PRIMARY, W.Bold) + gap
        # The square's headline already names the chart; its period is in the line above.
        height = max(bottom - y, scale.body * 8)
        # A DST sheet's chart keeps its title: it tells the years and the gap.
        title = spec.dwellings_title if spec.dst_based else ""
        y += _chart(ts, scale, grid.left, y, grid.content, height, title, spec.dwellings,
                    unavailable=full.dwellings_unavailable, axis=spec.dwellings_axis)
    elif key == "igangsat":
        height = max(bottom - y, scale.body * 8)
        y += _chart(ts, scale, grid.left, y, grid.content, height, spec.construction_title, spec.construction,
                    spec.construction_note, full.construction_unavailable)
    elif full.square_charts and key in full.square_charts:
        title, bars, axis = full.square_charts[key]
        y += _chart(ts, scale, grid.left, y, grid.content, max(bottom - y, scale.body * 8), title, bars, axis=axis)
    elif key in CAROUSEL_FIGURES:
        names = CAROUSEL_FIGURES[key]
        shown = (full.square_statements[key] if full.square_statements is not None
                 else tuple(full.statements[n] for n in names if n in full.statements))
        # Three figures stand beside their words to fit; one or two get the large tinted boxes.
        y += _statements(ts, scale, grid.left, y, grid.content, shown, full.square_unavailable[key],
                         compact=len(names) > 2)
    elif key == "vidste_du":
        y += _facts(ts, spec, scale, grid.left, y, grid.content, spec.facts[:facts], title=False)
    _footer(ts, scale, grid, footer, spec.carousel_number.format(nummer=number, antal=len(CAROUSEL)))
    return y - bottom


def carousel_layout(spec: FactsheetSpec, width: int = SQUARE[0], height: int = SQUARE[1]) -> tuple[TypeScale, int]:
    """One type scale for all six squares (the largest headline and figure size at which every square fits, and the
    "Vidste du" square keeps every national fact it can hold at the smallest), and how many facts that is."""
    body = SQUARE_BODY * width / SQUARE[0]

    def overflow(key: str, number: int, scale: TypeScale, facts: int) -> float:
        return _square(Typesetter(None, width, height), spec, key, number, scale, facts)

    smallest = TypeScale(body, SQUARE_BIG[-1])
    facts = len(spec.facts)
    while facts > 1 and overflow("vidste_du", 6, smallest, facts) > 0:
        facts -= 1
    scale = smallest
    for big in SQUARE_BIG:  # a kommune without figures has room for larger type, but not at the cost of a fact
        candidate = TypeScale(body, big)
        if (all(overflow(key, n, candidate, 1) <= 0 for n, key in enumerate(CAROUSEL, start=1))
                and overflow("vidste_du", 6, candidate, facts) <= 0):
            scale = candidate
            break
    return scale, facts


def render_square(painter: QPainter, spec: FactsheetSpec, number: int, width: int = SQUARE[0],
                  height: int = SQUARE[1], layout: tuple[TypeScale, int] | None = None) -> list[TextBox]:
    """Draw square `number` (1–6) of the carousel; returns where every text went."""
    scale, facts = layout or carousel_layout(spec, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    ts = Typesetter(painter, width, height)
    ts.fill(QRectF(0, 0, width, height), style.BACKGROUND)
    _square(ts, spec, CAROUSEL[number - 1], number, scale, facts)
    painter.restore()
    return ts.boxes


def page_images(spec: FactsheetSpec, layout: SheetLayout) -> list[QImage]:
    """The pages of a multi-page export as images: the whole sheet's two A4 pages or the carousel's six squares."""
    images = []
    if layout == SheetLayout.WHOLE:
        scale = full_scale(spec)
        for page in range(1, FULL_PAGES + 1):
            images.append(sheet_image(*A4, lambda p, w, h, page=page: render_full_page(p, spec, page, w, h, scale),
                                      print_dpi=True))
    else:
        layout = carousel_layout(spec)
        for number in range(1, len(CAROUSEL) + 1):
            images.append(sheet_image(*SQUARE,
                                      lambda p, w, h, number=number: render_square(p, spec, number, w, h, layout)))
    return images


