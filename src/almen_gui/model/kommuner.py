"""The 98 kommuner and how a user names one: by code (161, 0161) or by name, ignoring case and accents."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from almen_gui.model.errors import KommuneNotFound

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_PLAIN_LETTERS = str.maketrans({"æ": "a", "ø": "o", "å": "a"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SUFFIXES = (" regionskommune", " kommune")


@dataclass(frozen=True)
class Kommune:
    kode: int
    navn: str
    officielt_navn: str
    region: str
    regionskode: int
    lat: float
    lon: float
    areal_km2: float

    @property
    def kode_text(self) -> str:
        """The code as sources write it with four digits: "0161"."""
        return f"{self.kode:04d}"


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_keys(text: str) -> set[str]:
    """Accent- and case-free spellings of a name: "Høje-Taastrup" -> {"hoejetaastrup", "hojetaastrup", "hojetastrup"}.

    Danish letters are spelled both ways (ø as "oe" and as "o", å as "aa" and as "a") so that "Koebenhavn",
    "Kobenhavn" and "københavn" all meet.
    """
    folded = text.casefold().strip()
    keys = set()
    for table in (_DANISH_LETTERS, _PLAIN_LETTERS):
        key = _NOT_ALNUM.sub("", _strip_accents(folded.translate(table)))
        keys.add(key)
        keys.add(key.replace("aa", "a"))
    keys.discard("")
    return keys


def matches(query: str, text: str) -> bool:
    """Type-ahead match: does some spelling of `query` occur inside some spelling of `text`?"""
    query_keys = search_keys(query)
    if not query_keys:
        return True
    text_keys = search_keys(text)
    return any(q in t for q in query_keys for t in text_keys)


class KommuneIndex:
    """Look up kommuner by code or name; suggest close names for near misses."""

    def __init__(self, kommuner: list[Kommune]):
        self._by_code = {k.kode: k for k in kommuner}
        self._by_key: dict[str, Kommune] = {}
        for kommune in kommuner:
            names = {kommune.navn, kommune.officielt_navn}
            lowered = kommune.officielt_navn.lower()
            for suffix in _SUFFIXES:
                if lowered.endswith(suffix):
                    names.add(kommune.officielt_navn[: -len(suffix)])  # "Københavns", "Bornholms"
            for name in names:
                for key in search_keys(name):
                    self._by_key.setdefault(key, kommune)

    def __iter__(self):
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def by_code(self, kode: int) -> Kommune:
        return self._by_code[kode]

    def find(self, query: str | int) -> Kommune | None:
        """The kommune named by `query`, or None."""
        text = str(query).strip()
        if text.isascii() and text.isdigit():  # "²" and "¹⁶¹" are digits to Python, but no kommune code
            return self._by_code.get(int(text)) if len(text) <= 4 else None
        for key in search_keys(text):
            if key in self._by_key:
                return self._by_key[key]
        lowered = text.casefold()
        for suffix in _SUFFIXES:
            if lowered.endswith(suffix):
                return self.find(text[: -len(suffix)])
        return None

    def lookup(self, query: str | int) -> Kommune:
        """Like find(), but raises KommuneNotFound with up to three suggestions."""
        found = self.find(query)
        if found is None:
            raise KommuneNotFound(str(query), self.suggest(str(query)))
        return found

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        names: list[str] = []
        for key in sorted(search_keys(query)):
            for close in difflib.get_close_matches(key, self._by_key.keys(), n=limit, cutoff=0.6):
                name = self._by_key[close].navn
                if name not in names:
                    names.append(name)
        if not names:
            names = [k.navn for k in self if matches(query, k.navn)]
        return names[:limit]
