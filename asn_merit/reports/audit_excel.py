"""audit.xlsx: a summary sheet, one sheet per attribute or intersection, scores, CMH, method.

Every number in AuditResult.to_dict() has a column here, so the spreadsheet and the JSON can be
checked against each other. XlsxWriter with a fixed creation date gives identical bytes for an
identical result; strings are never turned into formulas, links or numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from asn_merit.fairness.result import AuditResult

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAME = "[]:*?/\\"
NUMBER_FORMATS = {
    "int": "#,##0",
    "pct": "0.0%",
    "ratio": "0.000",
    "p": "[<0.0001]0.00E+00;0.0000",
    "num": "0.00",
}
WIDTHS = {"int": 9, "pct": 8, "ratio": 8, "p": 9, "num": 9, "bool": 8, "text": 14, "long": 60}

# key → (English, Indonesian, kind). Keys are the JSON field names of AuditResult.to_dict().
LABELS: dict[str, tuple[str, str, str]] = {
    "attribute": ("Attribute", "Atribut", "text"),
    "kind": ("Table", "Tabel", "text"),
    "stage": ("Stage", "Tahap", "text"),
    "basis": ("Basis", "Dasar", "text"),
    "denominator": ("Denominator", "Penyebut", "text"),
    "population": ("Rows in stage", "Baris pada tahap", "int"),
    "undecided": ("Undecided (NA)", "Belum diputus (NA)", "int"),
    "unknown": ("Unknown category", "Kategori tidak diketahui", "int"),
    "known": ("Known category", "Kategori diketahui", "int"),
    "selected": ("Selected", "Terpilih", "int"),
    "overall_rate": ("Overall rate", "Tingkat keseluruhan", "pct"),
    "reference": ("Reference group", "Kelompok acuan", "text"),
    "reference_rule": ("Reference rule", "Aturan acuan", "text"),
    "reference_note": ("Reference note", "Catatan acuan", "text"),
    "largest_group": ("Largest group", "Kelompok terbesar", "text"),
    "omnibus_chi2": ("Omnibus χ²", "χ² omnibus", "num"),
    "omnibus_df": ("df", "db", "int"),
    "omnibus_p": ("Omnibus p", "p omnibus", "p"),
    "omnibus_p_mc": ("Omnibus p (Monte-Carlo)", "p omnibus (Monte-Carlo)", "p"),
    "omnibus_note": ("Omnibus note", "Catatan omnibus", "text"),
    "worst_group": ("Worst group", "Kelompok terburuk", "text"),
    "worst_impact_ratio": ("Worst IR", "IR terburuk", "ratio"),
    "dp_ratio": ("DP ratio (min/max)", "Rasio DP (min/maks)", "ratio"),
    "four_fifths_count": ("4/5 adverse", "Di bawah 4/5", "int"),
    "significant_count": ("Significant", "Signifikan", "int"),
    "both_count": ("4/5 and significant", "4/5 dan signifikan", "int"),
    "findings": ("Findings", "Temuan", "int"),
    "watch": ("Watch", "Pantau", "int"),
    "suppressed_count": ("Suppressed", "Disembunyikan", "int"),
    "excluded_count": ("Excluded (small share)", "Dikecualikan (porsi kecil)", "int"),
    "status": ("Status", "Status", "text"),
    "group": ("Group", "Kelompok", "text"),
    "n": ("n", "n", "int"),
    "share": ("Share", "Porsi", "pct"),
    "rate": ("Rate", "Tingkat", "pct"),
    "rate_ci_low": ("Rate CI low", "Batas bawah CI", "pct"),
    "rate_ci_high": ("Rate CI high", "Batas atas CI", "pct"),
    "eligible_for_ir": ("Eligible for IR", "Layak IR", "bool"),
    "small_sample": ("Small sample", "Sampel kecil", "bool"),
    "suppressed": ("Suppressed", "Disembunyikan", "bool"),
    "suppressed_reason": ("Suppression reason", "Alasan disembunyikan", "text"),
    "is_reference": ("Reference", "Acuan", "bool"),
    "impact_ratio": ("Impact ratio", "Rasio dampak", "ratio"),
    "impact_ratio_ci_low": ("IR CI low", "Batas bawah CI IR", "ratio"),
    "impact_ratio_ci_high": ("IR CI high", "Batas atas CI IR", "ratio"),
    "four_fifths_adverse": ("4/5 adverse", "Di bawah 4/5", "bool"),
    "rate_difference": ("Rate difference", "Selisih tingkat", "pct"),
    "odds_ratio": ("Odds ratio", "Rasio odds", "ratio"),
    "cohens_h": ("Cohen's h", "h Cohen", "ratio"),
    "z": ("z", "z", "num"),
    "z_p_two_sided": ("z p (two-sided)", "p z (dua sisi)", "p"),
    "fisher_p_two_sided": ("Fisher p (two-sided)", "p Fisher (dua sisi)", "p"),
    "fisher_p_one_sided": ("Fisher p (one-sided)", "p Fisher (satu sisi)", "p"),
    "fisher_mid_p": ("Fisher mid-p", "mid-p Fisher", "p"),
    "fisher_p_holm": ("Fisher p (Holm)", "p Fisher (Holm)", "p"),
    "primary_test": ("Primary test", "Uji utama", "text"),
    "significant": ("Significant", "Signifikan", "bool"),
    "shortfall": ("Shortfall", "Kekurangan", "num"),
    "shortfall_vs_overall": ("Shortfall vs overall", "Kekurangan thd keseluruhan", "num"),
    "selections_to_pass": ("Selections to pass 4/5", "Tambahan agar lolos 4/5", "int"),
    "flip_flop": ("Flip-flop", "Flip-flop", "bool"),
    "one_more_impact_ratio": ("IR with one more", "IR jika tambah satu", "ratio"),
    "one_more_passes": ("One more passes 4/5", "Tambah satu lolos 4/5", "bool"),
    "impact_ratio_vs_highest_all": (
        "IR vs highest (no exclusion)",
        "IR thd tertinggi (semua)",
        "ratio",
    ),
    "four_fifths_adverse_vs_highest_all": (
        "4/5 vs highest (no exclusion)",
        "4/5 thd tertinggi (semua)",
        "bool",
    ),
    "impact_ratio_vs_largest": ("IR vs largest", "IR thd terbesar", "ratio"),
    "four_fifths_adverse_vs_largest": ("4/5 vs largest", "4/5 thd terbesar", "bool"),
    "ratio_to_overall": ("Ratio to overall", "Rasio thd keseluruhan", "ratio"),
    "evidence": ("Evidence", "Bukti", "long"),
    "score": ("Score", "Skor", "text"),
    "median_all": ("Full-sample median", "Median seluruh sampel", "num"),
    "ties_at_median": ("Ties at median", "Sama dengan median", "int"),
    "at_or_above": ("At or above median", "Di atas atau sama median", "int"),
    "rate_at_or_above": ("Rate ≥ median", "Tingkat ≥ median", "pct"),
    "impact_ratio_at_or_above": ("IR (≥ median)", "IR (≥ median)", "ratio"),
    "mean": ("Mean", "Rata-rata", "num"),
    "median": ("Median", "Median", "num"),
    "sd": ("SD", "SB", "num"),
    "mean_ratio": ("Mean ratio", "Rasio rata-rata", "ratio"),
    "median_ratio": ("Median ratio", "Rasio median", "ratio"),
    "mann_whitney_u": ("Mann-Whitney U", "U Mann-Whitney", "num"),
    "mann_whitney_p": ("Mann-Whitney p", "p Mann-Whitney", "p"),
    "cohens_d": ("Cohen's d", "d Cohen", "ratio"),
    "strata": ("Strata column", "Kolom strata", "text"),
    "strata_used": ("Strata used", "Strata dipakai", "int"),
    "common_odds_ratio": ("MH odds ratio", "Rasio odds MH", "ratio"),
    "crude_odds_ratio": ("Crude odds ratio", "Rasio odds kasar", "ratio"),
    "chi2": ("MH χ²", "χ² MH", "num"),
    "p": ("MH p", "p MH", "p"),
    "chi2_corrected": ("MH χ² (continuity)", "χ² MH (koreksi)", "num"),
    "p_corrected": ("MH p (continuity)", "p MH (koreksi)", "p"),
    "breslow_day_chi2": ("Breslow–Day χ² (Tarone)", "χ² Breslow–Day (Tarone)", "num"),
    "breslow_day_df": ("BD df", "db BD", "int"),
    "breslow_day_p": ("Breslow–Day p", "p Breslow–Day", "p"),
    "heterogeneous": ("Heterogeneous", "Heterogen", "bool"),
    "simpson": ("Simpson reversal", "Pembalikan Simpson", "bool"),
    "warning": ("Warning", "Peringatan", "long"),
    "item": ("Item", "Butir", "text"),
    "value": ("Value", "Nilai", "long"),
}
WORDS = {
    "sheet.summary": ("Summary", "Ringkasan"),
    "sheet.scores": ("Scores", "Skor"),
    "sheet.cmh": ("CMH", "CMH"),
    "sheet.method": ("Method", "Metode"),
    "selection": ("selection", "seleksi"),
    "scoring": ("score > median", "skor > median"),
    "unknown_group": ("(unknown)", "(tidak diketahui)"),
    "finding": ("finding", "temuan"),
    "watch": ("watch", "pantau"),
    "clear": ("clear", "aman"),
    "reference": ("reference", "acuan"),
    "excluded": ("excluded", "dikecualikan"),
    "suppressed": ("suppressed", "disembunyikan"),
    "unknown": ("unknown", "tidak diketahui"),
    "empty": ("empty (n = 0)", "kosong (n = 0)"),
    "n/a": ("n/a", "t/a"),
    "conditional": ("conditional", "bersyarat"),
    "cumulative": ("cumulative", "kumulatif"),
    "counts": ("counts", "rekap"),
    "method": ("Method", "Metode"),
    "setting": ("Setting", "Pengaturan"),
}

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


def sheet_names(wanted: Sequence[str]) -> list[str]:
    """Excel-safe, unique (case-insensitively), ≤ 31 characters, in the given order."""
    used: set[str] = set()
    names = []
    for raw in wanted:
        base = "".join("_" if ch in FORBIDDEN_IN_SHEET_NAME else ch for ch in raw).strip("'")
        base = (base or "sheet")[:MAX_SHEET_NAME]
        name, k = base, 1
        while name.casefold() in used:
            k += 1
            suffix = f"~{k}"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        used.add(name.casefold())
        names.append(name)
    return names


class _Table:
    """One sheet holding one table: header row frozen, autofilter, formats by column kind."""

    def __init__(
        self,
        book: xlsxwriter.Workbook,
        name: str,
        columns: Sequence[str],
        lang: int,
        formats: dict[str, Format],
    ):
        self.ws: Worksheet = book.add_worksheet(name)
        self.columns = columns
        self.kinds = [LABELS[c][2] for c in columns]
        self.formats = formats
        self.widths = [0] * len(columns)
        for col, key in enumerate(columns):
            title = LABELS[key][lang]
            self.ws.write_string(0, col, title, formats["header"])
            self.widths[col] = min(len(title), 18)
        self.ws.freeze_panes(1, 0)
        self.row = 1

    def add(self, record: dict[str, Any]) -> None:
        for col, (key, kind) in enumerate(zip(self.columns, self.kinds, strict=True)):
            value = record.get(key)
            if value is None:
                continue
            if isinstance(value, bool):
                self.ws.write_boolean(self.row, col, value)
                width = 5
            elif isinstance(value, int | float):
                self.ws.write_number(self.row, col, value, self.formats.get(kind))
                width = WIDTHS[kind]
            else:
                text = str(value)
                self.ws.write_string(self.row, col, text, self.formats.get(kind))
                width = min(len(text), WIDTHS["long"])
            self.widths[col] = max(self.widths[col], width)
        self.row += 1

    def finish(self) -> None:
        for col, width in enumerate(self.widths):
            self.ws.set_column(col, col, max(width, 4) + 2)
        self.ws.autofilter(0, 0, max(self.row - 1, 1), len(self.columns) - 1)


def _word(key: str, lang: int) -> str:
    return WORDS[key][lang]


def _summary_record(block: dict[str, Any], kind: str, lang: int) -> dict[str, Any]:
    counts, omnibus = block["counts"], block["omnibus"]
    return {
        **block,
        "kind": _word(kind, lang),
        "basis": _word(block["basis"], lang) if "basis" in block else None,
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
        "status": _word(block["status"], lang),
    }


def _group_record(group: dict[str, Any], lang: int) -> dict[str, Any]:
    return {
        **group,
        "status": _word(group["status"], lang),
        "evidence": group["evidence_id"] if lang else group["evidence"],
    }


def _attribute_rows(blocks: Iterable[dict[str, Any]], lang: int) -> Iterable[dict[str, Any]]:
    """Group rows of every stage, then the unknown row and any empty groups, per stage."""
    for block in blocks:
        stage = {
            "stage": block["stage"],
            "basis": _word(block["basis"], lang),
            "denominator": block["denominator"],
        }
        for group in block["groups"]:
            yield {**stage, **_group_record(group, lang)}
        if block["unknown"]:
            yield {
                **stage,
                "group": _word("unknown_group", lang),
                "n": block["unknown"],
                "selected": block["unknown_selected"],
                "rate": block["unknown_selected"] / block["unknown"],
                "status": _word("unknown", lang),
            }
        for name in block["empty_groups"]:
            yield {**stage, "group": name, "n": 0, "status": _word("empty", lang)}


def write_audit_xlsx(
    result: AuditResult, path: Path, created: datetime, *, lang: str = "id"
) -> None:
    """Write the audit workbook; the same result and `created` give byte-identical files."""
    if lang not in ("en", "id"):
        raise ValueError("lang must be 'en' or 'id'")
    li = 0 if lang == "en" else 1
    data = result.to_dict()
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    book.set_properties({"created": created, "title": "asn-merit fairness audit"})
    formats = {kind: book.add_format({"num_format": fmt}) for kind, fmt in NUMBER_FORMATS.items()}
    formats["long"] = book.add_format({"text_wrap": True, "valign": "top"})
    formats["header"] = book.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
    )

    attributes: dict[str, list[dict[str, Any]]] = {}
    for block in data["attributes"]:
        attributes.setdefault(block["attribute"], []).append(block)
    extra = [_word("sheet.scores", li)] if data["scores"] else []
    if any(b["cmh"] for b in data["attributes"]):
        extra.append(_word("sheet.cmh", li))
    names = sheet_names(
        [_word("sheet.summary", li), *attributes, *extra, _word("sheet.method", li)]
    )
    name_iter = iter(names)

    summary = _Table(book, next(name_iter), SUMMARY_COLUMNS, li, formats)
    for block in data["attributes"]:
        summary.add(_summary_record(block, "selection", li))
    for block in data["scores"]:
        summary.add(_summary_record({**block, "stage": block["score"]}, "scoring", li))
    summary.finish()

    for blocks in attributes.values():
        sheet = _Table(book, next(name_iter), ATTRIBUTE_COLUMNS, li, formats)
        for record in _attribute_rows(blocks, li):
            sheet.add(record)
        sheet.finish()

    if data["scores"]:
        sheet = _Table(book, next(name_iter), SCORE_COLUMNS, li, formats)
        for block in data["scores"]:
            head = {
                "attribute": block["attribute"],
                "score": block["score"],
                "median_all": block["median"],
                "unknown": block["unknown"],
                "reference": block["reference"],
            }
            for group in block["groups"]:
                sheet.add({**head, **_group_record(group, li)})
        sheet.finish()

    if any(b["cmh"] for b in data["attributes"]):
        sheet = _Table(book, next(name_iter), CMH_COLUMNS, li, formats)
        for block in data["attributes"]:
            if block["cmh"]:
                head = {
                    "attribute": block["attribute"],
                    "stage": block["stage"],
                    "basis": _word(block["basis"], li),
                    "strata": block["cmh"]["strata"],
                    "reference": block["cmh"]["reference"],
                }
                for group in block["cmh"]["groups"]:
                    sheet.add({**head, **group, "warning": group["warning"] or None})
        sheet.finish()

    method = _Table(book, next(name_iter), ("item", "value"), li, formats)
    for statement in data["method"]:
        method.add({"item": _word("method", li), "value": statement})
    for key, value in data["settings"].items():
        method.add({"item": f"{_word('setting', li)}: {key}", "value": _setting(value)})
    method.finish()
    book.close()


def _setting(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(repr(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    return str(value)
