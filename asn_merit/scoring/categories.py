"""Label each eligible person with the policy's categories: bands of the total or of a field
(Sangat Tinggi … Sangat Rendah), grids crossing two categories (the 9-box talent box), and
decision tables whose first matching case gives the label (naik jenjang / naik pangkat).

Categories are outcomes: they go into the result per person and the fairness audit counts
the 'favourable' values like a selection.
"""

from __future__ import annotations

import pandas as pd

from asn_merit.rules import model as m
from asn_merit.rules.fields import TOTAL, FieldInfo
from asn_merit.scoring.conditions import ConditionEvaluator

_KEY_SEPARATOR = "\x1f"


def _bands(source: pd.Series, bands: list[m.LabelBand]) -> pd.Series:
    values = pd.Series(pd.NA, index=source.index, dtype="string")
    for band in bands:
        inside = source.notna()
        if band.gte is not None:
            inside &= source >= band.gte
        if band.lt is not None:
            inside &= source < band.lt
        values = values.mask(inside.fillna(False).astype(bool) & values.isna(), band.value)
    return values


def _grid(rows: pd.Series, columns: pd.Series, grid: m.Grid) -> pd.Series:
    table = {f"{row}{_KEY_SEPARATOR}{column}": value
             for row, cells in grid.cells.items() for column, value in cells.items()}
    key = rows.astype("string") + _KEY_SEPARATOR + columns.astype("string")
    return key.map(table).astype("string")


def _cases(conditions: ConditionEvaluator, cases: list[m.Case]) -> pd.Series:
    """First case that holds; a condition that cannot be decided (a blank input) is not a
    match, so a later case cannot quietly claim a person the earlier one might have had:
    such a person is left without a label and reported as unmatched."""
    index = conditions.frame.index
    values = pd.Series(pd.NA, index=index, dtype="string")
    open_ = pd.Series(True, index=index)
    for case in cases:
        holds = (pd.Series(True, index=index, dtype="boolean") if case.when is None
                 else conditions.evaluate(case.when))
        values = values.mask(open_ & holds.fillna(False).astype(bool), case.value)
        open_ &= holds.eq(False).fillna(False).astype(bool)
    return values


def compute_categories(frame: pd.DataFrame, policy: m.Policy, eligible: pd.Series,
                       total: pd.Series, fields: dict[str, FieldInfo]
                       ) -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    """(category id -> value per person, NA unless eligible; id -> eligible rows no band,
    cell or case matched). `total` is the total as a number; `fields` types the literals of
    the cases' conditions."""
    out: dict[str, pd.Series] = {}
    unmatched: dict[str, pd.Series] = {}
    for item in policy.categories:
        if item.bands is not None:
            source = total if item.field == TOTAL else frame[item.field]
            values = _bands(source.astype("Float64"), item.bands)
        elif item.cases is not None:
            labelled = frame.assign(**out) if out else frame
            values = _cases(ConditionEvaluator(labelled, fields, policy), item.cases)
        else:
            assert item.grid is not None
            rows, columns = (out[name] if name in out else frame[name]
                             for name in (item.grid.rows, item.grid.columns))
            values = _grid(rows, columns, item.grid)
        out[item.id] = values.where(eligible)
        unmatched[item.id] = eligible & values.isna()
    return out, unmatched
