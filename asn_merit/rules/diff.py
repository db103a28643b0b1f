"""`policy diff`: what changes between two versions of a policy, and for whom.

An approver signs a policy change; before signing they need the rules added, removed and
changed (by id), and its consequences on a real roster: who gains or loses eligibility, who
crosses the selection cut line, and how the fairness figures move.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asn_merit.rules.loader import LoadedPolicy


@dataclass
class RuleChange:
    rule: str
    change: str  # "added", "removed", "changed"
    fields: list[str] = field(default_factory=list)


@dataclass
class PersonChange:
    id: str
    display: str | None
    before: str  # status, with rank and selection when ranked
    after: str
    why: list[str]  # gates newly failed or passed, totals


@dataclass
class PolicyDiff:
    old: str
    new: str
    rules: list[RuleChange]
    settings: list[str]  # top-level sections that differ (scoring, ranking, population, ...)
    eligibility: list[PersonChange]
    selection: list[PersonChange]
    counts: dict[str, tuple[int, int]]
    cut_line: tuple[str | None, str | None]
    fairness: dict[str, tuple[float | None, float | None]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old, "new": self.new,
            "rules": [vars(r) for r in self.rules], "settings": self.settings,
            "eligibility": [vars(p) for p in self.eligibility],
            "selection": [vars(p) for p in self.selection],
            "counts": {k: list(v) for k, v in self.counts.items()},
            "cut_line": list(self.cut_line),
            "worst_impact_ratio": {k: list(v) for k, v in self.fairness.items()},
        }


def rule_changes(old: LoadedPolicy, new: LoadedPolicy) -> list[RuleChange]:
    """Rules matched by id (and by declared aliases, so a rename is a change, not two)."""
    before = {r.id: r.model_dump(mode="json") for r in old.policy.rules}
    renamed = {alias: r.id for r in new.policy.rules for alias in r.aliases}
    after = {r.id: r.model_dump(mode="json") for r in new.policy.rules}
    changes = []
    for rule_id, dump in before.items():
        target = rule_id if rule_id in after else renamed.get(rule_id)
        if target is None:
            changes.append(RuleChange(rule_id, "removed"))
            continue
        other = after[target]
        differing = sorted(k for k in dump.keys() | other.keys()
                           if dump.get(k) != other.get(k) and k != "aliases")
        if differing:
            changes.append(RuleChange(target, "changed", differing))
    matched = set(before) | {renamed[a] for a in before if a in renamed}
    changes += [RuleChange(r, "added") for r in after if r not in matched]
    return changes


def setting_changes(old: LoadedPolicy, new: LoadedPolicy) -> list[str]:
    a = old.policy.model_dump(mode="json", exclude={"rules", "policy"})
    b = new.policy.model_dump(mode="json", exclude={"rules", "policy"})
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def _state(person: dict[str, Any] | None) -> str:
    if person is None:
        return "absent"
    if "rank" in person:
        chosen = "selected" if person["selected"] else "not selected"
        return f"eligible, rank {person['rank']}, total {person['total']}, {chosen}"
    return person["status"]


def _why(a: dict[str, Any] | None, b: dict[str, Any] | None) -> list[str]:
    out_a, out_b = (p is not None and p["status"] == "out_of_scope" for p in (a, b))
    if a and b and out_b and not out_a:
        # the gates an out-of-scope person "now passes" were never evaluated: say why instead
        return ["now outside the population"]
    failed_a = set((a or {}).get("failed", []))
    failed_b = set((b or {}).get("failed", []))
    if a and b and out_a and not out_b:
        return ["now inside the population"] + [f"now fails {g}" for g in sorted(failed_b)]
    reasons = [f"now fails {g}" for g in sorted(failed_b - failed_a)]
    reasons += [f"now passes {g}" for g in sorted(failed_a - failed_b)]
    if a and b and a.get("total") != b.get("total") and a.get("total") and b.get("total"):
        reasons.append(f"total {a['total']} -> {b['total']}")
    if a and b and a["status"] != b["status"] and not reasons:
        reasons.append(f"{a['status']} -> {b['status']}")
    return reasons


def outcome_changes(old_doc: dict[str, Any], new_doc: dict[str, Any]
                    ) -> tuple[list[PersonChange], list[PersonChange]]:
    """People whose eligibility changes, and people who cross the selection cut line."""
    before = {p["id"]: p for p in old_doc["people"]}
    after = {p["id"]: p for p in new_doc["people"]}
    eligibility, selection = [], []
    for pid in sorted(before.keys() | after.keys()):
        a, b = before.get(pid), after.get(pid)
        status_a = a["status"] if a else None
        status_b = b["status"] if b else None
        display = (b or a or {}).get("display")
        change = PersonChange(pid, display, _state(a), _state(b), _why(a, b))
        if status_a != status_b:
            eligibility.append(change)
        if bool((a or {}).get("selected")) != bool((b or {}).get("selected")):
            selection.append(change)
    return eligibility, selection


def diff_policies(old: LoadedPolicy, new: LoadedPolicy, old_doc: dict[str, Any],
                  new_doc: dict[str, Any], old_audit: dict[str, float],
                  new_audit: dict[str, float]) -> PolicyDiff:
    eligibility, selection = outcome_changes(old_doc, new_doc)
    counts = {k: (old_doc["counts"][k], new_doc["counts"][k])
              for k in ("evaluated", "eligible", "ineligible", "out_of_scope", "selected")}
    fairness = {k: (old_audit.get(k), new_audit.get(k))
                for k in sorted(old_audit.keys() | new_audit.keys())}
    return PolicyDiff(
        f"{old.policy.policy.id}@{old.policy.policy.version}",
        f"{new.policy.policy.id}@{new.policy.policy.version}",
        rule_changes(old, new), setting_changes(old, new), eligibility, selection, counts,
        (old_doc["selection"]["cut_line"], new_doc["selection"]["cut_line"]), fairness)
