"""Type for the factsheets: one type scale for every size, our own line breaking, and a record of where each text went.

Breaking lines ourselves (instead of letting QPainter wrap) tells the layouts every line's box, so a layout can fit
itself to its page and the tests can check that no text leaves its frame and no word is left alone: headlines are
broken into even lines with no word alone on any, running text never ends on a word alone, and a date
("1. januar 2026") is never split.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from almen_gui.factsheet import style
from almen_gui.model.formatting import MONTHS
from almen_gui.resources import register_fonts

W = QFont.Weight
NO_BREAK = "\u00a0"
# What reads as one thing stays on one line: a date, a figure with its unit, the licence's name, a kommune's name in
# capitals (a headline's; in running text a name may break, so that no line ends on a word alone).
_TOGETHER = re.compile(rf"\b\d{{1,2}}\. (?:{'|'.join(MONTHS)})(?: \d{{4}}\b)?|\d (?:pct\.|mio\. kr\.)|kl\. \d|CC BY \d"
                       r"|[^\s(]+ (?:REGIONSKOMMUNE|KOMMUNE)\b")


def keep_together(text: str) -> str:
    """A date ("1. januar 2026"), a time ("kl. 12.47"), a figure and its unit ("333 mio. kr.", "8 pct."), "CC BY 4.0"
    and a kommune's official name in capitals ("RINGKØBING-SKJERN KOMMUNE") stay on one line: their spaces become
    no-break spaces, which Qt's wrapping and ours both respect."""
    return _TOGETHER.sub(lambda m: m.group().replace(" ", NO_BREAK), text)


def _words(paragraph: str) -> list[str]:
    """The units a line may break between: a date is one, and a separator ("FAKTAARK 2024 ·") goes with the word
    before it, so it never starts a line."""
    words = [word for word in keep_together(paragraph).split(" ") if word]
    for index in range(len(words) - 1, 0, -1):
        if words[index] in ("·", "–"):
            words[index - 1:index + 1] = [f"{words[index - 1]} {words[index]}"]
    return words


def sheet_font(family: str, px: float, weight: QFont.Weight = W.Normal, italic: bool = False) -> QFont:
    """The sheets' font at a pixel size, unhinted so it has the same shapes at every size and on every device."""
    font = QFont(family)
    font.setPixelSize(max(1, round(px)))
    font.setWeight(weight)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def spaced_ticks(ticks: tuple, plot_height: float, line_height: float) -> tuple:
    """The axis marks to label on a plot this high: every one, or every second, third … from 0, so that their labels
    stand at least 1,3 lines apart (a short chart on a square keeps 0 and a few marks, never a pile of labels)."""
    if len(ticks) < 3:
        return ticks
    spacing = plot_height * ticks[1].value / ticks[-1].value
    stride = math.ceil(line_height * 1.3 / spacing) if spacing > 0 else len(ticks)
    return ticks[::stride] if stride < len(ticks) else (ticks[0], ticks[-1])


