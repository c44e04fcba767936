"""Outline simplification in O(n log n): Visvalingam–Whyatt over a heap, after a vectorised thinning of long outlines.

Douglas–Peucker, used before, is quadratic on a zig-zag (a 40.000-point saw blade took a minute); this is not, and
its work is bounded: a ring that still has more than MAX_EXACT_POINTS after thinning is refused.
"""

from __future__ import annotations

import heapq
import math

import numpy as np

MAX_EXACT_POINTS = 200_000  # left after the vectorised thinning: bounds the exact pass at a few seconds
THIN_ROUNDS = 6  # of the vectorised first pass (each at most halves a long outline)


def _thin(xy: np.ndarray, limit: float) -> np.ndarray:
    """A fast first pass for long outlines: drop, in a few vectorised rounds, every other interior point whose triangle
    with its neighbours is far below the limit (its neighbours stay, so each drop moves the line by less than that).

    Surveyed outlines have a point every few metres; this leaves the exact pass a few thousand points, not a million.
    """
    for parity in (1, 0) * THIN_ROUNDS:
        if len(xy) < 1000:
            break
        a, b, c = xy[:-2], xy[1:-1], xy[2:]
        area = np.abs((b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1])) / 2
        interior = np.arange(1, len(xy) - 1)
        drop = (area < limit / 4) & (interior % 2 == parity)
        if not drop.any():
            break
        keep = np.ones(len(xy), dtype=bool)
        keep[interior[drop]] = False
        xy = xy[keep]
    return xy


def simplify(xy: np.ndarray, tolerance: float) -> list[tuple[float, float]]:
    """Visvalingam–Whyatt: repeatedly drop the point whose triangle with its two neighbours has the smallest area,
    until every remaining triangle spans at least tolerance²; keeps the first and last point.

    A heap of areas with lazy deletion makes it O(n log n) on any outline (Douglas–Peucker is quadratic on a zig-zag),
    after a linear vectorised thinning of long outlines.
    """
    limit = tolerance * tolerance
    points = [(float(x), float(y)) for x, y in _thin(xy, limit)]
    count = len(points)
    if count < 4:
        return points
    if count > MAX_EXACT_POINTS:
        raise ValueError(f"en ring har over {MAX_EXACT_POINTS:,} punkter, der ikke kan forenkles".replace(",", "."))
    previous = list(range(-1, count - 1))
    following = list(range(1, count + 1))
    area = [math.inf] * count

    def triangle(i: int) -> float:
        (ax, ay), (bx, by), (cx, cy) = points[previous[i]], points[i], points[following[i]]
        return abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2

    heap = []
    for i in range(1, count - 1):
        area[i] = triangle(i)
        heap.append((area[i], i))
    heapq.heapify(heap)
    removed = [False] * count
    while heap:
        value, i = heapq.heappop(heap)
        if removed[i] or value != area[i]:
            continue  # an entry superseded by a later area of the same point
        if value >= limit:
            break
        removed[i] = True
        before, after = previous[i], following[i]
        following[before], previous[after] = after, before
        for j in (before, after):
            if 0 < j < count - 1:
                # A neighbour's area never drops below the one just removed, so the order stays monotone.
                area[j] = max(triangle(j), value)
                heapq.heappush(heap, (area[j], j))
    return [p for p, gone in zip(points, removed) if not gone]
