"""Shared pieces of the aggregation methods: criteria, results and input checks.

Every method refuses bad input with a `ValueError` that names the criterion and row, because
a silent NaN or infinity in a ranking is worse than no ranking: the caller (the policy engine)
decides about missing data and zeros before it calls a method.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Criterion:
    """One column of the decision matrix.

    `weight` is relative: methods divide by the sum of all weights, so `[5, 3, 2]` and
    `[0.5, 0.3, 0.2]` score identically (pymcdm used unnormalised `[1, 1, 1]` as-is and tripled
    every score).
    """

    id: str
    weight: float
    benefit: bool = True  # False = cost criterion: smaller is better

    def __post_init__(self) -> None:
        if not math.isfinite(self.weight) or self.weight < 0:
            raise ValueError(f"criterion {self.id!r}: weight must be a finite number ≥ 0, "
                             f"got {self.weight!r}")


@dataclass(frozen=True, eq=False)
class MethodResult:
    """What a method computed, kept so every score can be explained person by person.

    Arrays are made read-only: a result is evidence and must not drift after the fact.
    """

    score: np.ndarray  # one value per alternative (row), higher = better
    normalised: np.ndarray  # rows × criteria, the method's normalised matrix
    contributions: np.ndarray  # rows × criteria, see each method for the meaning
    details: dict[str, np.ndarray]  # method-specific trace

    def __post_init__(self) -> None:
        for array in (self.score, self.normalised, self.contributions, *self.details.values()):
            array.flags.writeable = False


def decision_matrix(matrix: npt.ArrayLike, criteria: Sequence[Criterion]) -> np.ndarray:
    """Return `matrix` as a float array after checking its shape and that every cell is finite."""
    x = np.array(matrix, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"decision matrix must be 2-D (alternatives × criteria), got {x.ndim}-D")
    if not criteria:
        raise ValueError("at least one criterion is needed")
    ids = [c.id for c in criteria]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"criterion ids must be unique, repeated: {', '.join(duplicated)}")
    if x.shape[1] != len(criteria):
        raise ValueError(f"decision matrix has {x.shape[1]} columns but {len(criteria)} "
                         "criteria were given")
    if x.shape[0] == 0:
        raise ValueError("decision matrix has no alternatives (rows)")
    require(np.isfinite(x), x, criteria,
            "is not a finite number; handle missing data before calling a scoring method")
    return x


def require(ok: np.ndarray, x: np.ndarray, criteria: Sequence[Criterion], problem: str) -> None:
    """Raise `ValueError` naming the first cell (row, criterion) where `ok` is False."""
    if ok.all():
        return
    row, col = (int(k) for k in np.argwhere(~ok)[0])
    value = float(x[row, col])
    raise ValueError(f"criterion {criteria[col].id!r}, row {row}: value {value!r} {problem}")


def normalised_weights(criteria: Sequence[Criterion]) -> np.ndarray:
    """Weights divided by their sum, so they always add up to 1."""
    weights = np.array([c.weight for c in criteria], dtype=float)
    total = weights.sum()
    if total <= 0:
        raise ValueError("criterion weights sum to zero; at least one weight must be positive")
    return weights / total


def benefit_mask(criteria: Sequence[Criterion]) -> np.ndarray:
    return np.array([c.benefit for c in criteria], dtype=bool)
