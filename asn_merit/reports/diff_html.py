"""diff.html: a policy change and its consequences on a roster, as one page for the approver.

The approver signs the change, so the page carries what makes the signature checkable: both
policies' canonical SHA-256, the roster's SHA-256 and the reference date, every changed value
old → new, and the people whose outcome moves with the rule responsible. Same guarantees as
report.html: CSS inline, a Content-Security-Policy forbidding fetches and scripts, every value
autoescaped (names come from spreadsheets), no timestamp, and the policies' `reporting.redact`
applied to names and shown columns (the stronger of the two policies wins).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from asn_merit.reports.dates import long_date
from asn_merit.reports.fairness_view import fixed, label, text_in
from asn_merit.reports.html import MAX_PEOPLE, REDACT_STRENGTH, _mask, _masks
from asn_merit.reports.i18n import LANGUAGES, t
from asn_merit.reports.templating import code, render
from asn_merit.rules.diff import PersonChange, PolicyDiff, RuleChange
from asn_merit.rules.loader import LoadedPolicy

if TYPE_CHECKING:
    from asn_merit.roster.reader import InputFile

TEMPLATE = "diff.html.j2"
FOUR_FIFTHS = 0.8
DASH = "–"
SECTIONS = ("summary", "rules", "eligibility", "selection", "fairness", "approval")
# The reasons rules/diff.py writes; each becomes a translated sentence naming the rule.
_REASONS = (
    (re.compile(r"^now fails (?P<rule>\S+)$"), "diff.why.fails"),
    (re.compile(r"^now passes (?P<rule>\S+)$"), "diff.why.passes"),
    (re.compile(r"^total (?P<a>\S+) -> (?P<b>\S+)$"), "diff.why.total"),
    (re.compile(r"^now outside the population$"), "diff.why.out_of_scope"),
    (re.compile(r"^now inside the population$"), "diff.why.in_scope"),
    (re.compile(r"^(?P<a>[a-z_]+) -> (?P<b>[a-z_]+)$"), "diff.why.status"),
)


def write_diff_html(diff: PolicyDiff, path: Path, lang: str, *, old: LoadedPolicy,
                    new: LoadedPolicy, documents: tuple[Mapping[str, Any], Mapping[str, Any]],
                    roster: InputFile, as_of: date) -> None:
    """Write the page to `path`; see render_diff_html."""
    html = render_diff_html(diff, lang, old=old, new=new, documents=documents, roster=roster,
                            as_of=as_of)
    path.write_text(html, encoding="utf-8", newline="\n")


def render_diff_html(diff: PolicyDiff, lang: str, *, old: LoadedPolicy, new: LoadedPolicy,
                     documents: tuple[Mapping[str, Any], Mapping[str, Any]],
                     roster: InputFile, as_of: date) -> str:
    """The page as a string.

    `documents` are the result documents under the old and the new policy (for each person's
    status, rank and total, and the rule titles); `roster` and `as_of` are the ones both were
    scored with, so the approver can reproduce the figures.
    """
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    titles = {r["id"]: text_in(r["title"], lang) for doc in documents for r in doc["rules"]}
    redact = _strongest(old.policy.reporting.redact, new.policy.reporting.redact)
    people = documents[1]["people"] or documents[0]["people"]
    show_fields = list(people[0]["show"]) if people else []
    masks = _masks(redact, show_fields)
    before = {p["id"]: p for p in documents[0]["people"]}
    after = {p["id"]: p for p in documents[1]["people"]}

    def person_rows(changes: list[PersonChange]) -> list[dict[str, Any]]:
        return [_person(c, before.get(c.id), after.get(c.id), titles, masks, diff.cut_line,
                        lang) for c in changes[:MAX_PEOPLE]]

    context = {
        "old": _policy_view(old, diff.old, lang),
        "new": _policy_view(new, diff.new, lang),
        "roster": {"path": roster.path, "sha256": roster.sha256, "sheet": roster.sheet,
                   "rows": roster.rows_read},
        "as_of": long_date(as_of.isoformat(), lang),
        "as_of_iso": as_of.isoformat(),
        "redacted": sorted(redact),
        "show_fields": show_fields,
        "rules": [_rule(c, old, new, titles) for c in diff.rules],
        "settings": _settings(diff.settings, old, new),
        "counts": [{"key": k, "before": a, "after": b, "delta": b - a}
                   for k, (a, b) in diff.counts.items()],
        "cut_line": {"before": diff.cut_line[0] or DASH, "after": diff.cut_line[1] or DASH},
        "eligibility": person_rows(diff.eligibility),
        "eligibility_total": len(diff.eligibility),
        "selection": person_rows(diff.selection),
        "selection_total": len(diff.selection),
        "max_people": MAX_PEOPLE,
        "fairness": [_ratio_row(k, a, b) for k, (a, b) in diff.fairness.items()],
        "number": {id_: n for n, id_ in enumerate(SECTIONS, start=1)},
    }
    return render(TEMPLATE, context, lang)


def _policy_view(loaded: LoadedPolicy, ref: str, lang: str) -> dict[str, Any]:
    meta = loaded.policy.policy.model_dump(mode="json")
    return {"ref": ref, "id": meta["id"], "title": text_in(meta["title"], lang),
            "sha256": loaded.canonical_sha256}


def _strongest(*redacts: Mapping[str, str]) -> dict[str, str]:
    """Field → the stronger redaction of the two policies, so neither side leaks a name."""
    out: dict[str, str] = {}
    for redact in redacts:
        for field, mode in redact.items():
            if field not in out or REDACT_STRENGTH[mode] > REDACT_STRENGTH[out[field]]:
                out[field] = mode
    return out


def _rule(change: RuleChange, old: LoadedPolicy, new: LoadedPolicy,
          titles: Mapping[str, str]) -> dict[str, Any]:
    """One changed rule with its values old → new: leaf paths for a change, fields otherwise."""
    olds = {r.id: r.model_dump(mode="json") for r in old.policy.rules}
    news = {r.id: r.model_dump(mode="json") for r in new.policy.rules}
    view: dict[str, Any] = {"id": change.rule, "change": change.change, "old_id": None,
                            "title": titles.get(change.rule, ""), "values": []}
    if change.change == "added":
        view["values"] = [(k, DASH, _show(v)) for k, v in _defined(news[change.rule])]
    elif change.change == "removed":
        view["values"] = [(k, _show(v), DASH) for k, v in _defined(olds[change.rule])]
    else:
        after = news[change.rule]
        old_id = change.rule if change.rule in olds else next(
            (a for a in after.get("aliases") or [] if a in olds), change.rule)
        if old_id != change.rule:
            view["change"], view["old_id"] = "renamed", old_id
        before = olds.get(old_id, {})
        view["values"] = [(path, _show(a), _show(b)) for f in change.fields if f != "id"
                          for path, a, b in _leaves(before.get(f), after.get(f), f)]
    return view


def _settings(sections: list[str], old: LoadedPolicy, new: LoadedPolicy
              ) -> list[tuple[str, str, str]]:
    a = old.policy.model_dump(mode="json", exclude={"rules", "policy"})
    b = new.policy.model_dump(mode="json", exclude={"rules", "policy"})
    return [(path, _show(x), _show(y)) for s in sections
            for path, x, y in _leaves(a.get(s), b.get(s), s)]


def _defined(dump: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The fields a rule actually sets (ids and titles are shown in the row's heading)."""
    return [(k, v) for k, v in dump.items()
            if k not in {"id", "title"} and v is not None and v != [] and v != {}]


