"""Policy loader: every problem found, each pointing at the right line and column."""

from __future__ import annotations

import pytest
from helpers import KP_POLICY, MINI_POLICY, load_text

from asn_merit.diagnostics import Severity
from asn_merit.errors import PolicyError
from asn_merit.rules.loader import load_policy

KP_TEXT = KP_POLICY.read_text(encoding="utf-8")


def problems(text: str) -> list:
    with pytest.raises(PolicyError) as caught:
        load_text(text)
    return caught.value.diagnostics


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = text.splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[occurrence - 1]


def test_shipped_policy_loads_clean() -> None:
    loaded = load_policy(KP_POLICY)
    assert loaded.policy.policy.id == "kenaikan-pangkat-reguler"
    assert [d for d in loaded.warnings if d.severity == Severity.WARNING] == []
    assert len(loaded.canonical_sha256) == 64


def test_canonical_hash_ignores_comments_and_whitespace() -> None:
    a = load_text(MINI_POLICY)
    b = load_text("# a comment\n" + MINI_POLICY.replace("kind: reward", "kind:   reward  # x"))
    assert a.canonical_sha256 == b.canonical_sha256
    assert a.file_sha256 != b.file_sha256


def test_misspelt_key_points_at_its_line_with_a_hint() -> None:
    text = KP_TEXT.replace("    weight: 0.15\n", "    wieght: 0.15\n")
    diags = problems(text)
    extra = [d for d in diags if d.code == "schema.extra-field"]
    assert extra, [d.render() for d in diags]
    assert extra[0].span.line == line_of(text, "wieght: 0.15")
    assert extra[0].span.column == 5
    assert "weight" in extra[0].hint
    assert "poin-kinerja-sebelumnya" in extra[0].message


def test_duplicate_key_names_both_lines() -> None:
    text = MINI_POLICY.replace('  version: "1"\n', '  version: "1"\n  version: "2"\n')
    [diag] = problems(text)
    assert diag.code == "yaml.duplicate-key"
    assert diag.span.line == line_of(text, 'version: "2"')
    first = line_of(text, 'version: "1"')
    assert f"first at line {first}" in diag.message


def test_formula_with_unknown_column_points_into_the_expression() -> None:
    text = KP_TEXT.replace('expr: "months_between(tmt_pangkat, $as_of)"',
                           'expr: "months_between(tmt_pangkt, $as_of)"')
    [diag] = problems(text)
    assert diag.code == "expr.unknown-name"
    line = line_of(text, "tmt_pangkt")
    assert diag.span.line == line
    assert diag.span.column == text.splitlines()[line - 1].index("tmt_pangkt") + 1
    assert "tmt_pangkat" in diag.hint


@pytest.mark.parametrize("expr", ["__import__('os').system('id')", "open('x')", "skor.real",
                                  "skor[0]", "(lambda: 1)()", "[x for x in skor]"])
def test_code_in_a_formula_is_refused(expr: str) -> None:
    text = MINI_POLICY.replace("rules:\n", f'rules:\n  - id: poin-bahaya\n    kind: formula\n'
                               f'    expr: "{expr}"\n    weight: 0\n')
    diags = problems(text)
    assert diags[0].code.startswith("expr.")
    assert diags[0].span.line == line_of(text, "expr:")


def test_missing_schema_version() -> None:
    [diag] = problems(MINI_POLICY.replace("schema_version: 1\n", ""))
    assert diag.code == "policy.missing-schema-version"


def test_unsupported_schema_version() -> None:
    [diag] = problems(MINI_POLICY.replace("schema_version: 1", "schema_version: 2"))
    assert diag.code == "policy.unsupported-schema-version"
    assert diag.span.line == 1


def test_weights_must_sum_to_one() -> None:
    diags = problems(MINI_POLICY.replace("weight: 1.0", "weight: 0.9"))
    assert [d.code for d in diags] == ["policy.weights-sum"]


def test_tie_breakers_must_end_on_the_id() -> None:
    text = MINI_POLICY.replace('    - { field: nip, direction: asc, note: "test" }\n', "")
    diags = problems(text)
    assert [d.code for d in diags] == ["policy.tie-breakers-not-unique"]


