"""TOPSIS (Hwang & Yoon 1981), the classic form used by pyDecision, scikit-criteria and the
Tzeng & Huang (2011) worked example.

    r_ij = x_ij / sqrt(Σ_i x_ij²)                      vector normalisation (default)
    v_ij = w_j r_ij
    A⁺_j = max_i v_ij (benefit) or min_i v_ij (cost)    positive ideal
    A⁻_j = min_i v_ij (benefit) or max_i v_ij (cost)    negative ideal
    D⁺_i = ‖v_i − A⁺‖,  D⁻_i = ‖v_i − A⁻‖               Euclidean distances
    C_i  = D⁻_i / (D⁺_i + D⁻_i)                          closeness, the score, in [0, 1]

`normalisation="minmax"` uses (x−min)/(max−min) instead; that is pymcdm's default TOPSIS and is
offered only so results can be checked against pymcdm. Cost columns are not reflected: the ideal
is taken at their minimum, which gives the same distances as reflecting.

Edge cases:
* A column of zeros (vector) or a constant column (minmax) has no length to divide by; it is set
  to 0. Every alternative is equal on it, so it adds nothing to either distance.
* If every alternative is identical on all weighted criteria (including a single alternative),
  D⁺ + D⁻ = 0. Each alternative then coincides with the positive ideal, so C = 1 for all: the
  same "everyone is best" that SAW gives a constant column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from asn_merit.scoring.methods.base import (
    Criterion,
    MethodResult,
    benefit_mask,
    decision_matrix,
    normalised_weights,
)

TopsisNormalisation = Literal["vector", "minmax"]


def topsis(matrix: npt.ArrayLike, criteria: Sequence[Criterion], *,
           normalisation: TopsisNormalisation = "vector") -> MethodResult:
    """Score each row by its relative closeness to the ideal solution.

    `contributions` is the weighted normalised matrix v. `details`: "d_plus", "d_minus",
    "ideal", "anti_ideal" and "weights" (summing to 1).
    """
    x = decision_matrix(matrix, criteria)
    if normalisation == "vector":
        offset, scale = np.zeros(x.shape[1]), np.sqrt((x * x).sum(axis=0))
    elif normalisation == "minmax":
        offset = x.min(axis=0)
        scale = x.max(axis=0) - offset
    else:
        raise ValueError(f"unknown TOPSIS normalisation {normalisation!r}; "
                         "expected vector or minmax")
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(scale > 0, (x - offset) / scale, 0.0)
    weights = normalised_weights(criteria)
    v = r * weights
    benefit = benefit_mask(criteria)
    best, worst = v.max(axis=0), v.min(axis=0)
    ideal = np.where(benefit, best, worst)
    anti_ideal = np.where(benefit, worst, best)
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti_ideal) ** 2).sum(axis=1))
    total = d_plus + d_minus
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(total > 0, d_minus / total, 1.0)
    return MethodResult(score=closeness, normalised=r, contributions=v,
                        details={"d_plus": d_plus, "d_minus": d_minus, "ideal": ideal,
                                 "anti_ideal": anti_ideal, "weights": weights})
