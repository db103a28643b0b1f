"""One k×2 chi-square per attribute: a gate before reading many pairwise comparisons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import MonteCarloMethod, chi2_contingency

MIN_EXPECTED = 5.0


@dataclass(frozen=True)
class Omnibus:
    groups: int
    chi2: float | None
    df: int | None
    p: float | None
    min_expected: float | None
    sparse: bool
    """Some expected cell is below 5: the asymptotic p is unreliable, read p_monte_carlo."""
    p_monte_carlo: float | None
    note: str


def omnibus_test(
    n: Sequence[int], x: Sequence[int], *, resamples: int = 1999, seed: int = 0
) -> Omnibus:
    """Pearson chi-square of group × (selected, not selected), no continuity correction."""
    table = np.array([[xi, ni - xi] for ni, xi in zip(n, x, strict=True) if ni > 0], dtype=np.int64)
    k = len(table)
    if k < 2:
        return Omnibus(k, None, None, None, None, False, None, "fewer than two groups")
    if table[:, 0].sum() == 0 or table[:, 1].sum() == 0:
        note = "nobody selected" if table[:, 0].sum() == 0 else "everybody selected"
        return Omnibus(k, None, None, None, None, False, None, f"{note}: no test")
    res = chi2_contingency(table, correction=False)
    min_expected = float(res.expected_freq.min())
    sparse = min_expected < MIN_EXPECTED
    p_mc = None
    note = ""
    if sparse:
        note = f"expected count {min_expected:.2f} < 5: asymptotic p unreliable"
        if resamples > 0:
            method = MonteCarloMethod(n_resamples=resamples, rng=np.random.default_rng(seed))
            p_mc = float(chi2_contingency(table, correction=False, method=method).pvalue)
            note += f"; Monte-Carlo p from {resamples} tables (seed {seed})"
    return Omnibus(
        groups=k,
        chi2=float(res.statistic),
        df=int(res.dof),
        p=float(res.pvalue),
        min_expected=min_expected,
        sparse=sparse,
        p_monte_carlo=p_mc,
        note=note,
    )
