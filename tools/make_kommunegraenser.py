"""Make data/kommunegraenser.geojson, the kommune outlines bundled with the app, from DAGI 2014 at 1:500.000.

    .venv/bin/python tools/make_kommunegraenser.py /work/shared/data/geo/kommuner.geojson

Each polygon's outer ring is simplified with the app's own simplifier (model/simplify.py, in the map's projection,
the same as a user's file gets) at a finer tolerance than a user's file, as this is done once and not at start-up;
holes (lakes) are left out, as the map draws outer rings only, and so is Christiansø (411), which is no kommune.
Coordinates stay WGS84 degrees, rounded to 4 decimals (about 10 m, far below the tolerance).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from almen_gui.model import load_kommuner
from almen_gui.model.geo import X_SCALE
from almen_gui.model.simplify import simplify

TOLERANCE = 0.001  # in the map's projected degrees; a user's file gets 0.002
DECIMALS = 4
OUT = Path(__file__).resolve().parent.parent / "data" / "kommunegraenser.geojson"


def simplified_ring(ring: list) -> list[list[float]]:
    points = np.array(ring, dtype=float)[:, :2]
    projected = np.column_stack((points[:, 0] * X_SCALE, points[:, 1]))
    return [[round(x / X_SCALE, DECIMALS), round(y, DECIMALS)] for x, y in simplify(projected, TOLERANCE)]


def main(source: Path) -> None:
    kommuner = {k.kode: k for k in load_kommuner()}
    features = []
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        kode = int(feature["properties"]["kode"])
        if kode not in kommuner:
            continue
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [simplified_ring(polygon[0]) for polygon in polygons]
        outer = [[ring] for ring in rings if len(ring) >= 4]
        features.append({"type": "Feature",
                         "properties": {"kode": kode, "KOMKODE": f"{kode:04d}", "navn": kommuner[kode].navn},
                         "geometry": {"type": "MultiPolygon", "coordinates": outer}})
    features.sort(key=lambda f: f["properties"]["kode"])
    document = {"type": "FeatureCollection",
                "name": "Kommunegrænser: Danmarks Administrative Geografiske Inddeling (DAGI), Geodatastyrelsen 2014, "
                        "forenklet",
                "features": features}
    OUT.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(ring) for f in features for polygon in f["geometry"]["coordinates"] for ring in polygon)
    print(f"{OUT}: {len(features)} kommuner, {points} punkter, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
