"""The kinds of factsheet export: layout, size and file format. Pure Python: no Qt.

Inside the code these are enum members; their values are the Danish words users type and see (the command line's
`--layout kort`, file names such as "…-kvadrat-1.png"), so a word is turned into a member only at that edge.
"""

from __future__ import annotations

from enum import StrEnum


class SheetLayout(StrEnum):
    ONE_PAGE = "kort"  # today's one-page digest, at any size
    WHOLE = "fuld"  # the whole sheet on two A4 pages
    CAROUSEL = "karrusel"  # six 1080×1080 squares, one message each


class SheetSize(StrEnum):
    A4 = "a4"  # 2480×3508, 300 dpi
    SCREEN = "skaerm"  # 1920×1080
    SQUARE = "kvadrat"  # 1080×1080


class SheetFormat(StrEnum):
    PNG = "png"
    PDF = "pdf"
