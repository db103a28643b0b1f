"""Apply a loaded policy to a typed roster: scope, derive, gate, score, rank, select.

Everything is vectorised over the whole frame; per-person text is produced only when traces
are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from asn_merit.diagnostics import RosterFinding, Severity
from asn_merit.roster.contract import ROW, Roster
from asn_merit.rules import model as m
from asn_merit.rules.loader import LoadedPolicy
from asn_merit.scoring.conditions import ConditionEvaluator, fields_of
from asn_merit.scoring.derive import compute_derived
from asn_merit.scoring.points import PointsColumn, compute_points, missing_is_error
from asn_merit.scoring.ranking import TOTAL_UNITS, Ranked, rank_people

OUT_OF_SCOPE = "out_of_scope"
NOT_EVALUATED = "not_evaluated"
INELIGIBLE = "ineligible"
ELIGIBLE = "eligible"


@dataclass
class GateColumn:
    rule: m.GateRule
    passed: pd.Series  # bool after on_missing
    missing: pd.Series  # bool: an input was blank
    inputs: list[str]


@dataclass
class ScoringResult:
    loaded: LoadedPolicy
    as_of: date
    frame: pd.DataFrame  # typed roster + derived fields + `_total_units`
    status: pd.Series
    gates: list[GateColumn]
    points: list[PointsColumn]
    ranked: Ranked
    excluded_reasons: dict[int, list[str]]
    findings: list[RosterFinding] = field(default_factory=list)

    @property
    def places(self) -> int:
        return self.loaded.policy.scoring.rounding.places

    def counts(self) -> dict[str, int]:
        counts = self.status.value_counts()
        out = {s: int(counts.get(s, 0))
               for s in (ELIGIBLE, INELIGIBLE, NOT_EVALUATED, OUT_OF_SCOPE)}
        out["rows"] = len(self.status)
        out["evaluated"] = out[ELIGIBLE] + out[INELIGIBLE]
        out["selected"] = int(self.ranked.selected.sum())
        return out


def _finding(roster_file: str, frame: pd.DataFrame, index: int, id_field: str, code: str,
             message: str, severity: Severity, column: str | None = None) -> RosterFinding:
    ident = frame.at[index, id_field]
    return RosterFinding(code, message, severity, roster_file, None, int(frame.at[index, ROW]),
                         column, None, None if pd.isna(ident) else str(ident))


def evaluate(loaded: LoadedPolicy, roster: Roster, as_of: date, roster_file: str = ""
             ) -> ScoringResult:
    policy = loaded.policy
    as_of_ts = pd.Timestamp(as_of)
    variables: dict[str, object] = {"as_of": as_of_ts, "policy_version": policy.policy.version}
    frame = compute_derived(roster.frame, loaded.derived_order, loaded.expressions, variables,
                            as_of_ts)
    conditions = ConditionEvaluator(frame, loaded.fields, policy)
    id_field = policy.id_field
    findings: list[RosterFinding] = []

    excluded = pd.Series(False, index=frame.index)
    excluded.loc[list(roster.invalid_rows)] = True
    in_scope = ~excluded
    if policy.population.when is not None:
        in_scope &= conditions.evaluate(policy.population.when).fillna(False).astype(bool)

    gates: list[GateColumn] = []
    all_pass = pd.Series(True, index=frame.index)
    for rule in policy.gates:
        result = conditions.evaluate(rule.condition)
        inputs = fields_of(rule.condition)
        missing = frame[inputs].isna().any(axis=1) & result.isna()
        passed = result.fillna(rule.on_missing == "pass").astype(bool)
        report = missing & in_scope
        if rule.on_missing == "error" or rule.missing_finding != "none":
            severity = Severity.ERROR if rule.on_missing == "error" else Severity(
                rule.missing_finding)
            for index in report[report].index:
                findings.append(_finding(roster_file, frame, index, id_field, "gate.missing-input",
                                         f"gate '{rule.id}' could not be tested: blank "
                                         f"{', '.join(inputs)}", severity))
        gates.append(GateColumn(rule, passed, missing.astype(bool), inputs))
        all_pass &= passed
    eligible = in_scope & all_pass

    points: list[PointsColumn] = []
    total = pd.Series(0, index=frame.index, dtype="Int64")
    for rule in policy.points_rules:
        column = compute_points(frame, rule, policy.scoring, eligible, loaded.expressions,
                                variables)
        points.append(column)
        blank = column.units.isna() & eligible
        if blank.any() and missing_is_error(rule, policy.scoring):
            for index in blank[blank].index:
                findings.append(_finding(roster_file, frame, index, id_field,
                                         "points.missing-input", f"rule '{rule.id}' has no value "
                                         "to score (on_missing: error)", Severity.ERROR))
        for index in (column.unmatched & eligible).pipe(lambda s: s[s].index):
            findings.append(_finding(roster_file, frame, index, id_field, "points.no-entry",
                                     f"rule '{rule.id}': value has no table entry or band; "
                                     "default points used", Severity.WARNING))
        total = total + column.units.fillna(0)
    frame[TOTAL_UNITS] = total.where(eligible)

    status = pd.Series(INELIGIBLE, index=frame.index, dtype="string")
    status = status.mask(eligible, ELIGIBLE).mask(~in_scope, OUT_OF_SCOPE)
    status = status.mask(excluded, NOT_EVALUATED)
    ranked = rank_people(frame, eligible, policy.ranking)
    return ScoringResult(loaded, as_of, frame, status, gates, points, ranked,
                         dict(roster.invalid_rows), findings)
