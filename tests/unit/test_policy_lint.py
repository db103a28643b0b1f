"""Lint of points rules and rule ids: each code, on a small policy, at the exact line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO, load_text

from asn_merit.diagnostics import Diagnostic, Severity
from asn_merit.errors import PolicyError
from asn_merit.rules.loader import load_policy

BASE = """\
schema_version: 1
policy: { id: lint-policy, version: "1", title: "Lint", kind: reward }
columns:
  nip: { header: "NIP", type: nip18, role: id }
  masa_kerja: { header: "Masa Kerja", type: integer, min: 0 }
  skor: { header: "Skor", type: number, min: 0, max: 100 }
  gol: { header: "Gol", type: golongan }
  predikat: { header: "Predikat", type: category, allowed: ["Sangat Baik", "Baik", "Kurang"] }
derived:
  - id: nilai_predikat
    lookup: { field: predikat, type: number, table: { "Sangat Baik": 100, "Baik": 80 } }
rules:
{rules}
scoring: { weights: free }
ranking:
  tie_breakers:
    - { field: nip, direction: asc, note: "test" }
  selection: { quota: 2 }
"""

NEW_CODES = ("lint.band-gap", "lint.band-overlap", "lint.unreachable-points",
             "policy.duplicate-rule-id", "policy.version-reused")
SHIPPED = sorted(p for p in (REPO / "asn_merit" / "policies").glob("*.yaml")
                 if not p.name.endswith(".tests.yaml"))


def policy(rules: str) -> str:
    return BASE.replace("{rules}", rules.rstrip("\n"))


def diagnostics(text: str) -> list[Diagnostic]:
    try:
        return load_text(text).warnings
    except PolicyError as exc:
        return exc.diagnostics


def only(text: str, code: str) -> list[Diagnostic]:
    return [d for d in diagnostics(text) if d.code == code]


def line_of(text: str, needle: str) -> int:
    [line] = [i + 1 for i, row in enumerate(text.splitlines()) if needle in row]
    return line


def bands_rule(field: str, bands: str, extra: str = "") -> str:
    return f"""\
  - id: poin-uji
    kind: points_table
    field: {field}
    bands:
{bands}    weight: 1.0
{extra}"""


# --- lint.band-gap -------------------------------------------------------------------------------

def test_gap_between_bands_is_a_warning_at_the_band_after_it() -> None:
    text = policy(bands_rule("skor", "      - { lt: 50, points: 0 }\n"
                                     "      - { gte: 60, points: 100 }\n"))
    [gap] = only(text, "lint.band-gap")
    assert gap.severity == Severity.WARNING
    assert gap.span.line == line_of(text, "gte: 60")
    assert "skor in [50, 60)" in gap.message and "0 points (no default)" in gap.message


def test_gap_below_the_first_band_uses_the_declared_min_and_names_the_default() -> None:
    text = policy(bands_rule("skor", "      - { gte: 10, points: 50 }\n", "    default: 5\n"))
    [gap] = only(text, "lint.band-gap")
    assert gap.span.line == line_of(text, "gte: 10")
    assert "in [0, 10)" in gap.message and "the default 5 points apply" in gap.message


def test_gap_on_an_integer_field_counts_integers_only() -> None:
    text = policy(bands_rule("masa_kerja", "      - { lt: 2, points: 0 }\n"
                                           "      - { gte: 2.5, points: 10 }\n"))
    [gap] = only(text, "lint.band-gap")
    assert gap.span.line == line_of(text, "gte: 2.5")
    assert "masa_kerja = 2" in gap.message
    clean = policy(bands_rule("masa_kerja", "      - { lt: 2.5, points: 0 }\n"
                                            "      - { gte: 3, points: 10 }\n"))
    assert only(clean, "lint.band-gap") == []


def test_gap_on_a_lookup_field_is_a_value_of_the_lookup() -> None:
    text = policy(bands_rule("nilai_predikat", "      - { gte: 90, points: 10 }\n"))
    [gap] = only(text, "lint.band-gap")
    assert gap.span.line == line_of(text, "gte: 90")
    assert "nilai_predikat = 80" in gap.message


def test_no_gap_where_a_gate_already_excludes_the_values() -> None:
    gate = """\
  - id: syarat-skor
    kind: gate
    when: { field: skor, op: ">=", value: 50 }
"""
    text = policy(gate + bands_rule("skor", "      - { gte: 50, points: 10 }\n"))
    assert only(text, "lint.band-gap") == []


# --- lint.band-overlap ---------------------------------------------------------------------------

def test_overlap_is_an_error_at_the_later_band() -> None:
    text = policy(bands_rule("skor", "      - { lt: 50, points: 0 }\n"
                                     "      - { gte: 40, points: 100 }\n"))
    with pytest.raises(PolicyError):
        load_text(text)
    [overlap] = only(text, "lint.band-overlap")
    assert overlap.severity == Severity.ERROR
    assert overlap.span.line == line_of(text, "gte: 40")
    assert "skor in [40, 50)" in overlap.message
    assert f"(line {line_of(text, 'lt: 50')})" in overlap.message


def test_bands_sharing_an_edge_do_not_overlap_and_integer_slack_is_no_overlap() -> None:
    edge = policy(bands_rule("skor", "      - { lt: 50, points: 0 }\n"
                                     "      - { gte: 50, points: 100 }\n"))
    assert [d.code for d in diagnostics(edge)] == []
    slack = policy(bands_rule("masa_kerja", "      - { lt: 2.5, points: 0 }\n"
                                            "      - { gte: 2.1, points: 10 }\n"))
    assert only(slack, "lint.band-overlap") == []


# --- lint.unreachable-points ---------------------------------------------------------------------

GATE_MASA = """\
  - id: syarat-masa
    kind: gate
    when: { field: masa_kerja, op: ">=", value: 4 }
