"""audit.html: a fairness audit as one self-contained page for the people who must act on it.

The same guarantees as report.html: CSS and SVG charts inline, a Content-Security-Policy that
forbids any fetch or script, every value autoescaped (group names come from spreadsheets), and
no timestamp, so the same audit.json gives the same bytes and the page can sit in SHA256SUMS.
It works for the audit of a run (policy, process checks, per-gate stages) and for a decisions
file (stages are the outcome columns, no policy); whatever a block lacks is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from asn_merit.reports.dates import long_date
from asn_merit.reports.fairness_view import audit_view, text_in
from asn_merit.reports.i18n import LANGUAGES
from asn_merit.reports.overrides_view import overrides_by_group
from asn_merit.reports.templating import render

TEMPLATE = "audit.html.j2"
FOOTER_KEYS = ("run_id", "source_run_id", "input_sha256", "audit_sha256")


def write_audit_html(audit: Mapping[str, Any], path: Path, lang: str, *,
                     footer: Mapping[str, Any] | None = None,
                     rule_titles: Mapping[str, Any] | None = None) -> None:
    """Write the audit page to `path`.

    `footer` may carry run_id (this audit), source_run_id (the scored run it audits),
    input_sha256 (result.json or the decisions file) and audit_sha256 (audit.json).
    `rule_titles` maps a gate's rule id to its title ({"id", "en"} or text), so a per-gate
    stage reads as the gate's name rather than its id; a result document's rules give it.
    """
    html = render_audit_html(audit, lang, footer=footer, rule_titles=rule_titles)
    path.write_text(html, encoding="utf-8", newline="\n")


def render_audit_html(audit: Mapping[str, Any], lang: str, *,
                      footer: Mapping[str, Any] | None = None,
                      rule_titles: Mapping[str, Any] | None = None) -> str:
    """The audit page as a string; see write_audit_html."""
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    titles = {rule: text_in(title, lang) for rule, title in (rule_titles or {}).items()}
    fair = audit_view(audit, lang, titles=titles, detail=True)
    run = audit.get("run")
    overrides = overrides_by_group(dict(audit), lang)
    sections = ["summary", "attributes", *(["scores"] if fair["scores"] else []),
                *(["process"] if fair["process"] else []),
                *(["overrides"] if overrides else []), "method", "verification"]
    context = {
        "fair": fair,
        "overrides": overrides,
        "rows": audit.get("rows", "–"),
        "tables": len(audit.get("attributes") or []) + len(audit.get("scores") or []),
        "run": ({"policy": {"id": None, "version": None, "canonical_sha256": None,
                            **(run.get("policy") or {})},
                 "as_of": long_date(run["as_of"], lang) if run.get("as_of") else "–"}
                if run else None),
        "footer": {key: None for key in FOOTER_KEYS} | dict(footer or {}),
        "number": {id_: n for n, id_ in enumerate(sections, start=1)},
    }
    return render(TEMPLATE, context, lang)
