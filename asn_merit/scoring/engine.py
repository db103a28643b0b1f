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
from asn_merit.rounding import plain_number
from asn_merit.rules import model as m
from asn_merit.rules.loader import LoadedPolicy
from asn_merit.scoring.aggregate import MethodOutcome, aggregate
from asn_merit.scoring.categories import compute_categories
from asn_merit.scoring.conditions import ConditionEvaluator, fields_of
from asn_merit.scoring.derive import compute_derived
from asn_merit.scoring.overrides import AppliedOverride, OverrideApplier, OverrideSet
from asn_merit.scoring.points import PointsColumn, compute_points, missing_is_error
from asn_merit.scoring.ranking import TOTAL_UNITS, Ranked, rank_people
from asn_merit.scoring.weights import rule_weights

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
    method: MethodOutcome | None = None  # None for weighted_sum
    categories: dict[str, pd.Series] = field(default_factory=dict)  # id -> value per person
    overrides: list[AppliedOverride] = field(default_factory=list)  # manual, with decrees

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


@dataclass
class _Report:
    """Findings about people, each located by Excel row and id."""

    roster_file: str
    frame: pd.DataFrame
    id_field: str
    items: list[RosterFinding] = field(default_factory=list)

    def each(self, mask: pd.Series, code: str, message: str, severity: Severity) -> None:
        """One finding per flagged person; ids and rows are taken as columns, not per cell."""
        flagged = self.frame.loc[mask[mask].index, [self.id_field, ROW]]
        ids = flagged[self.id_field].astype(object).where(flagged[self.id_field].notna(), None)
        self.items.extend(
            RosterFinding(code, message, severity, self.roster_file, None, int(row), None, None,
                          None if ident is None else str(ident))
            for ident, row in zip(ids.tolist(), flagged[ROW].tolist(), strict=True))


def evaluate(loaded: LoadedPolicy, roster: Roster, as_of: date, roster_file: str = "",
             overrides: OverrideSet | None = None) -> ScoringResult:
    """Score everyone; `overrides` (checked against this roster, see scoring/overrides.py)
    are applied where the data would have decided: exclusions before the population filter,
    gate results before eligibility, points before the total."""
    policy = loaded.policy
    as_of_ts = pd.Timestamp(as_of)
    variables: dict[str, object] = {"as_of": as_of_ts, "policy_version": policy.policy.version}
    frame = compute_derived(roster.frame, loaded.derived_order, loaded.expressions, variables,
                            as_of_ts)
    conditions = ConditionEvaluator(frame, loaded.fields, policy)
    report = _Report(roster_file, frame, policy.id_field)
    manual = OverrideApplier(overrides, policy, frame[policy.id_field]) if overrides else None

    excluded = pd.Series(False, index=frame.index)
    excluded.loc[list(roster.invalid_rows)] = True
    in_population = pd.Series(True, index=frame.index)
    if policy.population.when is not None:
        in_population = conditions.evaluate(policy.population.when).fillna(False).astype(bool)
    if manual is not None:
        excluded |= manual.exclude(excluded, in_population)
    in_scope = ~excluded & in_population

    gates: list[GateColumn] = []
    all_pass = pd.Series(True, index=frame.index)
    for rule in policy.gates:
        result = conditions.evaluate(rule.condition)
        inputs = fields_of(rule.condition)
        missing = frame[inputs].isna().any(axis=1) & result.isna()
        passed = result.fillna(rule.on_missing == "pass").astype(bool)
        if manual is not None:
            passed = manual.gate(rule, passed, in_scope)
        if rule.on_missing == "error" or rule.missing_finding != "none":
            severity = Severity.ERROR if rule.on_missing == "error" else Severity(
                rule.missing_finding)
            report.each(missing & in_scope, "gate.missing-input", f"gate '{rule.id}' could not "
                        f"be tested: blank {', '.join(inputs)}", severity)
        gates.append(GateColumn(rule, passed, missing.astype(bool), inputs))
        all_pass &= passed
    eligible = in_scope & all_pass

    points: list[PointsColumn] = []
    total = pd.Series(0, index=frame.index, dtype="Int64")
    weights = rule_weights(policy)
    for rule in policy.points_rules:
        column = compute_points(frame, rule, policy.scoring, eligible, loaded.expressions,
                                variables, weights[rule.id])
        points.append(column)
        _points_findings(report, column, policy.scoring, eligible)
        total = total + column.units.fillna(0)
    reasons = dict(roster.invalid_rows)
    if manual is not None:
        reasons.update(manual.reasons)
    method = None
    if policy.scoring.method != "weighted_sum":
        method = aggregate(policy, points, eligible, weights, frame[policy.id_field])
        points, total = method.points, method.total_units
        for index, why in method.unusable.items():
            report.items.append(_finding(roster_file, frame, index, policy.id_field,
                                         "points.method-domain", "; ".join(why), Severity.ERROR))
            reasons[index] = why
            excluded.loc[index] = True
        eligible = method.scored
    applied: list[AppliedOverride] = []
    if manual is not None:
        points, total = manual.points(points, total, eligible)
        applied = manual.finish()
    frame[TOTAL_UNITS] = total.where(eligible)
    categories = _categories(frame, loaded, eligible, report)

    status = pd.Series(INELIGIBLE, index=frame.index, dtype="string")
    status = status.mask(eligible, ELIGIBLE).mask(~in_scope, OUT_OF_SCOPE)
    status = status.mask(excluded, NOT_EVALUATED)
    selection = policy.ranking.selection
    chosen = next((c for c in policy.categories if selection and c.id == selection.category),
                  None)
    ranked = rank_people(frame, eligible, policy.ranking, chosen.favourable if chosen else ())
    return ScoringResult(loaded, as_of, frame, status, gates, points, ranked, reasons,
                         report.items, method, categories, applied)


def _points_findings(report: _Report, column: PointsColumn, scoring: m.Scoring,
                     eligible: pd.Series) -> None:
    rule = column.rule
    if missing_is_error(rule, scoring):
        report.each(column.units.isna() & eligible, "points.missing-input", f"rule '{rule.id}' "
                    "has no value to score (on_missing: error)", Severity.ERROR)
    if isinstance(rule.on_missing, m.MissingPoints) and rule.on_missing.finding != "none":
        report.each(column.missing & eligible, "points.missing-input", f"rule '{rule.id}' has no "
                    f"value; on_missing gives {plain_number(rule.on_missing.points)}",
                    Severity(rule.on_missing.finding))
    report.each(column.unmatched & eligible, "points.no-entry", f"rule '{rule.id}': value has "
                "no table entry or band; default points used", Severity.WARNING)


def _categories(frame: pd.DataFrame, loaded: LoadedPolicy, eligible: pd.Series,
                report: _Report) -> dict[str, pd.Series]:
    """Label the eligible; the labels also become columns, for ranking and show_columns."""
    policy = loaded.policy
    if not policy.categories:
        return {}
    total = frame[TOTAL_UNITS].astype("Float64") / 10**policy.scoring.rounding.places
    values, unmatched = compute_categories(frame, policy, eligible, total, loaded.fields)
    for name, series in values.items():
        frame[name] = series
        report.each(unmatched[name], "category.no-match", f"category '{name}': no band, cell "
                    "or case matches this person", Severity.WARNING)
    return values
