"""`--lang id` and `--lang en` outputs differ only in language: same structure, same numbers.

HTML is compared after dropping the charts (their glyphs are the translated labels drawn as
paths): the sequence of elements with their ids and classes must be equal, and so must the
multiset of numbers in the text. Workbooks must hold the same sheets, shapes and numbers.
Indonesian dates are written the Indonesian way everywhere.
"""

from __future__ import annotations

import html
import re
import typing
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import KP_POLICY
from test_report_data import decisions, scored_run, trimmed

from asn_merit.reports.audit_excel import write_audit_xlsx
from asn_merit.reports.audit_html import render_audit_html
from asn_merit.reports.html import render_score_html
from asn_merit.reports.i18n import LANGUAGES, MESSAGES
from asn_merit.reports.policy_doc import render_policy
from asn_merit.reports.ranking_excel import write_ranking_xlsx
from asn_merit.rules import model
from asn_merit.rules.loader import load_policy

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
KEPT_ATTRIBUTES = re.compile(r'\b(id|class|href|colspan)="([^"]*)"')
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?%?")
CREATED = datetime(2026, 10, 1)


def skeleton(page: str) -> list[str]:
    """Elements in order with the attributes that carry structure, not words."""
    page = SVG.sub("<svg></svg>", page)
    return [name + " ".join(f'{k}="{v}"' for k, v in KEPT_ATTRIBUTES.findall(attrs))
            for name, attrs in TAG.findall(page)]


WRITTEN = {"id": re.compile(r"(?<![\w.,])-?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)(?![\w.,]*\d)"),
           "en": re.compile(r"(?<![\w.,])-?(\d{1,3}(?:,\d{3})+(?:\.\d+)?)(?![\w.,]*\d)")}


def numbers(page: str, lang: str = "en") -> Counter[str]:
    """The numbers in the text, in one notation: Indonesian "1.000" and "82,25" are read as
    1000 and 82.25, English "1,000" as 1000."""
    text = html.unescape(TAG.sub(" ", SVG.sub(" ", page)))
    if lang == "id":
        text = WRITTEN["id"].sub(lambda m: m[0].replace(".", "").replace(",", "."), text)
    else:
        text = WRITTEN["en"].sub(lambda m: m[0].replace(",", ""), text)
    return Counter(NUMBER.findall(text))


def assert_same_but_language(pages: dict[str, str]) -> None:
    assert pages["id"] != pages["en"]
    assert skeleton(pages["id"]) == skeleton(pages["en"])
    assert numbers(pages["id"], "id") == numbers(pages["en"], "en")
    assert pages["id"].count("<svg") == pages["en"].count("<svg")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_run(tmp_path_factory.mktemp("languages"), rows=150)


def test_report_html_differs_only_in_language(run: dict[str, Any]) -> None:
    audit = trimmed(run["audit"], ("jenis_kelamin",))
    pages = {lang: render_score_html(run["document"], lang, audit=audit,
                                     footer={"run_id": "r"}) for lang in LANGUAGES}
    assert_same_but_language(pages)
    assert "1 Oktober 2026" in pages["id"]


def test_audit_html_differs_only_in_language(run: dict[str, Any]) -> None:
    audit = trimmed(run["audit"], ("jenis_kelamin",))
    assert_same_but_language({lang: render_audit_html(audit, lang) for lang in LANGUAGES})
    file_audit = decisions().to_dict()
    assert_same_but_language({lang: render_audit_html(file_audit, lang) for lang in LANGUAGES})


def test_policy_document_differs_only_in_language() -> None:
    loaded = load_policy(KP_POLICY)
    pages = {lang: render_policy(loaded, "html", lang) for lang in LANGUAGES}
    assert_same_but_language(pages)
    assert "Berlaku mulai</dt><dd>1 Oktober 2026" in pages["id"]
    for fmt in ("md", "text"):
        texts = {lang: render_policy(loaded, fmt, lang) for lang in LANGUAGES}
        assert numbers(texts["id"]) == numbers(texts["en"])


def _cells(path: Path) -> dict[str, Any]:
    book = openpyxl.load_workbook(path)
    return {index: (ws.max_row, ws.max_column,
                    [c.value for row in ws.iter_rows() for c in row
                     if isinstance(c.value, int | float)])
            for index, ws in enumerate(book.worksheets)}


def test_workbooks_differ_only_in_language(run: dict[str, Any], tmp_path: Path) -> None:
    loaded = load_policy(KP_POLICY)
    for lang in LANGUAGES:
        write_ranking_xlsx(run["document"], [], tmp_path / f"r-{lang}.xlsx", CREATED, lang,
                           manifest=run["manifest"])
        write_audit_xlsx(run["result"], tmp_path / f"a-{lang}.xlsx", CREATED, lang=lang)
    for name in ("r", "a"):
        assert _cells(tmp_path / f"{name}-id.xlsx") == _cells(tmp_path / f"{name}-en.xlsx")
    summary = openpyxl.load_workbook(tmp_path / "r-id.xlsx").worksheets[0]
    assert ("Tanggal acuan", "1 Oktober 2026") in summary.iter_rows(values_only=True)
    assert loaded.canonical_sha256 == run["document"]["policy"]["canonical_sha256"]


def _literals(annotation: Any) -> set[str]:
    """Every string of the Literal types inside a (possibly nested) annotation."""
    if typing.get_origin(annotation) is typing.Literal:
        return {a for a in typing.get_args(annotation) if isinstance(a, str)}
    return {v for arg in typing.get_args(annotation) for v in _literals(arg)}


@pytest.mark.parametrize(("prefix", "annotation"), [
    ("policy.op", model.Operator),
    ("policy.type", model.ColumnType),
    ("policy.method", model.Method),
    ("policy.kind", model.PolicyMeta.model_fields["kind"].annotation),
    ("policy.role", model.ColumnSpec.model_fields["role"].annotation),
    ("policy.nip_part", model.ColumnSpec.model_fields["nip_part"].annotation),
    ("policy.weights", model.Scoring.model_fields["weights"].annotation),
    ("policy.on_invalid_row", model.Scoring.model_fields["on_invalid_row"].annotation),
    ("policy.on_missing.gate", model.GateRule.model_fields["on_missing"].annotation),
    ("policy.on_missing.points", model.Scoring.model_fields["on_missing_points"].annotation),
    ("policy.unit", model.Elapsed.model_fields["unit"].annotation),
    ("policy.rounding_mode", model.Rounding.model_fields["mode"].annotation),
    ("policy.redact", model.Reporting.model_fields["redact"].annotation),
    ("policy.language", model.Reporting.model_fields["language"].annotation),
    ("fair.stage", model.Fairness.model_fields["outcomes"].annotation),
    ("process.protected_use", model.Fairness.model_fields["protected_use"].annotation),
])
def test_every_policy_value_the_document_names_is_translated(prefix: str,
                                                             annotation: Any) -> None:
    values = _literals(annotation)
    assert values
    assert sorted(v for v in values if f"{prefix}.{v}" not in MESSAGES) == []


def test_every_rule_kind_is_translated() -> None:
    kinds = {_literals(rule.model_fields["kind"].annotation).pop()
             for rule in typing.get_args(typing.get_args(model.Rule)[0])}
    assert sorted(k for k in kinds if f"kind.{k}" not in MESSAGES) == []
