"""Map geometry without Qt: a projection for Denmark, Bornholm's and the capital area's insets, and kommune boundaries
read from GeoJSON.

The projection is equirectangular around 56° N: longitude is scaled by cos(56°), so Jutland is not squashed.
Bornholm is moved into an inset box north-east of Zealand, as Danish maps draw it. The map view also draws the capital
area (Region Hovedstaden without Bornholm: 28 kommuner close together) enlarged in a second inset east of
Øresund, where the map is otherwise empty.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from almen_gui.model.errors import DataError, Problem
from almen_gui.model.files import FileRefused, read_regular_file
from almen_gui.model.formatting import format_number
from almen_gui.model.kommuner import Kommune, KommuneIndex
from almen_gui.model.simplify import simplify
from almen_gui.paths import data_dir, user_data_dir

LATITUDE = 56.0
X_SCALE = math.cos(math.radians(LATITUDE))
BORNHOLM = 400
# Bornholm's real position is far east; its inset sits in the Kattegat, north-east of Zealand.
BORNHOLM_SHIFT = (-2.55, 1.75)  # degrees of (lon, lat) added to Bornholm's coordinates
BORNHOLM_BOX = (12.05, 56.68, 12.7, 57.1)  # lon0, lat0, lon1, lat1 of the inset frame, in shifted degrees
MAX_GEOJSON_BYTES = 50 * 1024 * 1024
MAX_RING_POINTS = 2_500_000  # as many as 50 MB can hold
# Counted before anything is simplified: each ring costs a numpy array and a simplification, so 430.000 tiny polygons
# under the size cap took 31 s and 1,2 GB. DAGI's kommuner are 99 features (the shared copy: 311 outer rings and
# 39.000 points); Denmark has some 1.400 islands, so even the most detailed outlines stay far below these.
MAX_FEATURES = 1_000
MAX_RINGS = 20_000
MAX_POINTS = 5_000_000  # about what 50 MB of coordinates can hold
MAX_PROBLEMS = 50
DENMARK_BOX = (7.0, 54.0, 16.0, 58.0)  # lon0, lat0, lon1, lat1 in WGS84 degrees, Bornholm and Christiansø included
CACHE_VERSION = 1  # raise when the simplification or the cached format changes
CACHE_KEPT = 4  # simplified boundary files kept in the cache folder
CODE_PROPERTIES = ("kode", "KOMKODE", "komkode", "kommunekode", "KOMMUNEKODE")
CAPITAL_REGION = "Region Hovedstaden"
CAPITAL_BOX = (11.69, 55.55, 12.81, 56.21)  # lon0, lat0, lon1, lat1: the capital area's kommuner, outlines included
CAPITAL_ZOOM = 2.2
CAPITAL_INSET_ORIGIN = (7.3, 55.0)  # map coordinates of the enlarged inset's lower-left corner (east of Øresund)
BUNDLED_FILE = "kommunegraenser.geojson"  # in data/: made by tools/make_kommunegraenser.py
BUNDLED_ATTRIBUTION = ("Kommunegrænser: Danmarks Administrative Geografiske Inddeling (DAGI), Geodatastyrelsen 2014, "
                       "forenklet")


def project(lon: float, lat: float, kode: int | None = None) -> tuple[float, float]:
    """Map coordinates (x east, y north) of a point; Bornholm's points land in its inset."""
    if kode == BORNHOLM:
        lon, lat = lon + BORNHOLM_SHIFT[0], lat + BORNHOLM_SHIFT[1]
    return lon * X_SCALE, lat


def kommune_position(kommune: Kommune) -> tuple[float, float]:
    return project(kommune.lon, kommune.lat, kommune.kode)


def inset_frame() -> tuple[float, float, float, float]:
    """Bornholm's inset box in map coordinates: (x0, y0, x1, y1)."""
    lon0, lat0, lon1, lat1 = BORNHOLM_BOX
    return lon0 * X_SCALE, lat0, lon1 * X_SCALE, lat1


def in_capital_inset(kommune: Kommune) -> bool:
    return kommune.region == CAPITAL_REGION and kommune.kode != BORNHOLM


