"""Rank eligible people as a total order and fill the quota.

The last tie-breaker is the unique id, so no two people ever share a rank; for each person we
record which key separated them from the person ranked just above (`decided_by`), because
places at the cut line decided by tie-breakers are where unfairness hides.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_merit.rules import model as m
from asn_merit.rules.fields import TOTAL

TOTAL_UNITS = "_total_units"


@dataclass
class Ranked:
    order: pd.Index  # frame index of eligible people, best first
    rank: pd.Series  # Int64, NA when not ranked
    decided_by: pd.Series  # string: the key that separated a person from the one above
    selected: pd.Series  # bool
    keys: list[m.SortKey]


def _column(key: m.SortKey) -> str:
    return TOTAL_UNITS if key.field == TOTAL else key.field


def rank_people(frame: pd.DataFrame, eligible: pd.Series, ranking: m.Ranking) -> Ranked:
    keys = [ranking.order, *ranking.tie_breakers]
    columns = [_column(k) for k in keys]
    pool = frame.loc[eligible, columns]
    ordered = pool.sort_values(by=columns, ascending=[k.direction == "asc" for k in keys],
                               na_position="last", kind="mergesort")
    rank = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    rank.loc[ordered.index] = range(1, len(ordered) + 1)
    decided = pd.Series(pd.NA, index=ordered.index, dtype="string")
    for key, column in reversed(list(zip(keys, columns, strict=True))):
        values = ordered[column]
        previous = values.shift(1)
        same = (values == previous).fillna(False).astype(bool) | (values.isna() & previous.isna())
        decided = decided.mask(~same, key.field)
    if len(decided):
        decided.iloc[0] = pd.NA
    decided_by = pd.Series(pd.NA, index=frame.index, dtype="string")
    decided_by.loc[ordered.index] = decided
    selected = _select(frame, ordered.index, rank, ranking.selection)
    return Ranked(ordered.index, rank, decided_by, selected, keys)


def _select(frame: pd.DataFrame, order: pd.Index, rank: pd.Series,
            selection: m.Selection | None) -> pd.Series:
    selected = pd.Series(False, index=frame.index)
    if selection is None:
        return selected
    if selection.per_group is None:
        selected.loc[order] = (rank.loc[order] <= (selection.quota or 0)).to_numpy(dtype=bool)
        return selected
    groups = frame.loc[order, selection.per_group].astype("string")
    place_in_group = groups.groupby(groups, dropna=True).cumcount() + 1
    if selection.quotas is not None:
        quota = groups.map(selection.quotas).astype("Float64").fillna(selection.quota or 0)
    else:
        quota = pd.Series(selection.quota or 0, index=order, dtype="Float64")
    chosen = (place_in_group <= quota).fillna(False).astype(bool) & groups.notna()
    selected.loc[order] = chosen.to_numpy(dtype=bool)
    return selected
