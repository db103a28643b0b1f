"""Manual overrides: the only way to change an outcome by hand, each with a decree behind it.

An overrides file lists, per person (the policy's id value) and rule, a forced gate result, a
replacement for one rule's points, or an exclusion, with the reason, who approved it and the
decree (nomor SK). It is read with the strict YAML loader (duplicate keys and unknown keys are
errors with file:line:col) and checked against the policy and the roster before anything is
scored; an entry that names nobody, an unknown rule, or that would change nothing is an error
(exit 3), because a silently ignored correction is worse than a refused run.

The engine applies the entries at the moment the data would have decided them (exclusions
before scope, gate results before eligibility, points before the total), so everything
downstream — totals, ranks, the quota, the fairness audit — follows from the corrected values
and Σ points == total still holds. `attach_overrides` then marks the affected trace lines.
"""

from __future__ import annotations

import difflib
import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from asn_merit.diagnostics import Diagnostic, Span
from asn_merit.errors import InputOutputError, PolicyError
from asn_merit.paths import input_file
from asn_merit.rounding import MAX_POINTS, units_text
from asn_merit.rules import model as m
from asn_merit.rules.yaml_loader import PathKey, SourceMap, load_yaml
from asn_merit.scoring.aggregate import NON_ADDITIVE

FORCE_PASS, FORCE_FAIL, SET_POINTS, EXCLUDE = "force_pass", "force_fail", "set_points", "exclude"
ACTIONS = (FORCE_PASS, FORCE_FAIL, SET_POINTS, EXCLUDE)
ANY_RULE = "*"
REQUIRED_TEXT = ("reason", "approved_by", "decree_ref")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class OverridesError(PolicyError):
    """The overrides file is wrong: same exit code as a policy error (3), nothing scored."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        super().__init__(sorted(diagnostics, key=_position))
        self.args = (f"{len(self.diagnostics)} overrides problem(s)",)


def _position(d: Diagnostic) -> tuple[int, int, str]:
    return (d.span.line, d.span.column, d.code) if d.span else (0, 0, d.code)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    nip: Text
    rule: Text | None = None
    action: Literal["force_pass", "force_fail", "set_points", "exclude"]
    points: float | None = None
    reason: Text
    approved_by: Text
    decree_ref: Text


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    overrides: list[_Entry] = Field(default_factory=list)


KEYS = sorted({*_Entry.model_fields, *_File.model_fields})


@dataclass(frozen=True)
class Override:
    """One entry as written, with where it is in the file."""

    nip: str
    rule: str  # ANY_RULE for exclude
    action: str
    points: float | None
    reason: str
    approved_by: str
    decree_ref: str
    span: Span
    path: PathKey


@dataclass(frozen=True)
class OverrideSet:
    """A parsed overrides file and the facts the manifest records about it."""

    path: str
    sha256: str
    bytes: int
    entries: tuple[Override, ...]
    source_map: SourceMap


@dataclass(frozen=True)
class AppliedOverride:
    """What an override changed: `before` is what the data decided, `after` what now holds."""

    nip: str
    rule: str
    action: str
    before: str
    after: str
    reason: str
    approved_by: str
    decree_ref: str

    def to_dict(self) -> dict[str, str]:
        return {"nip": self.nip, "rule": self.rule, "action": self.action,
                "from": self.before, "to": self.after, "reason": self.reason,
                "approved_by": self.approved_by, "decree_ref": self.decree_ref}


# --- reading ------------------------------------------------------------------------------


def load_overrides(path: Path) -> OverrideSet:
    """Read and validate an overrides file (never written to); exit 6 if unreadable, 3 if
    wrong."""
    try:
        raw = input_file(path, "overrides file").read_bytes()
    except OSError as exc:
        raise InputOutputError(f"cannot read overrides {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OverridesError([Diagnostic("overrides.encoding", f"{path} is not UTF-8 text "
                                         f"({exc.reason})", span=Span(str(path), 1, 1))]
                             ) from None
    return parse_overrides(text, str(path), hashlib.sha256(raw).hexdigest(), len(raw))


def parse_overrides(text: str, file: str, sha256: str = "", size: int = 0) -> OverrideSet:
    """Validate overrides text on its own (no policy or roster yet); raise OverridesError."""
    data, source_map, problems = load_yaml(text, file)
    if problems:
        raise OverridesError(problems)
    if not isinstance(data, dict):
        raise OverridesError([Diagnostic(
            "overrides.not-a-mapping", "an overrides file is a mapping with an 'overrides' list",
            span=source_map.locate(()), hint="start the file with 'overrides:'")])
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise OverridesError(_from_validation(exc, data, source_map)) from None
    entries = []
    for i, entry in enumerate(parsed.overrides):
        path: PathKey = ("overrides", i)
        rule = entry.rule if entry.rule is not None else ANY_RULE
        entries.append(Override(entry.nip, rule, entry.action, entry.points, entry.reason,
                                entry.approved_by, entry.decree_ref, source_map.locate(path),
                                path))
    return OverrideSet(file, sha256 or hashlib.sha256(text.encode()).hexdigest(),
                       size or len(text.encode()), tuple(entries), source_map)


def _from_validation(exc: ValidationError, data: Any, source_map: SourceMap
                     ) -> list[Diagnostic]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
        where = _where(loc, data)
        kind = err["type"]
        hint = ""
        if kind == "missing":
            key = str(loc[-1])
            span = source_map.locate(loc[:-1])
            message = f"{where}: missing key '{key}'"
            if key in REQUIRED_TEXT:
                hint = "every override needs reason, approved_by and decree_ref (nomor SK)"
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            span = source_map.locate(loc)
            message = f"{where}: unknown key '{key}'"
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else ""
        else:
            span = source_map.value_span(loc)
            message = f"{where}: {err['msg']}"
            if kind == "string_type" and isinstance(err.get("input"), int | float):
                hint = f'quote the value so YAML keeps it as text: "{err["input"]}"'
            if kind == "literal_error":
                hint = "one of " + ", ".join(ACTIONS)
        problems.append(Diagnostic(f"overrides.{kind.replace('_', '-')}", message, span=span,
                                   path=_dotted(loc), hint=hint,
                                   log_message=message.replace(where, _dotted(loc[:2])
                                                               or "overrides file", 1)))
    return problems


def _dotted(loc: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
                   for i, p in enumerate(loc))


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """'overrides[2] (nip 1980…)' so the message names the person, not only the line."""
    text = _dotted(loc[:2]) or "overrides file"
    if len(loc) >= 2 and isinstance(loc[1], int):
        items = data.get("overrides") if isinstance(data, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        if isinstance(item, dict) and isinstance(item.get("nip"), str):
            text += f" (nip {item['nip']})"
    return text


# --- applying (called by the engine) ------------------------------------------------------


class OverrideApplier:
    """Checks entries against the policy and roster, then applies them at each stage of
    `evaluate`. Problems are collected across stages and raised together by `finish`."""

    def __init__(self, overrides: OverrideSet, policy: m.Policy, ids: pd.Series):
        self.overrides = overrides
        self.policy = policy
        self.places = policy.scoring.rounding.places
        self.problems: list[Diagnostic] = []
        self.applied: list[AppliedOverride] = []
        self.reasons: dict[int, list[str]] = {}
        self._excluded: list[tuple[Override, pd.Index]] = []
        self._gates_pass = pd.Series(True, index=ids.index)
        text = ids.astype("string").str.strip()
        wanted = {o.nip for o in overrides.entries}
        found = text[text.isin(wanted)]
        self.rows = {nip: pd.Index(found.index[found == nip]) for nip in wanted}
        self.entries = self._check_static()

    def _problem(self, entry: Override, code: str, message: str, key: str | None = None,
                 hint: str = "") -> None:
        span = (self.overrides.source_map.value_span((*entry.path, key)) if key
                else entry.span)
        at = f"overrides[{entry.path[1]}]"
        self.problems.append(Diagnostic(f"overrides.{code}", f"{at} (nip {entry.nip}): {message}",
                                        span=span, path=_dotted(entry.path), hint=hint,
                                        log_message=f"{at}: {message}"))

    def _check_static(self) -> list[Override]:
        """Entries that name a person in the roster and a rule the action fits; the rest are
        problems."""
        rules = {r.id: r for r in self.policy.rules}
        seen: dict[tuple[str, str], Override] = {}
        excluded: dict[str, Override] = {}
        good = []
        for entry in self.overrides.entries:
            before = len(self.problems)
            if self.rows[entry.nip].empty:
                self._problem(entry, "unknown-nip", "this NIP is not in the roster", "nip")
            self._check_rule(entry, rules)
            key = (entry.nip, entry.rule)
            if key in seen:
                self._problem(entry, "duplicate", f"a second override for rule '{entry.rule}' "
                              f"(first at line {seen[key].span.line})", "rule",
                              hint="keep one entry per person and rule")
            seen.setdefault(key, entry)
            if len(self.problems) == before:
                good.append(entry)
                if entry.action == EXCLUDE:
                    excluded.setdefault(entry.nip, entry)
        for entry in self.overrides.entries:
            first = excluded.get(entry.nip)
            if first is not None and entry is not first and entry.action != EXCLUDE:
                self._problem(entry, "conflict", f"this person is excluded (line "
                              f"{first.span.line}), so this override would change nothing",
                              "action", hint="remove one of the two entries")
        return [e for e in good if not (e.nip in excluded and e.action != EXCLUDE)]

    def _check_rule(self, entry: Override, rules: dict[str, m.Rule]) -> None:
        if entry.action == EXCLUDE:
            if entry.rule != ANY_RULE:
                self._problem(entry, "action-kind", "exclude removes the person from every "
                              f"rule; rule must be omitted or '*', not '{entry.rule}'", "rule")
            if entry.points is not None:
                self._problem(entry, "points-not-allowed", "points is only for set_points",
                              "points")
            return
        rule = rules.get(entry.rule)
        if rule is None:
            close = difflib.get_close_matches(entry.rule, list(rules), n=1)
            self._problem(entry, "unknown-rule", f"the policy has no rule '{entry.rule}'",
                          "rule" if entry.rule != ANY_RULE else "action",
                          hint=f"did you mean '{close[0]}'?" if close else
                          "rule ids: " + ", ".join(rules))
            return
        is_gate = isinstance(rule, m.GateRule)
        if entry.action in (FORCE_PASS, FORCE_FAIL) and not is_gate:
            self._problem(entry, "action-kind", f"{entry.action} is for gate rules; "
                          f"'{rule.id}' is a {rule.kind} rule", "action",
                          hint="use set_points with points: <number>")
        if entry.action == SET_POINTS:
            self._check_points(entry, rule, is_gate)
        elif entry.points is not None:
            self._problem(entry, "points-not-allowed", "points is only for set_points",
                          "points")

    def _check_points(self, entry: Override, rule: m.Rule, is_gate: bool) -> None:
        if is_gate:
            self._problem(entry, "action-kind", f"set_points is for points rules; "
                          f"'{rule.id}' is a gate", "action", hint="use force_pass or force_fail")
        elif self.policy.scoring.method in NON_ADDITIVE:
            self._problem(entry, "action-kind", f"method {self.policy.scoring.method} gives "
                          "rules no points to set (its total is not a sum)", "action")
        elif entry.points is None:
            self._problem(entry, "missing-points", "set_points needs 'points: <number>'",
                          "action")
        elif not math.isfinite(entry.points) or abs(entry.points) > MAX_POINTS:
            self._problem(entry, "bad-points", f"points for rule '{rule.id}' must be a finite "
                          f"number within ±{MAX_POINTS:,.0f}", "points")
        elif _decimals(entry.points) > self.places:
            self._problem(entry, "bad-points", f"points {entry.points} has more than "
                          f"{self.places} decimal places (scoring.rounding.places)", "points")

    def _of(self, action: str | tuple[str, ...], rule: str | None = None) -> list[Override]:
        actions = (action,) if isinstance(action, str) else action
        return [e for e in self.entries if e.action in actions and (rule is None or
                                                                    e.rule == rule)]

    def exclude(self, not_evaluated: pd.Series, in_population: pd.Series) -> pd.Series:
        """Rows to exclude; before the population filter so they leave every pool."""
        mask = pd.Series(False, index=not_evaluated.index)
        for entry in self._of(EXCLUDE):
            rows = self.rows[entry.nip]
            if not_evaluated.loc[rows].all() or not in_population.loc[rows].any():
                self._problem(entry, "no-effect", "this person is not evaluated anyway (out "
                              "of the policy's population or an invalid roster row)", "action")
                continue
            mask.loc[rows] = True
            for row in rows:
                self.reasons[int(row)] = [f"override: {entry.decree_ref}"]
            self._excluded.append((entry, rows))
        return mask

    def gate(self, rule: m.GateRule, passed: pd.Series, in_scope: pd.Series) -> pd.Series:
        """The gate's results with forced ones replaced; called before eligibility."""
        out = passed
        for entry in self._of((FORCE_PASS, FORCE_FAIL), rule.id):
            rows = self.rows[entry.nip]
            wanted = entry.action == FORCE_PASS
            if not in_scope.loc[rows].any():
                self._problem(entry, "not-evaluated", "this person is not evaluated (out of "
                              "the policy's population or an invalid roster row)", "nip")
                continue
            if bool((passed.loc[rows] == wanted).all()):
                self._problem(entry, "no-effect", f"gate '{rule.id}' already "
                              f"{'passes' if wanted else 'fails'} for this person", "action",
                              hint="remove the entry")
                continue
            out = out.copy() if out is passed else out
            out.loc[rows] = wanted
            self._record(entry, _verdict(not wanted), _verdict(wanted))
        self._gates_pass &= out
        return out

    def points(self, columns: list[Any], total: pd.Series, eligible: pd.Series
               ) -> tuple[list[Any], pd.Series]:
        """Replace rules' points (in units) and re-add the total from the points, so the
        person's trace still adds up. `columns` are scoring.points.PointsColumn."""
        columns = list(columns)
        position = {c.rule.id: i for i, c in enumerate(columns)}
        changed = False
        for entry in self._of(SET_POINTS):
            rows = self.rows[entry.nip]
            if not eligible.loc[rows].all():
                self._problem(entry, "not-eligible", "this person has no points to set (not "
                              "eligible: failed a gate, out of scope or excluded)", "nip",
                              hint="force_pass the failed gate first, with its own decree")
                continue
            column = columns[position[entry.rule]]
            units = int(Decimal(str(entry.points)).scaleb(self.places))
            old = column.units.loc[rows[0]]
            if not pd.isna(old) and int(old) == units:
                self._problem(entry, "no-effect", f"rule '{entry.rule}' already gives "
                              f"{units_text(units, self.places)} points", "points",
                              hint="remove the entry")
                continue
            new = column.units.copy()
            new.loc[rows] = units
            columns[position[entry.rule]] = replace(column, units=new)
            changed = True
            self._record(entry, "(blank)" if pd.isna(old) else units_text(int(old), self.places),
                         units_text(units, self.places))
        if changed:
            total = pd.Series(0, index=total.index, dtype="Int64")
            for column in columns:
                total = total + column.units.fillna(0)
        return columns, total

    def finish(self) -> list[AppliedOverride]:
        """Raise every problem found; otherwise what was applied, sorted by nip and rule."""
        for entry, rows in self._excluded:
            before = "eligible" if bool(self._gates_pass.loc[rows].all()) else "ineligible"
            self._record(entry, before, "not_evaluated")
        if self.problems:
            raise OverridesError(self.problems)
        return sorted(self.applied, key=lambda a: (a.nip, a.rule))

    def _record(self, entry: Override, before: str, after: str) -> None:
        self.applied.append(AppliedOverride(entry.nip, entry.rule, entry.action, before, after,
                                            entry.reason, entry.approved_by, entry.decree_ref))


