"""The fairness audit (audit.json) arranged for reading, shared by report.html and audit.html.

audit.json is written for machines: every block flat, numbers unrounded, statuses as codes.
This module turns it into what a page shows: blocks grouped by attribute, decision stages apart
from the per-gate stages, numbers formatted once, charts drawn, process checks and method
notes put into words in the report's language. Keys the audit does not (yet) have are read
with .get, so an older audit.json or a decisions-file audit (no process, no run) still renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from asn_merit.reports import charts, numbers
from asn_merit.reports.i18n import MESSAGES, t

FOUR_FIFTHS = 0.8
GATE_STAGE = "gate:"
DASH = "–"
PROCESS_SEVERITY = {
    "selected_but_failed_gate": "finding",
    "rank_inversions": "finding",
    "at_cut_line": "info",
    "cut_line_decided_by_tie_breaker": "watch",
    "missing_data": "watch",
    "proxy_fields_in_ranking": "watch",
    "protected_use": "watch",
}
"""Status of a process check whose value is not zero (or empty), in the order they are shown;
checks the audit adds later come after them, as information."""
PROCESS_PERCENT = frozenset({"missing_data_rate"})
STATUS_ORDER = ("finding", "watch")


def label(prefix: str, value: object, lang: str) -> str:
    """The translation of an enumerated value (status, kind, stage), or the value itself."""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in MESSAGES else str(value if value is not None else "-")


def text_in(value: Any, lang: str) -> str:
    """A bilingual {"id", "en"} value in `lang`; a plain string as it is."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("id") or value.get("en") or "")
    return "" if value is None else str(value)


def attribute_name(block: Mapping[str, Any], lang: str,
                   labels: Mapping[str, str] | None = None) -> str:
    """An audited attribute as the reader knows it: the block's own label, else the policy's
    column label ("Jenis Kelamin", intersections joined with ×), else the field id."""
    if block.get("label"):
        return text_in(block["label"], lang)
    name = str(block.get("attribute") or "")
    if not labels:
        return name
    return " × ".join(labels.get(part, part) for part in name.split(" x "))


def number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def percent(value: float | None, lang: str = "en") -> str:
    return DASH if value is None else numbers.number(f"{value * 100:.1f}", lang) + "%"


def fixed(value: float | None, places: int, lang: str = "en") -> str:
    return DASH if value is None else numbers.number(f"{value:.{places}f}", lang)


def p_value(value: float | None, lang: str = "en") -> str:
    if value is None:
        return DASH
    return ("< " + numbers.number("0.001", lang)) if value < 0.001 \
        else numbers.number(f"{value:.3f}", lang)


def _pair(low: Any, high: Any, fmt: Any) -> str:
    low, high = number(low), number(high)
    return DASH if low is None or high is None else f"{fmt(low)} – {fmt(high)}"


