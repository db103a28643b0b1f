"""The check report as canonical JSON data and as an auditor's working paper (xlsx).

The workbook reads like a kertas kerja pemeriksaan: a summary of every check, the rules with
their legal basis and confidence, then one sheet per check with its finding, its figures and the
people or units concerned. XlsxWriter with a fixed creation date gives identical bytes for an
identical report; text is never turned into formulas, links or numbers.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from asn_merit.ledger.hashing import canonical_json_bytes
from asn_merit.oversight.model import SEVERITY_RANK, CheckReport, CheckResult
from asn_merit.oversight.rules import PREDIKAT
from asn_merit.reports.i18n import MESSAGES, t
from asn_merit.reports.xlsx import LINE_HEIGHT, print_setup, wrapped_lines

WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}
LANGS = ("id", "en")
EXAMPLES = 5
"""NIPs named on the terminal under a check that fired; the working paper lists them all."""
WRAP_AT = 60
"""Characters: a longer text cell wraps, and its column is at most this wide."""

PERCENT = {"rate", "share", "share_sangat_baik", "none_rate", "below_min_rate", "cap", *PREDIKAT}


def _result_dict(result: CheckResult) -> dict[str, Any]:
    info = asdict(result.info)
    return {**info, "legal_basis": list(info["legal_basis"]), "needs": list(info["needs"]),
            "status": result.status, "reason": dict(result.reason), "count": len(result.rows),
            "rows": result.rows, "summary": result.summary}


def to_dict(report: CheckReport) -> dict[str, Any]:
    """The report as JSON data with sorted keys; the same inputs give the same data."""
    fired = {s: len([r for r in report.fired(s) if r.info.severity == s]) for s in SEVERITY_RANK}
    data = {
        "as_of": report.as_of,
        "roster": asdict(report.source),
        "inputs": [asdict(i) for i in report.inputs],
        "columns": report.columns,
        "invalid_cells": report.invalid_cells,
        "counts": {"fired": fired,
                   **{s: sum(r.status == s for r in report.results) for s in ("clear",
                                                                              "skipped")}},
        "checks": [_result_dict(r) for r in report.results],
    }
    return json.loads(canonical_json_bytes(data))


def label(key: str, lang: str) -> str:
    """A figure's or column's label from the catalogue; a key without one is shown as is."""
    return t(f"check.{key}", lang) if f"check.{key}" in MESSAGES else key


def word(key: str, lang: str) -> str:
    return t(f"check.word.{key}", lang)


def summary_lines(report: CheckReport, lang: str = "id") -> list[str]:
    """One line per check for a terminal, worst first: the outcome ("temuan: kesalahan",
    "bersih", "dilewati"), the check's title with its id (for --only), the finding, and for a
    check that fired the first NIPs concerned."""
    status = {"fired": 0, "clear": 1, "skipped": 2}
    order = sorted(report.results,
                   key=lambda r: (status[r.status], -SEVERITY_RANK[r.info.severity]))
    lines = []
    for r in order:
        outcome = (t("check.outcome.fired", lang, severity=word(r.info.severity, lang))
                   if r.status == "fired" else word(r.status, lang))
        reason = r.reason[lang].removeprefix(f"{outcome}: ")
        lines.append(f"{outcome:<22} {r.info.title[lang]} [{r.info.id}]: {reason}")
        nips = [str(row[key]) for row in r.rows for key in ("nip", "candidate") if row.get(key)]
        if r.status == "fired" and nips:
            more = t("check.more", lang, n=len(r.rows) - EXAMPLES) if len(r.rows) > EXAMPLES \
                else ""
            lines.append(f"{'':<22}   {label('examples', lang)}: "
                         f"{', '.join(nips[:EXAMPLES])}{more}")
    return lines


class _Writer:
    """Writes labelled cells and tables top to bottom on one sheet."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, lang: str, styles: dict[str, Any]):
        self.sheet: Worksheet = book.add_worksheet(name)
        self.lang, self.styles, self.row = lang, styles, 0
        self.widths: dict[int, int] = {}
        self.wrapped: dict[int, list[tuple[int, str]]] = {}
        self.first_header: int | None = None

    def label(self, key: str) -> str:
        return label(key, self.lang)

    def word(self, key: str) -> str:
        return word(key, self.lang)

    def cell(self, col: int, value: Any, style: str | None = None) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            value = self.word("yes" if value else "no")
        if isinstance(value, list):
            value = "; ".join(map(str, value))
        if style is None and isinstance(value, str) and len(value) > WRAP_AT:
            style = "wrap"
        if style in ("wrap", "header") and isinstance(value, str):
            self.wrapped.setdefault(self.row, []).append((col, value))
        fmt = self.styles.get(style) if style else None
        if isinstance(value, int | float):
            self.sheet.write_number(self.row, col, value, fmt)
            shown = len(f"{value:g}")
        else:
            self.sheet.write_string(self.row, col, str(value), fmt)
            shown = len(str(value))
        self.widths[col] = max(self.widths.get(col, 8), min(shown + 2, WRAP_AT))

    def line(self, *values: Any, style: str | None = None) -> None:
        for col, value in enumerate(values):
            self.cell(col, value, style)
        self.row += 1

    def pair(self, key: str, value: Any, label: str | None = None) -> None:
        self.cell(0, label or self.label(key), "bold")
        self.cell(1, value, "pct" if key in PERCENT else None)
        self.row += 1

    def table(self, records: list[dict[str, Any]]) -> None:
        keys = list(dict.fromkeys(k for r in records for k in r))
        if self.first_header is None:
            self.first_header = self.row
        self.line(*(self.label(k) for k in keys), style="header")
        for record in records:
            for col, key in enumerate(keys):
                self.cell(col, record.get(key), "pct" if key in PERCENT else None)
            self.row += 1
        self.row += 1

    def finish(self, title: str) -> None:
        """Column widths, row heights for wrapped text, and the print setup (xlsx.py)."""
        for col, width in sorted(self.widths.items()):
            self.sheet.set_column(col, col, width)
        for row, cells in self.wrapped.items():
            lines = max(wrapped_lines(text, self.widths.get(col, 8)) for col, text in cells)
            if lines > 1:
                self.sheet.set_row(row, LINE_HEIGHT * lines)
        print_setup(self.sheet, title=title, lang=self.lang,
                    width=sum(self.widths.values()), header_row=self.first_header)


