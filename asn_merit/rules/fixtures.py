"""`policy test`: example people beside a policy, with the outcome the regulation requires.

Like semgrep's rule tests: an author proves the policy does what the regulation says, and a
change that alters an outcome fails review until the expectation is updated. Every fixture is
also run with the people in reverse order, because order must never matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd

from asn_merit.diagnostics import Diagnostic
from asn_merit.errors import PolicyError
from asn_merit.paths import input_file
from asn_merit.roster.contract import apply_contract
from asn_merit.roster.reader import InputFile, RawRoster
from asn_merit.rules.loader import LoadedPolicy
from asn_merit.rules.yaml_loader import load_yaml
from asn_merit.scoring.engine import evaluate
from asn_merit.scoring.trace import result_document

EXPECT_KEYS = {"eligible", "status", "failed", "total", "points", "rank", "selected",
               "categories", "derived"}


@dataclass
class Mismatch:
    person: str
    what: str  # "eligible", "failed", "total", "points.<rule-id>", "rank", "order", "data"
    expected: Any
    actual: Any


@dataclass
class FixtureReport:
    fixture_file: Path
    people: int
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def fixture_path(policy_path: Path) -> Path:
    """`kp.yaml` → `kp.tests.yaml` beside it."""
    return policy_path.with_name(policy_path.stem + ".tests.yaml")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _raw(loaded: LoadedPolicy, people: list[dict[str, Any]], as_of: date) -> RawRoster:
    columns = loaded.policy.columns
    headers = [spec.headers_for(as_of)[0] for spec in columns.values()]
    cells = {h: pd.Series([_text(p.get(name)) for p in people], dtype="string")
             for h, name in zip(headers, columns, strict=True)}
    numeric = {h: pd.Series([False] * len(people), dtype=bool) for h in headers}
    source = InputFile("fixtures", "0" * 64, 0, None, 1, len(people))
    rows = pd.Series(range(1, len(people) + 1), dtype="int64")
    return RawRoster(source, headers, cells, numeric, rows)


def _document(loaded: LoadedPolicy, people: list[dict[str, Any]], as_of: date
              ) -> tuple[dict[str, Any], list[str]]:
    roster = apply_contract(_raw(loaded, people, as_of), loaded.policy, as_of)
    problems = [f"row {f.excel_row}: {f.column}: {f.message}" for f in roster.errors]
    return result_document(evaluate(loaded, roster, as_of)), problems


def _compare(person_id: str, expect: dict[str, Any], actual: dict[str, Any]) -> list[Mismatch]:
    out = []
    status = actual["status"]
    checks: dict[str, Any] = {
        "eligible": status == "eligible", "status": status,
        "failed": actual.get("failed", []), "rank": actual.get("rank"),
        "selected": actual.get("selected", False),
    }
    for key, value in expect.items():
        if key == "total":
            got = actual.get("total")
            if got is None or Decimal(str(value)) != Decimal(got):
                out.append(Mismatch(person_id, "total", str(value), got))
        elif key == "points":
            points = {line["rule"]: line["points"] for line in actual.get("points", [])}
            for rule, wanted in value.items():
                got = points.get(rule)
                if got is None or Decimal(str(wanted)) != Decimal(got):
                    out.append(Mismatch(person_id, f"points.{rule}", str(wanted), got))
        elif key == "categories":
            labels = actual.get("categories") or {}
            out += [Mismatch(person_id, f"categories.{name}", wanted, labels.get(name))
                    for name, wanted in value.items() if labels.get(name) != wanted]
        elif key == "derived":
            derived = {name: item["value"] for name, item in actual.get("derived", {}).items()}
            out += [Mismatch(person_id, f"derived.{name}", wanted, derived.get(name))
                    for name, wanted in value.items() if not _same(wanted, derived.get(name))]
        elif key == "failed":
            if sorted(value) != sorted(checks["failed"]):
                out.append(Mismatch(person_id, "failed", sorted(value), sorted(checks["failed"])))
        elif checks[key] != value:
            out.append(Mismatch(person_id, key, value, checks[key]))
    return out


def _same(expected: Any, actual: str | None) -> bool:
    """A hand-worked value against the trace's text: numbers as decimals (12.5 == "12.50"),
    anything else as text; null expects a blank."""
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        try:
            return Decimal(str(expected)) == Decimal(actual)
        except ArithmeticError:
            return False
    return _text(expected) == actual


def _load_fixtures(path: Path) -> dict[str, Any]:
    try:
        text = input_file(path, "fixture file").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError([Diagnostic("fixtures.unreadable", f"cannot read {path}: {exc}")]
                          ) from None
    data, source_map, problems = load_yaml(text, str(path))
    if problems:
        raise PolicyError(problems)
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise PolicyError([Diagnostic("fixtures.shape", "a fixture file needs a 'people' list",
                                      span=source_map.locate(()))])
    found = [Diagnostic(code, message, span=source_map.locate(where))
             for code, message, where in _shape_problems(data)]
    if found:
        raise PolicyError(found)
    return data


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return Decimal(str(value)).is_finite()
    except InvalidOperation:
        return False


def _shape_problems(data: dict[str, Any]) -> list[tuple[str, str, tuple[str | int, ...]]]:
    """Every way the file differs from people → mapping with an 'expect' mapping of known
    keys, totals and points as numbers; checked before anything is scored."""
    out: list[tuple[str, str, tuple[str | int, ...]]] = []
    if not isinstance(data.get("defaults", {}), dict):
        out.append(("fixtures.shape", "'defaults' must be a mapping of field: value",
                    ("defaults",)))
    if "as_of" in data and not isinstance(data["as_of"], date):
        out.append(("fixtures.shape", "'as_of' must be a date (YYYY-MM-DD)", ("as_of",)))
    for i, person in enumerate(data["people"]):
        at: tuple[str | int, ...] = ("people", i)
        expect = person.get("expect") if isinstance(person, dict) else None
        if not isinstance(expect, dict):
            out.append(("fixtures.expect", f"person {i + 1} must be a mapping with an 'expect' "
                        f"mapping of keys from {sorted(EXPECT_KEYS)}", at))
            continue
        unknown = set(expect) - EXPECT_KEYS
        if unknown:
            out.append(("fixtures.expect", f"person {i + 1} needs 'expect' with keys from "
                        f"{sorted(EXPECT_KEYS)}; unknown: {sorted(map(str, unknown))}",
                        (*at, "expect")))
        if "total" in expect and not _is_number(expect["total"]):
            out.append(("fixtures.expect", f"person {i + 1}: expect.total must be a number",
                        (*at, "expect", "total")))
        points = expect.get("points", {})
        if not isinstance(points, dict) or not all(map(_is_number, points.values())):
            out.append(("fixtures.expect", f"person {i + 1}: expect.points must map rule ids "
                        "to numbers", (*at, "expect", "points")))
        if not isinstance(expect.get("failed", []), list):
            out.append(("fixtures.expect", f"person {i + 1}: expect.failed must be a list of "
                        "rule ids", (*at, "expect", "failed")))
    return out


def run_fixtures(loaded: LoadedPolicy, path: Path) -> FixtureReport:
    data = _load_fixtures(path)
    defaults = data.get("defaults", {})
    people = [{**defaults, **{k: v for k, v in p.items() if k != "expect"}}
              for p in data["people"]]
    as_of = data.get("as_of") or loaded.policy.policy.as_of or date.today()
    id_field = loaded.policy.id_field
    report = FixtureReport(path, len(people))
    document, problems = _document(loaded, people, as_of)
    report.mismatches += [Mismatch("-", "data", "valid rows", p) for p in problems]
    if problems:
        return report
    by_id = {p["id"]: p for p in document["people"]}
    for person, spec in zip(people, data["people"], strict=True):
        person_id = str(person[id_field])
        report.mismatches += _compare(person_id, spec["expect"], by_id[person_id])
    reversed_doc, _ = _document(loaded, people[::-1], as_of)
    if reversed_doc != document:
        report.mismatches.append(Mismatch("-", "order", "same result in any row order",
                                          "the result changed when the rows were reversed"))
    return report
