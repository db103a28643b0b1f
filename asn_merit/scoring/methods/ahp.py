"""AHP criterion weights (Saaty 1977/1980): principal eigenvector and consistency ratio.

    A w = λmax w          w = principal right eigenvector, normalised to Σw = 1
    CI = (λmax − n)/(n − 1)        CR = CI / RI(n)        consistent when CR ≤ 0.10

The eigenvector, not the column-mean shortcut (pyDecision's default, which did not match
published answers, pyDecision #15). RI defaults to Saaty's 1980 table because that is what
Indonesian textbooks, and so the people auditing a policy, check against; the other tables in
circulation are available by name so a published CR can be reproduced (scoring-methods.md §2.4).
For n ≤ 2 every reciprocal matrix is consistent, so CI = CR = 0 by definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import numpy.typing as npt


def _table(values: tuple[float, ...]) -> MappingProxyType[int, float]:
    return MappingProxyType({n: ri for n, ri in enumerate((0.0, 0.0, *values), start=1)})


RANDOM_INDEX_TABLES: Final = MappingProxyType({
    # Saaty 1980; Indonesian textbooks, pyDecision. The drop at n = 12 is in the original.
    "saaty1980": _table((0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57,
                         1.59)),
    # Saaty, Theory and Applications of the Analytic Network Process (2005), p. 31; AHPy 'saaty'.
    "saaty2005": _table((0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58,
                         1.59)),
    # Tummala & Ling 1998; pymcdm.
    "tummala_ling1998": _table((0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882,
                                1.5117, 1.5356, 1.5571, 1.5714, 1.5831)),
})
RANDOM_INDEX: Final = RANDOM_INDEX_TABLES["saaty1980"]  # Saaty's random index by matrix size n
CONSISTENCY_THRESHOLD: Final = 0.10


@dataclass(frozen=True, eq=False)
class AhpResult:
    weights: np.ndarray  # Σ = 1, in the matrix's row order
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool  # cr ≤ max_cr
    ri_table: str  # which random-index table gave `ri`, to print next to it


def ahp_weights(matrix: npt.ArrayLike, *, ri_table: str = "saaty1980",
                max_cr: float = CONSISTENCY_THRESHOLD, tolerance: float = 1e-6) -> AhpResult:
    """Weights and consistency of a pairwise comparison matrix.

    The matrix must be square, positive, with a diagonal of 1 and a_ji = 1/a_ij; `tolerance`
    bounds |a_ii − 1| and |a_ij · a_ji − 1|. Write 1/3, not 0.33: a rounded reciprocal is
    refused rather than silently accepted as a slightly different judgement. Cells are named
    (i, j) with 0-based indices.
    """
    a = _pairwise(matrix, tolerance)
    n = a.shape[0]
    try:
        table = RANDOM_INDEX_TABLES[ri_table]
    except KeyError:
        raise ValueError(f"unknown random-index table {ri_table!r}; expected one of "
                         f"{', '.join(RANDOM_INDEX_TABLES)}") from None
    if n not in table:
        raise ValueError(f"random-index table {ri_table!r} covers n ≤ {max(table)}, "
                         f"the matrix has n = {n}")
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))  # Perron root: real, simple, largest
    principal = eigenvectors[:, k].real
    weights = principal / principal.sum()  # also fixes the eigenvector's arbitrary sign
    weights.flags.writeable = False
    ri = table[n]
    if n <= 2:
        return AhpResult(weights, float(n), 0.0, ri, 0.0, True, ri_table)
    lambda_max = float(eigenvalues[k].real)
    ci = max((lambda_max - n) / (n - 1), 0.0)  # λmax ≥ n exactly; rounding may dip below
    cr = ci / ri
    return AhpResult(weights, lambda_max, ci, ri, cr, cr <= max_cr, ri_table)


def _pairwise(matrix: npt.ArrayLike, tolerance: float) -> np.ndarray:
    a = np.array(matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise ValueError(f"a pairwise comparison matrix must be square and non-empty, "
                         f"got shape {a.shape}")
    bad = ~(np.isfinite(a) & (a > 0))
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise ValueError(f"cell ({i}, {j}) is {float(a[i, j])!r}; pairwise comparisons must be "
                         "finite and positive")
    off_diagonal = np.flatnonzero(np.abs(np.diag(a) - 1.0) > tolerance)
    if off_diagonal.size:
        i = int(off_diagonal[0])
        raise ValueError(f"cell ({i}, {i}) is {float(a[i, i])!r}; the diagonal must be 1")
    not_reciprocal = np.triu(np.abs(a * a.T - 1.0) > tolerance)
    if not_reciprocal.any():
        i, j = (int(k) for k in np.argwhere(not_reciprocal)[0])
        raise ValueError(f"cell ({i}, {j}) is {float(a[i, j])!r} but cell ({j}, {i}) is "
                         f"{float(a[j, i])!r}; a pairwise matrix needs a_ji = 1/a_ij "
                         f"= {1.0 / float(a[i, j])!r}")
    return a
