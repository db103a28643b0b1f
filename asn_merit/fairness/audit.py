"""Orchestrator: a per-person frame (or pre-aggregated counts) → AuditResult.

Counting is vectorised (one bincount per attribute and stage); only the few groups go through
Python. The method statements returned with the result say how NA, unknowns, stages and the
score median were treated, so a report can print them next to the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from asn_merit.fairness.analysis import TableResult, analyse_table
from asn_merit.fairness.labels import SEPARATOR, Coded, code_attribute, combine
from asn_merit.fairness.outcomes import Stage, stages
from asn_merit.fairness.result import AttributeBlock, AuditResult, CmhBlock
from asn_merit.fairness.scores import ScoreBlock, score_block
from asn_merit.fairness.settings import AuditSettings
from asn_merit.fairness.strata import mantel_haenszel


def _method(settings: AuditSettings) -> tuple[str, ...]:
    share = f"{settings.reference_min_share * 100:g}%"
    small = (
        f"n < {settings.small_sample_n} or expected selections < {settings.small_sample_expected:g}"
    )
    if settings.significance == "holm":
        significance = (
            "Significance: Holm-adjusted Fisher two-sided p < α, or, unless either group is "
            f"small ({small}), Holm-adjusted z p < α; Holm runs over the judged groups of a table."
        )
    else:
        significance = (
            f"Significance: Fisher two-sided p < α, or |z| > {settings.sd_threshold:g} when "
            f"neither group is small ({small}); Holm-adjusted Fisher "
            "p-values are reported beside the raw ones."
        )
    return (
        "Outcome NA means 'not decided': the row leaves that stage's denominator and is "
        "counted as undecided.",
        "Stage k ('conditional') is evaluated among rows true at stage k−1; from stage 2 on a "
        "'cumulative' block gives the bottom line among all rows decided through stage k.",
        "Unknown attribute values (blank, NA, or a declared 'not stated' value) are counted per "
        "block and excluded from every rate; an intersection is unknown if any part is.",
        f"Reference: the highest-rate group among groups with n ≥ {settings.min_group_size} and "
        f"share ≥ {share}; ties go to the larger group, then the name. Largest-group, "
        "no-exclusion and overall-rate variants are given for sensitivity only.",
        f"Groups with n < {settings.min_group_size} are suppressed: n is shown; the selected "
        "count, rate and statistics are withheld. They still count toward totals and the "
        "omnibus test.",
        f"Groups with share < {share} are not judged (UGESP Q&A 12, LL144 §5-301(d)); their "
        "figures are shown for information.",
        "4/5 rule in integers: adverse ⇔ 5·x_g·n_r < 4·x_r·n_g, so an IR of exactly 0.8 passes.",
        significance,
        "Finding = IR < 0.8 and significant and no flip-flop; IR < 0.8 or significance alone "
        "(or with flip-flop) is a watch item; the 4/5 rule is a rule of thumb, not a legal "
        "finding.",
        "Scores: the median is taken over the full sample (every row with a score, unknown "
        "categories included); scoring rate = share strictly above it.",
        "Strata: each group is compared with the table's reference within every stratum and "
        "pooled by Cochran–Mantel–Haenszel; Breslow–Day (Tarone) tests homogeneity.",
    )


def _dimensions(
    attributes: Sequence[str], intersections: Sequence[Sequence[str]]
) -> list[tuple[str, tuple[str, ...]]]:
    dims = [(a, (a,)) for a in attributes]
    for parts in intersections:
        if len(parts) < 2:
            raise ValueError(f"an intersection needs at least two attributes, got {list(parts)}")
        dims.append((SEPARATOR.join(parts), tuple(parts)))
    names = [d[0] for d in dims]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"attribute listed twice: {', '.join(duplicates)}")
    return dims


def audit_frame(
    frame: pd.DataFrame,
    *,
    outcomes: Sequence[str],
    attributes: Sequence[str],
    intersections: Sequence[Sequence[str]] = (),
    score: str | None = None,
    strata: str | None = None,
    settings: AuditSettings | None = None,
) -> AuditResult:
    """Audit one row per person. Outcomes in order are the stages of one process."""
    settings = settings or AuditSettings()
    outcomes, attributes = list(outcomes), list(attributes)
    dims = _dimensions(attributes, intersections)
    needed = [*outcomes, *(c for _, parts in dims for c in parts)]
    needed += [c for c in (score, strata) if c is not None]
    missing = sorted({c for c in needed if c not in frame.columns})
    if missing:
        raise ValueError(f"column(s) not in the frame: {', '.join(missing)}")
    if not outcomes and score is None:
        raise ValueError("give at least one outcome column or a score column")
    if not dims:
        raise ValueError("give at least one attribute")

    unknown = settings.unknown_set
    coded: dict[str, Coded] = {}
    for _, parts in dims:
        for part in parts:
            if part not in coded:
                coded[part] = code_attribute(frame[part], unknown, part)
    strata_coded = code_attribute(frame[strata], unknown, strata) if strata else None
    stage_list = stages([frame[c] for c in outcomes])

    coded_dims = [
        (coded[name] if len(parts) == 1 else combine([coded[p] for p in parts]), parts)
        for name, parts in dims
    ]
    blocks = [
        _block(dim, parts, stage, settings, strata_coded)
        for dim, parts in coded_dims
        for stage in stage_list
    ]
    score_blocks: list[ScoreBlock] = []
    if score is not None:
        values = _score_values(frame[score])
        score_blocks = [
            score_block(dim, parts, score, values, settings) for dim, parts in coded_dims
        ]
    return AuditResult(
        rows=len(frame),
        outcomes=tuple(outcomes),
        attributes=tuple(blocks),
        scores=tuple(score_blocks),
        settings=settings,
        method=_method(settings),
    )


def _table(dim: Coded, n: np.ndarray, x: np.ndarray, settings: AuditSettings) -> TableResult:
    present = np.flatnonzero(n > 0)
    return analyse_table(
        [dim.labels[i] for i in present],
        n[present],
        x[present],
        settings,
        pinned=settings.reference_groups.get(dim.name),
    )


def _block(
    dim: Coded,
    parts: tuple[str, ...],
    stage: Stage,
    settings: AuditSettings,
    strata: Coded | None,
) -> AttributeBlock:
    k = len(dim.labels)
    known = stage.decided & (dim.codes >= 0)
    n = np.bincount(dim.codes[known], minlength=k)
    x = np.bincount(dim.codes[known & stage.selected], minlength=k)
    unknown_rows = stage.decided & (dim.codes < 0)
    table = _table(dim, n, x, settings)
    return AttributeBlock(
        attribute=dim.name,
        components=parts,
        stage=stage.outcome,
        stage_index=stage.index,
        basis=stage.basis,
        denominator=stage.denominator,
        population=int(stage.decided.sum()),
        undecided=stage.undecided,
        unknown=int(unknown_rows.sum()),
        unknown_selected=int((unknown_rows & stage.selected).sum()),
        empty_groups=tuple(dim.labels[i] for i in np.flatnonzero(n == 0)),
        table=table,
        cmh=_cmh(dim, known, stage.selected, table, strata, settings) if strata else None,
    )


def _cmh(
    dim: Coded,
    known: np.ndarray,
    selected: np.ndarray,
    table: TableResult,
    strata: Coded,
    settings: AuditSettings,
) -> CmhBlock:
    k, s = len(dim.labels), len(strata.labels)
    rows = known & (strata.codes >= 0)
    cell = dim.codes[rows] * s + strata.codes[rows]
    n = np.bincount(cell, minlength=k * s).reshape(k, s)
    x = np.bincount(
        dim.codes[rows & selected] * s + strata.codes[rows & selected], minlength=k * s
    ).reshape(k, s)
    index = {label: i for i, label in enumerate(dim.labels)}
    comparisons = []
    if table.reference is not None:
        r = index[table.reference]
        for g in table.groups:
            if g.eligible_for_ir and not g.is_reference:
                i = index[g.group]
                comparisons.append(mantel_haenszel(g.group, n[i], x[i], n[r], x[r], settings.alpha))
    return CmhBlock(
        strata=strata.name,
        strata_count=int((n.sum(axis=0) > 0).sum()),
        strata_unknown=int((known & (strata.codes < 0)).sum()),
        reference=table.reference,
        groups=tuple(comparisons),
    )


def _score_values(series: pd.Series) -> np.ndarray:
    """Numeric scores; blanks are missing; anything else non-numeric is an error."""
    numeric = pd.to_numeric(series, errors="coerce")
    blank = series.isna()
    if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
        blank |= series.astype("string").str.strip().fillna("").eq("")
    bad = numeric.isna() & ~blank
    if bad.any():
        positions = np.flatnonzero(bad.to_numpy())[:10]
        shown = ", ".join(f"{series.iloc[p]!r} at position {p}" for p in positions)
        raise ValueError(
            f"score column {series.name!r}: {int(bad.sum())} non-numeric value(s): {shown}"
        )
    return numeric.to_numpy(dtype=float, na_value=np.nan)


def audit_counts(
    counts: pd.DataFrame,
    *,
    stage: str = "selected",
    settings: AuditSettings | None = None,
) -> AuditResult:
    """Audit pre-aggregated counts: columns attribute, group, n, selected (one row per group).

    Rows whose group is blank or a declared unknown value are reported as unknown.
    """
    settings = settings or AuditSettings()
    missing = sorted({"attribute", "group", "n", "selected"} - set(counts.columns))
    if missing:
        raise ValueError(f"counts table lacks column(s): {', '.join(missing)}")
    blocks = []
    for attribute in pd.unique(counts["attribute"]):
        rows = counts[counts["attribute"] == attribute]
        dim = code_attribute(
            rows["group"].reset_index(drop=True), settings.unknown_set, str(attribute)
        )
        n_col = rows["n"].to_numpy(dtype=np.int64)
        x_col = rows["selected"].to_numpy(dtype=np.int64)
        if (n_col < 0).any() or (x_col < 0).any() or (x_col > n_col).any():
            raise ValueError(f"{attribute}: counts need 0 <= selected <= n")
        known = dim.codes >= 0
        if len(np.unique(dim.codes[known])) != int(known.sum()):
            raise ValueError(f"{attribute}: a group appears twice")
        k = len(dim.labels)
        n = np.bincount(dim.codes[known], weights=n_col[known], minlength=k).astype(np.int64)
        x = np.bincount(dim.codes[known], weights=x_col[known], minlength=k).astype(np.int64)
        blocks.append(
            AttributeBlock(
                attribute=str(attribute),
                components=tuple(str(attribute).split(SEPARATOR)),
                stage=stage,
                stage_index=1,
                basis="counts",
                denominator="given counts",
                population=int(n_col.sum()),
                undecided=0,
                unknown=int(n_col[~known].sum()),
                unknown_selected=int(x_col[~known].sum()),
                empty_groups=tuple(dim.labels[i] for i in np.flatnonzero(n == 0)),
                table=_table(dim, n, x, settings),
                cmh=None,
            )
        )
    return AuditResult(
        rows=int(counts["n"].sum()),
        outcomes=(stage,),
        attributes=tuple(blocks),
        scores=(),
        settings=settings,
        method=_method(settings),
    )
