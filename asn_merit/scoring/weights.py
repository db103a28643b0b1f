"""Each scored rule's weight as the engine uses it: declared in the rule, derived from an AHP
matrix, or (profile matching) the factor's share of its aspect.

The policy checks and the engine both call these, so the weight a person's trace shows is
exactly the one the checks accepted.
"""

from __future__ import annotations

import math

import numpy as np

from asn_merit.rules import model as m
from asn_merit.scoring.methods import STANDARD_GAP_TABLE, AhpResult, ahp_weights


def cell_value(cell: float | str) -> float:
    """A pairwise judgement: a number, or a fraction written "1/3" (exact, unlike 0.33)."""
    if isinstance(cell, str):
        top, bottom = (float(part) for part in cell.split("/"))
        if bottom == 0:
            raise ValueError(f"'{cell.strip()}' divides by zero")
        return top / bottom
    return float(cell)


def ahp_result(ahp: m.Ahp) -> AhpResult:
    """Weights and consistency of the policy's matrix; ValueError names the bad cell (i, j)."""
    return ahp_weights([[cell_value(c) for c in row] for row in ahp.matrix],
                       ri_table=ahp.ri_table, max_cr=ahp.max_cr)


def least_consistent(ahp: m.Ahp, result: AhpResult) -> tuple[int, int, float]:
    """The judgement furthest from what the derived weights imply: (i, j, implied w_i/w_j).

    It is the first place to look when the consistency ratio is too high.
    """
    a = np.array([[cell_value(c) for c in row] for row in ahp.matrix])
    w = result.weights
    implied = w[:, None] / w[None, :]
    distance = np.triu(np.abs(np.log(a / implied)), k=1)
    i, j = (int(k) for k in np.unravel_index(np.argmax(distance), distance.shape))
    return i, j, float(implied[i, j])


def gap_table(pm: m.ProfileMatching) -> dict[int, float]:
    return dict(pm.gap_table) if pm.gap_table is not None else dict(STANDARD_GAP_TABLE)


def core_shares(pm: m.ProfileMatching) -> dict[str, float]:
    return {a.id: pm.core_share if a.core_share is None else a.core_share for a in pm.aspects}


def aspect_weights(pm: m.ProfileMatching) -> dict[str, float]:
    total = sum(a.weight for a in pm.aspects)
    return {a.id: a.weight / total if total > 0 else math.nan for a in pm.aspects}


def _factor_weights(policy: m.Policy, pm: m.ProfileMatching) -> dict[str, float]:
    """q_a · share / (number of factors of that kind in the aspect): the factor's part of the
    total per unit of gap weight, so the points lines add up to the total."""
    rules = policy.points_rules
    q, core = aspect_weights(pm), core_shares(pm)
    counts: dict[tuple[str | None, str | None], int] = {}
    for rule in rules:
        counts[(rule.aspect, rule.factor)] = counts.get((rule.aspect, rule.factor), 0) + 1
    out = {}
    for rule in rules:
        if rule.aspect not in q:
            out[rule.id] = math.nan
            continue
        share = core[rule.aspect] if rule.factor == "core" else 1 - core[rule.aspect]
        out[rule.id] = q[rule.aspect] * share / counts[(rule.aspect, rule.factor)]
    return out


def rule_weights(policy: m.Policy) -> dict[str, float]:
    """Weight of every scored rule by id (NaN where the policy is incomplete: the checks say
    so before the engine ever runs)."""
    scoring = policy.scoring
    if scoring.method == "profile_matching" and scoring.profile_matching is not None:
        return _factor_weights(policy, scoring.profile_matching)
    if scoring.ahp is not None:
        result = ahp_result(scoring.ahp)
        derived = dict(zip(scoring.ahp.criteria, result.weights.tolist(), strict=True))
        return {r.id: derived.get(r.id, math.nan) for r in policy.points_rules}
    return {r.id: math.nan if r.weight is None else r.weight for r in policy.points_rules}
