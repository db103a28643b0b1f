"""Protected-attribute columns → integer group codes, with UNKNOWN kept apart as code −1.

Codes are assigned in name order, so counting is one np.bincount per stage (no per-row Python)
and every table comes out sorted by group name. Blank, NA and declared "not stated" values are
UNKNOWN: counted and reported by the caller, never a group, never dropped silently.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

SEPARATOR = " x "
MAX_DECLARED_CELLS = 100_000
"""Above this many combinations an intersection lists observed cells only."""


@dataclass(frozen=True)
class Coded:
    """One attribute (or intersection) coded row by row."""

    name: str
    codes: np.ndarray
    """int64 per row: index into labels, or −1 for UNKNOWN."""
    labels: tuple[str, ...]
    """Sorted; includes declared categories that no row uses (reported as empty groups)."""


def _label(value: object, unknown: frozenset[str]) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return None if text.casefold() in unknown else text


def code_attribute(series: pd.Series, unknown: frozenset[str], name: str | None = None) -> Coded:
    """Factorise once, normalise only the distinct values: trims spaces, keeps case.

    A categorical column's unused categories count as declared groups with n = 0.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    names = [_label(u, unknown) for u in uniques]
    declared: set[str] = set()
    if isinstance(series.dtype, pd.CategoricalDtype):
        declared = {d for d in (_label(c, unknown) for c in series.cat.categories) if d}
    labels = tuple(sorted({n for n in names if n is not None} | declared))
    index = {label: i for i, label in enumerate(labels)}
    lookup = np.array([index[n] if n is not None else -1 for n in names] + [-1], dtype=np.int64)
    return Coded(name or str(series.name), lookup[codes], labels)


def combine(parts: Sequence[Coded]) -> Coded:
    """Intersection: each combination is a category, UNKNOWN if any component is unknown."""
    sizes = [len(p.labels) for p in parts]
    unknown = np.zeros(len(parts[0].codes), dtype=bool)
    joint = np.zeros(len(parts[0].codes), dtype=np.int64)
    for part, size in zip(parts, sizes, strict=True):
        unknown |= part.codes < 0
        joint = joint * size + np.where(part.codes < 0, 0, part.codes)
    name = SEPARATOR.join(p.name for p in parts)
    if math.prod(sizes) <= MAX_DECLARED_CELLS:
        cells = np.arange(math.prod(sizes))
        names = [SEPARATOR.join(t) for t in itertools.product(*(p.labels for p in parts))]
    else:
        cells = np.unique(joint[~unknown])
        names = [_decode(int(c), parts, sizes) for c in cells]
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.full(int(cells.max(initial=-1)) + 1, -1, dtype=np.int64)
    rank[cells[order]] = np.arange(len(order))
    codes = np.where(unknown, -1, rank[np.where(unknown, 0, joint)] if len(rank) else -1)
    return Coded(name, codes.astype(np.int64), tuple(names[i] for i in order))


def _decode(cell: int, parts: Sequence[Coded], sizes: Sequence[int]) -> str:
    digits = []
    for part, size in zip(reversed(parts), reversed(sizes), strict=True):
        cell, digit = divmod(cell, size)
        digits.append(part.labels[digit])
    return SEPARATOR.join(reversed(digits))
