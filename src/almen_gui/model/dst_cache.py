"""The fetched Danmarks Statistik figures kept in the user's app-data folder, so the app works offline.

One JSON file, replaced atomically and only after a whole fetch has succeeded and passed its checks: a failed,
refused or cancelled fetch leaves the previous file byte for byte. The file is read as untrusted input (anyone could
have edited it): only a regular file within a size cap, checked as a fetch is; one that fails is set aside (renamed,
never deleted, so nothing is lost) and the app goes on without DST's figures.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from almen_gui import paths
from almen_gui.model.dataset import load_kommuner
from almen_gui.model.dst import PAABEGYNDT, DstFigures, DstTable, check_figures, fetch_dst
from almen_gui.model.errors import os_reason
from almen_gui.model.files import FileRefused, WriteError, atomic_path, read_regular_file
from almen_gui.model.kommuner import KommuneIndex
from almen_gui.model.statbank import BadAnswer, StatbankClient

FORMAT = 1
FILE_NAME = "statbank.json"
MAX_CACHE_BYTES = 32 * 1024 * 1024  # a fetch writes about 300 kB
SET_ASIDE = ".ugyldig-"  # statbank.json.ugyldig-20261208T103000: a cache that failed its checks, kept for a look


class DstCacheError(Exception):
    """The cache file cannot be read; the message is one Danish sentence, naming no way to fetch again: the window
    points to its menu, the command line to `almen fetch`."""


def cache_path() -> Path:
    return paths.user_data_dir() / "danmarks-statistik" / FILE_NAME


def what_is_kept(had_cache: bool) -> str:
    """The end of a failed fetch's sentence: what the user still has."""
    return "de tal, der blev hentet tidligere, er uændrede" if had_cache else "der er ikke gemt noget"


def save_dst_cache(figures: DstFigures, path: Path | None = None) -> Path:
    path = path or cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"Mappen {path.parent} kunne ikke oprettes ({os_reason(exc)})") from None
    document = {
        "format": FORMAT,
        "fetched_at": figures.fetched_at,
        "source_url": figures.source_url,
        "tables": {t.id: {"text": t.text, "updated": t.updated, "footnotes": list(t.footnotes)}
                   for t in figures.tables.values()},
        "measure_tables": figures.measure_tables,
        "area_names": figures.area_names,
        "notes": list(figures.notes),
        "series": figures.series,
        "provisional": {measure: list(periods) for measure, periods in figures.provisional.items()},
    }
    with atomic_path(path) as temporary:
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_dst_cache(path: Path | None = None, kommuner: KommuneIndex | None = None) -> DstFigures | None:
    """The cached figures, or None when nothing has been fetched yet. A cache that is not a regular file, or fails
    the checks, is set aside and DstCacheError says so in one sentence; the next start finds nothing."""
    path = path or cache_path()
    if not os.path.lexists(path):
        return None
    try:
        figures = _figures(json.loads(read_regular_file(path, MAX_CACHE_BYTES).decode("utf-8")))
        problem = check_figures(figures, kommuner or _kommuner())
    except FileRefused as exc:
        problem = str(exc)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
        problem = "filen er i stykker"
    if problem is None:
        return figures
    raise DstCacheError(_set_aside(path, problem))


def _kommuner() -> KommuneIndex:
    return load_kommuner()


def _figures(document) -> DstFigures:
    """The document as figures, every field of the type it must have (TypeError or ValueError otherwise)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("format")
    tables = {key: DstTable(key, _text(t["text"]), _text(t["updated"]), tuple(map(_text, _list(t["footnotes"]))))
              for key, t in _dict(document["tables"]).items()}
    series = {measure: {area: {period: _number(value) for period, value in _dict(values).items()}
                        for area, values in _dict(by_area).items()}
              for measure, by_area in _dict(document["series"]).items()}
    area_names = {area: _text(name) for area, name in _dict(document["area_names"]).items()}
    measure_tables = {measure: _text(table) for measure, table in _dict(document["measure_tables"]).items()}
    return DstFigures(_text(document["fetched_at"]), _text(document["source_url"]), tables, series, area_names,
                      tuple(map(_text, _list(document["notes"]))), measure_tables, _provisional(document, series))


def _dict(value) -> dict:
    if not isinstance(value, dict):
        raise TypeError("dict")
    return value


def _list(value) -> list:
    if not isinstance(value, list):
        raise TypeError("list")
    return value


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError("str")
    return value


def _number(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("number")
    return float(value)  # OverflowError for an integer beyond any float


def _set_aside(path: Path, problem: str) -> str:
    """Rename the cache (a link itself, never what it points to) and say so; the sentence for DstCacheError."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}{SET_ASIDE}{stamp}")
    start = f"De gemte tal fra Danmarks Statistik ({path}) kan ikke bruges ({problem})"
    try:
        os.rename(path, aside)
    except OSError as exc:
        return f"{start}, og de kunne ikke lægges til side ({os_reason(exc)})."
    return f"{start} og er lagt til side som {aside.name}."


def _provisional(document: dict, series: dict) -> dict[str, tuple[str, ...]]:
    """The periods DST will revise. A cache written before they were kept cannot tell which quarter was the table's
    latest: its last two years of started construction are then marked, as either may hold one of the latest 1½
    years' quarters (over-marking a year as provisional misleads less than missing one)."""
    if "provisional" in document:
        return {measure: tuple(str(p) for p in periods) for measure, periods in document["provisional"].items()}
    years = sorted({period for values in series.get(PAABEGYNDT, {}).values() for period in values})
    return {PAABEGYNDT: tuple(years[-2:])} if years else {}


def update_dst_cache(client: StatbankClient, kommuner: KommuneIndex, progress=None,
                     path: Path | None = None) -> tuple[DstFigures, Path]:
    """Fetch everything, then replace the cache in one step; on any failure the old cache is untouched."""
    figures = fetch_dst(client, kommuner, progress)
    problem = check_figures(figures, kommuner)  # what is kept must read back: the checks on load are the same
    if problem:
        raise BadAnswer(f"Tallene fra Danmarks Statistik kan ikke bruges ({problem})")
    client.check_cancel()  # a cancel that came during the last answer still wins: nothing is written
    return figures, save_dst_cache(figures, path)
