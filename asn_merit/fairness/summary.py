"""A short plain-text reading of an AuditResult for the terminal (no colour, no markup)."""

from __future__ import annotations

from asn_merit.fairness.result import AuditResult

_WORDS = {
    "en": {
        "head": "Fairness audit: {rows} rows; outcomes: {outcomes}",
        "block": "{attribute} [{stage}, {basis}]: reference {reference}; worst IR {worst}; "
        "{findings} finding(s), {watch} watch; unknown {unknown}",
        "score": "{attribute} [score {score} > median {median}]: reference {reference}; "
        "worst IR {worst}; {findings} finding(s), {watch} watch; unknown {unknown}",
        "total": "Total: {findings} finding(s), {watch} watch item(s) in {blocks} table(s).",
        "none": "none",
        "conditional": "conditional",
        "cumulative": "cumulative",
        "counts": "counts",
    },
    "id": {
        "head": "Audit keadilan: {rows} baris; hasil: {outcomes}",
        "block": "{attribute} [{stage}, {basis}]: acuan {reference}; IR terburuk {worst}; "
        "{findings} temuan, {watch} perlu dipantau; tidak diketahui {unknown}",
        "score": "{attribute} [skor {score} > median {median}]: acuan {reference}; "
        "IR terburuk {worst}; {findings} temuan, {watch} perlu dipantau; "
        "tidak diketahui {unknown}",
        "total": "Total: {findings} temuan, {watch} perlu dipantau dalam {blocks} tabel.",
        "none": "tidak ada",
        "conditional": "bersyarat",
        "cumulative": "kumulatif",
        "counts": "rekap",
    },
}


def _worst(group: str | None, ratio: float | None, none: str) -> str:
    return none if ratio is None else f"{ratio:.3f} ({group})"


def summary_lines(result: AuditResult, lang: str = "en") -> list[str]:
    """One line per table plus a head and a total; lang is "en" or "id"."""
    if lang not in _WORDS:
        raise ValueError(f"lang must be one of {', '.join(_WORDS)}")
    w = _WORDS[lang]
    lines = [w["head"].format(rows=f"{result.rows:,}", outcomes=", ".join(result.outcomes))]
    for b in result.attributes:
        t = b.table
        lines.append(
            w["block"].format(
                attribute=b.attribute,
                stage=b.stage,
                basis=w[b.basis],
                reference=t.reference or w["none"],
                worst=_worst(t.worst_group, t.worst_impact_ratio, w["none"]),
                findings=t.tally.findings,
                watch=t.tally.watch,
                unknown=b.unknown,
            )
        )
    for s in result.scores:
        t = s.table
        lines.append(
            w["score"].format(
                attribute=s.attribute,
                score=s.score,
                median="n/a" if s.median is None else f"{s.median:g}",
                reference=t.reference or w["none"],
                worst=_worst(t.worst_group, t.worst_impact_ratio, w["none"]),
                findings=t.tally.findings,
                watch=t.tally.watch,
                unknown=s.unknown,
            )
        )
    lines.append(
        w["total"].format(
            findings=result.findings,
            watch=result.watch,
            blocks=len(result.attributes) + len(result.scores),
        )
    )
    return lines
