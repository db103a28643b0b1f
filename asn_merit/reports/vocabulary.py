"""The policy's own words for what a report shows: column labels instead of field ids, gate
tests and scoring methods as sentences, data findings grouped and described.

Every report takes one Vocabulary. Built from the loaded policy it knows the labels the policy
declares; built from a result document alone (an audit of an old run directory) it falls back to
the rule titles recorded in the document and to the field ids, so nothing is ever left blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from asn_merit.reports.fairness_view import text_in
from asn_merit.reports.i18n import MESSAGES, t
from asn_merit.reports.numbers import number
from asn_merit.reports.policy_doc import _Builder, _gate_condition

_METHOD = re.compile(r"^(?P<name>[\w.]+)(?:\[(?P<args>.*)\])?$", re.S)
_GATE_MISSING = re.compile(r"^gate '(?P<rule>[^']+)' could not be tested: blank (?P<fields>.+)$")
_RULE_IN_MESSAGE = re.compile(r"^rule '(?P<rule>[^']+)'")
EXAMPLES = 5
"""Ids shown beside a grouped finding; the full list is in ranking.xlsx."""


@dataclass
class FindingGroup:
    """Findings that say the same thing about different people."""

    severity: str
    code: str
    text: str
    ids: list[str] = field(default_factory=list)
    count: int = 0


class Vocabulary:
    """Labels and sentences in one language, from the policy when it is at hand."""

    def __init__(self, lang: str, loaded: Any = None,
                 rules: Sequence[Mapping[str, Any]] = ()) -> None:
        self.lang = lang
        self._builder = _Builder(loaded, lang) if loaded is not None else None
        self.titles = {str(r["id"]): text_in(r.get("title"), lang) or str(r["id"])
                       for r in rules}
        if self._builder is not None:
            for rule in self._builder.data.get("rules") or []:
                self.titles.setdefault(str(rule["id"]),
                                       text_in(rule.get("title"), lang) or str(rule["id"]))
        self.gates = {str(r["id"]): r for r in (self._builder.data.get("rules") or [])
                      if r.get("kind") == "gate"} if self._builder is not None else {}

    # names
    def field(self, name: str) -> str:
        """A field as the policy labels it (column label, first header, derived title)."""
        if name == "total":
            return t("col.total", self.lang)
        if self._builder is None:
            return name
        return self._builder.field_title(name)

    def field_with_id(self, name: str) -> str:
        """The label, with the id beside it where the two differ (for whoever filters by it)."""
        shown = self.field(name)
        return shown if shown == name else f"{shown} ({name})"

    def rule(self, rule_id: str) -> str:
        return self.titles.get(rule_id, rule_id)

    def fields(self, names: Iterable[str]) -> dict[str, str]:
        return {n: self.field(n) for n in names}

    # policy identity (the first page of the signable report)
    def meta(self) -> dict[str, Any]:
        if self._builder is None:
            return {"title": "", "owner": "", "legal_basis": []}
        policy = self._builder.data.get("policy") or {}
        return {"title": self._builder.text(policy.get("title")),
                "owner": str(policy.get("owner") or ""),
                "legal_basis": [str(x) for x in policy.get("legal_basis") or []]}

    def population(self) -> str:
        """Who the policy applies to: its title for the population and the condition."""
        if self._builder is None:
            return ""
        population = self._builder.data.get("population") or {}
        title = text_in(population.get("title"), self.lang)
        when = population.get("when")
        condition = self.condition(when) if when else ""
        return "; ".join(p for p in (title, condition) if p)

    # sentences
    def condition(self, cond: Mapping[str, Any]) -> str:
        """A population or gate condition as one sentence with the policy's labels."""
        if self._builder is None:
            return ""
        for key, joiner in (("all", "vocab.and"), ("any", "vocab.or")):
            if key in cond and isinstance(cond[key], list):
                parts = [self.condition(c) for c in cond[key]]
                return t(joiner, self.lang).join(parts)
        if "not" in cond:
            return t("vocab.not", self.lang, text=self.condition(cond["not"]))
        return self._builder.comparison(cond)

    def gate_test(self, gate: Mapping[str, Any]) -> str:
        """What a gate required and the person's values, e.g. "Predikat Kinerja 2025 salah satu
        dari: Sangat Baik, Baik (nilai: Predikat Kinerja 2025 = Baik)"."""
        rule = self.gates.get(str(gate.get("rule")))
        inputs = gate.get("inputs") or {}
        values = "; ".join(f"{self.field(k)} = {self.value(v)}" for k, v in inputs.items())
        if rule is None:
            return str(gate.get("test", ""))
        sentence = self.condition(_gate_condition(rule))
        return t("vocab.gate_test", self.lang, rule=sentence, values=values) if values \
            else sentence

    def value(self, value: Any) -> str:
        if value is None or value == "":
            return t("vocab.blank", self.lang)
        return number(value, self.lang) if isinstance(value, str) else str(value)

    def inputs(self, inputs: Mapping[str, Any]) -> str:
        return "; ".join(f"{self.field(k)} = {self.value(v)}" for k, v in inputs.items())

    def method(self, label: str | None) -> str:
        """A points method label ("fixed_range[48,96]", "saw.ratio[benefit; max=5; n=818]") as
        words; an unknown label is shown as it is."""
        match = _METHOD.match(label or "")
        if match is None:
            return label or ""
        name, raw = match["name"], match["args"] or ""
        family, _, norm = name.partition(".")
        parts = [p.strip() for p in raw.split(";")] if raw else []
        facts = dict(p.split("=", 1) for p in parts if "=" in p)
        plain = [p for p in parts if "=" not in p]
        lang = self.lang
        if family in ("fixed_range", "inverse_fixed_range") and plain:
            low, _, high = plain[0].partition(",")
            return t(f"vocab.method.{family}", lang, low=number(low, lang),
                     high=number(high, lang))
        if family == "population_min_max" and plain:
            low, _, high = plain[0].partition(",")
            return t("vocab.method.population_min_max", lang, low=number(low, lang),
                     high=number(high, lang), n=number(facts.get("n", "?"), lang))
        if family == "formula":
            return t("vocab.method.formula", lang, expr=raw)
        key = f"vocab.method.{family}"
        if key not in MESSAGES:
            return label or ""
        words = [t(key, lang)]
        if norm:
            words.append(t(f"vocab.norm.{norm}", lang) if f"vocab.norm.{norm}" in MESSAGES
                         else norm)
        for item in plain:
            if f"vocab.criterion.{item}" in MESSAGES:
                words.append(t(f"vocab.criterion.{item}", lang))
            elif item in ("core", "secondary"):
                words.append(t(f"vocab.factor.{item}", lang))
        for name_, value in facts.items():
            shown = self.field(value) if name_ == "aspect" else number(value, lang)
            fact = f"vocab.fact.{name_}"
            words.append(t(fact, lang, value=shown) if fact in MESSAGES else f"{name_}={value}")
        return words[0] + (" (" + "; ".join(words[1:]) + ")" if len(words) > 1 else "")

    # findings
    def finding_text(self, finding: Mapping[str, Any],
                     person: Mapping[str, Any] | None = None) -> str:
        """A data finding in words; a gate that could not be tested names the blank columns
        (the person's own blank inputs when the trace is at hand)."""
        code, message = str(finding.get("code", "")), str(finding.get("message", ""))
        lang = self.lang
        gate = _GATE_MISSING.match(message)
        if code == "gate.missing-input" and gate:
            names = [f.strip() for f in gate["fields"].split(",")]
            if person is not None:
                traced = next((g for g in person.get("gates") or []
                               if g.get("rule") == gate["rule"]), None)
                blank = [k for k, v in ((traced or {}).get("inputs") or {}).items()
                         if v in (None, "")]
                names = blank or names
            return t("vocab.finding.gate_missing", lang, rule=self.rule(gate["rule"]),
                     fields=t("vocab.or", lang).join(self.field(n) for n in names))
        rule = _RULE_IN_MESSAGE.match(message)
        key = f"vocab.finding.{code}"
        if key in MESSAGES:
            column = finding.get("column") or ""
            return t(key, lang, rule=self.rule(rule["rule"]) if rule else "", column=column,
                     message=message)
        return message

    def group_findings(self, findings: Sequence[Mapping[str, Any]],
                       people: Mapping[str, Mapping[str, Any]] | None = None
                       ) -> list[FindingGroup]:
        """Findings that read the same, counted once, most frequent first."""
        groups: dict[tuple[str, str, str], FindingGroup] = {}
        for f in findings:
            who = f.get("employee_id")
            text = self.finding_text(f, (people or {}).get(who) if who else None)
            key = (str(f.get("severity", "")), str(f.get("code", "")), text)
            group = groups.setdefault(key, FindingGroup(*key))
            group.count += 1
            if who and len(group.ids) < EXAMPLES:
                group.ids.append(str(who))
        order = {"error": 0, "warning": 1, "info": 2}
        return sorted(groups.values(), key=lambda g: (order.get(g.severity, 3), -g.count))

    def group_line(self, group: FindingGroup) -> str:
        """"88 pegawai: syarat … tidak dapat diuji: Gol/Ruang Atasan kosong"."""
        if not group.ids:
            return group.text if group.count == 1 else \
                t("vocab.times", self.lang, n=number(group.count, self.lang), text=group.text)
        return t("vocab.people", self.lang, n=number(group.count, self.lang), text=group.text)
