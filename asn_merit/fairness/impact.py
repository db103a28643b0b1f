"""Pairwise adverse-impact statistics for one focal group against the reference group.

All pass/fail comparisons use integer cross-multiplication, never float ratios: 8/50 vs 10/50
gives IR 0.7999999999999999 in floats but is exactly 4/5 and must not be flagged (UGESP 4(D)).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import fisher_exact, hypergeom, norm
from scipy.stats.contingency import relative_risk


@dataclass(frozen=True)
class Counts:
    """n people in a group, x of them selected."""

    n: int
    x: int

    def __post_init__(self) -> None:
        if self.n < 0 or not 0 <= self.x <= self.n:
            raise ValueError(f"invalid counts: {self.x} selected of {self.n}")

    @property
    def rate(self) -> float | None:
        return self.x / self.n if self.n else None


def impact_ratio(g: Counts, r: Counts) -> float | None:
    """p_g / p_r from unrounded rates; None when the reference rate is 0 (never 0 or 1)."""
    if g.n == 0 or r.x == 0:
        return None
    return (g.x * r.n) / (r.x * g.n)


def four_fifths_adverse(g: Counts, r: Counts) -> bool | None:
    """5·x_g·n_r < 4·x_r·n_g: exactly 4/5 is not adverse. None when IR is undefined."""
    if g.n == 0 or r.x == 0:
        return None
    return 5 * g.x * r.n < 4 * r.x * g.n


def lower_than(g: Counts, r: Counts) -> bool:
    """p_g < p_r, exactly."""
    return g.x * r.n < r.x * g.n


def two_proportion_z(g: Counts, r: Counts) -> float | None:
    """Pooled two-proportion z (Castaneda "standard deviations"); None when the pooled SE is 0."""
    total = g.n + r.n
    pooled_x = g.x + r.x
    if g.n == 0 or r.n == 0 or pooled_x in (0, total):
        return None
    p = pooled_x / total
    se = math.sqrt(p * (1 - p) * (1 / g.n + 1 / r.n))
    return (g.x / g.n - r.x / r.n) / se


def z_p_value(z: float | None) -> float | None:
    """Two-sided p = 2·Φ(−|z|)."""
    return None if z is None else float(2 * norm.sf(abs(z)))


@dataclass(frozen=True)
class FisherResult:
    two_sided: float
    less: float
    """One-sided: the focal group selected less often than the reference."""
    mid_p: float
    """Lancaster mid-p, P(X < x_g) + ½·P(X = x_g): less conservative for small groups."""
    odds_ratio: float | None
    """Sample odds ratio (focal vs reference); None when a zero cell makes it 0/0 or infinite."""


def fisher(g: Counts, r: Counts) -> FisherResult:
    """Fisher's exact test on [[x_g, n_g−x_g], [x_r, n_r−x_r]]."""
    table = [[g.x, g.n - g.x], [r.x, r.n - r.x]]
    two = fisher_exact(table, alternative="two-sided")
    less = fisher_exact(table, alternative="less")
    dist = hypergeom(g.n + r.n, g.x + r.x, g.n)
    mid = float(dist.cdf(g.x - 1) + 0.5 * dist.pmf(g.x))
    odds = float(two.statistic)
    return FisherResult(
        two_sided=float(two.pvalue),
        less=float(less.pvalue),
        mid_p=mid,
        odds_ratio=odds if math.isfinite(odds) else None,
    )


def katz_interval(g: Counts, r: Counts, confidence: float = 0.95) -> tuple[float, float] | None:
    """Katz log interval for the impact ratio (a risk ratio); undefined if either x is 0."""
    if g.x == 0 or r.x == 0:
        return None
    ci = relative_risk(g.x, g.n, r.x, r.n).confidence_interval(confidence_level=confidence)
    return float(ci.low), float(ci.high)


def shortfall(g: Counts, rate: float | None) -> float | None:
    """n_g·p − x_g: selections the group lacks to reach rate p (reference or overall)."""
    return None if rate is None else g.n * rate - g.x


def selections_to_pass(g: Counts, r: Counts) -> int | None:
    """max(0, ⌈4·x_r·n_g / (5·n_r)⌉ − x_g): extra focal selections that clear the 4/5 rule."""
    if r.n == 0 or r.x == 0:
        return None
    needed = -(-4 * r.x * g.n // (5 * r.n))
    return max(0, needed - g.x)


def flip_flop(g: Counts, r: Counts) -> bool | None:
    """UGESP "one different person": (x_g+1)/n_g > (x_r−1)/n_r reverses the comparison."""
    if g.n == 0 or r.n == 0:
        return None
    return (g.x + 1) * r.n > (r.x - 1) * g.n


def one_more(g: Counts, r: Counts) -> tuple[float, bool] | None:
    """IR with one more focal selection, and whether it reaches 4/5."""
    if g.n == 0 or r.x == 0 or g.x == g.n:
        return None
    plus = Counts(g.n, g.x + 1)
    return (plus.x * r.n) / (r.x * plus.n), 5 * plus.x * r.n >= 4 * r.x * plus.n


def cohens_h(g: Counts, r: Counts) -> float | None:
    """h = 2(asin√p_r − asin√p_g): positive when the focal group is selected less often."""
    if g.n == 0 or r.n == 0:
        return None
    return 2 * (math.asin(math.sqrt(r.x / r.n)) - math.asin(math.sqrt(g.x / g.n)))


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm step-down adjusted p-values (scipy has only BH/BY); None entries are skipped."""
    indexed = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(indexed)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(indexed):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted
