"""Selection rates with their uncertainty: a bare rate hides how little a small group says."""

from __future__ import annotations

import math

from scipy.stats import norm


def rate(selected: int, n: int) -> float | None:
    """x / n, or None for 0/0 (never 0, which would read as "nobody selected")."""
    return selected / n if n else None


def wilson_interval(selected: int, n: int, confidence: float = 0.95) -> tuple[float, float] | None:
    """Wilson score interval: sensible bounds at 0% and 100%, unlike the Wald interval.

    Written out because scipy offers it only through binomtest(...).proportion_ci, which first
    runs an exact two-sided test we do not need (8 s for the ~2,000 cells of a 1M-row audit).
    The unit tests check it against binomtest.
    """
    if n == 0:
        return None
    z = float(norm.ppf(0.5 + confidence / 2))
    z2 = z * z
    centre = (selected + z2 / 2) / (n + z2)
    half = z / (n + z2) * math.sqrt(selected * (n - selected) / n + z2 / 4)
    return max(0.0, centre - half), min(1.0, centre + half)
