"""Profile Matching (Kusrini 2007), the standard Indonesian competency-fit method.

    GAP_ij = actual_ij − target_j
    b_ij   = T(GAP_ij)                              gap → weight table, 5.0 for a perfect fit
    NCF_ia = mean of b_ij over the core factors j of aspect a
    NSF_ia = mean of b_ij over the secondary factors j of aspect a
    N_ia   = p_a · NCF_ia + s_a · NSF_ia            p_a + s_a = 1 (60/40 by default)
    Total_i = Σ_a q_a · N_ia                        aspect weights, normalised to Σq = 1

It measures fit, not "more is better": exceeding the target is penalised too (T(+1) = 4.5).
The table only covers the gaps it lists, so a gap outside it (or a fractional gap) is refused
with the factor and row named; widen the table or clamp values in the policy instead.

Shares may be one number for every aspect or a mapping per aspect (practice varies, e.g. 55:45
for one aspect and 65:35 for another). An aspect may lack core or secondary factors only if the
missing group's share is 0; its NCF or NSF is then reported as NaN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from asn_merit.scoring.methods.base import MethodResult

FactorKind = Literal["core", "secondary"]

STANDARD_GAP_TABLE: Final = MappingProxyType(
    {0: 5.0, 1: 4.5, -1: 4.0, 2: 3.5, -2: 3.0, 3: 2.5, -3: 2.0, 4: 1.5, -4: 1.0}
)


def profile_matching(values: npt.ArrayLike, targets: npt.ArrayLike,
                     factor_kind: Sequence[FactorKind], aspects: Sequence[str],
                     aspect_weights: Mapping[str, float],
                     core_share: float | Mapping[str, float] = 0.6,
                     secondary_share: float | Mapping[str, float] = 0.4,
                     gap_table: Mapping[int, float] = STANDARD_GAP_TABLE) -> MethodResult:
    """Score each row (person) by how well their factor levels fit the target profile.

    Factor j (column j of `values`) has target `targets[j]`, kind `factor_kind[j]` and belongs
    to aspect `aspects[j]`. Aspect columns in `details` follow the order in which aspects first
    appear in `aspects`; `details["aspects"]` holds their names.

    `normalised` is the gap-weight matrix b. The total is additive, so `contributions[i, j]` is
    factor j's part of the total, q_a · share / (number of factors of that kind in the aspect)
    · b_ij, and each row sums to `score[i]`. `details`: "gap", "gap_weight", "core" (NCF),
    "secondary" (NSF), "aspect_total" (N), "aspect_weights" (normalised q), "aspects".
    """
    x = np.array(values, dtype=float)
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"values must be a non-empty 2-D matrix (people × factors), "
                         f"got shape {x.shape}")
    n = x.shape[1]
    target = np.array(targets, dtype=float)
    if target.shape != (n,) or len(factor_kind) != n or len(aspects) != n:
        raise ValueError(f"values have {n} factor columns; targets, factor_kind and aspects "
                         f"must have one entry each, got {target.size}, {len(factor_kind)} "
                         f"and {len(aspects)}")
    core = _factor_kinds(factor_kind)
    names = list(dict.fromkeys(aspects))
    q = _aspect_weights(aspect_weights, names)
    p = _shares(core_share, names, "core_share")
    s = _shares(secondary_share, names, "secondary_share")
    unbalanced = np.flatnonzero(np.abs(p + s - 1.0) > 1e-9)
    if unbalanced.size:
        a = int(unbalanced[0])
        raise ValueError(f"aspect {names[a]!r}: core_share {float(p[a])!r} and secondary_share "
                         f"{float(s[a])!r} must add up to 1")

    gap = _gaps(x, target, aspects)
    b = _gap_weights(gap, gap_table, aspects)

    member = np.array(aspects)[:, None] == np.array(names)[None, :]  # factors × aspects
    in_core = member & core[:, None]
    in_secondary = member & ~core[:, None]
    n_core, n_secondary = in_core.sum(axis=0), in_secondary.sum(axis=0)
    for count, share, kind in ((n_core, p, "core"), (n_secondary, s, "secondary")):
        empty = np.flatnonzero((count == 0) & (share > 0))
        if empty.size:
            a = int(empty[0])
            raise ValueError(f"aspect {names[a]!r} has no {kind} factors but its {kind} share "
                             f"is {float(share[a])!r}; give it {kind} factors or a share of 0")

    with np.errstate(divide="ignore", invalid="ignore"):
        ncf = (b @ in_core) / n_core
        nsf = (b @ in_secondary) / n_secondary
        per_factor = (in_core * np.where(n_core > 0, p / n_core, 0.0)
                      + in_secondary * np.where(n_secondary > 0, s / n_secondary, 0.0))
    aspect_total = b @ per_factor
    contributions = b * (per_factor @ q)
    return MethodResult(score=contributions.sum(axis=1), normalised=b,
                        contributions=contributions,
                        details={"gap": gap, "gap_weight": b, "core": ncf,
                                 "secondary": nsf, "aspect_total": aspect_total,
                                 "aspect_weights": q, "aspects": np.array(names)})


def _factor_kinds(factor_kind: Sequence[str]) -> np.ndarray:
    unknown = [k for k in factor_kind if k not in ("core", "secondary")]
    if unknown:
        raise ValueError(f"factor kind must be 'core' or 'secondary', got {unknown[0]!r}")
    return np.array([k == "core" for k in factor_kind], dtype=bool)


def _aspect_weights(weights: Mapping[str, float], names: list[str]) -> np.ndarray:
    missing = [a for a in names if a not in weights]
    extra = [a for a in weights if a not in names]
    if missing or extra:
        raise ValueError(f"aspect_weights must name exactly the aspects used; missing: "
                         f"{missing or 'none'}, not used: {extra or 'none'}")
    q = np.array([weights[a] for a in names], dtype=float)
    bad = np.flatnonzero(~np.isfinite(q) | (q < 0))
    if bad.size:
        a = int(bad[0])
        raise ValueError(f"aspect {names[a]!r}: weight must be a finite number ≥ 0, "
                         f"got {weights[names[a]]!r}")
    if q.sum() <= 0:
        raise ValueError("aspect weights sum to zero; at least one must be positive")
    return q / q.sum()


def _shares(share: float | Mapping[str, float], names: list[str], label: str) -> np.ndarray:
    if isinstance(share, Mapping):
        missing = [a for a in names if a not in share]
        extra = [a for a in share if a not in names]
        if missing or extra:
            raise ValueError(f"{label} must name exactly the aspects used; missing: "
                             f"{missing or 'none'}, not used: {extra or 'none'}")
        values = np.array([share[a] for a in names], dtype=float)
    else:
        values = np.full(len(names), float(share))
    bad = np.flatnonzero(~np.isfinite(values) | (values < 0) | (values > 1))
    if bad.size:
        a = int(bad[0])
        raise ValueError(f"aspect {names[a]!r}: {label} must be between 0 and 1, "
                         f"got {float(values[a])!r}")
    return values


def _gaps(x: np.ndarray, target: np.ndarray, aspects: Sequence[str]) -> np.ndarray:
    bad_target = np.flatnonzero(~np.isfinite(target))
    if bad_target.size:
        j = int(bad_target[0])
        raise ValueError(f"factor {j} (aspect {aspects[j]!r}): target {float(target[j])!r} is "
                         "not a finite number")
    _refuse_cells(~np.isfinite(x), x, aspects, "value",
                  "is not a finite number; handle missing data before calling a scoring method")
    gap = x - target
    whole = np.rint(gap)
    _refuse_cells(np.abs(gap - whole) > 1e-9, gap, aspects, "gap",
                  "is not a whole number; profile matching compares levels")
    return whole


def _gap_weights(gap: np.ndarray, table: Mapping[int, float], aspects: Sequence[str]) -> np.ndarray:
    keys = np.array(sorted(table), dtype=float)
    weights = np.array([table[k] for k in sorted(table)], dtype=float)
    if keys.size == 0 or not np.isfinite(weights).all():
        raise ValueError("the gap table must be non-empty and map gaps to finite weights")
    position = np.clip(np.searchsorted(keys, gap), 0, keys.size - 1)
    _refuse_cells(keys[position] != gap, gap, aspects, "gap",
                  f"is not in the gap table (it runs from {int(keys[0]):+d} to "
                  f"{int(keys[-1]):+d}); widen the table or clamp values in the policy")
    return weights[position]


def _refuse_cells(bad: np.ndarray, x: np.ndarray, aspects: Sequence[str], label: str,
                  problem: str) -> None:
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise ValueError(f"factor {j} (aspect {aspects[j]!r}), row {i}: {label} "
                         f"{float(x[i, j])!r} {problem}")
