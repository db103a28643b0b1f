"""Pooling years or units: Cochran–Mantel–Haenszel with a Breslow–Day homogeneity check.

Adding tables across strata can reverse a disparity (Simpson's paradox). CMH compares each group
with the reference within every stratum and pools only those comparisons; Breslow–Day (Tarone
adjustment) warns when the strata disagree so much that one pooled odds ratio misleads.
scipy has neither test, so both are written here from the textbook formulas (Agresti §6.3).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import chi2


@dataclass(frozen=True)
class PooledComparison:
    group: str
    strata_used: int
    """Strata where both groups appear and the outcome varies (the only informative ones)."""
    common_odds_ratio: float | None
    """Mantel–Haenszel odds ratio, focal vs reference; below 1 means the focal group is
    selected less often within strata."""
    crude_odds_ratio: float | None
    chi2: float | None
    p: float | None
    chi2_corrected: float | None
    p_corrected: float | None
    """With the 0.5 continuity correction (R mantelhaen.test default)."""
    breslow_day_chi2: float | None
    """Tarone-adjusted Breslow–Day statistic."""
    breslow_day_df: int | None
    breslow_day_p: float | None
    heterogeneous: bool | None
    simpson: bool | None
    """Crude and pooled odds ratios fall on opposite sides of 1."""
    warning: str


def _odds(a: float, b: float, c: float, d: float) -> float | None:
    return float((a * d) / (b * c)) if a * d > 0 and b * c > 0 else None


def mantel_haenszel(
    group: str,
    g_n: np.ndarray,
    g_x: np.ndarray,
    r_n: np.ndarray,
    r_x: np.ndarray,
    alpha: float,
) -> PooledComparison:
    """Per-stratum counts of the focal group (g) and reference (r) → pooled comparison."""
    a, b = g_x.astype(float), (g_n - g_x).astype(float)
    c, d = r_x.astype(float), (r_n - r_x).astype(float)
    n1, n0 = a + b, c + d
    m1, m0 = a + c, b + d
    t = n1 + n0
    keep = (n1 > 0) & (n0 > 0) & (m1 > 0) & (m0 > 0)
    a, b, c, d, n1, n0, m1, m0, t = (v[keep] for v in (a, b, c, d, n1, n0, m1, m0, t))
    crude = _odds(a.sum(), b.sum(), c.sum(), d.sum())
    k = int(keep.sum())
    if k == 0:
        return PooledComparison(
            group,
            0,
            None,
            crude,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "no stratum has both groups and both outcomes",
        )
    r_sum, s_sum = float((a * d / t).sum()), float((b * c / t).sum())
    odds = r_sum / s_sum if r_sum > 0 and s_sum > 0 else None
    delta = float(a.sum() - (n1 * m1 / t).sum())
    var = float((n1 * n0 * m1 * m0 / (t * t * (t - 1))).sum())
    stat = delta**2 / var
    stat_cc = max(abs(delta) - 0.5, 0.0) ** 2 / var
    bd, bd_df, bd_p = _breslow_day(a, n1, n0, m1, odds) if k > 1 and odds else (None, None, None)
    heterogeneous = None if bd_p is None else bd_p < alpha
    simpson = None if odds is None or crude is None else bool((odds - 1) * (crude - 1) < 0)
    warnings = []
    if heterogeneous:
        warnings.append(
            f"Breslow–Day p = {bd_p:.4g} < {alpha}: the odds ratio differs across strata, so the "
            "pooled figure may mislead (Simpson's paradox); read the strata separately"
        )
    if simpson:
        warnings.append("crude and pooled odds ratios point in opposite directions (Simpson)")
    return PooledComparison(
        group=group,
        strata_used=k,
        common_odds_ratio=odds,
        crude_odds_ratio=crude,
        chi2=stat,
        p=float(chi2.sf(stat, 1)),
        chi2_corrected=stat_cc,
        p_corrected=float(chi2.sf(stat_cc, 1)),
        breslow_day_chi2=bd,
        breslow_day_df=bd_df,
        breslow_day_p=bd_p,
        heterogeneous=heterogeneous,
        simpson=simpson,
        warning="; ".join(warnings),
    )


def _breslow_day(
    a: np.ndarray, n1: np.ndarray, n0: np.ndarray, m1: np.ndarray, odds: float
) -> tuple[float, int, float]:
    """Tarone-adjusted Breslow–Day: expected a per stratum under the common odds ratio."""
    qa = 1.0 - odds
    qb = (n0 - m1) + odds * (n1 + m1)
    qc = -odds * n1 * m1
    if abs(qa) < 1e-12:
        expected = -qc / qb
    else:
        root = np.sqrt(qb * qb - 4 * qa * qc)
        low, high = np.maximum(0.0, m1 - n0), np.minimum(n1, m1)
        first = (-qb + root) / (2 * qa)
        expected = np.where(
            (first >= low - 1e-9) & (first <= high + 1e-9), first, (-qb - root) / (2 * qa)
        )
    var = 1.0 / (
        1 / expected + 1 / (n1 - expected) + 1 / (m1 - expected) + 1 / (n0 - m1 + expected)
    )
    stat = float(((a - expected) ** 2 / var).sum())
    stat -= float((a.sum() - expected.sum()) ** 2 / var.sum())
    df = len(a) - 1
    return stat, df, float(chi2.sf(stat, df))
