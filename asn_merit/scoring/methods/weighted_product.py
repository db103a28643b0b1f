"""WP, the Weighted Product method (Yoon 1989, as taught in Kusumadewi 2006).

    w_j ← w_j / Σw                   (the textbook "weight repair")
    S_i = Π_j x_ij^(±w_j)            + for benefit, − for cost
    V_i = S_i / Σ_k S_k              the score

S is computed in log space (Σ ±w_j ln x_ij) so many criteria cannot underflow or overflow.
WP needs every value > 0: x^w is zero or undefined otherwise, and a zero would veto the person
entirely. Such values are refused with the criterion named; the policy decides beforehand how a
zero is scored. A single alternative gets V = 1.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def weighted_product(matrix: npt.ArrayLike, criteria: Sequence[Criterion]) -> MethodResult:
    """Score each row by its share V of the summed weighted products S.

    `contributions[i, j] = x_ij^(±w_j)`: the factors whose product is `S_i`.
    `normalised` is x/max (benefit) and min/x (cost). WP itself needs no normalisation, but any
    per-column scaling multiplies every S by the same constant, so these values give the same V
    and show, on one 0–1 scale, how far each person is from the best on each criterion.
    `details`: "S", "V", "weights" (summing to 1) and "exponents" (negative for cost).
    """
    x = decision_matrix(matrix, criteria)
    require(x > 0, x, criteria,
            "is not positive; the weighted product needs values > 0 (x^w is zero or undefined "
            "otherwise) — decide in the policy how such values are scored")
    benefit = benefit_mask(criteria)
    weights = normalised_weights(criteria)
    exponents = np.where(benefit, weights, -weights)
    log_s = (np.log(x) * exponents).sum(axis=1)
    relative = np.exp(log_s - log_s.max())
    v = relative / relative.sum()
    normalised = np.where(benefit, x / x.max(axis=0), x.min(axis=0) / x)
    return MethodResult(score=v, normalised=normalised, contributions=np.power(x, exponents),
                        details={"S": np.exp(log_s), "V": v, "weights": weights,
                                 "exponents": exponents})
