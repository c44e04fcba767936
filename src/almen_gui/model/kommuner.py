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
DEFAULT_KODE = 161  # Glostrup, the kommune whose published figures ship with the app: shown when none is chosen


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


def search_keys(text: str, shorten_aa: bool = True) -> set[str]:
    """Accent- and case-free spellings of a name: "Høje-Taastrup" -> {"hoejetaastrup", "hojetaastrup", "hojetastrup"}.

    Danish letters are spelled both ways (ø as "oe" and as "o", å as "aa" and as "a") so that "Koebenhavn",
    "Kobenhavn" and "københavn" all meet; with shorten_aa, an "aa" also reads as "a" ("Tåstrup", "Tastrup").
    """
    folded = text.casefold().strip()
    keys = set()
    for table in (_DANISH_LETTERS, _PLAIN_LETTERS):
        key = _NOT_ALNUM.sub("", _strip_accents(folded.translate(table)))
        keys.add(key)
        if shorten_aa:
            keys.add(key.replace("aa", "a"))
    keys.discard("")
    return keys


PREFIX, WORD_PREFIX, INSIDE = 0, 1, 2  # how well a name meets a search, best first


def match_rank(query: str, text: str) -> int | None:
    """Type-ahead: PREFIX if `text` starts with `query`, WORD_PREFIX if a later word does ("taa" in Høje-Taastrup),
    INSIDE if it occurs elsewhere, None if not at all.

    The name is searched in all its spellings, the query only as typed: "aar" looks for "aar" (Aarhus, Lyngby-Taarbæk)
    and not for "ar", which would find Middelfart and Ærø.
    """
    query_keys = search_keys(query, shorten_aa=False)
    if not query_keys:
        return PREFIX
    text_keys = search_keys(text)
    if any(t.startswith(q) for q in query_keys for t in text_keys):
        return PREFIX
    words = [key for word in re.split(r"[\s\-]+", text)[1:] for key in search_keys(word)]
    if any(w.startswith(q) for q in query_keys for w in words):
        return WORD_PREFIX
    if any(q in t for q in query_keys for t in text_keys):
        return INSIDE
    return None


def matches(query: str, text: str) -> bool:
    """Type-ahead match: does `query` occur somewhere in some spelling of `text`?"""
    return match_rank(query, text) is not None


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
        if not query.strip():  # nothing typed: every name would match, and none is a suggestion
            return []
        names: list[str] = []
        for key in sorted(search_keys(query)):
            for close in difflib.get_close_matches(key, self._by_key.keys(), n=limit, cutoff=0.6):
                name = self._by_key[close].navn
                if name not in names:
                    names.append(name)
        if not names:
            names = [k.navn for k in self if matches(query, k.navn)]
        return names[:limit]
