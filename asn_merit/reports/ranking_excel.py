"""ranking.xlsx: the ranking, points in long format, the gate matrix and the data findings.

XlsxWriter with a fixed creation date gives the same bytes for the same result; strings are
never turned into formulas or links, so a name like "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from asn_merit.diagnostics import RosterFinding
from asn_merit.reports.i18n import t

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class _Sheet:
    def __init__(self, book: xlsxwriter.Workbook, name: str, headers: Sequence[str],
                 widths: Sequence[int]):
        self.ws: Worksheet = book.add_worksheet(name[:31])
        self.header_format = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                              "text_wrap": True, "valign": "top"})
        for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
            self.ws.write_string(0, col, title, self.header_format)
            self.ws.set_column(col, col, width)
        self.ws.freeze_panes(1, 0)
        self.row = 1
        self.width = len(headers)

    def add(self, values: Sequence[Any]) -> None:
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, bool):
                self.ws.write_boolean(self.row, col, value)
            elif isinstance(value, int | float):
                self.ws.write_number(self.row, col, value)
            else:
                self.ws.write_string(self.row, col, str(value))
        self.row += 1

    def finish(self) -> None:
        self.ws.autofilter(0, 0, max(self.row - 1, 0), self.width - 1)


def _number(text: str | None) -> float | None:
    return None if text is None else float(text)


def write_ranking_xlsx(document: dict[str, Any], findings: Sequence[RosterFinding], path: Path,
                       created: datetime, lang: str) -> None:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    book.set_properties({"created": created, "title": document["policy"]["id"]})
    counts = document["counts"]
    summary = _Sheet(book, t("sheet.summary", lang), [t("col.item", lang), t("col.value", lang)],
                     [34, 60])
    policy = document["policy"]
    for key, value in (
        ("summary.policy", f"{policy['id']}@{policy['version']}"),
        ("summary.as_of", document["as_of"]),
        ("summary.rows", counts["rows"]),
        ("summary.evaluated", counts["evaluated"]),
        ("summary.eligible", counts["eligible"]),
        ("summary.ineligible", counts["ineligible"]),
        ("summary.not_evaluated", counts["not_evaluated"]),
        ("summary.out_of_scope", counts["out_of_scope"]),
        ("summary.quota", document["selection"]["quota"]),
        ("summary.selected", counts["selected"]),
        ("summary.cut_line", document["selection"]["cut_line"]),
    ):
        summary.add([t(key, lang), value])
    summary.finish()

    people = document["people"]
    show = list(people[0]["show"]) if people else []
    ranking = _Sheet(book, t("sheet.ranking", lang),
                     [t("col.rank", lang), t("col.id", lang), t("col.name", lang), *show,
                      t("col.total", lang), t("col.selected", lang), t("col.decided_by", lang),
                      t("col.status", lang), t("col.failed", lang)],
                     [9, 21, 30, *([16] * len(show)), 10, 10, 18, 24, 50])
    for p in people:
        ranking.add([p.get("rank"), p["id"], p["display"], *(p["show"][f] for f in show),
                     _number(p.get("total")),
                     t("yes" if p.get("selected") else "no", lang) if "rank" in p else None,
                     p.get("decided_by"), t(f"status.{p['status']}", lang),
                     ", ".join(p.get("failed", []))])
    ranking.finish()

    detail = _Sheet(book, t("sheet.points", lang),
                    [t("col.id", lang), t("col.rule", lang), t("col.inputs", lang),
                     t("col.method", lang), t("col.raw", lang), t("col.normalised", lang),
                     t("col.weight", lang), t("col.points", lang)],
                    [21, 26, 36, 30, 14, 14, 9, 9])
    for p in people:
        for line in p.get("points", []):
            inputs = "; ".join(f"{k}={v}" for k, v in line["inputs"].items())
            detail.add([p["id"], line["rule"], inputs, line["method"], line["raw"],
                        _number(line["normalised"]), _number(line["weight"]),
                        _number(line["points"])])
    detail.finish()

    gate_ids = [g["rule"] for g in next((p["gates"] for p in people if "gates" in p), [])]
    gates = _Sheet(book, t("sheet.gates", lang), [t("col.id", lang), *gate_ids],
                   [21, *([22] * len(gate_ids))])
    for p in people:
        if "gates" in p:
            gates.add([p["id"], *(t("pass" if g["passed"] else "fail", lang) for g in p["gates"])])
    gates.finish()

    found = _Sheet(book, t("sheet.findings", lang),
                   [t("col.row", lang), t("col.column", lang), t("col.id", lang),
                    t("col.value", lang), t("col.severity", lang), t("col.code", lang),
                    t("col.message", lang)], [8, 26, 21, 24, 10, 26, 70])
    for f in sorted(findings, key=lambda f: (f.excel_row or 0, f.column or "", f.code)):
        found.add([f.excel_row, f.column, f.employee_id, f.value, f.severity.value, f.code,
                   f.message])
    found.finish()
    book.close()
