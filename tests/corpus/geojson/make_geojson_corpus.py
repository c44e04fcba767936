"""Writes the small hostile GeoJSON files next to this script (SYNTHETIC: every shape is made up; run it again after
changing a case). Large hostile files (deep nesting, long outlines) are made by the tests at run time instead."""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SQUARE = [[12.35, 55.65], [12.40, 55.65], [12.40, 55.70], [12.35, 55.70], [12.35, 55.65]]


def collection(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def feature(properties=None, geometry=None) -> dict:
    return {"type": "Feature", "properties": {"kode": 161} if properties is None else properties,
            "geometry": {"type": "Polygon", "coordinates": [SQUARE]} if geometry is None else geometry}


def polygon(ring) -> dict:
    return {"type": "Polygon", "coordinates": [ring]}


# file name -> (document as text, what the message must say)
CASES = {
    "properties-som-liste.geojson": (collection(feature(properties=[161])), "egenskaber"),
    "properties-som-tekst.geojson": (collection(feature(properties="kode=161")), "egenskaber"),
    "objekt-som-tal.geojson": (collection(161), "egenskaber"),
    "geometri-som-liste.geojson": (collection(feature(geometry=[SQUARE])), "geometrien er ikke et objekt"),
    "koordinater-som-objekt.geojson": (collection(feature(geometry={"type": "Polygon", "coordinates": {"0": SQUARE}})),
                                       "koordinaterne er ikke en liste"),
    "heltal-med-400-cifre.geojson": (collection(feature(geometry=polygon([[10 ** 400, 55.65]] + SQUARE[1:]))),
                                     "et punkt er ikke et par af tal"),
    "heltal-med-5000-cifre.geojson": (collection(feature(properties={"kode": 10 ** 5000})), "tusindvis af cifre"),
    "haevet-skrift-i-kode.geojson": (collection(feature(properties={"kode": "¹⁶¹"})), "ingen kommunekode"),
    "utm-koordinater.geojson": (collection(feature(geometry=polygon([[723000, 6175000], [726000, 6175000],
                                                                     [726000, 6178000], [723000, 6175000]]))),
                                "WGS84"),
    "byttede-koordinater.geojson": (collection(feature(geometry=polygon([[lat, lon] for lon, lat in SQUARE]))),
                                    "WGS84"),
    "1e308-koordinater.geojson": (collection(feature(geometry=polygon([[1e308, 1e308]] + SQUARE[1:]))), "WGS84"),
}


def text_of(document) -> str:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # to write the 5.000-digit integer that Python (and the app) refuse to read
    try:
        return json.dumps(document, ensure_ascii=False)
    finally:
        sys.set_int_max_str_digits(limit)


def main() -> None:
    for name, (document, _) in CASES.items():
        (HERE / name).write_text(text_of(document), encoding="utf-8")


if __name__ == "__main__":
    main()
