"""Vectorised draws from labelled weight tables, kept as indices into a small vocabulary.

Rows carry integer indices rather than Python strings: comparisons stay numeric and a column
becomes a "string" Series with one Arrow ``take``, which is what keeps a million rows fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class Drawn:
    """One label per row: ``vocabulary[index]``; ``code`` is the position in the row's table."""

    vocabulary: tuple[str, ...]
    index: np.ndarray
    code: np.ndarray

    def column(self, missing: np.ndarray | None = None) -> pd.Series:
        """The drawn labels as a "string" column, <NA> where ``missing`` is set."""
        return string_column(self.vocabulary, self.index, missing)


def draw_grouped(
    rng: np.random.Generator,
    tables: Sequence[Mapping[str, float]],
    group: np.ndarray,
) -> Drawn:
    """Draw one label per row from the weight table of that row's group, in a single pass.

    Each group's cumulative shares are shifted by the group number, so all groups fit into one
    sorted array and a single ``searchsorted`` serves every row.
    """
    vocabulary: list[str] = []
    edges: list[np.ndarray] = []
    starts = np.zeros(len(tables) + 1, dtype=np.int64)
    for number, table in enumerate(tables):
        weights = np.fromiter(table.values(), dtype=float, count=len(table))
        cumulative = np.cumsum(weights) / weights.sum()
        cumulative[-1] = 1.0
        edges.append(number + cumulative)
        vocabulary.extend(table)
        starts[number + 1] = starts[number] + len(table)
    group = np.asarray(group, dtype=np.int64)
    index = np.searchsorted(np.concatenate(edges), group + rng.random(group.size), side="right")
    # Float rounding of group + u can touch the next group's start; keep rows in their group.
    index = np.minimum(index, starts[group + 1] - 1)
    return Drawn(tuple(vocabulary), index, index - starts[group])


def draw(rng: np.random.Generator, table: Mapping[str, float], size: int) -> Drawn:
    """Draw ``size`` labels from one weight table."""
    return draw_grouped(rng, [table], np.zeros(size, dtype=np.int64))


def string_column(
    vocabulary: Sequence[str], index: np.ndarray, missing: np.ndarray | None = None
) -> pd.Series:
    """A "string" dtype column of ``vocabulary[index]``, <NA> where ``missing`` is set."""
    return pd.Series(pd.arrays.ArrowStringArray(_take(vocabulary, index, missing)))


def date_column(days: np.ndarray) -> pd.Series:
    """Date-only column from days since 1970, in milliseconds: pandas has no day unit and
    Parquet no seconds unit, so this is the coarsest that round-trips unchanged."""
    return pd.Series(np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("M8[ms]"))


def join_columns(*parts: tuple[Sequence[str], np.ndarray]) -> pd.Series:
    """Concatenate several (vocabulary, index) pieces row by row into one "string" column."""
    pieces = [_take(vocabulary, index, None) for vocabulary, index in parts]
    return pd.Series(pd.arrays.ArrowStringArray(pc.binary_join_element_wise(*pieces, "")))


def _take(vocabulary: Sequence[str], index: np.ndarray, missing: np.ndarray | None) -> pa.Array:
    indices = pa.array(np.asarray(index, dtype=np.int64), mask=missing)
    return pa.array(list(vocabulary), type=pa.string()).take(indices)