def fill_rect(painter: QPainter, rect: QRectF, colour: str, radius: float = 0.0) -> None:
    """A filled box without an outline, square or with rounded corners: the sheets' panels and bars."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    if radius:
        painter.drawRoundedRect(rect, radius, radius)
    else:
        painter.drawRect(rect)
    painter.setBrush(Qt.BrushStyle.NoBrush)


@dataclass(frozen=True)
class TypeScale:
    """Every text size on a sheet, derived from one body size; the ratios are the same for A4, screen and square.

    The national facts use `body` (never more than the kommune's own figure captions) and the charts of one sheet
    share `chart_title`, `label` and `value`.
    """

    body: float
    big: float = 2.6  # headline and figures against the body; a square lowers it (for all six alike) to fit

    @property
    def display(self) -> float:  # a kommune's own figure
        return self.body * self.big

    @property
    def headline(self) -> float:
        return self.body * self.big

    @property
    def title(self) -> float:  # a section heading
        return self.body * 1.6

    @property
    def chart_title(self) -> float:
        return self.body * 1.2

    @property
    def value(self) -> float:  # the number above a bar
        return self.body * 1.25

    @property
    def label(self) -> float:  # a bar's name
        return self.body * 0.9

    @property
    def small(self) -> float:  # sources, page numbers, the date
        return self.body * 0.85

    @property
    def overline(self) -> float:
        return self.body * 0.9


@dataclass(frozen=True)
class TextBox:
    """Where one text was set: its frame (the box it had to stay inside) and the box its lines really took."""

    kind: str
    text: str
    frame: QRectF
    bounds: QRectF
    lines: tuple[str, ...]
    px: float


def wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Greedy line breaking at spaces; "\n" starts a new line. A word wider than `width` gets a line of its own."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def flow(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Running text: greedy lines, except that a paragraph's last word never stands alone when the line above can
    spare one ("… bor i en almen / bolig." becomes "… bor i en / almen bolig."). As many lines as greedy breaking."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        units = [_words(line) for line in wrap(paragraph, metrics, width)]
        # a date ("(1. januar 2026).") is one unit but not a word alone
        if len(units) > 1 and len(" ".join(units[-1]).split()) == 1 and len(units[-2]) > 2:
            last = [units[-2][-1], *units[-1]]
            if metrics.horizontalAdvance(" ".join(last)) <= width:
                units[-2:] = [units[-2][:-1], last]
        lines += [" ".join(unit) for unit in units]
    return lines


def balanced(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """As few lines as greedy breaking needs, with as few lines of a single word as can be, then as even as possible.

    A headline then reads "ALMENE BOLIGER GØR / GLOSTRUP KOMMUNE BEDRE", never leaving "BEDRE" alone, and
    "ALMENE BOLIGER / GØR RINGKØBING-SKJERN / KOMMUNE BEDRE" rather than the name alone on the middle line; a
    sentence never ends with "perioden." on a line of its own. Each paragraph ("\n") is broken on its own.
    """
    return [line for paragraph in text.split("\n") for line in _even(_words(paragraph), metrics, width)]


def _even(words: list[str], metrics: QFontMetricsF, width: float) -> list[str]:
    count = len(wrap(" ".join(words), metrics, width))  # as many lines as greedy breaking needs
    if count < 2:
        return [" ".join(words)]
    # best[i][k]: (single-word lines, widest line, breaks) for the first i words in k lines. Both parts of the cost
    # only grow as lines are added, so the best breaking of a text extends the best breaking of its start.
    best: list[dict[int, tuple[int, float, tuple[int, ...]]]] = [{} for _ in range(len(words) + 1)]
    best[0][0] = (0, 0.0, ())
    for end in range(1, len(words) + 1):
        for start in range(end):
            line = " ".join(words[start:end])
            advance = metrics.horizontalAdvance(line)
            if advance > width and end - start > 1:
                continue
            lone = 1 if end - start == 1 else 0
            for lines, (lone_before, widest, breaks) in best[start].items():
                if lines + 1 > count:
                    continue
                candidate = (lone_before + lone, max(widest, advance), breaks + (end,))
                if lines + 1 not in best[end] or candidate[:2] < best[end][lines + 1][:2]:
                    best[end][lines + 1] = candidate
    breaks = (0, *best[len(words)][count][2])
    return [" ".join(words[a:b]) for a, b in zip(breaks, breaks[1:])]


def has_orphan(lines: list[str] | tuple[str, ...]) -> bool:
    """A headline's last line holding a single short word."""
    return len(lines) > 1 and len(lines[-1].split()) == 1 and len(lines[-1]) <= 12


def has_lone_word(lines: list[str] | tuple[str, ...], first_too: bool = False) -> bool:
    """A text of several lines with a word alone on its last line ("perioden.") or on a middle one (a headline's
    "… GØR / RINGKØBING-SKJERN / KOMMUNE …"). A first line of one word is a long word, not a lone one, unless
    `first_too` (a headline that a smaller size could set without it: "Almene / boliger skaber / …")."""
    return len(lines) > 1 and any(len(line.split()) == 1 for line in lines[0 if first_too else 1:])


class Typesetter:
    """Sets text line by line with the bundled font; with `painter=None` it only measures (for fitting a page)."""

    def __init__(self, painter: QPainter | None, width: int, height: int):
        self.painter = painter
        self.width, self.height = width, height
        self.family = register_fonts()
        self.boxes: list[TextBox] = []

    def font(self, px: float, weight: QFont.Weight = W.Normal, italic: bool = False) -> QFont:
        return sheet_font(self.family, px, weight, italic)

    def lines(self, text: str, px: float, width: float, weight=W.Normal, balance: bool = False) -> list[str]:
        metrics = QFontMetricsF(self.font(px, weight))
        return balanced(text, metrics, width) if balance else flow(text, metrics, width)

    def height_of(self, text: str, px: float, width: float, weight=W.Normal, balance: bool = False,
                  leading: float = 1.0) -> float:
        if not text:
            return 0.0
        metrics = QFontMetricsF(self.font(px, weight))
        count = len(self.lines(text, px, width, weight, balance))
        return metrics.height() + (count - 1) * metrics.lineSpacing() * leading

    def text(self, kind: str, text: str, x: float, y: float, width: float, px: float, colour: str = style.TEXT,
             weight=W.Normal, italic: bool = False, balance: bool = False, align: str = "left",
             frame: QRectF | None = None, leading: float = 1.0) -> float:
        """Set `text` from (x, y) within `width`; returns the height used. Records where it went."""
        if not text:
            return 0.0
        font = self.font(px, weight, italic)
        metrics = QFontMetricsF(font)
        lines = balanced(text, metrics, width) if balance else flow(text, metrics, width)
        step = metrics.lineSpacing() * leading
        if self.painter is not None:
            self.painter.setFont(font)
            self.painter.setPen(QColor(colour))
        left, right = x + width, x
        for index, line in enumerate(lines):
            advance = metrics.horizontalAdvance(line)
            offset = {"left": 0.0, "center": (width - advance) / 2, "right": width - advance}[align]
            left, right = min(left, x + offset), max(right, x + offset + advance)
            if self.painter is not None:
                self.painter.drawText(QPointF(x + offset, y + index * step + metrics.ascent()), line)
        height = metrics.height() + (len(lines) - 1) * step
        self.boxes.append(TextBox(kind, text, frame if frame is not None else QRectF(0, 0, self.width, self.height),
                                  QRectF(left, y, right - left, height), tuple(lines), px))
        return height

    def fill(self, rect: QRectF, colour: str, radius: float = 0.0) -> None:
        if self.painter is not None:
            fill_rect(self.painter, rect, colour, radius)
