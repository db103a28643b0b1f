"""The named checks and the one entry point that runs them over a roster."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from asn_merit.errors import UsageError
from asn_merit.oversight import anomalies, conflicts, promotion, ratings, training
from asn_merit.oversight.columns import accepted_headers, load_panel, load_roster
from asn_merit.oversight.context import Context
from asn_merit.oversight.model import Check, CheckReport, CheckResult, Skip, Text, text

_ALL = (
    Check(ratings.DISTRIBUTION, ratings.rating_distribution),
    Check(ratings.INFLATION, ratings.rating_inflation),
    Check(promotion.OVERDUE, promotion.overdue_promotion),
    Check(anomalies.CEILING, anomalies.education_ceiling),
    Check(anomalies.ABOVE_SUPERIOR, anomalies.rank_above_superior),
    Check(anomalies.JF_RANGE, anomalies.jf_level_rank),
    Check(anomalies.RETIREMENT, anomalies.retirement_age),
    Check(anomalies.SANCTION_OVERLAP, anomalies.sanction_overlap),
    Check(anomalies.NIP_IDENTITY, anomalies.nip_identity),
    Check(anomalies.NIP_TMT, anomalies.nip_tmt_cpns),
    Check(conflicts.DECLARED, conflicts.conflict_declared),
    Check(conflicts.SUPERIOR, conflicts.conflict_superior),
    Check(conflicts.OUTCOMES, conflicts.conflict_outcomes),
    Check(training.TRAINING, training.training_access),
)
CHECKS: dict[str, Check] = {check.info.id: check for check in _ALL}


def select(only: Sequence[str] | None) -> list[Check]:
    """The checks named in ``only`` (all when None), in registry order; unknown ids: exit 2."""
    if only is None:
        return list(_ALL)
    unknown = [name for name in only if name not in CHECKS]
    if unknown:
        hints = [f"'{n}'" + (f" (did you mean '{m[0]}'?)" if (m := difflib.get_close_matches(
            n, list(CHECKS), n=1)) else "") for n in unknown]
        raise UsageError(f"unknown check {', '.join(hints)}; checks: {', '.join(CHECKS)}")
    return [check for check in _ALL if check.info.id in set(only)]


def _describe(ctx: Context, need: str) -> Text:
    """What a missing need asks for, with the headers that would satisfy it."""
    if need == "panel":
        return text("butuh berkas panitia dengan kolom ID Keputusan, NIP Penilai dan NIP Kandidat",
                    "needs a panel file with decision id, assessor NIP and candidate NIP columns")
    options = []
    for name in need.split("|"):
        years_back = {"predikat_last": 1, "predikat_previous": 2, "jp_years": 1}.get(name)
        if years_back:
            name = f"{name.split('_')[0]}_{ctx.as_of.year - years_back}"
        options.append(" / ".join(f"'{h}'" for h in accepted_headers(name)))
    return text("butuh kolom " + " atau ".join(options), "needs column " + " or ".join(options))


def _run(check: Check, ctx: Context) -> CheckResult:
    missing = [need for need in check.info.needs if not ctx.has(need)]
    if missing:
        reasons = [_describe(ctx, need) for need in missing]
        return CheckResult(check.info, "skipped", text(
            "dilewati: " + "; ".join(r["id"] for r in reasons),
            "skipped: " + "; ".join(r["en"] for r in reasons)))
    try:
        outcome = check.run(ctx)
    except Skip as skip:
        return CheckResult(check.info, "skipped", skip.reason)
    status = "fired" if outcome.rows else "clear"
    return CheckResult(check.info, status, outcome.message, outcome.rows, outcome.summary)


def run_checks(
    roster_path: Path,
    *,
    as_of: date,
    only: Sequence[str] | None = None,
    declarations: Path | None = None,
    panel: Path | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
) -> CheckReport:
    """Run the selected checks. Raises UsageError (2) for an unknown check id, RosterError (4)
    for an unusable panel/declarations file, InputOutputError (6) for a missing file."""
    checks = select(only)
    roster = load_roster(roster_path, sheet, header_row)
    tables = {role: load_panel(path) for role, path in (("declarations", declarations),
                                                        ("panel", panel)) if path is not None}
    frame = (pd.concat([t.frame for t in tables.values()], ignore_index=True) if tables
             else None)
    invalid = dict(roster.invalid)
    for role, table in tables.items():
        invalid.update({f"{role}:{name}": n for name, n in table.invalid.items()})
    ctx = Context(roster, pd.Timestamp(as_of), frame)
    return CheckReport(
        as_of=as_of.isoformat(), source=roster.source, columns=dict(sorted(roster.headers.items())),
        invalid_cells=dict(sorted(invalid.items())), inputs=[t.source for t in tables.values()],
        results=[_run(check, ctx) for check in checks])