def _rate_ci(group: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """Confidence bounds from rate_ci: [low, high] or from rate_ci_low / rate_ci_high."""
    pair = group.get("rate_ci")
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return number(pair[0]), number(pair[1])
    return number(group.get("rate_ci_low")), number(group.get("rate_ci_high"))


def stage_label(stage: str, titles: Mapping[str, str], lang: str) -> str:
    """"eligible" → "memenuhi syarat"; "gate:x" → passed gate "title of x"; a file's column
    name as it is."""
    if stage.startswith(GATE_STAGE):
        rule = stage[len(GATE_STAGE):]
        return t("fair.stage_gate", lang, title=titles.get(rule, rule))
    return label("fair.stage", stage, lang)


def audit_view(audit: Mapping[str, Any], lang: str, *, titles: Mapping[str, str],
               detail: bool, labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The audit grouped by attribute: decision stages with a chart each, then the per-gate
    stages as tables only (one chart per gate and attribute would bury the decisions).

    `detail` adds what only audit.html shows: the stage funnel per attribute, the score
    blocks, the process checks, the list of findings and watch items, and the settings.
    """
    attributes: dict[str, dict[str, Any]] = {}
    overview = []
    flagged = []
    settings = audit.get("settings") or {}
    confidence = number(settings.get("confidence"))
    for index, block in enumerate(audit.get("attributes") or []):
        name = attribute_name(block, lang, labels)
        entry = attributes.setdefault(name, {"name": name, "anchor": f"attr-{len(attributes)}",
                                             "blocks": [], "gate_blocks": [], "funnel": None})
        per_gate = str(block.get("stage") or "").startswith(GATE_STAGE)
        shown = _block(block, name, None if per_gate else f"chart-fair-{index}", titles, lang)
        entry["gate_blocks" if per_gate else "blocks"].append(shown)
        if not per_gate:
            overview.append(shown)
        flagged += [{**row, "attribute": name, "stage": shown["stage"], "basis": shown["basis"],
                     "anchor": entry["anchor"]}
                    for row in shown["rows"] if row["status"] in STATUS_ORDER]
    summary = audit.get("summary") or {}
    view: dict[str, Any] = {
        "attributes": list(attributes.values()),
        "overview": overview,
        "findings": summary.get("findings"),
        "watch": summary.get("watch"),
        "confidence": None if confidence is None else f"{confidence:.0%}",
        "method": [str(m) for m in audit.get("method") or []],
        "notes": method_notes(settings, lang),
    }
    if detail:
        for index, entry in enumerate(view["attributes"]):
            entry["funnel"] = _funnel(entry["name"], audit, lang, f"chart-funnel-{index}",
                                      labels)
        view["scores"] = [_score_block(b, i, lang, labels)
                          for i, b in enumerate(audit.get("scores") or [])]
        flagged += _score_flagged(view["scores"], attributes)
        view["flagged"] = {status: [r for r in flagged if r["status"] == status]
                           for status in STATUS_ORDER}
        view["process"] = _process(audit["process"], lang) if audit.get("process") else None
        view["settings"] = [(key, _setting(value)) for key, value in settings.items()]
        view["stages"] = [stage_label(str(s), titles, lang) for s in audit.get("outcomes") or []
                          if not str(s).startswith(GATE_STAGE)]
        view["gate_stages"] = [stage_label(str(s), titles, lang)
                               for s in audit.get("outcomes") or []
                               if str(s).startswith(GATE_STAGE)]
    return view


def _group_row(g: Mapping[str, Any], reference: Any, lang: str) -> dict[str, Any]:
    low, high = _rate_ci(g)
    withheld = bool(g.get("suppressed")) or number(g.get("rate")) is None
    adverse = g.get("four_fifths_adverse")
    evidence = g.get("evidence_id") if lang == "id" else g.get("evidence")
    return {
        "group": str(g.get("group")),
        "n": DASH if g.get("n") is None else g["n"],
        "share": percent(number(g.get("share")), lang=lang),
        "selected": DASH if g.get("selected") is None else g["selected"],
        "rate": DASH if withheld else percent(number(g.get("rate")), lang=lang),
        "ci": DASH if withheld else _pair(low, high, lambda v: percent(v, lang)),
        "impact_ratio": fixed(number(g.get("impact_ratio")), 2, lang=lang),
        "ir_ci": _pair(g.get("impact_ratio_ci_low"), g.get("impact_ratio_ci_high"),
                       lambda v: fixed(v, 2, lang)),
        "four_fifths": None if adverse is None else bool(adverse),
        "z": fixed(number(g.get("z")), 2, lang=lang),
        "fisher_p": p_value(number(g.get("fisher_p_two_sided")), lang=lang),
        "holm_p": p_value(number(g.get("fisher_p_holm")), lang=lang),
        "shortfall": fixed(number(g.get("shortfall")), 1, lang=lang),
        "status": str(g.get("status") or ("suppressed" if g.get("suppressed") else "")),
        "is_reference": g.get("is_reference", g.get("group") == reference),
        "evidence": None if g.get("is_reference") or not evidence
        else evidence_text(str(evidence), lang),
        "point": charts.RatePoint(group=str(g.get("group")), n=g.get("n"),
                                  rate=None if withheld else number(g.get("rate")),
                                  low=low, high=high, status=str(g.get("status") or "")),
    }


def _extra_rows(block: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """The unknown category and empty groups, shown under the groups but never judged."""
    rows = []
    unknown = block.get("unknown") or 0
    if unknown:
        chosen = block.get("unknown_selected")
        rows.append({**_group_row({}, None, lang), "group": t("fair.unknown_group", lang),
                     "n": unknown, "selected": DASH if chosen is None else chosen,
                     "rate": DASH if chosen is None else percent(chosen / unknown, lang=lang),
                     "status": "unknown", "is_reference": False})
    rows += [{**_group_row({}, None, lang), "group": str(name), "n": 0, "status": "empty",
              "is_reference": False} for name in block.get("empty_groups") or []]
    return rows


def _block(block: Mapping[str, Any], attribute: str, chart_id: str | None,
           titles: Mapping[str, str], lang: str) -> dict[str, Any]:
    """One attribute at one stage: table rows, and the rate chart when `chart_id` is given."""
    reference = block.get("reference")
    rows = [_group_row(g, reference, lang) for g in block.get("groups") or []]
    stage = stage_label(str(block.get("stage") or ""), titles, lang)
    chart = None
    points = [r["point"] for r in rows]
    if chart_id and points:
        reference_rate = next((p.rate for p in points if p.group == reference), None)
        title = t("fair.block", lang, attribute=attribute, stage=stage)
        chart = Markup(charts.selection_rates(points, reference_rate, FOUR_FIFTHS, lang,
                                              chart_id, title))
    counts = block.get("counts") or {}
    return {
        "attribute": attribute,
        "stage": stage,
        # the first stage has no previous one, so its basis would only confuse
        "basis": (label("fair.basis", block["basis"], lang)
                  if block.get("basis") and (block.get("stage_index") or 2) > 1 else None),
        "reference": reference,
        "population": block.get("population"),
        "unknown": block.get("unknown"),
        "overall_rate": percent(number(block.get("overall_rate")), lang=lang),
        "status": block.get("status"),
        "findings": counts.get("findings"),
        "watch": counts.get("watch"),
        "worst_group": block.get("worst_group"),
        "worst_impact_ratio": fixed(number(block.get("worst_impact_ratio")), 2, lang=lang),
        "rows": rows + _extra_rows(block, lang),
        "cmh": _cmh(block.get("cmh"), lang),
        "chart": chart,
    }


def _cmh(cmh: Mapping[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """Stratified comparison of each group with the reference, when the audit has strata."""
    if not cmh:
        return None
    return {
        "strata": cmh.get("strata"),
        "reference": cmh.get("reference"),
        "rows": [{"group": g.get("group"), "strata_used": g.get("strata_used", DASH),
                  "odds_ratio": fixed(number(g.get("common_odds_ratio")), 2, lang=lang),
                  "crude_odds_ratio": fixed(number(g.get("crude_odds_ratio")), 2, lang=lang),
                  "p": p_value(number(g.get("p")), lang=lang),
                  "breslow_day_p": p_value(number(g.get("breslow_day_p")), lang=lang),
                  "heterogeneous": g.get("heterogeneous"), "simpson": g.get("simpson"),
                  "warning": g.get("warning") or None}
                 for g in cmh.get("groups") or []],
    }


def _funnel(attribute: str, audit: Mapping[str, Any], lang: str,
            chart_id: str, labels: Mapping[str, str] | None = None) -> Markup | None:
    """Stage funnel for an attribute audited at two or more decision stages, else None.

    Stage 1 is read from its (only) block; later stages from their cumulative blocks, whose
    rates are shares of all the group's rows, so the bars of one group can be compared.
    """
    steps = sorted((b for b in audit.get("attributes") or []
                    if attribute_name(b, lang, labels) == attribute
                    and not str(b.get("stage") or "").startswith(GATE_STAGE)
                    and ((b.get("stage_index") or 1) == 1 or b.get("basis") == "cumulative")),
                   key=lambda b: b.get("stage_index") or 1)
    if len(steps) < 2:
        return None
    stage_names = [stage_label(str(b.get("stage")), {}, lang) for b in steps]
    by_stage = [{str(g.get("group")): g for g in b.get("groups") or []} for b in steps]
    groups = []
    for g in steps[0].get("groups") or []:
        name = str(g.get("group"))
        rates = tuple(None if (s.get(name) or {}).get("suppressed")
                      else number((s.get(name) or {}).get("rate")) for s in by_stage)
        groups.append(charts.FunnelGroup(group=name, n=g.get("n"), rates=rates))
    title = t("fair.funnel_title", lang, attribute=attribute)
    return Markup(charts.stage_funnel(groups, stage_names, lang, chart_id, title))


def _score_flagged(scores: list[dict[str, Any]], attributes: Mapping[str, Mapping[str, Any]]
                   ) -> list[dict[str, Any]]:
    """The score blocks' findings and watch items in the shape of the flagged list, so the
    list holds every item the audit's summary counts (its p is the Mann-Whitney p)."""
    return [{**row, "attribute": block["attribute"], "stage": block["title"], "basis": None,
             "anchor": (attributes.get(block["attribute"]) or {}).get("anchor", "scores"),
             "fisher_p": row["mann_whitney_p"]}
            for block in scores for row in block["rows"] if row["status"] in STATUS_ORDER]


def _score_block(block: Mapping[str, Any], index: int, lang: str,
                 labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    attribute = attribute_name(block, lang, labels)
    rows, points = [], []
    for g in block.get("groups") or []:
        withheld = bool(g.get("suppressed"))
        status = str(g.get("status") or "")
        evidence = g.get("evidence_id") if lang == "id" else g.get("evidence")
        rows.append({
            "group": str(g.get("group")),
            "n": DASH if g.get("n") is None else g["n"],
            "mean": fixed(None if withheld else number(g.get("mean")), 2, lang=lang),
            "median": fixed(None if withheld else number(g.get("median")), 2, lang=lang),
            "sd": fixed(None if withheld else number(g.get("sd")), 2, lang=lang),
            "rate": percent(None if withheld else number(g.get("rate")), lang=lang),
            "impact_ratio": fixed(number(g.get("impact_ratio")), 2, lang=lang),
            "mann_whitney_p": p_value(number(g.get("mann_whitney_p")), lang=lang),
            "cohens_d": fixed(number(g.get("cohens_d")), 2, lang=lang),
            "status": status,
            "is_reference": bool(g.get("is_reference")),
            "evidence": None if g.get("is_reference") or not evidence
        else evidence_text(str(evidence), lang),
        })
        points.append(charts.ScorePoint(
            group=str(g.get("group")), n=g.get("n"),
            mean=None if withheld else number(g.get("mean")),
            sd=None if withheld else number(g.get("sd")),
            median=None if withheld else number(g.get("median")), status=status))
    score = str(block.get("score") or "")
    median = number(block.get("median"))
    title = t("fair.score_title", lang, attribute=attribute, score=score)
    chart = (Markup(charts.score_summary(points, median, lang, f"chart-score-{index}", title))
             if points else None)
    return {"attribute": attribute, "score": score, "median": fixed(median, 2, lang=lang),
            "scored": block.get("scored"), "unknown": block.get("unknown"),
            "reference": block.get("reference"), "status": block.get("status"),
            "rows": rows, "chart": chart, "title": title}


def _process(process: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Process checks as sentences with a status, then their breakdown by attribute."""
    checks = []
    order = list(PROCESS_SEVERITY)
    for key in sorted((k for k in process if k != "by_attribute"),
                      key=lambda k: order.index(k) if k in order else len(order)):
        value = process[key]
        if key == "protected_use":
            status = "clear" if value == "forbid" else "watch"
            shown = label("process.protected_use", value, lang)
        else:
            empty = not value if isinstance(value, list | dict | str) else value == 0
            status = "clear" if empty else PROCESS_SEVERITY.get(key, "info")
            shown = ", ".join(map(str, value)) if isinstance(value, list) else _setting(value)
            shown = shown or DASH
        checks.append({"name": label("process", key, lang), "value": shown, "status": status,
                       "help": t(f"process.{key}.help", lang)
                       if f"process.{key}.help" in MESSAGES else ""})
    tables = [_process_table(name, parts, lang)
              for name, parts in (process.get("by_attribute") or {}).items()]
    keys = list(dict.fromkeys(k for table in tables for k in table["keys"]))
    for table in tables:  # one column set for all attributes, so they share one table
        table["rows"] = [(group, [values[table["keys"].index(k)] if k in table["keys"] else DASH
                                  for k in keys]) for group, values in table["rows"]]
    return {"checks": checks, "columns": [label("process", k, lang) for k in keys],
            "by_attribute": tables}


def _process_table(attribute: str, parts: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """One attribute's process checks per group: group rows, one column per check."""
    keys = sorted((k for k in parts if isinstance(parts[k], Mapping)),
                  key=lambda k: (k not in PROCESS_PERCENT, k))
    groups: list[str] = []
    for key in keys:
        groups += [str(g) for g in parts[key] if str(g) not in groups]
    rows = [[percent(number(parts[k].get(g)), lang=lang) if k in PROCESS_PERCENT
             else parts[k].get(g, 0) for k in keys] for g in groups]
    return {"attribute": attribute, "keys": keys,
            "rows": list(zip(groups, rows, strict=True))}


def _setting(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(repr(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k} = {v}" for k, v in value.items()) or DASH
    return str(value)


def method_notes(settings: Mapping[str, Any], lang: str) -> list[str]:
    """How the audit decided, in the report's language, with the thresholds it used."""
    confidence = number(settings.get("confidence")) or 0.95
    share = number(settings.get("reference_min_share")) or 0.0
    values = {
        "min_n": settings.get("min_group_size", 10),
        "share": f"{share * 100:g}%",
        "alpha": f"{number(settings.get('alpha')) or 0.05:g}",
        "sd": f"{number(settings.get('sd_threshold')) or 2.0:g}",
        "small_n": settings.get("small_sample_n", 30),
        "small_expected": f"{number(settings.get('small_sample_expected')) or 5.0:g}",
        "confidence": f"{confidence:.0%}",
    }
    keys = ["method.stages", "method.unknown", "method.reference", "method.suppressed",
            "method.not_judged", "method.intervals", "method.four_fifths",
            "method.holm" if settings.get("significance") == "holm" else "method.significance",
            "method.status", "method.scores", "method.strata", "method.origin"]
    return [t(key, lang, **values) for key in keys]


_SOURCES = "(UGESP Q&A 12, LL144 §5-301(d))"


def evidence_text(text: str, lang: str) -> str:
    """A group's evidence as audit.json records it, for a reader: the US sources and the
    "flip-flop" jargon are explained once under Method, not in every row."""
    text = text.replace(_SOURCES, f"({t('fair.see_method', lang)})")
    return numbers.in_text(text.replace("flip-flop: ", ""), lang)

