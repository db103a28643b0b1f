"""Numbers written the way the reader's documents write them: "1.000" and "82,25" in
Indonesian, "1,000" and "82.25" in English.

The digits are never re-computed: a decimal string from result.json keeps its places, only the
separators change. The machine outputs (result.json, audit.json) are not touched by this module.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SEPARATORS = {"id": (".", ","), "en": (",", ".")}
"""lang → (thousands, decimal)."""
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")


def number(value: object, lang: str, places: int | None = None) -> str:
    """`value` (int, float, Decimal or a plain decimal string) with the language's separators;
    anything else (a dash, a word, None → "") is returned as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float | Decimal) or places is not None:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        text = f"{amount:.{places}f}" if places is not None else format(amount, "f")
    else:
        text = str(value)
    if not _PLAIN.match(text):
        return text
    return _separate(text, lang)


def _separate(text: str, lang: str) -> str:
    thousands, decimal = SEPARATORS.get(lang, SEPARATORS["id"])
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + thousands.join(groups) + (decimal + fraction if fraction else "")


_DECIMAL_IN_TEXT = re.compile(r"(?<![\w.,/-])(\d+)\.(\d+)(?![\w.]*\d)")


def in_text(text: str, lang: str) -> str:
    """A sentence whose decimals were written by a machine ("IR 0.762 < 0.8") with the
    language's decimal mark; versions, dates and ids (no lone decimal point) are left alone."""
    if SEPARATORS.get(lang, SEPARATORS["id"])[1] == ".":
        return text
    return _DECIMAL_IN_TEXT.sub(r"\1,\2", text)


def percent(share: float | None, lang: str, places: int = 1) -> str:
    """A share 0..1 as a percentage: "12,5%" in Indonesian."""
    return "–" if share is None else number(round(share * 100, places), lang, places) + "%"


def excel_format(places: int) -> str:
    """An Excel number format with a thousands separator and `places` decimals. Excel stores
    the format locale-independently ("#,##0.00") and shows it with the reader's separators, so
    an Indonesian Excel or LibreOffice shows "1.000,50"."""
    return "#,##0" + ("." + "0" * places if places else "")
