"""Per-person explanations and the canonical result document.

The document holds no clock, run id, file path or spreadsheet row, so the same people, policy
and as_of give the same bytes whatever order the rows came in.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from asn_merit.errors import AsnMeritError
from asn_merit.roster.types import golongan_label
from asn_merit.rounding import plain_number, units_text
from asn_merit.rules import model as m
from asn_merit.rules.loader import LoadedPolicy
from asn_merit.scoring.aggregate import NON_ADDITIVE
from asn_merit.scoring.derive import describe
from asn_merit.scoring.engine import ELIGIBLE, NOT_EVALUATED, ScoringResult
from asn_merit.scoring.weights import ahp_result

RESULT_FORMAT = "asn-merit.result/1"
STATUS_ORDER = {ELIGIBLE: 0, "ineligible": 1, NOT_EVALUATED: 2, "out_of_scope": 3}


class InvariantError(AsnMeritError):
    """A trace contradicts the totals: a bug, never a data problem."""


def text_column(series: pd.Series, kind: str) -> list[str | None]:
    """Cell values as the text a person reads (golongan labels, ISO dates, short numbers)."""
    if kind == "golongan":
        series = golongan_label(series.astype("Int64"))
    elif pd.api.types.is_datetime64_any_dtype(series):
        series = series.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_bool_dtype(series):
        series = series.astype("boolean").map({True: "true", False: "false"})
    elif pd.api.types.is_numeric_dtype(series):
        return [None if pd.isna(v) else plain_number(float(v)) for v in series]
    return [None if pd.isna(v) else str(v) for v in series.astype("object")]


def _literal_text(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_literal_text(v) for v in value) + "]"
    if isinstance(value, float):
        return plain_number(value)
    return str(value)


class _Texts:
    """Lazily formatted columns, so each column is formatted once for all people."""

    def __init__(self, result: ScoringResult):
        self.result = result
        self.cache: dict[str, list[str | None]] = {}

    def get(self, name: str, position: int) -> str | None:
        if name not in self.cache:
            kind = self.result.loaded.fields[name].type if name in self.result.loaded.fields \
                else "text"
            self.cache[name] = text_column(self.result.frame[name], kind)
        return self.cache[name][position]


def _test_text(cond: m.Condition, texts: _Texts, pos: int) -> str:
    if isinstance(cond, m.AllOf | m.AnyOf):
        joiner = " and " if isinstance(cond, m.AllOf) else " or "
        parts = cond.all if isinstance(cond, m.AllOf) else cond.any
        return "(" + joiner.join(_test_text(c, texts, pos) for c in parts) + ")"
    if isinstance(cond, m.NotOf):
        return f"not {_test_text(cond.not_, texts, pos)}"
    left = texts.get(cond.field, pos) or "(blank)"
    if cond.op in ("is_blank", "not_blank"):
        return f"{cond.field}={left} {cond.op}"
    right = (f"{cond.value_field}={texts.get(cond.value_field, pos) or '(blank)'}"
             if cond.value_field else _literal_text(cond.value))
    return f"{cond.field}={left} {cond.op} {right}"


def _gate_lines(result: ScoringResult, texts: _Texts, index: int, pos: int) -> list[dict]:
    lines = []
    for gate in result.gates:
        line: dict[str, Any] = {
            "rule": gate.rule.id,
            "passed": bool(gate.passed.loc[index]),
            "inputs": {f: texts.get(f, pos) for f in gate.inputs},
            "test": _test_text(gate.rule.condition, texts, pos),
        }
        if bool(gate.missing.loc[index]):
            line["missing"] = [f for f in gate.inputs if texts.get(f, pos) is None]
            line["note"] = f"on_missing={gate.rule.on_missing}"
        lines.append(line)
    return lines


def _number_text(value: object) -> str | None:
    return None if pd.isna(value) else plain_number(float(value))  # type: ignore[arg-type]


def _precise_text(value: object) -> str | None:
    """About ten significant digits, never an exponent: a method's small intermediates (TOPSIS
    squared distances, WP shares) must still add up when someone checks them by hand."""
    if pd.isna(value):  # type: ignore[call-overload]
        return None
    number = float(value)  # type: ignore[arg-type]
    if number == 0:
        return "0"
    places = max(6, 9 - math.floor(math.log10(abs(number))))
    return f"{number:.{places}f}".rstrip("0").rstrip(".")


def _points_lines(result: ScoringResult, texts: _Texts, index: int, pos: int) -> list[dict]:
    places = result.places
    lines = []
    for column in result.points:
        rule = column.rule
        inputs = sorted(result.loaded.expressions[rule.id].fields) if isinstance(
            rule, m.FormulaRule) else [rule.field]
        normalised = column.normalised.loc[index]
        exact = None if pd.isna(normalised) else float(normalised) * column.weight
        units = column.units.loc[index]
        line: dict[str, Any] = {
            "rule": rule.id,
            "inputs": {f: texts.get(f, pos) for f in inputs},
            "method": column.method,
            "raw": texts.get(inputs[0], pos) if len(inputs) == 1 else None,
            "normalised": _number_text(normalised),
            "weight": plain_number(column.weight),
            "points": None if pd.isna(units) else units_text(int(units), places),
        }
        if column.value is not None:  # a method's criterion value and its own numbers
            line["value"] = _number_text(column.value.loc[index])
            line.update({k: _precise_text(v.loc[index]) for k, v in column.extra.items()})
        if exact is not None and not pd.isna(units) and \
                round(exact, 9) != int(units) / 10**places:
            line["rounding"] = f"{plain_number(exact)} -> {line['points']} (half_up, {places})"
        if bool(column.missing.loc[index]):
            line["note"] = "input blank; on_missing applied"
        if bool(column.unmatched.loc[index]):
            line["note"] = "value not in table/bands; default applied"
        if column.population:
            line["population"] = column.population
        lines.append(line)
    return lines


def _derived_lines(result: ScoringResult, texts: _Texts, pos: int) -> dict[str, Any]:
    out = {}
    for item in result.loaded.derived_order:
        info = result.loaded.fields[item.id]
        out[item.id] = {"how": describe(item, info), "value": texts.get(item.id, pos)}
    return out


def person_traces(result: ScoringResult) -> list[dict[str, Any]]:
    policy = result.loaded.policy
    texts = _Texts(result)
    id_field, display = policy.id_field, policy.display_field
    ranked = result.ranked
    positions = {index: pos for pos, index in enumerate(result.frame.index)}
    audited = audited_fields(policy)
    people = []
    for index, pos in positions.items():
        status = str(result.status.loc[index])
        person: dict[str, Any] = {
            "id": texts.get(id_field, pos),
            "display": texts.get(display, pos) if display else None,
            "status": status,
            "show": {f: texts.get(f, pos) for f in policy.reporting.show_columns},
            "groups": {f: texts.get(f, pos) for f in audited},
        }
        if status == NOT_EVALUATED:
            person["excluded_because"] = result.excluded_reasons.get(index, [])
        elif status != "out_of_scope":
            person["gates"] = _gate_lines(result, texts, index, pos)
            person["failed"] = [g["rule"] for g in person["gates"] if not g["passed"]]
            person["derived"] = _derived_lines(result, texts, pos)
            person["points"] = []
        if status == ELIGIBLE:
            person["points"] = _points_lines(result, texts, index, pos)
            units = int(result.frame.at[index, "_total_units"])
            person["total"] = units_text(units, result.places)
            person["rank"] = int(ranked.rank.loc[index])
            person["selected"] = bool(ranked.selected.loc[index])
            key = ranked.decided_by.loc[index]
            person["decided_by"] = None if pd.isna(key) else str(key)
            _method_lines(result, person, index, texts, pos)
        people.append(person)
    people.sort(key=lambda p: (STATUS_ORDER[p["status"]], p.get("rank", 0), p["id"] or ""))
    problem = invariant_problem(people, result.places, len(result.gates), len(result.points),
                                additive(policy.scoring.method))
    if problem:
        raise InvariantError(problem)
    return people


def _method_lines(result: ScoringResult, person: dict[str, Any], index: int, texts: _Texts,
                  pos: int) -> None:
    """What only some policies have: rank within the selection group, category labels, the
    method's own numbers (TOPSIS distances, WP products, profile-matching aspects)."""
    if result.ranked.rank_in_group is not None:
        place = result.ranked.rank_in_group.loc[index]
        person["rank_in_group"] = None if pd.isna(place) else int(place)
    if result.categories:
        person["categories"] = {name: texts.get(name, pos) for name in result.categories}
    if result.method is not None and result.method.person:
        person["method"] = {k: _precise_text(v.loc[index])
                            for k, v in result.method.person.items()}


