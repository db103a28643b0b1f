"""report.html: the result document as one self-contained page a person can read and print.

Everything the page needs is inside it (CSS, SVG charts), and a Content-Security-Policy meta tag
forbids the browser from fetching anything or running scripts, so the report can be opened
offline, archived and mailed without leaking who looked at it. Names come from spreadsheets, so
the template autoescapes every value. No timestamp is written: the same result gives the same
bytes, which lets the report itself sit in SHA256SUMS.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from markupsafe import Markup

from asn_merit.reports import charts, large_run, numbers, selection_view
from asn_merit.reports.columns_view import columns_rows, headings
from asn_merit.reports.dates import long_date
from asn_merit.reports.fairness_view import audit_view, text_in
from asn_merit.reports.i18n import LANGUAGES, t
from asn_merit.reports.overrides_view import override_rows
from asn_merit.reports.templating import render
from asn_merit.reports.vocabulary import Vocabulary

MAX_PEOPLE = 500
"""Rows per list (ranking, explanations, findings); the full lists are in the other outputs."""
REDACT_STRENGTH = {"initials": 1, "hide": 2}
HIDDEN = "•••"
TEMPLATE = "report.html.j2"
_TITLE_PREFIXES = {"dr", "drs", "dra", "drg", "ir", "h", "hj", "prof", "ns", "apt", "kh"}
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def write_score_html(document: dict[str, Any], path: Path, lang: str, *,
                     audit: dict[str, Any] | None = None,
                     footer: dict[str, Any] | None = None,
                     redact: Mapping[str, str] | None = None,
                     table: pd.DataFrame | None = None,
                     people: Sequence[dict[str, Any]] | None = None,
                     vocab: Vocabulary | None = None,
                     columns_used: Sequence[Mapping[str, Any]] = ()) -> None:
    """Write the report for a result document (and optionally its fairness audit) to `path`.

    `footer` may carry run_id, input_sha256 and result_sha256. `redact` maps a field to
    "initials" or "hide": a `show` column of that name is redacted, and any other field is
    taken to be the display name's column, because the result document does not record which
    roster column supplied the name; so the name is redacted whenever in doubt.

    A large run (result.json without "people") passes its people `table` for the counts and the
    score chart, and `people`: the traces of the rows the page lists (large_run.html_rows).
    `columns_used`: the manifest's field <- header table, shown under the summary.
    """
    html = render_score_html(document, lang, audit=audit, footer=footer, redact=redact,
                             table=table, people=people, vocab=vocab,
                             columns_used=columns_used)
    path.write_text(html, encoding="utf-8", newline="\n")


def _failed_gate_counts(failed: pd.Series) -> Counter[str]:
    """How often each gate id appears in the "a, b" lists, in first-seen order (as counting
    the document's lists gives, so ties list the same way), with Arrow kernels."""
    texts = pa.array(failed.dropna().astype("string[pyarrow]"), pa.string())
    rules = pc.list_flatten(pc.split_pattern(texts, ", "))
    counted = pc.value_counts(pc.filter(rules, pc.not_equal(rules, ""))).to_pylist()
    return Counter({c["values"]: c["counts"] for c in counted})


def render_score_html(document: dict[str, Any], lang: str, *,
                      audit: dict[str, Any] | None = None,
                      footer: dict[str, Any] | None = None,
                      redact: Mapping[str, str] | None = None,
                      table: pd.DataFrame | None = None,
                      people: Sequence[dict[str, Any]] | None = None,
                      vocab: Vocabulary | None = None,
                      columns_used: Sequence[Mapping[str, Any]] = ()) -> str:
    """The report as a string; see write_score_html. `vocab` (built from the loaded policy)
    gives the policy's labels and sentences; without it the field ids are shown."""
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    vocab = vocab or Vocabulary(lang, rules=document["rules"])
    people = list(document["people"] if table is None else people or [])
    show_fields = list(people[0]["show"]) if people else []
    masks = _masks(redact or {}, show_fields)
    titles = {r["id"]: text_in(r["title"], lang) for r in document["rules"]}
    by_id = {p["id"]: p for p in people}
    ranked = [p for p in people if p["status"] == "eligible"]
    ineligible = [p for p in people if p["status"] == "ineligible"]
    cut = document["selection"].get("cut_line")
    if table is None:
        ranked_total, ineligible_total = len(ranked), len(ineligible)
        failures = Counter(rule for p in ineligible for rule in p.get("failed", []))
        totals = [float(Decimal(p["total"])) for p in ranked]
        chosen = [bool(p.get("selected")) for p in ranked]
    else:
        status = table["status"]
        ranked_total, ineligible_total = int((status == "eligible").sum()), \
            int((status == "ineligible").sum())
        failures = _failed_gate_counts(table.loc[status == "ineligible", "failed"])
        eligible = table[status == "eligible"]
        totals = pd.to_numeric(eligible["total"]).astype(float).tolist()
        chosen = eligible["selected"].fillna(False).astype(bool).tolist()
    context = {
        "lang": lang,
        "doc": document,
        "as_of": long_date(document["as_of"], lang),
        "show_fields": show_fields,
        "redacted": sorted(vocab.field(f) for f in redact or {}),
        "labels": _labels(vocab, people, show_fields, document),
        "meta": vocab.meta(),
        "ranked": [{**_person(p, titles, masks, vocab),
                    "selection_lines": selection_view.explain_lines(document, p, lang)}
                   for p in ranked[:MAX_PEOPLE]],
        "ranked_total": ranked_total,
        "cut_after": _cut_after(ranked[:MAX_PEOPLE]) if cut else None,
        "selected": [_person(p, titles, masks, vocab) for p in ranked
                     if p.get("selected")][:MAX_PEOPLE],
        "ineligible": [_person(p, titles, masks, vocab) for p in ineligible[:MAX_PEOPLE]],
        "ineligible_total": ineligible_total,
        "not_evaluated": [_person(p, titles, masks, vocab) for p in people
                          if p["status"] == "not_evaluated"][:MAX_PEOPLE],
        "gate_failures": [(titles.get(rule, rule), n) for rule, n in failures.most_common()],
        "histogram": _histogram(totals, chosen,
                                cut if selection_view.mode(document) == "quota" else None, lang),
        "selection": _selection(document, ranked, lang,
                                lambda p: _person(p, titles, masks, vocab)),
        "large_note": large_run.note(document, lang, html=True),
        "rules": [{"weight": None, **r, "title": titles[r["id"]]} for r in document["rules"]],
        "ranking_keys": _ranking_keys(document.get("ranking") or {}),
        "finding_groups": vocab.group_findings(document["findings"], by_id),
        "audit": (audit_view(audit, lang, titles=titles, detail=False,
                             labels=vocab.fields((audit.get("settings") or {}).get(
                                 "attributes") or document.get("fairness", {}).get(
                                 "attributes") or []))
                  if audit is not None else None),
        "footer": {"run_id": None, "input_sha256": None, "result_sha256": None,
                   "ledger_head": None, **(footer or {})},
        "cut_lines": _cut_lines(document["selection"], vocab),
        "overrides": override_rows(document, lang),
        "number": _section_numbers(audit is not None, bool(document.get("overrides"))),
        "columns_used": {"headings": headings(lang), "rows": columns_rows(columns_used, lang)}
        if columns_used else None,
    }
    return render(TEMPLATE, context, lang)


def _selection(document: dict[str, Any], ranked: list[dict[str, Any]], lang: str,
               shown: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    """What the summary shows of the selection, as the policy defines it; `shown` redacts a
    person listed in a group's table."""
    how = selection_view.mode(document)
    groups = selection_view.html_groups(document, ranked, lang) if how == "per_group" else []
    for group in groups:
        group["people"] = [shown(p) for p in group["people"]]
    return {"mode": how, "word": selection_view.selected_word(document, lang),
            "noun": selection_view.group_noun(document, lang),
            "lines": selection_view.summary_lines(document, lang),
            "places": sum(int(g["quota"] or 0) for g in selection_view.groups(document)),
            "groups": groups,
            "categories": selection_view.html_categories(document, ranked, lang)}


def _section_numbers(with_audit: bool, with_overrides: bool = False) -> dict[str, int]:
    """Section id → number; the fairness section exists only when an audit was given, the
    overrides section only when the run has manual overrides. The explanations come last, as
    the appendix of the signed report."""
    ids = ["summary", "ranking", *(["overrides"] if with_overrides else []),
           *(["fairness"] if with_audit else []),
           "findings", "rules", "verification", "explanations"]
    return {id_: n for n, id_ in enumerate(ids, start=1)}


def _cut_lines(selection: Mapping[str, Any], vocab: Vocabulary) -> list[tuple[str, Any]]:
    """(group, cut line) rows for the first page: one per selection group when the quota is
    set per group, else one for everyone eligible."""
    groups = selection.get("groups")
    if isinstance(groups, Mapping) and groups:
        return [(str(name), (facts or {}).get("cut_line"))
                for name, facts in sorted(groups.items())]
    return [(t("cover.all", vocab.lang), selection.get("cut_line"))]


def initials(name: str) -> str:
    """ "Komang Purba" → "K. P."; academic and religious titles are dropped ("dr. Ridwan
    Irawan, M.A.P." → "R. I."), since they would identify as much as the name does."""
    words = name.split(",")[0].split()
    letters = [next((c for c in w if c.isalpha()), "") for w in words
               if w.rstrip(".").lower() not in _TITLE_PREFIXES]
    return " ".join(f"{c.upper()}." for c in letters if c) or HIDDEN


def _masks(redact: Mapping[str, str], show_fields: list[str]) -> dict[str | None, str]:
    """Field → strongest mode; key None stands for the display name."""
    out: dict[str | None, str] = {}
    for field, mode in redact.items():
        if mode not in REDACT_STRENGTH:
            raise ValueError(f"unknown redaction {mode!r} for {field!r}: use initials or hide")
        key = field if field in show_fields else None
        if key not in out or REDACT_STRENGTH[mode] > REDACT_STRENGTH[out[key]]:
            out[key] = mode
    return out


def _mask(value: str | None, mode: str | None) -> str:
    if value is None or mode is None:
        return value or ""
    return initials(value) if mode == "initials" else HIDDEN


def _anchor(person_id: str | None) -> str:
    return "p-" + _ANCHOR_UNSAFE.sub("_", person_id or "")


def _labels(vocab: Vocabulary, people: Sequence[dict[str, Any]], show_fields: list[str],
            document: dict[str, Any]) -> dict[str, str]:
    """Field id → the policy's label, for every field a table or trace of this report names."""
    names = set(show_fields)
    for p in people[:MAX_PEOPLE]:
        names.update(p.get("derived") or {})
        if p.get("decided_by"):
            names.add(p["decided_by"])
    names.update(k.get("field") for k in (document.get("ranking") or {}).get("keys") or [])
    return {n: vocab.field(n) for n in names if n}


def _person(p: dict[str, Any], titles: dict[str, str],
            masks: dict[str | None, str], vocab: Vocabulary) -> dict[str, Any]:
    """One person's trace with rule titles resolved, gate tests and methods in words and
    personal fields redacted."""
    return {
        "derived": {},
        "excluded_because": [],
        **p,
        "anchor": _anchor(p["id"]),
        "name": _mask(p.get("display"), masks.get(None)),
        "show": {k: _mask(v, masks.get(k)) for k, v in p["show"].items()},
        "gates": [{"missing": [], "note": None, **g, "title": titles.get(g["rule"], g["rule"]),
                   "sentence": vocab.gate_test(g),
                   "missing_labels": [vocab.field(f) for f in g.get("missing") or []]}
                  for g in p.get("gates", [])],
        "failed": p.get("failed", []),
        "failed_titles": [titles.get(r, r) for r in p.get("failed", [])],
        "points": [{**line, "rounding": numbers.in_text(line["rounding"], vocab.lang)
                    if line.get("rounding") else None,
                    "title": titles.get(line["rule"], line["rule"]),
                    "method_text": vocab.method(line.get("method")),
                    "inputs_text": vocab.inputs(line.get("inputs") or {})}
                   for line in p.get("points", [])],
    }


def _ranking_keys(ranking: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The order and tie-breakers, each flagged when it stands in for a protected attribute."""
    proxies = set(ranking.get("proxy_fields") or [])
    return [{"field": k.get("field"), "direction": k.get("direction"), "note": k.get("note"),
             "proxy": k.get("field") in proxies} for k in ranking.get("keys") or []]


def _cut_after(ranked: list[dict[str, Any]]) -> int | None:
    """Rank after which the cut line is drawn, when the selected people are exactly the top."""
    chosen = [p["rank"] for p in ranked if p.get("selected")]
    if not chosen or chosen != list(range(1, len(chosen) + 1)) or len(chosen) == len(ranked):
        return None
    return chosen[-1]


def _histogram(totals: list[float], selected: list[bool], cut: str | None,
               lang: str) -> Markup | None:
    if not totals:
        return None
    cut_value = float(Decimal(cut)) if cut else None
    return Markup(charts.score_histogram(totals, selected, cut_value, lang, "chart-scores"))