def _leaves(a: Any, b: Any, path: str) -> list[tuple[str, Any, Any]]:
    """The innermost values that differ, so `when.value: 48 → 42` rather than two whole rules."""
    if a == b:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        keys = [*a, *(k for k in b if k not in a)]
        return [leaf for k in keys for leaf in _leaves(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [leaf for i, (x, y) in enumerate(zip(a, b, strict=True))
                for leaf in _leaves(x, y, f"{path}[{i}]")]
    return [(path, a, b)]


def _show(value: Any) -> str:
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _state(p: Mapping[str, Any] | None, lang: str) -> dict[str, Any]:
    if p is None:
        return {"status": None, "label": t("diff.absent", lang), "rank": None, "total": None,
                "selected": False}
    return {"status": p["status"], "label": label("status", p["status"], lang),
            "rank": p.get("rank"), "total": p.get("total"), "selected": bool(p.get("selected"))}


def _person(change: PersonChange, a: Mapping[str, Any] | None, b: Mapping[str, Any] | None,
            titles: Mapping[str, str], masks: dict[str | None, str],
            cut_line: tuple[str | None, str | None], lang: str) -> dict[str, Any]:
    """One person's before/after and the translated reasons; name and shown columns redacted."""
    show = (b or a or {}).get("show") or {}
    reasons = [_reason(why, titles, lang) for why in change.why]
    if not reasons:  # crossed the cut line without any change of their own
        reasons = [Markup(escape(t("diff.why.displaced", lang,
                                   a=cut_line[0] or DASH, b=cut_line[1] or DASH)))]
    return {"id": change.id, "name": _mask(change.display, masks.get(None)),
            "show": {k: _mask(v, masks.get(k)) for k, v in show.items()},
            "before": _state(a, lang), "after": _state(b, lang), "why": reasons,
            "enters": bool((b or {}).get("selected"))}


def _reason(why: str, titles: Mapping[str, str], lang: str) -> Markup:
    """A reason from rules/diff.py in `lang`; one it does not recognise is shown as written."""
    for pattern, key in _REASONS:
        match = pattern.match(why)
        if match is None:
            continue
        values = match.groupdict()
        if "rule" in values:
            rule = values["rule"]
            return Markup(escape(t(key, lang))).format(rule=code(rule),
                                                       title=titles.get(rule, rule))
        if key == "diff.why.status":
            values = {k: label("status", v, lang) for k, v in values.items()}
        return Markup(escape(t(key, lang))).format(**values)
    return Markup(escape(why))


def _ratio_row(attribute: str, a: float | None, b: float | None) -> dict[str, Any]:
    """Four places, as the ratios are recorded, so a small worsening is not rounded away."""
    delta = None if a is None or b is None else round(b - a, 4)
    return {"attribute": attribute, "before": fixed(a, 4), "after": fixed(b, 4),
            "delta": f"{delta:+.4f}" if delta else "",
            "worse": delta is not None and delta < 0,
            "below": b is not None and b < FOUR_FIFTHS}
