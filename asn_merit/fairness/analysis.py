"""One group × (selected, not) table → every group statistic, the reference and the statuses.

Shared by selection outcomes, scoring rates (score above the median) and pre-aggregated counts,
so the three read identically. Input is counts only: callers aggregate with bincount/groupby.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from asn_merit.fairness import impact
from asn_merit.fairness.impact import Counts
from asn_merit.fairness.omnibus import Omnibus, omnibus_test
from asn_merit.fairness.rates import rate, wilson_interval
from asn_merit.fairness.reference import choose_reference, highest_rate, largest
from asn_merit.fairness.settings import AuditSettings
from asn_merit.fairness.status import SEVERITY, Evidence, Rules, Status, decide


@dataclass(frozen=True)
class GroupResult:
    group: str
    n: int
    share: float
    selected: int | None
    """None when suppressed: with n it would reveal the withheld rate."""
    rate: float | None
    rate_ci_low: float | None
    rate_ci_high: float | None
    eligible_for_ir: bool
    small_sample: bool
    suppressed: bool
    suppressed_reason: str | None
    is_reference: bool
    impact_ratio: float | None
    impact_ratio_ci_low: float | None
    impact_ratio_ci_high: float | None
    four_fifths_adverse: bool | None
    rate_difference: float | None
    odds_ratio: float | None
    cohens_h: float | None
    z: float | None
    z_p_two_sided: float | None
    fisher_p_two_sided: float | None
    fisher_p_one_sided: float | None
    fisher_mid_p: float | None
    fisher_p_holm: float | None
    primary_test: str | None
    significant: bool | None
    shortfall: float | None
    shortfall_vs_overall: float | None
    selections_to_pass: int | None
    flip_flop: bool | None
    one_more_impact_ratio: float | None
    one_more_passes: bool | None
    impact_ratio_vs_highest_all: float | None
    four_fifths_adverse_vs_highest_all: bool | None
    impact_ratio_vs_largest: float | None
    four_fifths_adverse_vs_largest: bool | None
    ratio_to_overall: float | None
    status: str
    reasons: tuple[str, ...]
    evidence: str
    evidence_id: str


@dataclass(frozen=True)
class ReferenceVariants:
    """Sensitivity only: conclusions that flip between these deserve a sentence in the report."""

    highest_rate: str | None
    highest_rate_no_exclusion: str | None
    largest_group: str | None
    overall_rate: float | None


@dataclass(frozen=True)
class DemographicParity:
    """Fairlearn between_groups summary over all shown groups; not a substitute for per-group IR."""

    difference: float | None
    ratio: float | None


@dataclass(frozen=True)
class Tally:
    groups: int
    judged: int
    four_fifths_adverse: int
    significant: int
    adverse_and_significant: int
    findings: int
    watch: int
    suppressed: int
    excluded: int


@dataclass(frozen=True)
class TableResult:
    known: int
    selected: int
    overall_rate: float | None
    reference: str | None
    reference_rule: str
    reference_tied_with: tuple[str, ...]
    reference_note: str
    reference_variants: ReferenceVariants
    omnibus: Omnibus
    demographic_parity: DemographicParity
    worst_group: str | None
    worst_impact_ratio: float | None
    tally: Tally
    status: str
    groups: tuple[GroupResult, ...]


@dataclass(frozen=True)
class _Pair:
    """Focal-vs-reference numbers for one group; empty for the reference and suppressed groups."""

    ir: float | None = None
    ci: tuple[float, float] | None = None
    adverse: bool | None = None
    lower: bool = False
    diff: float | None = None
    h: float | None = None
    z: float | None = None
    z_p: float | None = None
    fisher: impact.FisherResult | None = None
    short: float | None = None
    to_pass: int | None = None
    flip: bool | None = None
    more: tuple[float, bool] | None = None
    fisher_primary: bool = False


def _pair(g: Counts, r: Counts, small_g: bool, small_r: bool, confidence: float) -> _Pair:
    z = impact.two_proportion_z(g, r)
    rate_g, rate_r = g.rate, r.rate
    return _Pair(
        ir=impact.impact_ratio(g, r),
        ci=impact.katz_interval(g, r, confidence),
        adverse=impact.four_fifths_adverse(g, r),
        lower=impact.lower_than(g, r),
        diff=None if rate_g is None or rate_r is None else rate_g - rate_r,
        h=impact.cohens_h(g, r),
        z=z,
        z_p=impact.z_p_value(z),
        fisher=impact.fisher(g, r),
        short=impact.shortfall(g, rate_r),
        to_pass=impact.selections_to_pass(g, r),
        flip=impact.flip_flop(g, r),
        more=impact.one_more(g, r),
        fisher_primary=small_g or small_r,
    )


def analyse_table(
    labels: Sequence[str],
    n: Sequence[int],
    x: Sequence[int],
    settings: AuditSettings,
    *,
    pinned: str | None = None,
) -> TableResult:
    """Analyse groups given in name order; groups with n = 0 must be left out by the caller."""
    labels = list(labels)
    counts = [Counts(int(ni), int(xi)) for ni, xi in zip(n, x, strict=True)]
    known = sum(c.n for c in counts)
    selected = sum(c.x for c in counts)
    overall = rate(selected, known)
    share_min = settings.min_share
    suppressed = [c.n < settings.min_group_size for c in counts]
    eligible = [
        not s and c.n * share_min.denominator >= share_min.numerator * known
        for c, s in zip(counts, suppressed, strict=True)
    ]
    small = [
        c.n < settings.small_sample_n or c.n * selected < settings.small_sample_expected * known
        for c in counts
    ]
    shown = [not s for s in suppressed]
    choice = choose_reference(counts, labels, eligible, pinned)
    ref = choice.index
    hi_all, _ = highest_rate(counts, labels, shown)
    big = largest(counts, labels, shown)

    pairs = [
        _pair(c, counts[ref], small[i], small[ref], settings.confidence)
        if ref is not None and i != ref and not suppressed[i]
        else _Pair()
        for i, c in enumerate(counts)
    ]
    judged = [ref is not None and i != ref and eligible[i] for i in range(len(counts))]
    fisher_holm = impact.holm(
        [p.fisher.two_sided if p.fisher and j else None for p, j in zip(pairs, judged, strict=True)]
    )
    z_holm = impact.holm([p.z_p if j else None for p, j in zip(pairs, judged, strict=True)])
    rules = Rules(
        alpha=settings.alpha,
        sd_threshold=settings.sd_threshold,
        holm=settings.significance == "holm",
        min_group_size=settings.min_group_size,
        min_share=settings.reference_min_share,
    )
    groups = []
    for i, (label, c, p) in enumerate(zip(labels, counts, pairs, strict=True)):
        share = c.n / known
        is_ref = i == ref
        decision = decide(
            Evidence(
                n=c.n,
                share=share,
                suppressed=suppressed[i],
                is_reference=is_ref,
                eligible=eligible[i],
                small_sample=small[i],
                fisher_primary=p.fisher_primary,
                lower=p.lower,
                impact_ratio=p.ir,
                four_fifths_adverse=p.adverse,
                fisher_p=p.fisher.two_sided if p.fisher else None,
                fisher_p_holm=fisher_holm[i],
                z=p.z,
                z_p_holm=z_holm[i],
                flip_flop=p.flip,
            ),
            rules,
        )
        ci = None if suppressed[i] else wilson_interval(c.x, c.n, settings.confidence)
        ir_all, adverse_all = _versus(c, hi_all, counts, suppressed[i])
        ir_big, adverse_big = _versus(c, big, counts, suppressed[i])
        groups.append(
            GroupResult(
                group=label,
                n=c.n,
                share=share,
                selected=None if suppressed[i] else c.x,
                rate=None if suppressed[i] else c.rate,
                rate_ci_low=ci[0] if ci else None,
                rate_ci_high=ci[1] if ci else None,
                eligible_for_ir=eligible[i],
                small_sample=small[i],
                suppressed=suppressed[i],
                suppressed_reason=(
                    f"n = {c.n} < minimum group size {settings.min_group_size}"
                    if suppressed[i]
                    else None
                ),
                is_reference=is_ref,
                impact_ratio=1.0 if is_ref and c.x > 0 else p.ir,
                impact_ratio_ci_low=p.ci[0] if p.ci else None,
                impact_ratio_ci_high=p.ci[1] if p.ci else None,
                four_fifths_adverse=False if is_ref and c.x > 0 else p.adverse,
                rate_difference=p.diff,
                odds_ratio=p.fisher.odds_ratio if p.fisher else None,
                cohens_h=p.h,
                z=p.z,
                z_p_two_sided=p.z_p,
                fisher_p_two_sided=p.fisher.two_sided if p.fisher else None,
                fisher_p_one_sided=p.fisher.less if p.fisher else None,
                fisher_mid_p=p.fisher.mid_p if p.fisher else None,
                fisher_p_holm=fisher_holm[i],
                primary_test=(
                    None if p.fisher is None else "fisher" if p.fisher_primary else "fisher+z"
                ),
                significant=decision.significant,
                shortfall=p.short,
                shortfall_vs_overall=None if suppressed[i] else impact.shortfall(c, overall),
                selections_to_pass=p.to_pass,
                flip_flop=p.flip,
                one_more_impact_ratio=p.more[0] if p.more else None,
                one_more_passes=p.more[1] if p.more else None,
                impact_ratio_vs_highest_all=ir_all,
                four_fifths_adverse_vs_highest_all=adverse_all,
                impact_ratio_vs_largest=ir_big,
                four_fifths_adverse_vs_largest=adverse_big,
                ratio_to_overall=(None if suppressed[i] or not overall else c.x / c.n / overall),
                status=decision.status.value,
                reasons=decision.reasons,
                evidence=decision.text_en,
                evidence_id=decision.text_id,
            )
        )

    judged_groups = [g for g, j in zip(groups, judged, strict=True) if j]
    with_ir = [g for g in judged_groups if g.impact_ratio is not None]
    worst = min(with_ir, key=lambda g: (g.impact_ratio, g.group)) if with_ir else None
    shown_rates = [c.x / c.n for c, s in zip(counts, shown, strict=True) if s]
    top_rate = max(shown_rates, default=None)
    tally = _tally(groups, judged_groups)
    statuses = [Status(g.status) for g in judged_groups]
    overall_status = max(statuses, key=SEVERITY.__getitem__).value if statuses else "n/a"
    return TableResult(
        known=known,
        selected=selected,
        overall_rate=overall,
        reference=labels[ref] if ref is not None else None,
        reference_rule=choice.rule,
        reference_tied_with=tuple(labels[i] for i in choice.tied_with),
        reference_note=choice.note,
        reference_variants=ReferenceVariants(
            highest_rate=labels[ref] if ref is not None else None,
            highest_rate_no_exclusion=labels[hi_all] if hi_all is not None else None,
            largest_group=labels[big] if big is not None else None,
            overall_rate=overall,
        ),
        omnibus=omnibus_test(
            [c.n for c in counts],
            [c.x for c in counts],
            resamples=settings.monte_carlo_resamples,
            seed=settings.seed,
        ),
        demographic_parity=DemographicParity(
            difference=None if top_rate is None else top_rate - min(shown_rates),
            ratio=None if not top_rate else min(shown_rates) / top_rate,
        ),
        worst_group=worst.group if worst else None,
        worst_impact_ratio=worst.impact_ratio if worst else None,
        tally=tally,
        status=overall_status,
        groups=tuple(groups),
    )


def _tally(groups: Sequence[GroupResult], judged: Sequence[GroupResult]) -> Tally:
    return Tally(
        groups=len(groups),
        judged=len(judged),
        four_fifths_adverse=sum(bool(g.four_fifths_adverse) for g in judged),
        significant=sum(
            bool(g.significant) and g.rate_difference is not None and g.rate_difference < 0
            for g in judged
        ),
        adverse_and_significant=sum(bool(g.four_fifths_adverse and g.significant) for g in judged),
        findings=sum(g.status == Status.FINDING for g in groups),
        watch=sum(g.status == Status.WATCH for g in groups),
        suppressed=sum(g.suppressed for g in groups),
        excluded=sum(g.status == Status.EXCLUDED for g in groups),
    )


def _versus(
    c: Counts, j: int | None, counts: Sequence[Counts], suppressed: bool
) -> tuple[float | None, bool | None]:
    """IR and 4/5 flag against a sensitivity reference (no-exclusion highest, largest)."""
    if j is None or suppressed:
        return None, None
    return impact.impact_ratio(c, counts[j]), impact.four_fifths_adverse(c, counts[j])
