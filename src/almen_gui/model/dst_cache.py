"""The fetched Danmarks Statistik figures kept in the user's app-data folder, so the app works offline.

One JSON file, replaced atomically and only after a whole fetch has succeeded: a failed or cancelled fetch leaves the
previous file byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

from almen_gui import paths
from almen_gui.model.dst import DstFigures, DstTable, fetch_dst
from almen_gui.model.errors import os_reason
from almen_gui.model.files import WriteError, atomic_path
from almen_gui.model.kommuner import KommuneIndex
from almen_gui.model.statbank import StatbankClient

FORMAT = 1
FILE_NAME = "statbank.json"


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


def load_dst_cache(path: Path | None = None) -> DstFigures | None:
    """The cached figures, or None when nothing has been fetched yet; DstCacheError for a damaged file."""
    path = path or cache_path()
    if not path.is_file():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            raise ValueError("format")
        tables = {key: DstTable(key, t["text"], t["updated"], tuple(t["footnotes"]))
                  for key, t in document["tables"].items()}
        series = {measure: {area: {str(p): (None if v is None else float(v)) for p, v in values.items()}
                            for area, values in by_area.items()}
                  for measure, by_area in document["series"].items()}
        return DstFigures(document["fetched_at"], document["source_url"], tables, series,
                          dict(document["area_names"]), tuple(document["notes"]), dict(document["measure_tables"]),
                          _provisional(document, series))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise DstCacheError(f"De gemte tal fra Danmarks Statistik ({path}) kan ikke læses.") from None


def _provisional(document: dict, series: dict) -> dict[str, tuple[str, ...]]:
    """The periods DST will revise. A cache written before they were kept cannot tell which quarter was the table's
    latest: its last two years of started construction are then marked, as either may hold one of the latest 1½
    years' quarters (over-marking a year as provisional misleads less than missing one)."""
    from almen_gui.model.dst import PAABEGYNDT

    if "provisional" in document:
        return {measure: tuple(str(p) for p in periods) for measure, periods in document["provisional"].items()}
    years = sorted({period for values in series.get(PAABEGYNDT, {}).values() for period in values})
    return {PAABEGYNDT: tuple(years[-2:])} if years else {}


def update_dst_cache(client: StatbankClient, kommuner: KommuneIndex, progress=None,
                     path: Path | None = None) -> tuple[DstFigures, Path]:
    """Fetch everything, then replace the cache in one step; on any failure the old cache is untouched."""
    figures = fetch_dst(client, kommuner, progress)
    client.check_cancel()  # a cancel that came during the last answer still wins: nothing is written
    return figures, save_dst_cache(figures, path)