def _decimals(value: float) -> int:
    """Decimal places as written (35.5 → 1, 100 → 0): rounding a hand-set value is refused."""
    return max(0, -int(Decimal(str(value)).normalize().as_tuple().exponent))


def _verdict(passed: bool) -> str:
    return "pass" if passed else "fail"


# --- the result document and the audit ----------------------------------------------------


def attach_overrides(document: dict[str, Any], applied: Iterable[AppliedOverride]) -> None:
    """Record the overrides in a result document: a top-level list, each person's own list,
    and a note on the gate or points line they changed. Called only when an overrides file was
    given, so results without one keep their bytes."""
    entries = sorted(applied, key=lambda a: (a.nip, a.rule))
    document["overrides"] = [a.to_dict() for a in entries]
    people = {p["id"]: p for p in document.get("people", [])}
    for item in entries:
        person = people.get(item.nip)
        if person is None:
            continue
        own = {k: v for k, v in item.to_dict().items() if k != "nip"}
        person.setdefault("overrides", []).append(own)
        note = f"override {item.decree_ref}"
        for line in [*person.get("gates", []), *person.get("points", [])]:
            if line["rule"] == item.rule:
                line["note"] = f"{line['note']}; {note}" if line.get("note") else note
                line.pop("rounding", None)  # the points no longer come from the weight


