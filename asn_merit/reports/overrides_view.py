"""Manual overrides in the reports: one sheet in ranking.xlsx, one section in report.html, and
the counts by group (audit.json's "overrides") in audit.html.

They read the result document's top-level "overrides" list (scoring/overrides.py) and appear
only when it is non-empty, so a run without overrides keeps its bytes.
"""

from __future__ import annotations

from typing import Any

from asn_merit.reports.fairness_view import label
from asn_merit.reports.i18n import MESSAGES, t
from asn_merit.reports.xlsx import Book, Column, Table

ANY_RULE = "*"


def override_rows(document: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """The applied overrides with rule titles, actions and values in `lang`."""
    titles = {r["id"]: r["title"] for r in document["rules"]}
    rows = []
    for item in document.get("overrides") or []:
        rule = item["rule"]
        title = titles.get(rule)
        rows.append({
            "nip": item["nip"], "rule": rule,
            "rule_title": (t("override.all_rules", lang) if rule == ANY_RULE else
                           str(title.get(lang) or title.get("id")) if isinstance(title, dict)
                           else str(title or rule)),
            "action": label("override", item["action"], lang),
            "from": override_value(item["from"], lang), "to": override_value(item["to"], lang),
            "reason": item["reason"], "approved_by": item["approved_by"],
            "decree_ref": item["decree_ref"],
        })
    return rows


ACTIONS = ("force_pass", "force_fail", "set_points", "exclude")


def overrides_by_group(audit: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """audit.json's override counts as table rows for audit.html, or None without overrides."""
    block = audit.get("overrides")
    if not block or not block.get("people"):
        return None
    suppressed = t("fair.status.suppressed", lang)
    return {
        "intro": t("audit.overrides_intro", lang, people=block["people"],
                   min_n=block["min_group_size"]),
        "columns": [t("audit.col.overridden", lang),
                    *(label("override", a, lang) for a in ACTIONS)],
        "by_attribute": [
            {"attribute": item["attribute"],
             "rows": [(g["group"], g["n"],
                       [suppressed] * (len(ACTIONS) + 1) if g["suppressed"] else
                       [g["overridden"], *(g["by_action"][a] for a in ACTIONS)])
                      for g in item["groups"]]}
            for item in block["attributes"]],
    }


def excluded_by_override(reasons: list[str]) -> bool:
    """A person left out only by an `exclude` override, whose status must not read as invalid
    data (scoring/overrides.py gives each such person the reason "override: <decree>")."""
    return bool(reasons) and all(r.startswith("override:") for r in reasons)


def status_text(status: str, reasons: list[str], lang: str) -> str:
    if status == "not_evaluated" and excluded_by_override(reasons):
        return t("override.not_evaluated", lang)
    return t(f"status.{status}", lang)


def override_value(value: str, lang: str) -> str:
    """'pass'/'fail' and statuses translated; points stay as written."""
    if value in ("pass", "fail"):
        return t(value, lang)
    if f"override.{value}" in MESSAGES:  # not_evaluated: by the override, not by bad data
        return t(f"override.{value}", lang)
    return t(f"status.{value}", lang) if f"status.{value}" in MESSAGES else value


def write_overrides_sheet(book: Book, document: dict[str, Any], lang: str) -> None:
    """The "Koreksi Manual" sheet: every applied override with its decree; none when empty."""
    rows = override_rows(document, lang)
    if not rows:
        return
    sheet = Table(book, t("sheet.overrides", lang), [
        Column(t("col.id", lang), "nip"), Column(t("col.rule", lang)),
        Column(t("html.col.title", lang)), Column(t("col.action", lang)),
        Column(t("col.from", lang)), Column(t("col.to", lang)),
        Column(t("col.reason", lang), "long"), Column(t("col.approved_by", lang)),
        Column(t("col.decree_ref", lang))], freeze_columns=1)
    for row in rows:
        sheet.add([row["nip"], row["rule"], row["rule_title"], row["action"], row["from"],
                   row["to"], row["reason"], row["approved_by"], row["decree_ref"]])
    sheet.finish()
