"""Continuous scores (exam, performance, reward): the LL144 scoring rate plus distribution checks.

Scoring rate = share of a group with score strictly above the median of the FULL sample (all
rows with a score, unknown-category rows included, as 6 RCNY 5-301(c)(1) says "full sample").
It is a yes/no outcome, so the selection machinery (4/5, Fisher, z, flip-flop) applies as is;
ties at the median and the "≥ median" variant are reported because ties move the rate a lot.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from scipy.stats import mannwhitneyu

from asn_merit.fairness.analysis import TableResult, analyse_table
from asn_merit.fairness.labels import Coded
from asn_merit.fairness.settings import AuditSettings


@dataclass(frozen=True)
class ScoreGroup:
    group: str
    ties_at_median: int | None
    at_or_above: int | None
    rate_at_or_above: float | None
    impact_ratio_at_or_above: float | None
    """Against the highest "≥ median" rate among the groups eligible for IR."""
    mean: float | None
    median: float | None
    sd: float | None
    mean_ratio: float | None
    median_ratio: float | None
    mann_whitney_u: float | None
    mann_whitney_p: float | None
    cohens_d: float | None
    """(mean_g − mean_ref) / pooled SD: negative when the group scores lower."""


@dataclass(frozen=True)
class ScoreBlock:
    attribute: str
    components: tuple[str, ...]
    score: str
    median: float | None
    scored: int
    """Rows with a score: the full sample the median is taken over."""
    score_missing: int
    ties_at_median: int
    unknown: int
    """Scored rows whose attribute value is unknown: in the median, in no group."""
    table: TableResult
    """Binary analysis of "score > median"; its selected/rate fields mean above-median."""
    extras: tuple[ScoreGroup, ...]
    empty_groups: tuple[str, ...]


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def score_block(
    coded: Coded,
    components: tuple[str, ...],
    score_name: str,
    values: np.ndarray,
    settings: AuditSettings,
) -> ScoreBlock:
    """Scores as float64 with NaN for missing; groups are counted with bincount."""
    scored = ~np.isnan(values)
    median = float(np.median(values[scored])) if scored.any() else None
    k = len(coded.labels)
    known = scored & (coded.codes >= 0)
    codes = coded.codes[known]
    vals = values[known]
    n = np.bincount(codes, minlength=k)
    if median is None:
        above = ge = ties = np.zeros(k, dtype=np.int64)
    else:
        above = np.bincount(codes[vals > median], minlength=k)
        ge = np.bincount(codes[vals >= median], minlength=k)
        ties = ge - above
    present = np.flatnonzero(n > 0)
    labels = [coded.labels[i] for i in present]
    table = analyse_table(
        labels,
        n[present],
        above[present],
        settings,
        pinned=settings.reference_groups.get(coded.name),
    )
    order = np.argsort(codes, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(n)])
    samples = {coded.labels[i]: vals[order[bounds[i] : bounds[i + 1]]] for i in present}
    top_ge = max(
        (ge[i] / n[i] for g, i in zip(table.groups, present, strict=True) if g.eligible_for_ir),
        default=0.0,
    )
    ref = samples.get(table.reference) if table.reference else None
    extras = tuple(
        _extras(
            g.group,
            g.suppressed,
            g.is_reference,
            samples[g.group],
            ref,
            int(ties[i]),
            int(ge[i]),
            top_ge,
        )
        for g, i in zip(table.groups, present, strict=True)
    )
    return ScoreBlock(
        attribute=coded.name,
        components=components,
        score=score_name,
        median=median,
        scored=int(scored.sum()),
        score_missing=int((~scored).sum()),
        ties_at_median=0 if median is None else int((values[scored] == median).sum()),
        unknown=int((scored & (coded.codes < 0)).sum()),
        table=table,
        extras=extras,
        empty_groups=tuple(coded.labels[i] for i in np.flatnonzero(n == 0)),
    )


def _extras(
    group: str,
    suppressed: bool,
    is_reference: bool,
    sample: np.ndarray,
    ref: np.ndarray | None,
    ties: int,
    ge: int,
    top_ge: float,
) -> ScoreGroup:
    if suppressed:
        return ScoreGroup(group, **{f.name: None for f in fields(ScoreGroup) if f.name != "group"})
    mean, median = float(sample.mean()), float(np.median(sample))
    sd = float(sample.std(ddof=1)) if len(sample) > 1 else None
    u = p = d = None
    ref_mean = ref_median = None
    if ref is not None:
        ref_mean, ref_median = float(ref.mean()), float(np.median(ref))
        if not is_reference:
            test = mannwhitneyu(sample, ref, alternative="two-sided")
            u, p = float(test.statistic), float(test.pvalue)
            d = _cohens_d(sample, ref)
    rate_ge = ge / len(sample)
    return ScoreGroup(
        group=group,
        ties_at_median=ties,
        at_or_above=ge,
        rate_at_or_above=rate_ge,
        impact_ratio_at_or_above=_ratio(rate_ge, top_ge),
        mean=mean,
        median=median,
        sd=sd,
        mean_ratio=_ratio(mean, ref_mean),
        median_ratio=_ratio(median, ref_median),
        mann_whitney_u=u,
        mann_whitney_p=p,
        cohens_d=d,
    )


def _cohens_d(g: np.ndarray, r: np.ndarray) -> float | None:
    dof = len(g) + len(r) - 2
    if dof <= 0:
        return None
    pooled = (
        (len(g) - 1) * g.var(ddof=1 if len(g) > 1 else 0)
        + (len(r) - 1) * r.var(ddof=1 if len(r) > 1 else 0)
    ) / dof
    return None if pooled <= 0 else float((g.mean() - r.mean()) / np.sqrt(pooled))