def test_protected_attribute_may_not_score() -> None:
    text = MINI_POLICY.replace("  - id: syarat-skor\n", '  - id: syarat-jk\n    kind: gate\n'
                               '    when: { field: jk, op: "==", value: "L" }\n'
                               "  - id: syarat-skor\n")
    diags = problems(text)
    assert [d.code for d in diags] == ["lint.protected-in-scoring"]
    assert diags[0].span.line == line_of(text, "field: jk")


def test_field_derived_from_protected_is_protected_too() -> None:
    text = MINI_POLICY.replace("rules:\n", 'derived:\n  - id: jk_kode\n    expr: "if_(jk == '
                               '\'P\', 1, 0)"\nrules:\n  - id: poin-jk\n    kind: formula\n'
                               '    expr: "jk_kode * 100"\n    weight: 0\n')
    diags = problems(text)
    assert [d.code for d in diags] == ["lint.protected-in-scoring"]
    assert "derived from a protected" in diags[0].message


def test_unquoted_yaml_boolean_gets_a_quote_hint() -> None:
    text = MINI_POLICY.replace('version: "1"', "version: no")
    [diag] = problems(text)
    assert diag.code == "schema.string-type"
    assert 'quote the value' in diag.hint


def test_unknown_category_value_in_a_gate() -> None:
    text = KP_TEXT.replace('value: ["Tidak Ada", "Ringan"] }', 'value: ["Tidak Adaa", "Ringan"] }')
    [diag] = problems(text)
    assert diag.code == "policy.unknown-category"
    assert diag.hint == "did you mean 'Tidak Ada'?"


def test_every_problem_is_reported_at_once() -> None:
    text = MINI_POLICY.replace("weight: 1.0", "wieght: 1.0").replace(
        "kind: reward", "kind: rewards")
    codes = sorted(d.code for d in problems(text))
    assert codes == ["schema.extra-field", "schema.literal-error", "schema.missing-field"]


def test_nip_tie_breaker_without_note_warns_as_age_proxy() -> None:
    loaded = load_text(MINI_POLICY.replace(', note: "test"', ""))
    assert [d.code for d in loaded.warnings] == ["lint.proxy-field"]


def test_yaml_syntax_error_has_a_position() -> None:
    [diag] = problems("schema_version: 1\npolicy: [unclosed\n")
    assert diag.code == "yaml.syntax"
    assert diag.span.line >= 2


def test_column_absence_and_calendar_headers_are_checked_when_loading() -> None:
    """Issue 16: `if_absent`, `preset` and {tahun-N} headers; mistakes are policy errors."""
    good = load_text(MINI_POLICY.replace(
        'jk: { header: "JK", type: category, allowed: ["L", "P"], role: protected }',
        'jk: { header: "JK {tahun-1}", type: category, allowed: ["L", "P"], role: protected,'
        ' preset: jenis_kelamin, if_absent: from_nip, nip_part: sex }'))
    spec = good.policy.columns["jk"]
    assert spec.headers_for(good.policy.policy.as_of) == ["JK 2025"]
    for wrong, code in [("JK {year}", "unknown placeholder '{year}'"),
                        ("JK", "'if_absent: from_nip' needs 'nip_part'")]:
        text = MINI_POLICY.replace(
            'jk: { header: "JK", type: category, allowed: ["L", "P"], role: protected }',
            f'jk: {{ header: "{wrong}", type: category, allowed: ["L", "P"], role: protected'
            + (', if_absent: from_nip }' if wrong == "JK" else ' }'))
        with pytest.raises(PolicyError) as caught:
            load_text(text)
        assert any(code in d.message for d in caught.value.diagnostics), code
    with pytest.raises(PolicyError) as caught:
        load_text(MINI_POLICY.replace(
            'skor: { header: "Skor", type: number }',
            'skor: { header: "Skor", type: number, preset: skor_kinerja }'))
    assert any("preset" in d.path for d in caught.value.diagnostics)
    text = MINI_POLICY.replace('type: nip18, role: id', 'type: text, role: id').replace(
        'role: protected }', 'role: protected, if_absent: from_nip, nip_part: sex }')
    with pytest.raises(PolicyError) as caught:
        load_text(text)
    assert [d.code for d in caught.value.diagnostics] == ["policy.from-nip-needs-nip"]
