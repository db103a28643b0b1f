"""Outcome columns → booleans, and the denominators of a multi-stage process.

NA means "not decided yet": such a row leaves that stage's denominator and is counted as
undecided, because treating it as "not selected" would invent rejections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

_TRUE = frozenset({"1", "yes", "ya", "true", "y", "lulus"})
_FALSE = frozenset({"0", "no", "tidak", "false", "n", "tidak lulus"})
_ACCEPTED = "1/0, yes/no, ya/tidak, true/false, y/n, lulus/tidak lulus (any case); blank = NA"
_MAX_POSITIONS = 10


def _parse(value: object) -> int | None:
    """1 true, 0 false, −1 NA, None unrecognised."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return -1
    if isinstance(value, bool | np.bool_):
        return int(value)
    if isinstance(value, int | float | np.integer | np.floating):
        return int(value) if value in (0, 1) else None
    text = " ".join(str(value).split()).casefold()
    if not text:
        return -1
    if text in _TRUE:
        return 1
    return 0 if text in _FALSE else None


class OutcomeValueError(ValueError):
    """Values that are not yes/no; `positions` (0-based rows) let a caller name Excel rows,
    and `log_message` says the same without quoting the cells (they may be names or NIPs)."""

    def __init__(self, message: str, column: object, positions: list[int], total: int):
        super().__init__(message)
        self.positions = positions
        self.log_message = (f"outcome column {column!r}: {total} value(s) are not yes/no. "
                            f"Accepted: {_ACCEPTED}.")


def parse_outcome(series: pd.Series) -> pd.Series:
    """A yes/no column → nullable boolean; raises ValueError naming bad values and positions."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("boolean")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    parsed = [_parse(u) for u in uniques]
    bad = [i for i, p in enumerate(parsed) if p is None]
    if bad:
        mask = np.isin(codes, bad)
        raise OutcomeValueError(_bad_message(series, codes, uniques, bad), series.name,
                                np.flatnonzero(mask)[:_MAX_POSITIONS].tolist(), int(mask.sum()))
    lookup = np.array([*parsed, -1], dtype=np.int8)
    values = lookup[codes]
    array = pd.arrays.BooleanArray(values == 1, values == -1)
    return pd.Series(array, index=series.index, name=series.name)


def _bad_message(
    series: pd.Series, codes: np.ndarray, uniques: Sequence[object], bad: list[int]
) -> str:
    mask = np.isin(codes, bad)
    positions = np.flatnonzero(mask)[:_MAX_POSITIONS]
    shown = ", ".join(f"{uniques[codes[p]]!r} at position {p}" for p in positions)
    total = int(mask.sum())
    more = f" (first {_MAX_POSITIONS} shown)" if total > _MAX_POSITIONS else ""
    return (
        f"outcome column {series.name!r}: {total} value(s) are not yes/no: {shown}{more}. "
        f"Accepted: {_ACCEPTED}. Positions are 0-based row positions."
    )


@dataclass(frozen=True)
class Stage:
    """The denominator and numerator of one stage, as row masks."""

    outcome: str
    index: int
    """1-based position in the process."""
    basis: str
    """"conditional": among those who passed the previous stage; "cumulative": among all rows."""
    denominator: str
    decided: np.ndarray
    selected: np.ndarray
    undecided: int
    """Rows that reached the stage but have no decision (NA); left out of the denominator."""


def stages(outcomes: Sequence[pd.Series]) -> list[Stage]:
    """Conditional blocks for every stage, plus a cumulative (bottom-line) block from stage 2 on.

    A row true at stage k but not true at stage k−1 is a data error and raises ValueError.
    """
    result: list[Stage] = []
    passed_prev: np.ndarray | None = None
    failed_so_far: np.ndarray | None = None
    for k, series in enumerate(outcomes, start=1):
        values = parse_outcome(series)
        na = values.isna().to_numpy()
        true = values.to_numpy(dtype=bool, na_value=False)
        false = ~na & ~true
        entered = np.ones(len(values), dtype=bool) if passed_prev is None else passed_prev
        if passed_prev is not None:
            _check_consistent(series, outcomes[k - 2].name, true & ~entered)
        prev_name = None if k == 1 else outcomes[k - 2].name
        result.append(
            Stage(
                outcome=str(series.name),
                index=k,
                basis="conditional",
                denominator="all rows" if k == 1 else f"rows with {prev_name} = true",
                decided=entered & ~na,
                selected=entered & true,
                undecided=int((entered & na).sum()),
            )
        )
        failed_now = entered & false
        failed_so_far = failed_now if failed_so_far is None else failed_so_far | failed_now
        if k > 1:
            decided = true | failed_so_far
            result.append(
                Stage(
                    outcome=str(series.name),
                    index=k,
                    basis="cumulative",
                    denominator=f"all rows (bottom line from {outcomes[0].name})",
                    decided=decided,
                    selected=true,
                    undecided=int((~decided).sum()),
                )
            )
        passed_prev = true
    return result


def _check_consistent(series: pd.Series, previous: object, bad: np.ndarray) -> None:
    if bad.any():
        positions = ", ".join(str(p) for p in np.flatnonzero(bad)[:_MAX_POSITIONS])
        raise ValueError(
            f"outcome {series.name!r} is true for {int(bad.sum())} row(s) that did not pass "
            f"{previous!r} (0-based positions {positions}); stages must be listed in order"
        )
