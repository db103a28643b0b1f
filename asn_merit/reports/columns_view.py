"""The "columns used" table (field ← header, sheet, column, how matched) as rows of text.

One rendering for the terminal summary, ranking.xlsx and report.html, read from the manifest's
`columns_used` (roster/binding.py `Binding.to_dict`), so the three always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from asn_merit.reports.i18n import t

HEADINGS = ("columns.col.field", "columns.col.header", "columns.col.sheet",
            "columns.col.column", "columns.col.how", "columns.col.note")


def _effect(code: str, lang: str) -> str:
    if not code:
        return ""
    if code.startswith("points="):
        shown = code.split("=", 1)[1]
        return t("columns.effect", lang, effect=f"{shown} {t('col.points', lang).lower()}")
    return t("columns.effect", lang, effect=t(f"columns.effect.{code}", lang))


def _reader(reader: Mapping[str, Any], lang: str) -> str:
    via = t("columns.via", lang, fields=", ".join(reader["via"])) if reader["via"] else ""
    return t("columns.reader", lang, kind=t(f"columns.kind.{reader['kind']}", lang),
             id=reader["id"], via=via, effect=_effect(reader["on_missing"], lang))


def how_text(entry: Mapping[str, Any], lang: str) -> str:
    if entry["how"] == "preset":
        return t("columns.how.preset", lang, preset=entry.get("preset", ""))
    return t(f"columns.how.{entry['how']}", lang)


def note_text(entry: Mapping[str, Any], lang: str) -> str:
    """What an absent or derived column did: the rules that ran with blanks or derived values."""
    if entry["how"] not in ("absent", "from_nip"):
        return ""
    readers = entry.get("read_by", [])
    if not readers:
        return t("columns.shown_only", lang)
    text = "; ".join(_reader(r, lang) for r in readers)
    return text if entry["how"] == "from_nip" else t("columns.ran_without", lang, readers=text)


def columns_rows(columns_used: Sequence[Mapping[str, Any]], lang: str) -> list[list[str]]:
    return [[e["field"], e["header"] if e["header"] is not None else t("columns.none", lang),
             e.get("sheet") or "", e.get("column") or "", how_text(e, lang), note_text(e, lang)]
            for e in columns_used]


def headings(lang: str) -> list[str]:
    return [t(h, lang) for h in HEADINGS]
