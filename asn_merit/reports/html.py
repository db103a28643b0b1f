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
from collections.abc import Mapping
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from asn_merit.reports import charts
from asn_merit.reports.dates import long_date
from asn_merit.reports.i18n import LANGUAGES, MESSAGES, t

MAX_PEOPLE = 500
"""Rows per list (ranking, explanations, findings); the full lists are in the other outputs."""
FOUR_FIFTHS = 0.8
GATE_STAGE = "gate:"
REDACT_STRENGTH = {"initials": 1, "hide": 2}
HIDDEN = "•••"
TEMPLATE = "report.html.j2"
_TITLE_PREFIXES = {"dr", "drs", "dra", "drg", "ir", "h", "hj", "prof", "ns", "apt", "kh"}
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")

_environment = Environment(
    loader=PackageLoader("asn_merit.reports", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def write_score_html(document: dict[str, Any], path: Path, lang: str, *,
                     audit: dict[str, Any] | None = None,
                     footer: dict[str, Any] | None = None,
                     redact: Mapping[str, str] | None = None) -> None:
    """Write the report for a result document (and optionally its fairness audit) to `path`.

    `footer` may carry run_id, input_sha256 and result_sha256. `redact` maps a field to
    "initials" or "hide": a `show` column of that name is redacted, and any other field is
    taken to be the display name's column, because the result document does not record which
    roster column supplied the name; so the name is redacted whenever in doubt.
    """
    html = render_score_html(document, lang, audit=audit, footer=footer, redact=redact)
    path.write_text(html, encoding="utf-8", newline="\n")


def render_score_html(document: dict[str, Any], lang: str, *,
                      audit: dict[str, Any] | None = None,
                      footer: dict[str, Any] | None = None,
                      redact: Mapping[str, str] | None = None) -> str:
    """The report as a string; see write_score_html."""
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    people = document["people"]
    show_fields = list(people[0]["show"]) if people else []
    masks = _masks(redact or {}, show_fields)
    titles = {r["id"]: _text(r["title"], lang) for r in document["rules"]}
    ranked = [p for p in people if p["status"] == "eligible"]
    ineligible = [p for p in people if p["status"] == "ineligible"]
    cut = document["selection"].get("cut_line")
    context = {
        "lang": lang,
        "doc": document,
        "as_of": long_date(document["as_of"], lang),
        "show_fields": show_fields,
        "redacted": sorted(redact or {}),
        "ranked": [_person(p, titles, masks) for p in ranked[:MAX_PEOPLE]],
        "ranked_total": len(ranked),
        "cut_after": _cut_after(ranked[:MAX_PEOPLE]) if cut else None,
        "selected": [_person(p, titles, masks) for p in ranked if p.get("selected")][:MAX_PEOPLE],
        "ineligible": [_person(p, titles, masks) for p in ineligible[:MAX_PEOPLE]],
        "ineligible_total": len(ineligible),
        "not_evaluated": [_person(p, titles, masks) for p in people
                          if p["status"] == "not_evaluated"][:MAX_PEOPLE],
        "gate_failures": _gate_failures(ineligible, titles),
        "histogram": _histogram(ranked, cut, lang),
        "rules": [{"weight": None, **r, "title": titles[r["id"]]} for r in document["rules"]],
        "ranking_keys": _ranking_keys(document.get("ranking") or {}),
        "findings": [{"employee_id": None, "column": None, "value": None, **f}
                     for f in document["findings"][:MAX_PEOPLE]],
        "audit": _audit(audit, titles, lang) if audit is not None else None,
        "footer": {"run_id": None, "input_sha256": None, "result_sha256": None, **(footer or {})},
        "number": _section_numbers(audit is not None),
    }
    template = _environment.get_template(TEMPLATE)
    return template.render(context, t=partial(_t, lang=lang), tm=partial(_markup_t, lang=lang),
                           label=partial(_label, lang=lang), code=_code)


def _section_numbers(with_audit: bool) -> dict[str, int]:
    """Section id → number; the fairness section exists only when an audit was given."""
    ids = ["summary", "ranking", "explanations", *(["fairness"] if with_audit else []),
           "findings", "rules", "verification"]
    return {id_: n for n, id_ in enumerate(ids, start=1)}


def _code(text: str) -> Markup:
    return Markup("<code>{}</code>").format(text)


def _t(message: str, /, lang: str, **values: object) -> str:
    """i18n.t, but a placeholder may be called "key" (explain.decided_by has one)."""
    return t(message, lang).format(**values) if values else t(message, lang)


def _markup_t(message: str, /, lang: str, **values: object) -> Markup:
    """A message whose placeholders take markup (e.g. <code>); the message text is escaped."""
    return Markup(escape(t(message, lang))).format(**values)


def _label(prefix: str, value: str | None, lang: str) -> str:
    """The translation of an enumerated value (status, kind, stage), or the value itself."""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in MESSAGES else str(value if value is not None else "-")


def _text(value: Any, lang: str) -> str:
    """A bilingual {"id", "en"} value in `lang`; a plain string as it is."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("id") or value.get("en") or "")
    return "" if value is None else str(value)


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


def _person(p: dict[str, Any], titles: dict[str, str],
            masks: dict[str | None, str]) -> dict[str, Any]:
    """One person's trace with rule titles resolved and personal fields redacted."""
    return {
        "derived": {},
        "excluded_because": [],
        **p,
        "anchor": _anchor(p["id"]),
        "name": _mask(p.get("display"), masks.get(None)),
        "show": {k: _mask(v, masks.get(k)) for k, v in p["show"].items()},
        "gates": [{"missing": [], "note": None, **g, "title": titles.get(g["rule"], g["rule"])}
                  for g in p.get("gates", [])],
        "failed": p.get("failed", []),
        "failed_titles": [titles.get(r, r) for r in p.get("failed", [])],
        "points": [{"rounding": None, **line, "title": titles.get(line["rule"], line["rule"])}
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


def _gate_failures(ineligible: list[dict[str, Any]],
                   titles: dict[str, str]) -> list[tuple[str, int]]:
    counts = Counter(rule for p in ineligible for rule in p.get("failed", []))
    return [(titles.get(rule, rule), n) for rule, n in counts.most_common()]


def _histogram(ranked: list[dict[str, Any]], cut: str | None, lang: str) -> Markup | None:
    if not ranked:
        return None
    totals = [float(Decimal(p["total"])) for p in ranked]
    selected = [bool(p.get("selected")) for p in ranked]
    cut_value = float(Decimal(cut)) if cut else None
    return Markup(charts.score_histogram(totals, selected, cut_value, lang, "chart-scores"))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _fixed(value: float | None, places: int) -> str:
    return "–" if value is None else f"{value:.{places}f}"


def _p_value(value: float | None) -> str:
    if value is None:
        return "–"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def _ci(group: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """Confidence bounds from rate_ci: [low, high] or from rate_ci_low / rate_ci_high."""
    pair = group.get("rate_ci")
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return _number(pair[0]), _number(pair[1])
    return _number(group.get("rate_ci_low")), _number(group.get("rate_ci_high"))


def _audit(audit: Mapping[str, Any], titles: dict[str, str], lang: str) -> dict[str, Any]:
    """The audit grouped by attribute: decision stages with a chart each, then the per-gate
    stages as tables only (one chart per gate and attribute would bury the decisions)."""
    attributes: dict[str, dict[str, Any]] = {}
    overview = []
    confidence = _number((audit.get("settings") or {}).get("confidence"))
    for index, block in enumerate(audit.get("attributes") or []):
        name = _text(block.get("label") or block.get("attribute"), lang)
        entry = attributes.setdefault(name, {"name": name, "blocks": [], "gate_blocks": []})
        per_gate = str(block.get("stage") or "").startswith(GATE_STAGE)
        view = _audit_block(block, name, None if per_gate else f"chart-fair-{index}", titles,
                            lang)
        entry["gate_blocks" if per_gate else "blocks"].append(view)
        if not per_gate:
            overview.append(view)
    summary = audit.get("summary") or {}
    return {
        "attributes": list(attributes.values()),
        "overview": overview,
        "findings": summary.get("findings"),
        "watch": summary.get("watch"),
        "confidence": None if confidence is None else f"{confidence:.0%}",
        "method": [str(m) for m in audit.get("method") or []],
    }


def _audit_block(block: Mapping[str, Any], attribute: str, chart_id: str | None,
                 titles: dict[str, str], lang: str) -> dict[str, Any]:
    """One attribute at one stage: table rows, and the rate chart when `chart_id` is given."""
    reference = block.get("reference")
    points = []
    rows = []
    for g in block.get("groups") or []:
        low, high = _ci(g)
        status = str(g.get("status") or ("suppressed" if g.get("suppressed") else ""))
        withheld = bool(g.get("suppressed")) or _number(g.get("rate")) is None
        point = charts.RatePoint(group=str(g.get("group")), n=g.get("n"),
                                 rate=None if withheld else _number(g.get("rate")),
                                 low=low, high=high, status=status)
        points.append(point)
        adverse = g.get("four_fifths_adverse")
        rows.append({
            "group": point.group,
            "n": "–" if point.n is None else point.n,
            "selected": "–" if g.get("selected") is None else g["selected"],
            "rate": _percent(point.rate),
            "ci": "–" if withheld or low is None or high is None
                  else f"{_percent(low)} – {_percent(high)}",
            "impact_ratio": _fixed(_number(g.get("impact_ratio")), 2),
            "four_fifths": None if adverse is None else bool(adverse),
            "z": _fixed(_number(g.get("z")), 2),
            "fisher_p": _p_value(_number(g.get("fisher_p_two_sided"))),
            "status": status,
            "is_reference": g.get("is_reference", point.group == reference),
        })
    stage = str(block.get("stage") or "")
    stage_label = (t("fair.stage_gate", lang, title=titles.get(stage[len(GATE_STAGE):],
                                                                  stage[len(GATE_STAGE):]))
                   if stage.startswith(GATE_STAGE) else _label("fair.stage", stage, lang))
    chart = None
    if chart_id and points:
        reference_rate = next((p.rate for p in points if p.group == reference), None)
        title = t("fair.block", lang, attribute=attribute, stage=stage_label)
        chart = Markup(charts.selection_rates(points, reference_rate, FOUR_FIFTHS, lang,
                                              chart_id, title))
    return {
        "attribute": attribute,
        "stage": stage_label,
        # the first stage has no previous one, so its basis would only confuse
        "basis": (_label("fair.basis", block["basis"], lang)
                  if block.get("basis") and (block.get("stage_index") or 2) > 1 else None),
        "reference": reference,
        "population": block.get("population"),
        "unknown": block.get("unknown"),
        "status": block.get("status"),
        "worst_group": block.get("worst_group"),
        "worst_impact_ratio": _fixed(_number(block.get("worst_impact_ratio")), 2),
        "rows": rows,
        "chart": chart,
    }
