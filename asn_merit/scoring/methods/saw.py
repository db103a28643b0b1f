"""SAW, Simple Additive Weighting (Fishburn 1967; Kusumadewi et al. 2006).

    V_i = Σ_j w_j r_ij    with r from one of three normalisers:

    ratio (default, Indonesian textbooks)  benefit x/max              cost min/x
    minmax                                 benefit (x−min)/(max−min)  cost (max−x)/(max−min)
    sum                                    benefit x/Σx               cost (1/x)/Σ(1/x)

The normaliser changes what a weight means (scoring-methods.md §0.1), so it is always named.

Edge cases, decided here once:
* A criterion on which all alternatives are equal gets the value the normaliser gives any
  positive constant column: 1 for ratio and minmax, 1/m for sum. It then shifts every score
  equally and never changes the order; this also covers the otherwise undefined 0/0 of an
  all-zero column and of min-max's zero range.
* ratio and sum divide by the values themselves, so they refuse negative benefit values and
  zero or negative cost values (zero absence days is common; decide in the policy how a zero
  is scored, for example with minmax, before calling).
* A single alternative is a constant column everywhere: it scores 1 under every normaliser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from asn_merit.scoring.methods.base import (
    Criterion,
    MethodResult,
    benefit_mask,
    decision_matrix,
    normalised_weights,
    require,
)

SawNormalisation = Literal["ratio", "minmax", "sum"]


def saw(matrix: npt.ArrayLike, criteria: Sequence[Criterion], *,
        normalisation: SawNormalisation = "ratio") -> MethodResult:
    """Score each row by the weighted sum of its normalised values.

    `contributions[i, j] = w_j · r_ij` and each row of contributions sums to `score[i]`.
    `details["weights"]` holds the weights after normalising them to sum 1.
    """
    x = decision_matrix(matrix, criteria)
    try:
        normaliser = _NORMALISERS[normalisation]
    except KeyError:
        raise ValueError(f"unknown SAW normalisation {normalisation!r}; "
                         f"expected one of {', '.join(_NORMALISERS)}") from None
    weights = normalised_weights(criteria)
    r = normaliser(x, benefit_mask(criteria), criteria)
    contributions = r * weights
    return MethodResult(score=contributions.sum(axis=1), normalised=r,
                        contributions=contributions, details={"weights": weights})


def _constant(x: np.ndarray) -> np.ndarray:
    return x.min(axis=0) == x.max(axis=0)


def _ratio(x: np.ndarray, benefit: np.ndarray, criteria: Sequence[Criterion]) -> np.ndarray:
    constant = _constant(x)
    require(constant | ~benefit | (x >= 0), x, criteria,
            "is negative; ratio normalisation (x/max) needs benefit values ≥ 0")
    require(constant | benefit | (x > 0), x, criteria,
            "is not positive; ratio normalisation (min/x) needs cost values > 0 — decide in the "
            "policy how a zero is scored (for example minmax) before scoring")
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(benefit, x / x.max(axis=0), x.min(axis=0) / x)
    r[:, constant] = 1.0
    return r


def _minmax(x: np.ndarray, benefit: np.ndarray, criteria: Sequence[Criterion]) -> np.ndarray:
    low, high = x.min(axis=0), x.max(axis=0)
    constant = low == high
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(benefit, x - low, high - x) / (high - low)
    r[:, constant] = 1.0
    return r


def _sum(x: np.ndarray, benefit: np.ndarray, criteria: Sequence[Criterion]) -> np.ndarray:
    constant = _constant(x)
    require(constant | ~benefit | (x >= 0), x, criteria,
            "is negative; sum normalisation (x/Σx) needs benefit values ≥ 0")
    require(constant | benefit | (x > 0), x, criteria,
            "is not positive; sum normalisation ((1/x)/Σ(1/x)) needs cost values > 0")
    with np.errstate(divide="ignore", invalid="ignore"):
        oriented = np.where(benefit, x, 1.0 / x)
        r = oriented / oriented.sum(axis=0)
    r[:, constant] = 1.0 / x.shape[0]
    return r


_NORMALISERS: dict[str, Callable[[np.ndarray, np.ndarray, Sequence[Criterion]], np.ndarray]] = {
    "ratio": _ratio,
    "minmax": _minmax,
    "sum": _sum,
}