"""


def test_band_below_a_gate_is_unreachable_and_not_a_gap() -> None:
    text = policy(GATE_MASA + bands_rule("masa_kerja", "      - { lt: 2, points: 10 }\n"
                                                       "      - { gte: 2, points: 20 }\n"))
    [dead] = only(text, "lint.unreachable-points")
    assert dead.severity == Severity.WARNING
    assert dead.span.line == line_of(text, "lt: 2,")
    assert f"gate 'syarat-masa' (line {line_of(text, 'value: 4')})" in dead.message
    assert only(text, "lint.band-gap") == []


def test_gate_conjunctions_count_but_any_does_not() -> None:
    conj = """\
  - id: syarat-masa
    kind: gate
    all:
      - { field: skor, op: ">", value: 0 }
      - all:
          - { field: masa_kerja, op: between, value: [4, 10] }
"""
    bands = "      - { lt: 2, points: 10 }\n      - { gte: 2, points: 20 }\n"
    text = policy(conj + bands_rule("masa_kerja", bands))
    [dead] = only(text, "lint.unreachable-points")
    assert dead.span.line == line_of(text, "lt: 2,")
    disj = conj.replace("    all:\n", "    any:\n", 1)
    assert only(policy(disj + bands_rule("masa_kerja", bands)), "lint.unreachable-points") == []


def test_golongan_gate_literals_compare_as_ordinals() -> None:
    gate = """\
  - id: syarat-gol
    kind: gate
    when: { field: gol, op: ">=", value: "III/a" }
"""
    text = policy(gate + bands_rule("gol", "      - { lt: 9, points: 0 }\n"
                                           "      - { gte: 9, points: 10 }\n"))
    [dead] = only(text, "lint.unreachable-points")
    assert dead.span.line == line_of(text, "lt: 9")


def test_band_outside_the_declared_range_is_unreachable() -> None:
    text = policy(bands_rule("skor", "      - { lt: 0, points: 0 }\n"
                                     "      - { gte: 0, points: 10 }\n"))
    [dead] = only(text, "lint.unreachable-points")
    assert dead.span.line == line_of(text, "lt: 0")
    assert "outside the range" in dead.message


def test_table_entry_a_gate_excludes_is_unreachable() -> None:
    text = policy("""\
  - id: syarat-predikat
    kind: gate
    when: { field: predikat, op: in, value: ["sangat baik", "Baik"] }
  - id: poin-predikat
    kind: points_table
    field: predikat
    table:
      "Sangat Baik": 100
      "Baik": 80
      "Kurang": 10
    weight: 1.0
""")
    [dead] = only(text, "lint.unreachable-points")
    assert dead.span.line == line_of(text, '"Kurang": 10')
    assert "'Kurang'" in dead.message


# --- renamed rules: aliases share the id namespace -----------------------------------------------

RENAMED = """\
  - id: syarat-skor
    kind: gate
    when: { field: skor, op: ">=", value: 10 }
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    aliases:
      - poin-lama
      - {alias}
    weight: 1.0
"""


def alias_lines(text: str) -> tuple[int, int]:
    """Lines of the first and second alias under poin-skor."""
    first = line_of(text, "    aliases:") + 1
    return first, first + 1


@pytest.mark.parametrize(("alias", "words"), [
    ("syarat-skor", "is the id of another rule (line {gate})"),
    ("poin-skor", "lists its own id"),
    ("poin-lama", "declared twice (first at line {first})"),
])
def test_alias_colliding_with_an_id_or_alias_points_at_the_alias(alias: str, words: str) -> None:
    text = policy(RENAMED.replace("{alias}", alias))
    first, second = alias_lines(text)
    [dup] = only(text, "policy.duplicate-rule-id")
    assert dup.severity == Severity.ERROR
    assert dup.span.line == second
    assert words.format(gate=line_of(text, "id: syarat-skor"), first=first) in dup.message


def test_plain_alias_is_clean_and_duplicate_ids_still_point_at_the_id() -> None:
    assert only(policy(RENAMED.replace("{alias}", "poin-lebih-lama")),
                "policy.duplicate-rule-id") == []
    text = policy(RENAMED.replace("{alias}", "x-y-z").replace("id: poin-skor", "id: syarat-skor"))
    [first, second] = [i + 1 for i, row in enumerate(text.splitlines())
                       if "id: syarat-skor" in row]
    [dup] = only(text, "policy.duplicate-rule-id")
    assert dup.span.line == second and f"used twice (first at line {first})" in dup.message


# --- the shipped policies stay clean -------------------------------------------------------------

@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_policies_lint_clean(path: Path) -> None:
    loaded = load_policy(path)
    assert [d.render() for d in loaded.warnings
            if d.code in NEW_CODES or d.severity != Severity.INFO] == []


def test_six_policies_are_shipped() -> None:
    assert len(SHIPPED) == 7
