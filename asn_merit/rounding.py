"""Half-up rounding as HR expects it, vectorised, shared by formulas and points.

HR expects 9.375 to print as 9.38; pandas and Python round half to even. Points are kept as
integers of 10^-places so that the total is an exact sum of the printed points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def half_up_units(values: np.ndarray, places: int) -> np.ndarray:
    """Round half away from zero on the shortest decimal repr of each float, as Decimal would;
    return the result as (float) counts of 10^-places.

    ``floor(|x| * 10**p)`` may be off by one ulp, so the decision is made by comparing ``|x|``
    with the float nearest to the tie ``(n + 0.5) / 10**p`` (IEEE division rounds correctly).
    When ``x`` is that float its shortest repr *is* the tie (2.675, 1.005) and we round up;
    otherwise ``x`` and its repr lie on the same side of the tie. This is exact whenever the
    spacing of floats near ``x`` is below ``10**-(p + 1)``, e.g. ``|x| < 1e6`` for ``p <= 6``.
    """
    scale = 10.0**places
    magnitude = np.abs(values)
    whole = np.floor(magnitude * scale)
    tie = (whole + 0.5) / scale
    return np.copysign(whole + (magnitude >= tie), values)


def round_half_up(values: np.ndarray, places: int) -> np.ndarray:
    return half_up_units(values, places) / 10.0**places


NOISE_DECIMALS = 10
# Points are Int64 counts of 10^-places (places <= 6): beyond 10^12 they no longer fit, and
# no scale an office uses comes near it.
MAX_POINTS = 10.0**12


class PointsRangeError(ValueError):
    """Points that are not finite or too large to hold; `positions` are the 0-based rows."""

    def __init__(self, positions: list[int], values: list[float]):
        self.positions = positions
        self.values = values
        super().__init__(f"{len(positions)} value(s) not finite or beyond ±{MAX_POINTS:.0e}")


def to_units(values: pd.Series, places: int) -> pd.Series:
    """Points as Int64 counts of 10^-places, rounded half up; NA stays NA.

    Points are products like (49 − 48) / 48 × 100 × 0.30, exactly 0.625 on paper but
    0.62499999999999994 in binary floating point. They are first rounded to 10 decimals to
    remove that noise, so the printed points match the hand calculation (0.63).
    """
    floats = values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        wild = np.isinf(floats) | (np.abs(floats) > MAX_POINTS)
    if wild.any():
        where = np.flatnonzero(wild)
        raise PointsRangeError(where[:10].tolist(), floats[where[:10]].tolist())
    units = half_up_units(np.round(floats, NOISE_DECIMALS), places)
    return pd.Series(units, index=values.index).astype("Int64")


def units_text(units: int, places: int) -> str:
    """Exact decimal text of an integer count of 10^-places (no float on the way)."""
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(int(units)), 10**places)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def plain_number(value: float) -> str:
    """Short, stable text of a float for traces: up to 6 decimals, trailing zeros trimmed."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
