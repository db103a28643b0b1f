"""Half-up quantisation in integer units, vectorised.

HR expects 9.375 to print as 9.38; pandas and Python round half to even. Points are kept as
integers of 10^-places so that the total is an exact sum of the printed points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def to_units(values: pd.Series, places: int) -> pd.Series:
    """Round half away from zero to `places` decimals; return Int64 counts of 10^-places."""
    scaled = values.astype("Float64") * (10**places)
    # round to 6 decimals first so 1.005 * 100 == 100.49999… counts as the 100.5 it means
    magnitude = np.floor(scaled.abs().round(6) + 0.5)
    return (np.sign(scaled) * magnitude).astype("Int64")


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
