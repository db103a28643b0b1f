"""Rank eligible people as a total order and fill the quota.

The last tie-breaker is the unique id, so no two people ever share a rank; for each person we
record which key separated them from the person ranked just above (`decided_by`), because
places at the cut line decided by tie-breakers are where unfairness hides.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    rank_in_group: pd.Series | None = None  # Int64 place within selection.per_group
    quotas: dict[str, int] | None = None  # places per group, as applied


def _column(key: m.SortKey) -> str:
    return TOTAL_UNITS if key.field == TOTAL else key.field


def rank_people(frame: pd.DataFrame, eligible: pd.Series, ranking: m.Ranking,
                favourable: Sequence[str] = ()) -> Ranked:
    """Rank the eligible; `favourable` are the labels a category selection selects."""
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
    selection = ranking.selection
    selected = pd.Series(False, index=frame.index)
    if selection is None:
        return Ranked(ordered.index, rank, decided_by, selected, keys)
    if selection.category is not None:
        selected.loc[ordered.index] = frame.loc[ordered.index, selection.category].isin(
            list(favourable)).fillna(False).to_numpy(dtype=bool)
        return Ranked(ordered.index, rank, decided_by, selected, keys)
    if selection.per_group is None:
        selected.loc[ordered.index] = (rank.loc[ordered.index] <= (selection.quota or 0)
                                       ).to_numpy(dtype=bool)
        return Ranked(ordered.index, rank, decided_by, selected, keys)
    groups = frame.loc[ordered.index, selection.per_group].astype("string")
    place = (groups.groupby(groups, dropna=True).cumcount() + 1).astype("Int64")
    quota = _group_quotas(frame.loc[ordered.index], groups, selection)
    chosen = (place <= groups.map(quota).astype("Float64")).fillna(False).astype(bool)
    selected.loc[ordered.index] = (chosen & groups.notna()).to_numpy(dtype=bool)
    in_group = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    in_group.loc[ordered.index] = place.where(groups.notna())
    return Ranked(ordered.index, rank, decided_by, selected, keys, in_group, quota)


def _group_quotas(pool: pd.DataFrame, groups: pd.Series, selection: m.Selection
                  ) -> dict[str, int]:
    """Places per group: from `quota_field` (the smallest value a group's rows give, when they
    disagree), else `quotas`, else `quota` for every group."""
    names = sorted(groups.dropna().unique().tolist())
    if selection.quota_field is not None:
        given = pool[selection.quota_field].astype("Float64").groupby(groups).min()
        return {str(g): int(given.get(g)) if pd.notna(given.get(g)) else 0 for g in names}
    quotas = selection.quotas or {}
    return {str(g): int(quotas.get(g, selection.quota or 0)) for g in names}
