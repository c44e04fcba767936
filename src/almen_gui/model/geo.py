"""Map geometry without Qt: a projection for Denmark, Bornholm's and the capital area's insets, and kommune boundaries
read from GeoJSON.

The projection is equirectangular around 56° N: longitude is scaled by cos(56°), so Jutland is not squashed.
Bornholm is moved into an inset box north-east of Zealand, as Danish maps draw it. The map view also draws the capital
area (Region Hovedstaden without Bornholm: 28 kommuner in a few square kilometres) enlarged in a second inset east of
Øresund, where the map is otherwise empty.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from almen_gui.model.errors import DataError, Problem
from almen_gui.model.kommuner import Kommune, KommuneIndex

LATITUDE = 56.0
X_SCALE = math.cos(math.radians(LATITUDE))
BORNHOLM = 400
# Bornholm's real position is far east; its inset sits in the Kattegat, north-east of Zealand.
BORNHOLM_SHIFT = (-2.55, 1.75)  # degrees of (lon, lat) added to Bornholm's coordinates
BORNHOLM_BOX = (12.05, 56.68, 12.7, 57.1)  # lon0, lat0, lon1, lat1 of the inset frame, in shifted degrees
MAX_GEOJSON_BYTES = 50 * 1024 * 1024
CODE_PROPERTIES = ("kode", "KOMKODE", "komkode", "kommunekode", "KOMMUNEKODE")
CAPITAL_REGION = "Region Hovedstaden"
CAPITAL_BOX = (11.69, 55.55, 12.81, 56.21)  # lon0, lat0, lon1, lat1: the capital area's kommuner, outlines included
CAPITAL_ZOOM = 2.2
CAPITAL_INSET_ORIGIN = (7.3, 55.0)  # map coordinates of the enlarged inset's lower-left corner (east of Øresund)


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


Ring = list[tuple[float, float]]


@dataclass
class Boundaries:
    """Projected, simplified outlines per kommune code, and what was left out of the file."""

    shapes: dict[int, list[Ring]]
    source: str
    warnings: list[Problem] = field(default_factory=list)


def _simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker, iterative; keeps the first and last point."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x0, y0), (x1, y1) = points[start], points[end]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        farthest, index = 0.0, -1
        for i in range(start + 1, end):
            x, y = points[i]
            if length:
                distance = abs(dy * (x - x0) - dx * (y - y0)) / length
            else:  # a closed ring: its ends coincide, so measure from that point
                distance = math.hypot(x - x0, y - y0)
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance and index > 0:
            keep[index] = True
            stack.append((start, index))
            stack.append((index, end))
    return [p for p, kept in zip(points, keep) if kept]


def _code_of(properties: dict) -> int | None:
    for name in CODE_PROPERTIES:
        value = properties.get(name)
        if value is not None and str(value).strip().isdigit():
            return int(str(value).strip())
    return None


def _rings(geometry: dict) -> list[list]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return [coordinates[0]] if coordinates else []
    if kind == "MultiPolygon":
        return [polygon[0] for polygon in coordinates if polygon]
    raise ValueError(f"geometritypen {kind!r} er ikke en flade (Polygon eller MultiPolygon)")


def load_boundaries(path: Path, kommuner: KommuneIndex, tolerance: float = 0.002) -> Boundaries:
    """Read kommune polygons from a GeoJSON FeatureCollection (DAGI, Dataforsyningen/DAWA) and check them.

    Raises DataError (one clear sentence per problem) for a file that cannot be used; features with codes that are
    not kommuner (such as Christiansø, 411) are left out with a warning.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DataError(Problem(str(path), "filen findes ikke"))
    if path.stat().st_size > MAX_GEOJSON_BYTES:
        raise DataError(Problem(name, "filen er for stor til kommunegrænser (højst 50 MB)"))
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(Problem(name, f"filen er ikke gyldig GeoJSON ({exc.__class__.__name__})")) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" \
            or not isinstance(document.get("features"), list):
        raise DataError(Problem(name, "filen er ikke en GeoJSON FeatureCollection"))
    shapes: dict[int, list[Ring]] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for number, feature in enumerate(document["features"], start=1):
        properties = feature.get("properties") or {} if isinstance(feature, dict) else {}
        kode = _code_of(properties)
        where = f"objekt nr. {number}"
        if kode is None:
            problems.append(Problem(name, f"{where} har ingen kommunekode (egenskaben 'kode' eller 'KOMKODE')"))
            continue
        kommune = kommuner.find(str(kode))
        if kommune is None:
            warnings.append(Problem(name, f"{where}: kode {kode} er ikke en af de 98 kommuner; udeladt", warning=True))
            continue
        try:
            rings = []
            for ring in _rings(feature.get("geometry") or {}):
                projected = [project(float(lon), float(lat), kode) for lon, lat, *_ in ring]
                if len(projected) < 4 or not all(math.isfinite(v) for p in projected for v in p):
                    raise ValueError("en ring har under fire punkter eller ugyldige koordinater")
                rings.append(_simplify(projected, tolerance))
        except (TypeError, ValueError, IndexError) as exc:
            problems.append(Problem(name, f"{where} ({kommune.navn}) har ødelagt geometri: {exc}"))
            continue
        if not rings:
            problems.append(Problem(name, f"{where} ({kommune.navn}) har ingen flader"))
            continue
        shapes.setdefault(kode, []).extend(rings)
    if not shapes and not problems:
        problems.append(Problem(name, "filen indeholder ingen af de 98 kommuner"))
    if problems:
        raise DataError(problems + warnings)
    missing = [k.navn for k in kommuner if k.kode not in shapes]
    if missing:
        warnings.append(Problem(name, f"{len(missing)} kommuner har ingen grænse i filen og vises som punkter",
                                warning=True))
    return Boundaries(shapes, name, warnings)