def _summary_blocks(out: _Writer, summary: dict[str, Any]) -> None:
    """Scalars as label/value pairs, lists of records as tables, nested maps per entry."""
    for key, value in summary.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            out.line(out.label(key), style="bold")
            out.table(value)
        elif isinstance(value, dict):
            for name, inner in value.items():
                label = f"{out.label(key)}: {out.label(name)}"
                if isinstance(inner, list):
                    out.line(label, style="bold")
                    out.table(inner)
                else:
                    out.pair(name, inner, label)
        else:
            out.pair(key, value)


def write_checks_xlsx(report: CheckReport, path: Path, created: datetime,
                      lang: str = "id") -> None:
    """Write the working paper; the same report and ``created`` give byte-identical files."""
    if lang not in LANGS:
        raise ValueError("lang must be 'id' or 'en'")
    title = word("heading", lang)
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    book.set_properties({"created": created, "title": title})
    styles = {"bold": book.add_format({"bold": True}),
              "title": book.add_format({"bold": True, "font_size": 14}),
              "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
              "pct": book.add_format({"num_format": "0.0%"}),
              "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                         "text_wrap": True, "valign": "top"})}

    out = _Writer(book, word("sheet.summary", lang), lang, styles)
    out.line(out.word("heading"), style="title")
    out.pair("as_of", report.as_of)
    out.pair("roster", report.source.path)
    out.pair("sha256", report.source.sha256)
    out.pair("sheet", report.source.sheet)
    out.pair("rows", report.source.rows_read)
    out.row += 1
    out.table([{"id": r.info.id, "title": r.info.title[lang],
                "severity": out.word(r.info.severity), "status": out.word(r.status),
                "reason": r.reason[lang], "count": len(r.rows),
                "legal_basis": list(r.info.legal_basis), "confidence": r.info.confidence}
               for r in report.results])
    out.finish(title)

    out = _Writer(book, word("sheet.rules", lang), lang, styles)
    out.table([{"id": r.info.id, "title": r.info.title[lang],
                "severity": out.word(r.info.severity), "explanation": r.info.explanation[lang],
                "legal_basis": list(r.info.legal_basis), "confidence": r.info.confidence,
                "needs": list(r.info.needs)} for r in report.results])
    out.finish(title)

    for result in report.results:
        if result.status == "skipped":
            continue
        out = _Writer(book, result.info.id, lang, styles)
        out.line(result.info.title[lang], style="title")
        out.pair("explanation", result.info.explanation[lang])
        out.pair("legal_basis", list(result.info.legal_basis))
        out.pair("confidence", result.info.confidence)
        out.pair("severity", out.word(result.info.severity))
        out.pair("reason", result.reason[lang])
        out.row += 1
        if result.summary:
            out.line(out.word("figures"), style="bold")
            _summary_blocks(out, result.summary)
        if result.rows:
            out.line(out.word("people"), style="bold")
            out.table(result.rows)
        out.finish(title)

    out = _Writer(book, word("sheet.columns", lang), lang, styles)
    out.table([{"logical": name, "header": header, "invalid": report.invalid_cells.get(name, 0)}
               for name, header in report.columns.items()])
    out.finish(title)
    book.close()