def additive(method: str) -> bool:
    """Whether a method's points lines add up to the total (TOPSIS and WP are not sums)."""
    return method not in NON_ADDITIVE


def invariant_problem(people: list[dict[str, Any]], places: int, gates: int, points: int,
                      is_additive: bool = True) -> str | None:
    """Σ points == total (additive methods), every rule once per evaluated person, ranks
    exactly 1..n."""
    ranks = []
    for person in people:
        if person["status"] in (ELIGIBLE, "ineligible") and len(person["gates"]) != gates:
            return f"{person['id']}: {len(person['gates'])} gate lines, policy has {gates}"
        if person["status"] != ELIGIBLE:
            continue
        if len(person["points"]) != points:
            return f"{person['id']}: {len(person['points'])} points lines, policy has {points}"
        if not is_additive:
            ranks.append(person["rank"])
            continue
        units = sum(int(p["points"].replace(".", "")) for p in person["points"])
        if units_text(units, places) != person["total"]:
            return f"{person['id']}: points add up to {units_text(units, places)}, " \
                   f"total says {person['total']}"
        ranks.append(person["rank"])
    if sorted(ranks) != list(range(1, len(ranks) + 1)):
        return "ranks are not a permutation of 1..n"
    return None


def document_invariants(document: dict[str, Any]) -> str | None:
    """The same checks on a result.json read back from disk (for verify)."""
    kinds = [r["kind"] for r in document["rules"]]
    gates = kinds.count("gate")
    method = document["scoring"].get("method", "weighted_sum")
    return invariant_problem(document["people"], document["scoring"]["places"], gates,
                             len(kinds) - gates, additive(method))


