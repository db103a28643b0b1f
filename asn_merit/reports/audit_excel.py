"""audit.xlsx: summary, charts, one sheet per attribute or intersection, scores, CMH, method.

Every number in AuditResult.to_dict() has a column here, so the spreadsheet and the JSON can be
checked against each other. The charts sheet holds the selection rate of every group at every
decision stage as a table, and beside it one native Excel chart per attribute and stage drawn
from that table: bars coloured by status and 4/5 of the reference rate as a line (confidence
intervals stay in the table: custom error bars do not survive every spreadsheet program).
Byte-stable and formula-free like every workbook here (xlsx.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from xlsxwriter.chart import Chart
from xlsxwriter.utility import xl_range_abs

from asn_merit.fairness.result import AuditResult
from asn_merit.reports.charts import MUTED, STATUS_COLOURS
from asn_merit.reports.fairness_view import FOUR_FIFTHS, GATE_STAGE, label, method_notes
from asn_merit.reports.i18n import LANGUAGES, t
from asn_merit.reports.overrides_view import overrides_by_group
from asn_merit.reports.xlsx import Book, Column, Table, sheet_names

KINDS: dict[str, str] = {
    "attribute": "text", "kind": "text", "stage": "text", "basis": "text", "denominator": "text",
    "population": "int", "undecided": "int", "unknown": "int", "known": "int", "selected": "int",
    "overall_rate": "pct", "reference": "text", "reference_rule": "text", "reference_note": "text",
    "largest_group": "text", "omnibus_chi2": "num", "omnibus_df": "int", "omnibus_p": "p",
    "omnibus_p_mc": "p", "omnibus_note": "text", "worst_group": "text",
    "worst_impact_ratio": "ratio", "dp_ratio": "ratio", "four_fifths_count": "int",
    "significant_count": "int", "both_count": "int", "findings": "int", "watch": "int",
    "suppressed_count": "int", "excluded_count": "int", "status": "text", "group": "text",
    "n": "int", "share": "pct", "rate": "pct", "rate_ci_low": "pct", "rate_ci_high": "pct",
    "eligible_for_ir": "bool", "small_sample": "bool", "suppressed": "bool",
    "suppressed_reason": "text", "is_reference": "bool", "impact_ratio": "ratio",
    "impact_ratio_ci_low": "ratio", "impact_ratio_ci_high": "ratio", "four_fifths_adverse": "bool",
    "rate_difference": "pct", "odds_ratio": "ratio", "cohens_h": "ratio", "z": "num",
    "z_p_two_sided": "p", "fisher_p_two_sided": "p", "fisher_p_one_sided": "p", "fisher_mid_p": "p",
    "fisher_p_holm": "p", "primary_test": "text", "significant": "bool", "shortfall": "num",
    "shortfall_vs_overall": "num", "selections_to_pass": "int", "flip_flop": "bool",
    "one_more_impact_ratio": "ratio", "one_more_passes": "bool",
    "impact_ratio_vs_highest_all": "ratio", "four_fifths_adverse_vs_highest_all": "bool",
    "impact_ratio_vs_largest": "ratio", "four_fifths_adverse_vs_largest": "bool",
    "ratio_to_overall": "ratio", "evidence": "long", "score": "text", "median_all": "num",
    "ties_at_median": "int", "at_or_above": "int", "rate_at_or_above": "pct",
    "impact_ratio_at_or_above": "ratio", "mean": "num", "median": "num", "sd": "num",
    "mean_ratio": "ratio", "median_ratio": "ratio", "mann_whitney_u": "num", "mann_whitney_p": "p",
    "cohens_d": "ratio", "strata": "text", "strata_used": "int", "common_odds_ratio": "ratio",
    "crude_odds_ratio": "ratio", "chi2": "num", "p": "p", "chi2_corrected": "num",
    "p_corrected": "p", "breslow_day_chi2": "num", "breslow_day_df": "int", "breslow_day_p": "p",
    "heterogeneous": "bool", "simpson": "bool", "warning": "long", "item": "text", "value": "long",
    "threshold": "pct",
}  # fmt: skip
"""Column kind of every audit.json field shown; its header is the message "xl.<field>"."""
STATUS_TONES = {"finding": "bad", "watch": "warn", "clear": "good", "reference": "info",
                "excluded": "muted", "suppressed": "muted", "unknown": "muted", "empty": "muted"}
CHART_COLUMNS = ("attribute", "stage", "basis", "group", "n", "rate", "rate_ci_low",
                 "rate_ci_high", "threshold", "status")
CHART_SIZE = {"width": 520, "height": 300}
CHART_ROWS = 17
"""Rows between two lines of charts (default row height 20 px, so a chart and a gap)."""
CHART_COLUMNS_APART = 9
"""Columns between two charts side by side (default column width 64 px)."""

SUMMARY_COLUMNS = (
    "attribute", "kind", "stage", "basis", "denominator", "population", "undecided", "unknown",
    "known", "selected", "overall_rate", "reference", "reference_rule", "reference_note",
    "largest_group", "omnibus_chi2", "omnibus_df", "omnibus_p", "omnibus_p_mc", "omnibus_note",
    "worst_group", "worst_impact_ratio", "dp_ratio", "four_fifths_count", "significant_count",
    "both_count", "findings", "watch", "suppressed_count", "excluded_count", "status",
)  # fmt: skip
GROUP_COLUMNS = (
    "group", "n", "share", "selected", "rate", "rate_ci_low", "rate_ci_high", "eligible_for_ir",
    "small_sample", "suppressed", "suppressed_reason", "is_reference", "impact_ratio",
    "impact_ratio_ci_low", "impact_ratio_ci_high", "four_fifths_adverse", "rate_difference",
    "odds_ratio", "cohens_h", "z", "z_p_two_sided", "fisher_p_two_sided", "fisher_p_one_sided",
    "fisher_mid_p", "fisher_p_holm", "primary_test", "significant", "shortfall",
    "shortfall_vs_overall", "selections_to_pass", "flip_flop", "one_more_impact_ratio",
    "one_more_passes", "impact_ratio_vs_highest_all", "four_fifths_adverse_vs_highest_all",
    "impact_ratio_vs_largest", "four_fifths_adverse_vs_largest", "ratio_to_overall", "status",
    "evidence",
)  # fmt: skip
ATTRIBUTE_COLUMNS = ("stage", "basis", "denominator", *GROUP_COLUMNS)
SCORE_COLUMNS = (
    "attribute", "score", "median_all", "unknown", "reference", *GROUP_COLUMNS[:-2],
    "ties_at_median", "at_or_above", "rate_at_or_above", "impact_ratio_at_or_above", "mean",
    "median", "sd", "mean_ratio", "median_ratio", "mann_whitney_u", "mann_whitney_p",
    "cohens_d", "status", "evidence",
)  # fmt: skip
CMH_COLUMNS = (
    "attribute", "stage", "basis", "strata", "reference", "group", "strata_used",
    "common_odds_ratio", "crude_odds_ratio", "chi2", "p", "chi2_corrected", "p_corrected",
    "breslow_day_chi2", "breslow_day_df", "breslow_day_p", "heterogeneous", "simpson", "warning",
)  # fmt: skip


class _Sheet(Table):
    """A Table whose columns are audit.json fields, filled from dicts keyed by field."""

    def __init__(self, book: Book, name: str, keys: Sequence[str], lang: str):
        super().__init__(book, name, [Column(t(f"xl.{k}", lang), KINDS[k]) for k in keys])
        self.keys = keys
        if "status" in keys:
            self.tone(list(keys).index("status"),
                      {label("fair.status", s, lang): tone for s, tone in STATUS_TONES.items()})

    def record(self, record: dict[str, Any]) -> None:
        self.add([record.get(key) for key in self.keys])


def _summary_record(block: dict[str, Any], kind: str, lang: str) -> dict[str, Any]:
    counts, omnibus = block["counts"], block["omnibus"]
    return {
        **block,
        "kind": t(f"xl.kind.{kind}", lang),
        "basis": t(f"xl.basis.{block['basis']}", lang) if "basis" in block else None,
        "largest_group": block["reference_variants"]["largest_group"],
        "omnibus_chi2": omnibus["chi2"],
        "omnibus_df": omnibus["df"],
        "omnibus_p": omnibus["p"],
        "omnibus_p_mc": omnibus["p_monte_carlo"],
        "omnibus_note": omnibus["note"] or None,
        "dp_ratio": block.get("demographic_parity", {}).get("ratio"),
        "four_fifths_count": counts["four_fifths_adverse"],
        "significant_count": counts["significant"],
        "both_count": counts["adverse_and_significant"],
        "findings": counts["findings"],
        "watch": counts["watch"],
        "suppressed_count": counts["suppressed"],
        "excluded_count": counts["excluded"],
        "reference_note": block["reference_note"] or None,
        "status": label("fair.status", block["status"], lang),
    }


def _group_record(group: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        **group,
        "status": label("fair.status", group["status"], lang),
        "evidence": group["evidence_id"] if lang == "id" else group["evidence"],
    }


def _attribute_rows(blocks: Iterable[dict[str, Any]], lang: str) -> Iterable[dict[str, Any]]:
    """Group rows of every stage, then the unknown row and any empty groups, per stage."""
    for block in blocks:
        stage = {
            "stage": block["stage"],
            "basis": t(f"xl.basis.{block['basis']}", lang),
            "denominator": block["denominator"],
        }
        for group in block["groups"]:
            yield {**stage, **_group_record(group, lang)}
        if block["unknown"]:
            yield {
                **stage,
                "group": t("fair.unknown_group", lang),
                "n": block["unknown"],
                "selected": block["unknown_selected"],
                "rate": block["unknown_selected"] / block["unknown"],
                "status": label("fair.status", "unknown", lang),
            }
        for name in block["empty_groups"]:
            yield {**stage, "group": name, "n": 0, "status": label("fair.status", "empty", lang)}


def write_audit_xlsx(
    result: AuditResult, path: Path, created: datetime, *, lang: str = "id",
    overrides: dict[str, Any] | None = None,
) -> None:
    """Write the audit workbook; the same result and `created` give byte-identical files.
    `overrides` (audit.json's block of a run with manual overrides) adds their counts by
    group."""
    if lang not in LANGUAGES:
        raise ValueError("lang must be 'en' or 'id'")
    data = result.to_dict()
    book = Book(path, created, "asn-merit fairness audit", header=t("audit.title", lang),
                lang=lang)

    attributes: dict[str, list[dict[str, Any]]] = {}
    for block in data["attributes"]:
        attributes.setdefault(block["attribute"], []).append(block)
    decisions = [b for b in data["attributes"] if not b["stage"].startswith(GATE_STAGE)]
    charts = [t("sheet.charts", lang)] if decisions else []
    extra = [t("sheet.scores", lang)] if data["scores"] else []
    if any(b["cmh"] for b in data["attributes"]):
        extra.append(t("sheet.cmh", lang))
    by_group = overrides_by_group({"overrides": overrides}, lang) if overrides else None
    if by_group:
        extra.append(t("sheet.overrides", lang))
    names = iter(sheet_names(
        [t("sheet.summary", lang), *charts, *attributes, *extra, t("sheet.method", lang)]))

    summary = _Sheet(book, next(names), SUMMARY_COLUMNS, lang)
    for block in data["attributes"]:
        summary.record(_summary_record(block, "selection", lang))
    for block in data["scores"]:
        summary.record(_summary_record({**block, "stage": block["score"]}, "scoring", lang))
    summary.finish()

    if decisions:
        _charts(book, next(names), decisions, lang)

    for blocks in attributes.values():
        sheet = _Sheet(book, next(names), ATTRIBUTE_COLUMNS, lang)
        for record in _attribute_rows(blocks, lang):
            sheet.record(record)
        sheet.finish()

    if data["scores"]:
        sheet = _Sheet(book, next(names), SCORE_COLUMNS, lang)
        for block in data["scores"]:
            head = {
                "attribute": block["attribute"],
                "score": block["score"],
                "median_all": block["median"],
                "unknown": block["unknown"],
                "reference": block["reference"],
            }
            for group in block["groups"]:
                sheet.record({**head, **_group_record(group, lang)})
        sheet.finish()

    if any(b["cmh"] for b in data["attributes"]):
        sheet = _Sheet(book, next(names), CMH_COLUMNS, lang)
        for block in data["attributes"]:
            if block["cmh"]:
                head = {
                    "attribute": block["attribute"],
                    "stage": block["stage"],
                    "basis": t(f"xl.basis.{block['basis']}", lang),
                    "strata": block["cmh"]["strata"],
                    "reference": block["cmh"]["reference"],
                }
                for group in block["cmh"]["groups"]:
                    sheet.record({**head, **group, "warning": group["warning"] or None})
        sheet.finish()

    if by_group:
        _overrides_sheet(book, next(names), by_group, lang)

    method = _Sheet(book, next(names), ("item", "value"), lang)
    for statement in method_notes(data["settings"], lang):  # audit.json keeps the English
        method.record({"item": t("xl.method", lang), "value": statement})
    for key, value in data["settings"].items():
        method.record({"item": f"{t('xl.setting', lang)}: {key}", "value": _setting(value)})
    method.finish()
    book.close()


def _overrides_sheet(book: Book, name: str, by_group: dict[str, Any], lang: str) -> None:
    sheet = Table(book, name, [Column(t("fair.col.attribute", lang)),
                               Column(t("fair.col.group", lang)), Column("n", "int"),
                               *(Column(c, "int") for c in by_group["columns"])],
                  note=by_group["intro"])
    for item in by_group["by_attribute"]:
        for group, n, values in item["rows"]:
            sheet.add([item["attribute"], group, n, *values])
    sheet.finish()


def _charts(book: Book, name: str, blocks: Sequence[dict[str, Any]], lang: str) -> None:
    """The rate table of every decision stage, and a native chart of each stage beside it."""
    sheet = _Sheet(book, name, CHART_COLUMNS, lang)
    lines: dict[str, int] = {}
    across: dict[str, int] = {}
    for block in blocks:
        groups = block["groups"]
        reference = next((g["rate"] for g in groups if g["group"] == block["reference"]), None)
        first = sheet.row
        for g in groups:
            sheet.record({"attribute": block["attribute"], "stage": block["stage"],
                          "basis": t(f"xl.basis.{block['basis']}", lang), "group": g["group"],
                          "n": g["n"], "rate": g["rate"], "rate_ci_low": g["rate_ci_low"],
                          "rate_ci_high": g["rate_ci_high"],
                          "threshold": None if reference is None else reference * FOUR_FIFTHS,
                          "status": label("fair.status", g["status"], lang)})
        if not groups:
            continue
        line = lines.setdefault(block["attribute"], len(lines))
        column = len(CHART_COLUMNS) + 1 + across.get(block["attribute"], 0) * CHART_COLUMNS_APART
        across[block["attribute"]] = across.get(block["attribute"], 0) + 1
        sheet.ws.insert_chart(1 + line * CHART_ROWS, column,
                              _rate_chart(book, sheet, block, first, sheet.row - 1, lang),
                              {"object_position": 3})
    sheet.finish()


def _rate_chart(book: Book, sheet: _Sheet, block: dict[str, Any], first: int, last: int,
                lang: str) -> Chart:
    """Bars of the groups' rates in their status colours, and the 4/5 line."""
    def cells(key: str) -> str:
        col = CHART_COLUMNS.index(key)
        return f"='{sheet.ws.name}'!{xl_range_abs(first, col, last, col)}"

    groups = block["groups"]
    stage = label("fair.stage", block["stage"], lang)
    basis = t(f"xl.basis.{block['basis']}", lang)
    bars = book.workbook.add_chart({"type": "column"})
    bars.add_series({
        "name": t("chart.selection_rate", lang),
        "categories": cells("group"),
        "values": cells("rate"),
        "points": [{"fill": {"color": STATUS_COLOURS.get(g["status"], MUTED)}} for g in groups],
        "gap": 60,
    })
    threshold = book.workbook.add_chart({"type": "line"})
    threshold.add_series({
        "name": t("xl.threshold", lang),
        "categories": cells("group"),
        "values": cells("threshold"),
        "line": {"color": STATUS_COLOURS["finding"], "dash_type": "dash", "width": 1.5},
        "marker": {"type": "none"},
    })
    bars.combine(threshold)
    bars.set_title({"name": t("xl.chart_title", lang, attribute=block["attribute"],
                              stage=f"{stage} ({basis})"),
                    "name_font": {"size": 11, "bold": True}})
    bars.set_y_axis({"num_format": "0%", "min": 0, "major_gridlines": {
        "visible": True, "line": {"color": "#E4E7EB"}}, "num_font": {"size": 8}})
    bars.set_x_axis({"num_font": {"size": 8}})
    # bar colours are the statuses of the table beside the chart; the legend names the line
    bars.set_legend({"position": "bottom", "font": {"size": 8}, "delete_series": [0]})
    bars.set_size(CHART_SIZE)
    bars.show_hidden_data()
    return bars


def _setting(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(repr(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    return str(value)
