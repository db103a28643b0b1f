"""Finding / watch / clear, derived from three pieces of evidence that are always printed.

Mirrors 29 CFR 1607.4(D) and OFCCP practice (methods reference §3, decision logic):
a finding needs IR < 0.8 and statistical significance and no flip-flop; each half alone
is a watch item. The status never replaces the evidence; it only sorts the reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    FINDING = "finding"
    WATCH = "watch"
    CLEAR = "clear"
    REFERENCE = "reference"
    EXCLUDED = "excluded"
    SUPPRESSED = "suppressed"


SEVERITY = {Status.FINDING: 2, Status.WATCH: 1, Status.CLEAR: 0}


@dataclass(frozen=True)
class Evidence:
    """The numbers a decision rests on, for one focal group against the reference."""

    n: int
    share: float
    suppressed: bool
    is_reference: bool
    eligible: bool
    small_sample: bool
    fisher_primary: bool
    lower: bool
    """Exactly p_g < p_r."""
    impact_ratio: float | None
    four_fifths_adverse: bool | None
    fisher_p: float | None
    fisher_p_holm: float | None
    z: float | None
    z_p_holm: float | None
    flip_flop: bool | None


@dataclass(frozen=True)
class Decision:
    status: Status
    significant: bool | None
    reasons: tuple[str, ...]
    text_en: str
    text_id: str


@dataclass(frozen=True)
class Rules:
    alpha: float
    sd_threshold: float
    holm: bool
    min_group_size: int
    min_share: float


def _significant(e: Evidence, rules: Rules) -> bool | None:
    """Fisher p < α; or, for groups that are not small, |z| beyond the SD threshold."""
    fisher_p = e.fisher_p_holm if rules.holm else e.fisher_p
    if fisher_p is None:
        return None
    by_fisher = fisher_p < rules.alpha
    if e.fisher_primary or e.z is None:
        return by_fisher
    if rules.holm:
        by_z = e.z_p_holm is not None and e.z_p_holm < rules.alpha
    else:
        by_z = abs(e.z) > rules.sd_threshold
    return by_fisher or by_z


def _evidence(e: Evidence, significant: bool | None) -> list[str]:
    """The three pieces of evidence (IR, significance, flip-flop), plus the small-sample caveat."""
    if e.impact_ratio is None:
        codes = ["ir_undefined"]
    else:
        codes = ["four_fifths_adverse" if e.four_fifths_adverse else "four_fifths_ok"]
    codes.append("significant" if significant else "not_significant")
    codes.append("flip_flop" if e.flip_flop else "no_flip_flop")
    if e.small_sample:
        codes.append("small_sample")
    return codes


def decide(e: Evidence, rules: Rules) -> Decision:
    """Status plus the reason codes (stable, machine-readable) and the evidence sentences."""
    if e.suppressed:
        return _render(Status.SUPPRESSED, None, ("suppressed",), e, rules)
    if e.is_reference:
        return _render(Status.REFERENCE, None, ("reference",), e, rules)
    if e.fisher_p is None:
        return _render(Status.EXCLUDED, None, ("no_reference",), e, rules)
    significant = _significant(e, rules)
    codes = _evidence(e, significant)
    if not e.eligible:
        return _render(Status.EXCLUDED, significant, ("excluded_small_share", *codes), e, rules)
    if e.impact_ratio is None or not e.lower:
        return _render(Status.CLEAR, significant, ("not_lower", *codes), e, rules)
    if e.four_fifths_adverse and significant:
        status = Status.WATCH if e.flip_flop else Status.FINDING
    elif e.four_fifths_adverse:
        status = Status.WATCH
    elif significant:
        status = Status.WATCH
        codes.append("statistical_only")
    else:
        status = Status.CLEAR
    return _render(status, significant, tuple(codes), e, rules)


_TEXT = {
    "en": {
        "suppressed": "n = {n} < minimum group size {k}: rate withheld",
        "reference": "reference group",
        "no_reference": "no group is eligible as reference: not compared",
        "excluded_small_share": "share {share:.1%} < {min_share}: not judged "
        "(UGESP Q&A 12, LL144 §5-301(d)); figures shown for information",
        "ir_undefined": "IR n/a: the reference rate is 0",
        "not_lower": "rate not below the reference",
        "four_fifths_adverse": "IR {ir} < 0.8 (4/5 rule)",
        "four_fifths_ok": "IR {ir} ≥ 0.8",
        "significant": "significant at α = {alpha} ({tests})",
        "not_significant": "not significant at α = {alpha} ({tests})",
        "flip_flop": "flip-flop: one different person reverses the comparison",
        "no_flip_flop": "one different person does not reverse it",
        "small_sample": "small numbers (n = {n})",
        "statistical_only": "statistically but maybe not practically significant",
        "fisher_primary": "Fisher primary, small sample",
        "decides": "(decides)",
        "for_comparison": "(for comparison, not deciding)",
        "holm_p": "Holm-adjusted p over this table's judged groups = {p}",
        "raw_p": "raw Fisher p = {p}",
    },
    "id": {
        "suppressed": "n = {n} < ukuran kelompok minimum {k}: tingkat tidak ditampilkan",
        "reference": "kelompok acuan",
        "no_reference": "tidak ada kelompok yang layak menjadi acuan: tidak dibandingkan",
        "excluded_small_share": "porsi {share:.1%} < {min_share}: tidak dinilai "
        "(UGESP Q&A 12, LL144 §5-301(d)); angka hanya informasi",
        "ir_undefined": "IR tidak terdefinisi: tingkat kelompok acuan 0",
        "not_lower": "tingkat tidak di bawah kelompok acuan",
        "four_fifths_adverse": "IR {ir} < 0.8 (aturan 4/5)",
        "four_fifths_ok": "IR {ir} ≥ 0.8",
        "significant": "signifikan pada α = {alpha} ({tests})",
        "not_significant": "tidak signifikan pada α = {alpha} ({tests})",
        "flip_flop": "flip-flop: satu orang berbeda membalik perbandingan",
        "no_flip_flop": "satu orang berbeda tidak membalik perbandingan",
        "small_sample": "jumlah kecil (n = {n})",
        "statistical_only": "signifikan secara statistik tetapi mungkin tidak secara praktis",
        "fisher_primary": "Fisher utama, sampel kecil",
        "decides": "(memutus)",
        "for_comparison": "(pembanding, tidak memutus)",
        "holm_p": "p disesuaikan Holm atas kelompok yang dinilai di tabel ini = {p}",
        "raw_p": "p Fisher mentah = {p}",
    },
}


def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def _tests(e: Evidence, rules: Rules, words: dict[str, str]) -> str:
    """The tests behind the decision, the p that decided first and labelled as such; the
    other p (raw or Holm-adjusted over the table's judged groups) follows as a comparison."""
    raw = f"Fisher p = {_fmt(e.fisher_p, '.4g')}"
    adjusted = (None if e.fisher_p_holm is None
                else words["holm_p"].format(p=_fmt(e.fisher_p_holm, ".4g")))
    decides = words["decides"]
    if rules.holm and adjusted is not None:
        fisher = f"{adjusted} {decides}; {words['raw_p'].format(p=_fmt(e.fisher_p, '.4g'))}"
    else:
        fisher = f"{raw} {decides}" + (f"; {adjusted} {words['for_comparison']}"
                                       if adjusted is not None else "")
    z = f"z = {_fmt(e.z, '.2f')}"
    if e.fisher_primary:
        return f"{fisher}; {z}; {words['fisher_primary']}"
    return f"{fisher}; {z}"


def render(reasons: tuple[str, ...], e: Evidence, rules: Rules, lang: str) -> str:
    """Evidence sentence in "en" or "id", one clause per reason code."""
    words = _TEXT[lang]
    values = {
        "n": e.n,
        "k": rules.min_group_size,
        "share": e.share,
        "min_share": f"{rules.min_share * 100:g}%",
        "ir": _fmt(e.impact_ratio, ".3f"),
        "alpha": rules.alpha,
        "tests": _tests(e, rules, words),
    }
    return "; ".join(words[r].format(**values) for r in reasons)


def _render(
    status: Status, significant: bool | None, reasons: tuple[str, ...], e: Evidence, rules: Rules
) -> Decision:
    return Decision(
        status=status,
        significant=significant,
        reasons=reasons,
        text_en=render(reasons, e, rules, "en"),
        text_id=render(reasons, e, rules, "id"),
    )