def capital_area() -> tuple[float, float, float, float]:
    """The part of the map that the capital inset enlarges, in map coordinates: (x0, y0, x1, y1)."""
    lon0, lat0, lon1, lat1 = CAPITAL_BOX
    return lon0 * X_SCALE, lat0, lon1 * X_SCALE, lat1


def to_capital_inset(x: float, y: float) -> tuple[float, float]:
    """Where a map point of the capital area is drawn in its enlarged inset."""
    x0, y0, _, _ = capital_area()
    return CAPITAL_INSET_ORIGIN[0] + (x - x0) * CAPITAL_ZOOM, CAPITAL_INSET_ORIGIN[1] + (y - y0) * CAPITAL_ZOOM


def capital_inset_frame() -> tuple[float, float, float, float]:
    """The enlarged inset's box in map coordinates: (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = capital_area()
    return (*to_capital_inset(x0, y0), *to_capital_inset(x1, y1))


Ring = list[tuple[float, float]]  # projected (x, y) points, the first repeated at the end


@dataclass
class Boundaries:
    """Projected, simplified outlines per kommune code, and what was left out of the file."""

    shapes: dict[int, list[Ring]]
    source: str
    warnings: list[Problem] = field(default_factory=list)


def _code_of(properties: dict) -> int | None:
    for name in CODE_PROPERTIES:
        value = properties.get(name)
        text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        # ASCII digits only: str.isdigit() also accepts superscripts such as "¹⁶¹", which int() refuses.
        if text.isascii() and text.isdigit() and len(text) <= 4:
            return int(text)
    return None


def _rings(geometry) -> list[list]:
    if not isinstance(geometry, dict):
        raise ValueError("geometrien er ikke et objekt")
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"geometritypen {str(kind)[:40]!r} er ikke en flade (Polygon eller MultiPolygon)")
    if not isinstance(coordinates, list):
        raise ValueError("koordinaterne er ikke en liste")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not all(isinstance(polygon, list) for polygon in polygons):
        raise ValueError("en flade er ikke en liste af ringe")
    return [polygon[0] for polygon in polygons if polygon]


def _ring_points(ring, kode: int) -> np.ndarray:
    """A ring's projected points as an (n, 2) array; raises OutsideDenmark for coordinates that are not WGS84
    degrees inside Denmark (a UTM easting, swapped longitude and latitude, 1e308), ValueError for anything else."""
    if not isinstance(ring, list):
        raise ValueError("en ring er ikke en liste af punkter")
    if len(ring) > MAX_RING_POINTS:
        raise ValueError(f"en ring har over {MAX_RING_POINTS:,} punkter".replace(",", "."))
    try:
        # No dtype given: numbers become a float or int array; text, objects, nested lists and integers too large
        # for a float show up as another kind (or as a ragged array numpy refuses).
        array = np.array(ring)
    except (ValueError, TypeError, OverflowError, RecursionError):
        raise ValueError("et punkt er ikke et par af tal") from None
    if array.ndim != 2 or array.shape[1] < 2 or array.dtype.kind not in "iuf":
        raise ValueError("et punkt er ikke et par af tal")
    lon, lat = array[:, 0].astype(float), array[:, 1].astype(float)
    inside = (lon >= DENMARK_BOX[0]) & (lon <= DENMARK_BOX[2]) & (lat >= DENMARK_BOX[1]) & (lat <= DENMARK_BOX[3])
    if not inside.all():
        first = int(np.argmin(inside))
        raise OutsideDenmark(ring[first][0], ring[first][1])
    if kode == BORNHOLM:
        lon, lat = lon + BORNHOLM_SHIFT[0], lat + BORNHOLM_SHIFT[1]
    return np.column_stack((lon * X_SCALE, lat))


class OutsideDenmark(ValueError):
    def __init__(self, lon, lat):
        def short(value) -> str:
            text = (f"{value:g}" if isinstance(value, float) else str(value)).replace(".", ",")
            return text if len(text) <= 12 else text[:9] + "…"

        super().__init__(f"({short(lon)}; {short(lat)})")


def _read_bytes(path: Path, name: str) -> bytes:
    """The file, if it is a regular file within the size cap (never a pipe or a device)."""
    try:
        return read_regular_file(path, MAX_GEOJSON_BYTES)
    except FileRefused as exc:
        if str(exc).startswith("filen er for stor"):
            raise DataError(Problem(name, "filen er for stor til kommunegrænser (højst 50 MB)")) from None
        raise DataError(Problem(str(path) if exc.names_path else name, str(exc))) from None


def _parse(data: bytes, name: str):
    """The JSON document, or DataError with a Danish sentence (never Python's name for the error)."""
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        reason = "filen er ikke tekst i UTF-8, som GeoJSON skal være"
    except json.JSONDecodeError as exc:
        reason = f"filen er ikke gyldig GeoJSON: JSON-fejl i linje {exc.lineno}, tegn {exc.colno}"
    except RecursionError:
        reason = "filen er ikke gyldig GeoJSON: den er indlejret langt dybere end kommunegrænser er"
    except ValueError:  # Python refuses to read integers of more than 4.300 digits
        reason = "filen er ikke gyldig GeoJSON: den indeholder et tal med tusindvis af cifre"
    raise DataError(Problem(name, reason))


def _cache_file(data: bytes, tolerance: float, kommuner: KommuneIndex) -> Path:
    key = hashlib.sha256(data)
    key.update(f"{CACHE_VERSION} {tolerance!r} {sorted(k.kode for k in kommuner)}".encode())
    return user_data_dir() / "cache" / f"kommunegraenser-{key.hexdigest()[:32]}.json"


def _from_cache(cache: Path, name: str) -> Boundaries | None:
    """Boundaries simplified at an earlier start; None when there is no usable cache file (it is only a cache)."""
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        shapes = {int(kode): [[(float(x), float(y)) for x, y in ring] for ring in rings]
                  for kode, rings in stored["shapes"].items()}
        warnings = [Problem(name, str(reason), warning=True) for reason in stored["warnings"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return Boundaries(shapes, name, warnings)


def _to_cache(cache: Path, boundaries: Boundaries) -> None:
    """Write the simplified outlines atomically; a folder we cannot write to only costs the next start some time."""
    stored = {"shapes": {str(k): rings for k, rings in boundaries.shapes.items()},
              "warnings": [w.reason for w in boundaries.warnings]}
    temporary = cache.with_name(f".{cache.name}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(stored), encoding="utf-8")
        os.replace(temporary, cache)
        # Keep the few newest: a user who tries many files should not collect outlines for ever.
        older = sorted(cache.parent.glob("kommunegraenser-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[CACHE_KEPT:]:
            stale.unlink(missing_ok=True)
    except OSError:
        temporary.unlink(missing_ok=True)


def load_boundaries(path: Path, kommuner: KommuneIndex, tolerance: float = 0.002) -> Boundaries:
    """Read kommune polygons from a GeoJSON FeatureCollection (DAGI, Dataforsyningen/DAWA) and check them.

    Raises DataError (one clear sentence per problem) for a file that cannot be used; features with codes that are
    not kommuner (such as Christiansø, 411) are left out with a warning. The simplified outlines are cached in the
    user's data folder, keyed by the file's content, so a remembered file is not simplified again at every start.
    """
    path = Path(path)
    name = path.name
    data = _read_bytes(path, name)
    cache = _cache_file(data, tolerance, kommuner)
    cached = _from_cache(cache, name)
    if cached is not None:
        return cached
    boundaries = _check_and_simplify(_parse(data, name), name, kommuner, tolerance)
    _to_cache(cache, boundaries)
    return boundaries


def _check_counts(features: list, name: str) -> None:
    """DataError for more features, outer rings or points than kommune boundaries have, counted before any is
    simplified (lists of the wrong shape are left to the checks that follow)."""
    if len(features) > MAX_FEATURES:
        raise DataError(Problem(name, f"filen har {format_number(len(features))} objekter; kommunegrænser har omkring "
                                      f"100, og over {format_number(MAX_FEATURES)} læses ikke"))
    rings = points = 0
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not isinstance(coordinates, list):
            continue
        polygons = [coordinates] if geometry.get("type") == "Polygon" else coordinates
        for polygon in polygons:
            if isinstance(polygon, list) and polygon and isinstance(polygon[0], list):
                rings += 1
                points += len(polygon[0])
    if rings > MAX_RINGS or points > MAX_POINTS:
        raise DataError(Problem(name, f"filen har {format_number(rings)} flader med {format_number(points)} punkter; "
                                      f"kommunegrænser har langt færre (højst {format_number(MAX_RINGS)} flader og "
                                      f"{format_number(MAX_POINTS)} punkter læses)"))


def _check_and_simplify(document, name: str, kommuner: KommuneIndex, tolerance: float) -> Boundaries:
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" \
            or not isinstance(document.get("features"), list):
        raise DataError(Problem(name, "filen er ikke en GeoJSON FeatureCollection"))
    _check_counts(document["features"], name)
    by_code = {k.kode: k for k in kommuner}
    shapes: dict[int, list[Ring]] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    outside: list[str] = []
    for number, feature in enumerate(document["features"], start=1):
        where = f"objekt nr. {number}"
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(name, f"flere fejl fra {where} og frem er ikke vist"))
            break
        if not isinstance(feature, dict) or not isinstance(feature.get("properties") or {}, dict):
            problems.append(Problem(name, f"{where} er ikke et GeoJSON-objekt med egenskaber (properties)"))
            continue
        kode = _code_of(feature.get("properties") or {})
        if kode is None:
            problems.append(Problem(name, f"{where} har ingen kommunekode (egenskaben 'kode' eller 'KOMKODE')"))
            continue
        kommune = by_code.get(kode)
        if kommune is None:
            warnings.append(Problem(name, f"{where}: kode {kode} er ikke en af de 98 kommuner; udeladt", warning=True))
            continue
        try:
            rings = []
            for ring in _rings(feature.get("geometry")):
                projected = _ring_points(ring, kode)
                if len(projected) < 4:
                    raise ValueError("en ring har under fire punkter")
                rings.append(simplify(projected, tolerance))
        except OutsideDenmark as exc:
            outside.append(f"{where} ({kommune.navn}) har punktet {exc}")
            continue
        except ValueError as exc:
            problems.append(Problem(name, f"{where} ({kommune.navn}) har ødelagt geometri: {exc}"))
            continue
        if not rings:
            problems.append(Problem(name, f"{where} ({kommune.navn}) har ingen flader"))
            continue
        shapes.setdefault(kode, []).extend(rings)
    if outside:
        example = outside[0] + (f", og {len(outside) - 1} objekter mere ligger udenfor" if len(outside) > 1 else "")
        problems.insert(0, Problem(name, "koordinaterne skal være WGS84-længde- og breddegrader inden for Danmarks "
                                         f"grænser (længde 7–16° Ø, bredde 54–58° N), men {example}"))
    if not shapes and not problems:
        problems.append(Problem(name, "filen indeholder ingen af de 98 kommuner"))
    if problems:
        raise DataError(problems + warnings)
    missing = [k.navn for k in kommuner if k.kode not in shapes]
    if missing:
        warnings.append(Problem(name, f"{len(missing)} kommuner har ingen grænse i filen og vises som punkter",
                                warning=True))
    return Boundaries(shapes, name, warnings)


def bundled_boundaries(kommuner: KommuneIndex) -> Boundaries:
    """The kommune outlines shipped in data/ (DAGI 2014, simplified once by tools/make_kommunegraenser.py): our own
    file, so it is projected as it is, neither checked nor simplified again, and the maps draw shapes from the start."""
    document = json.loads((data_dir() / BUNDLED_FILE).read_text(encoding="utf-8"))
    wanted = {k.kode for k in kommuner}
    shapes: dict[int, list[Ring]] = {}
    for feature in document["features"]:
        kode = feature["properties"]["kode"]
        if kode in wanted:
            # project() inlined: this runs for every one of the file's 21.000 points at the map's first showing
            dx, dy = BORNHOLM_SHIFT if kode == BORNHOLM else (0.0, 0.0)
            shapes[kode] = [[((lon + dx) * X_SCALE, lat + dy) for lon, lat in polygon[0]]
                            for polygon in feature["geometry"]["coordinates"]]
    return Boundaries(shapes, BUNDLED_ATTRIBUTION)
