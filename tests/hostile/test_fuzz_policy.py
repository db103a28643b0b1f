"""Fuzzing: whatever text arrives, the loader returns a policy or a PolicyError with a position.

Never another exception, never a hang, never code execution.
"""

from __future__ import annotations

import yaml
from helpers import MINI_POLICY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asn_merit.errors import PolicyError
from asn_merit.rules.expr import ExprError, compile_expr
from asn_merit.rules.loader import parse_policy
from asn_merit.rules.yaml_loader import load_yaml

FIELDS = ["skor", "gol", "unit", "tmt", "x"]
TOKENS = ["skor", "gol", "1", "2.5", "'a'", "$as_of", "+", "-", "*", "/", "(", ")", ",", "<",
          ">=", "==", "and", "or", "not", "min", "max", "round", "if_", "coalesce", "clip",
          "months_between", "__import__", ".", "[", "]", "lambda", ":", "**", "x", "date"]


def outcome_of(text: str) -> None:
    from pathlib import Path

    try:
        parse_policy(text, Path("fuzz.yaml"))
    except PolicyError as exc:
        assert exc.diagnostics
        for diag in exc.diagnostics:
            assert diag.span is not None and diag.span.line >= 1, diag


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    outcome_of(text)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_values)
def test_random_yaml_structures(value: object) -> None:
    outcome_of(yaml.safe_dump({"schema_version": 1, "policy": value, "rules": value}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_valid_policy(data: st.DataObject) -> None:
    lines = MINI_POLICY.splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    replacement = data.draw(st.sampled_from(["", "  x: 1", "- a", "weight: -1", "kind: gate",
                                             "  op: '~'", "&a [*a]", "{", "value: .inf"]))
    lines[i] = replacement
    outcome_of("\n".join(lines))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=12))
def test_expressions_compile_or_fail_with_an_offset(tokens: list[str]) -> None:
    source = " ".join(tokens)
    try:
        compiled = compile_expr(source, FIELDS)
    except ExprError as exc:
        assert 0 <= exc.offset <= len(source)
        assert exc.code.startswith("expr.")
    else:
        assert compiled.fields <= set(FIELDS)


def test_yaml_loader_never_constructs_python_objects() -> None:
    data, _, problems = load_yaml("a: !!python/object/apply:os.system ['id']\n", "x.yaml")
    assert data is None and problems[0].code == "yaml.tag"