def cut_line(result: ScoringResult) -> str | None:
    chosen = result.frame.loc[result.ranked.selected, "_total_units"]
    return None if chosen.empty else units_text(int(chosen.min()), result.places)


def audited_fields(policy: m.Policy) -> list[str]:
    """Fields the fairness audit groups by: its attributes and the parts of intersections."""
    names = [a.field for a in policy.fairness.attributes]
    for combo in policy.fairness.intersections:
        names += [n for n in combo if n not in names]
    return names


def _titles(title: m.Text | None, fallback: str) -> dict[str, str]:
    return ({"id": title.id, "en": title.en} if isinstance(title, m.Bilingual)
            else {"id": title or fallback, "en": title or fallback})


def _rule_summary(rule: m.Rule, weights: dict[str, float], method: str) -> dict[str, Any]:
    summary: dict[str, Any] = {"id": rule.id, "kind": rule.kind,
                               "title": _titles(rule.title, rule.id)}
    if isinstance(rule, m.GateRule):
        return summary
    summary["weight"] = plain_number(weights[rule.id])
    if method in ("saw", "weighted_product", "topsis"):
        summary["criterion"] = rule.criterion
    if method == "profile_matching":
        summary.update(target=plain_number(rule.target or 0), factor=rule.factor,
                       aspect=rule.aspect)
    return summary


def _scoring_summary(result: ScoringResult) -> dict[str, Any]:
    """Scale and rounding; for other methods than weighted_sum, the method and its facts."""
    policy = result.loaded.policy
    out: dict[str, Any] = {"scale": plain_number(policy.scoring.scale), "places": result.places,
                           "rounding": policy.scoring.rounding.mode}
    if result.method is not None:
        out.update(result.method.summary)
    ahp = policy.scoring.ahp
    if ahp is not None:
        found = ahp_result(ahp)
        out["ahp"] = {"criteria": list(ahp.criteria), "ri_table": found.ri_table,
                      "weights": {c: plain_number(float(x))
                                  for c, x in zip(ahp.criteria, found.weights, strict=True)},
                      "lambda_max": plain_number(found.lambda_max), "ci": plain_number(found.ci),
                      "ri": plain_number(found.ri), "cr": plain_number(found.cr),
                      "max_cr": plain_number(ahp.max_cr)}
    return out