UNKNOWN_GROUP = "(unknown)"


def overrides_audit(document: dict[str, Any]) -> dict[str, Any]:
    """Overridden people counted per group of each fairness attribute and per action, among
    the people the overrides could reach (the evaluated plus those excluded by override).
    Groups smaller than min_group_size show n only, as in the fairness audit."""
    fairness = document["fairness"]
    minimum = int(fairness["min_group_size"])
    actions: dict[str, set[str]] = {}
    for item in document.get("overrides", []):
        actions.setdefault(item["nip"], set()).add(item["action"])
    pool = [p for p in document.get("people", [])
            if p["status"] in ("eligible", "ineligible") or p["id"] in actions]
    out: dict[str, Any] = {
        "min_group_size": minimum,
        "people": len(actions),
        "by_action": {a: sum(a in s for s in actions.values()) for a in ACTIONS},
        "attributes": [],
    }
    for attribute in fairness["attributes"]:
        sizes: Counter[str] = Counter()
        counts: dict[str, Counter[str]] = {}
        for person in pool:
            value = person.get("groups", {}).get(attribute)
            group = UNKNOWN_GROUP if value is None else str(value)
            sizes[group] += 1
            tally = counts.setdefault(group, Counter())
            for action in actions.get(person["id"], ()):
                tally[action] += 1
            tally["_any"] += person["id"] in actions
        groups = []
        for group in sorted(sizes):
            small = sizes[group] < minimum
            tally = counts[group]
            groups.append({
                "group": group, "n": sizes[group], "suppressed": small,
                "suppressed_reason": (f"n = {sizes[group]} < minimum group size {minimum}"
                                      if small else None),
                "overridden": None if small else tally["_any"],
                "by_action": None if small else {a: tally[a] for a in ACTIONS},
            })
        out["attributes"].append({"attribute": attribute, "groups": groups})
    return out