def _selection_summary(result: ScoringResult) -> dict[str, Any]:
    selection = result.loaded.policy.ranking.selection
    out: dict[str, Any] = {
        "quota": selection.quota if selection else None,
        "per_group": selection.per_group if selection else None,
        "cut_line": cut_line(result),
    }
    if selection is not None and selection.category is not None:
        out["category"] = selection.category
    quotas = result.ranked.quotas
    if selection is None or selection.per_group is None or quotas is None:
        return out
    if selection.quota_field is not None:
        out["quota_field"] = selection.quota_field
    chosen = result.frame.loc[result.ranked.selected]
    groups = chosen[selection.per_group].astype("string")
    lowest = chosen["_total_units"].groupby(groups).min()
    counts = groups.value_counts()
    out["groups"] = {group: {"quota": quota, "selected": int(counts.get(group, 0)),
                             "cut_line": units_text(int(lowest[group]), result.places)
                             if group in lowest.index else None}
                     for group, quota in sorted(quotas.items())}
    return out


def _category_summaries(policy: m.Policy) -> list[dict[str, Any]]:
    out = []
    for item in policy.categories:
        entry: dict[str, Any] = {
            "id": item.id, "title": _titles(item.title, item.id),
            "values": [{"value": v.value, "label": _titles(v.label, v.value)}
                       for v in item.values],
            "favourable": list(item.favourable),
        }
        if item.grid is not None:
            entry["grid"] = {"rows": item.grid.rows, "columns": item.grid.columns}
        else:
            entry["field"] = item.field
        out.append(entry)
    return out


def _proxies(loaded: LoadedPolicy) -> set[str]:
    """Ranking keys that stand in for a protected attribute (NIP digits encode birth date and
    sex; a field computed from a protected one inherits it)."""
    policy = loaded.policy
    keys = {k.field for k in (policy.ranking.order, *policy.ranking.tie_breakers)}
    proxies = {name for name in keys if name in loaded.fields and loaded.fields[name].protected}
    id_field = policy.id_field
    if id_field in keys and policy.columns[id_field].type == "nip18":
        proxies.add(id_field)
    return proxies


def result_document(result: ScoringResult) -> dict[str, Any]:
    loaded = result.loaded
    policy = loaded.policy
    findings = sorted(
        ({k: v for k, v in f.to_dict().items() if k not in ("file", "sheet", "excel_row")}
         for f in result.findings),
        key=lambda f: (str(f.get("employee_id", "")), str(f["code"]), str(f.get("message"))))
    population = {c.rule.id: c.population for c in result.points if c.population}
    weights = {c.rule.id: c.weight for c in result.points}
    document: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "policy": {"id": policy.policy.id, "version": policy.policy.version,
                   "canonical_sha256": loaded.canonical_sha256},
        "as_of": result.as_of.isoformat(),
        "scoring": _scoring_summary(result),
        "counts": result.counts(),
        "selection": _selection_summary(result),
        "population_statistics": population,
        "rules": [_rule_summary(rule, weights, policy.scoring.method) for rule in policy.rules],
        "ranking": {
            "keys": [{"field": k.field, "direction": k.direction, "note": k.note}
                     for k in (policy.ranking.order, *policy.ranking.tie_breakers)],
            "proxy_fields": sorted(_proxies(loaded)),
        },
        "fairness": {
            "attributes": [a.field for a in policy.fairness.attributes],
            "intersections": [list(c) for c in policy.fairness.intersections],
            "min_group_size": policy.fairness.thresholds.min_group_size,
            "protected_use": policy.fairness.protected_use,
            "justification": policy.fairness.justification,
        },
        "findings": findings,
        "people": person_traces(result),
    }
    if policy.categories:
        document["categories"] = _category_summaries(policy)
        document["fairness"]["categories"] = [
            {"id": c.id, "values": [v.value for v in c.values], "favourable": list(c.favourable)}
            for c in policy.categories]
    return document
