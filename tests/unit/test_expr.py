"""Policy formula compiler: whitelist, offsets, vectorised semantics and NA rules."""

from __future__ import annotations

import ast
import datetime as dt
import pickle
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_merit.rules import expr as expr_module
from asn_merit.rules.expr import FUNCTIONS, CompiledExpr, ExprError, compile_expr

FIELDS = (
    "tmt_pangkat",
    "tmt_cpns",
    "gol",
    "sertifikat",
    "pendidikan",
    "masa_kerja_bulan",
    "aktif",
    "nilai",
    "a",
    "b",
    "x",
)
AS_OF = dt.date(2026, 10, 1)
VARIABLES = {"as_of": AS_OF, "policy_version": "2026.1"}


@pytest.fixture
def roster() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tmt_pangkat": pd.to_datetime(["2021-04-01", "2021-04-15", None, "2026-10-01"]),
            "tmt_cpns": pd.to_datetime(["2010-01-31", "2000-02-29", "2015-06-30", None]),
            "gol": pd.array([12, 11, None, 14], dtype="Int64"),
            "sertifikat": pd.array([1.0, 3.0, None, 0.0], dtype="Float64"),
            "pendidikan": pd.array(["S-1", "S-2", None, "D-3"], dtype="string"),
            "aktif": pd.array([True, None, False, True], dtype="boolean"),
            "nilai": pd.array([2.5, -2.5, None, 2.675], dtype="Float64"),
        },
        index=["198001", "198002", "198003", "198004"],
    )


def run(source: str, frame: pd.DataFrame, **variables: object) -> list[object]:
    result = compile_expr(source, FIELDS).evaluate(frame, {**VARIABLES, **variables})
    assert list(result.index) == list(frame.index)
    return [None if pd.isna(value) else value for value in result]


def one_row(**columns: object) -> pd.DataFrame:
    return pd.DataFrame({name: [value] for name, value in columns.items()})


def error(source: str, fields: tuple[str, ...] = FIELDS) -> ExprError:
    with pytest.raises(ExprError) as caught:
        compile_expr(source, fields)
    return caught.value


# --- compile results ---------------------------------------------------------------------------


def test_compiled_expr_lists_what_it_uses() -> None:
    compiled = compile_expr(
        "min(100, 50 * sertifikat) + if_(gol >= 12, 10, 0) + months_between(tmt_pangkat, $as_of)",
        FIELDS,
    )
    assert isinstance(compiled, CompiledExpr)
    assert compiled.fields == {"sertifikat", "gol", "tmt_pangkat"}
    assert compiled.variables == {"as_of"}
    assert compiled.functions == {"min", "if_", "months_between"}


def test_function_whitelist_is_exactly_documented() -> None:
    assert {
        "min",
        "max",
        "abs",
        "round",
        "clip",
        "coalesce",
        "if_",
        "months_between",
        "years_between",
        "date",
    } == FUNCTIONS


def test_module_never_executes_code() -> None:
    tree = ast.parse(Path(expr_module.__file__).read_text(encoding="utf-8"))
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = {func.id for func in calls if isinstance(func, ast.Name)}
    methods = {func.attr for func in calls if isinstance(func, ast.Attribute)}
    assert not names & {"eval", "exec", "compile", "__import__", "getattr"}
    assert not methods & {"eval", "query", "import_module"}


# --- dates ------------------------------------------------------------------------------------


def test_months_between_counts_completed_months(roster: pd.DataFrame) -> None:
    assert run("months_between(tmt_pangkat, $as_of)", roster) == [66, 65, None, 0]


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2021-04-01", "2026-10-01", 66),
        ("2021-04-15", "2026-10-14", 65),
        ("2021-04-15", "2026-10-15", 66),
        ("2021-01-31", "2021-02-28", 0),
        ("2020-02-29", "2021-02-28", 11),
        ("2026-10-14", "2021-04-15", -66),
    ],
)
def test_months_between_examples(start: str, end: str, months: int) -> None:
    frame = one_row(a=pd.Timestamp(start), b=pd.Timestamp(end))
    assert run("months_between(a, b)", frame) == [months]


def test_years_between_is_completed_years(roster: pd.DataFrame) -> None:
    assert run("years_between(tmt_pangkat, $as_of)", roster) == [5, 5, None, 0]
    assert run("years_between(tmt_cpns, date('2026-01-31'))", roster) == [16, 25, 10, None]


@pytest.mark.parametrize(
    "as_of", [AS_OF, pd.Timestamp(AS_OF), dt.datetime(2026, 10, 1, 15, 30), np.datetime64(AS_OF)]
)
def test_date_variable_types_are_accepted(roster: pd.DataFrame, as_of: object) -> None:
    assert run("months_between(tmt_pangkat, $as_of)", roster, as_of=as_of) == [66, 65, None, 0]


def test_date_column_compares_with_date_variable(roster: pd.DataFrame) -> None:
    assert run("tmt_pangkat < $as_of", roster) == [True, True, None, False]
    assert run("tmt_pangkat == date('2026-10-01')", roster) == [False, False, None, True]


def test_object_column_of_python_dates_is_treated_as_dates() -> None:
    frame = pd.DataFrame({"a": [dt.date(2021, 4, 1), None]}, dtype=object)
    assert run("months_between(a, $as_of)", frame) == [66, None]


# --- rounding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("round(2.5)", 3.0),
        ("round(-2.5)", -3.0),
        ("round(0.5)", 1.0),
        ("round(1.5)", 2.0),
        ("round(2.4999)", 2.0),
        ("round(2.675, 2)", 2.68),
        ("round(1.005, 2)", 1.01),
        ("round(-1.005, 2)", -1.01),
        ("round(0.125, 2)", 0.13),
        ("round(1234.5678, 3)", 1234.568),
        ("round(1.0049999999999, 2)", 1.0),
        ("round(0.12499999999999, 2)", 0.12),
        ("round(-0.12499999999999, 2)", -0.12),
        ("round(7, 0)", 7.0),
    ],
)
def test_round_is_half_up(source: str, expected: float) -> None:
    assert run(source, one_row(a=1)) == [expected]


def test_round_column_keeps_na(roster: pd.DataFrame) -> None:
    assert run("round(nilai)", roster) == [3, -3, None, 3]
    assert run("round(nilai, 2)", roster) == [2.5, -2.5, None, 2.68]


_FLOATS = st.floats(min_value=-1e6, max_value=1e6, exclude_min=True, exclude_max=True)
_DECIMALS = st.decimals(min_value=-999_999, max_value=999_999, places=4).map(float)
# Just below or above a half-cent tie, where scale-then-round-to-9-digits tricks go wrong.
_NEAR_TIES = st.builds(
    lambda cents, nudge: float((Decimal(cents) + Decimal("0.5")) / 100 + Decimal(nudge) / 10**13),
    st.integers(min_value=-99_999_999, max_value=99_999_999),
    st.integers(min_value=-100, max_value=100),
)
_VALUES = st.one_of(_FLOATS, _DECIMALS, _NEAR_TIES)
_ROUND_2 = compile_expr("round(x, 2)", ["x"])


@given(st.lists(_VALUES, min_size=1, max_size=40))
def test_round_matches_decimal_half_up(values: list[float]) -> None:
    result = _ROUND_2.evaluate(pd.DataFrame({"x": pd.array(values, dtype="Float64")}), {})
    expected = [
        float(Decimal(repr(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)) for value in values
    ]
    assert result.tolist() == expected


@given(_VALUES, st.integers(min_value=0, max_value=6))
def test_round_matches_decimal_for_every_allowed_place(value: float, places: int) -> None:
    result = compile_expr(f"round(x, {places})", ["x"]).evaluate(one_row(x=value), {})
    quantum = Decimal(1).scaleb(-places)
    assert result.iloc[0] == float(Decimal(repr(value)).quantize(quantum, ROUND_HALF_UP))


# --- numbers ----------------------------------------------------------------------------------


def test_policy_formula_from_the_spec(roster: pd.DataFrame) -> None:
    source = "min(100, 50 * sertifikat) + if_(gol >= 12, 10, 0)"
    assert run(source, roster) == [60, 100, None, 10]


def test_arithmetic_is_float64_and_propagates_na(roster: pd.DataFrame) -> None:
    result = compile_expr("gol * 2 - 1 + sertifikat / 2", FIELDS).evaluate(roster, VARIABLES)
    assert result.dtype == "Float64"
    assert [None if pd.isna(v) else v for v in result] == [23.5, 22.5, None, 27.0]


def test_division_by_zero_is_na(roster: pd.DataFrame) -> None:
    assert run("gol / sertifikat", roster) == [12.0, 11 / 3, None, None]
    assert run("0 / 0", roster) == [None] * 4
    assert run("-gol / 0", roster) == [None] * 4


def test_unary_operators(roster: pd.DataFrame) -> None:
    assert run("-gol + +1", roster) == [-11, -10, None, -13]


def test_booleans_widen_to_numbers_in_arithmetic(roster: pd.DataFrame) -> None:
    assert run("10 * aktif", roster) == [10, None, 0, 10]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("min(gol, 12.5)", [12, 11, None, 12.5]),
        ("max(gol, 12.5, sertifikat)", [12.5, 12.5, None, 14]),
        ("min(gol, sertifikat)", [1, 3, None, 0]),
        ("abs(-gol)", [12, 11, None, 14]),
        ("clip(gol, 11.5, 13)", [12, 11.5, None, 13]),
        ("clip(gol, 0, sertifikat)", [1, 3, None, 0]),
        ("coalesce(sertifikat, gol, 0)", [1, 3, 0, 0]),
        ("if_(aktif, 1, 0)", [1, None, 0, 1]),
    ],
)
def test_numeric_functions(roster: pd.DataFrame, source: str, expected: list[object]) -> None:
    assert run(source, roster) == expected


def test_min_max_over_dates(roster: pd.DataFrame) -> None:
    assert run("max(tmt_pangkat, date('2021-04-10'))", roster) == [
        pd.Timestamp("2021-04-10"),
        pd.Timestamp("2021-04-15"),
        None,
        pd.Timestamp("2026-10-01"),
    ]


def test_coalesce_and_if_on_strings(roster: pd.DataFrame) -> None:
    assert run("coalesce(pendidikan, 'tidak ada')", roster) == ["S-1", "S-2", "tidak ada", "D-3"]
    assert run("if_(gol >= 12, pendidikan, 'lain')", roster) == ["S-1", "lain", None, "D-3"]


# --- comparisons and logic --------------------------------------------------------------------


def test_string_comparison(roster: pd.DataFrame) -> None:
    assert run('pendidikan == "S-1"', roster) == [True, False, None, False]
    assert run('pendidikan != "S-1"', roster) == [False, True, None, True]


def test_pandas_default_str_column_gets_na_semantics() -> None:
    frame = pd.DataFrame({"pendidikan": ["S-1", None]})
    assert run('pendidikan == "S-1"', frame) == [True, None]


def test_chained_comparison(roster: pd.DataFrame) -> None:
    assert run("11 < gol <= 12", roster) == [True, False, None, False]


def test_kleene_logic(roster: pd.DataFrame) -> None:
    assert run("aktif or True", roster) == [True, True, True, True]
    assert run("aktif and False", roster) == [False, False, False, False]
    assert run("aktif and gol > 11", roster) == [True, False, False, True]
    assert run("not aktif", roster) == [False, None, True, False]


def test_run_variable_string(roster: pd.DataFrame) -> None:
    assert run('$policy_version == "2026.1"', roster) == [True] * 4


def test_dollar_inside_string_literal_is_text(roster: pd.DataFrame) -> None:
    compiled = compile_expr("pendidikan == '$as_of' or \"$x\" == '$x' # $as_of", FIELDS)
    assert compiled.variables == frozenset()
    assert run("'$as_of' == '$as_of'", roster) == [True] * 4


# --- broadcasting and alignment ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value", "dtype"),
    [
        ("42", 42.0, "Float64"),
        ("True", True, "boolean"),
        ("'x'", "x", "string"),
        ("$policy_version", "2026.1", "string"),
        ("date('2026-10-01')", pd.Timestamp("2026-10-01"), None),
        ("$as_of", pd.Timestamp("2026-10-01"), None),
    ],
)
def test_constants_broadcast_to_frame_index(
    roster: pd.DataFrame, source: str, value: object, dtype: str | None
) -> None:
    result = compile_expr(source, FIELDS).evaluate(roster, VARIABLES)
    assert result.index.equals(roster.index)
    assert result.tolist() == [value] * len(roster)
    if dtype:
        assert result.dtype == dtype


def test_empty_frame_gives_empty_series() -> None:
    frame = pd.DataFrame({"gol": pd.array([], dtype="Int64")})
    assert compile_expr("gol + 1", FIELDS).evaluate(frame, VARIABLES).empty
    assert len(compile_expr("1", FIELDS).evaluate(frame, VARIABLES)) == 0


def test_duplicate_index_labels_do_not_misalign() -> None:
    frame = pd.DataFrame(
        {"a": pd.array([1.0, None, 3.0], dtype="Float64"), "b": [10.0, 20.0, 30.0]},
        index=["k", "k", "j"],
    )
    result = compile_expr("coalesce(a, b) + if_(b > 15, 1, 0)", FIELDS).evaluate(frame, {})
    assert list(result.index) == ["k", "k", "j"]
    assert result.tolist() == [1.0, 21.0, 4.0]


# --- rejected at compile time -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code", "offset"),
    [
        ("__import__('os')", "expr.unknown-function", 0),
        ("().__class__", "expr.forbidden-syntax", 0),
        ("x.__class__", "expr.forbidden-syntax", 1),
        ("x[0]", "expr.forbidden-syntax", 1),
        ("lambda: 1", "expr.forbidden-syntax", 0),
        ("[a for a in b]", "expr.forbidden-syntax", 0),
        ("{a: 1}", "expr.forbidden-syntax", 0),
        ("(a, b)", "expr.forbidden-syntax", 0),
        ('open("f")', "expr.unknown-function", 0),
        ("eval('1')", "expr.unknown-function", 0),
        ("a.b", "expr.forbidden-syntax", 1),
        ("a.b()", "expr.forbidden-syntax", 0),
        ("min(a, b)(x)", "expr.forbidden-syntax", 0),
        ("2 ** 3", "expr.forbidden-syntax", 2),
        ("(a) // (b)", "expr.forbidden-syntax", 4),
        ("a % b", "expr.forbidden-syntax", 2),
        ("a & b", "expr.forbidden-syntax", 2),
        ("~a", "expr.forbidden-syntax", 0),
        ("a is b", "expr.forbidden-syntax", 2),
        ("a < b not in x", "expr.forbidden-syntax", 6),
        ("a if b else x", "expr.forbidden-syntax", 2),
        ("(x := 1)", "expr.forbidden-syntax", 3),
        ("f'{a}'", "expr.forbidden-syntax", 0),
        ("min(*a, b)", "expr.forbidden-syntax", 4),
        ("round(a, places=2)", "expr.forbidden-syntax", 9),
        ("max(a, **b)", "expr.forbidden-syntax", 7),
        ("None", "expr.forbidden-syntax", 0),
        ("b'x'", "expr.forbidden-syntax", 0),
        ("1j", "expr.forbidden-syntax", 0),
        ("...", "expr.forbidden-syntax", 0),
        ("foo", "expr.unknown-name", 0),
        ("1 + foo", "expr.unknown-name", 4),
        ("Vas_of", "expr.unknown-name", 0),
        ("$foo", "expr.unknown-variable", 0),
        ("$as_of(1)", "expr.unknown-function", 0),
        ("gol(1)", "expr.unknown-function", 0),
        ("min(a)", "expr.arity", 0),
        ("abs(a, b)", "expr.arity", 0),
        ("1 + if_(a, b)", "expr.arity", 4),
        ("months_between(a)", "expr.arity", 0),
        ("round(a, b)", "expr.bad-argument", 9),
        ("round(a, 7)", "expr.bad-argument", 9),
        ("round(a, -1)", "expr.bad-argument", 9),
        ("date(a)", "expr.bad-argument", 5),
        ("date('01-10-2026')", "expr.bad-argument", 5),
        ("date('2026-02-30')", "expr.bad-argument", 5),
        ("1 +", "expr.syntax", 3),
        ("", "expr.syntax", 0),
        ("(a", "expr.syntax", 0),
        ("a $as_of", "expr.syntax", 2),
        ("a $", "expr.syntax", 2),
        ("a$as_of", "expr.syntax", 1),
        ("$1", "expr.syntax", 0),
        ("a\x00", "expr.syntax", 1),
    ],
)
def test_rejected_constructs(source: str, code: str, offset: int) -> None:
    problem = error(source)
    assert (problem.code, problem.offset) == (code, offset), problem.message
    assert problem.message


def test_messages_name_the_offending_token() -> None:
    assert "'open'" in error('open("f")').message
    assert "'**'" in error("2 ** 3").message
    assert "__class__" in error("x.__class__").message
    assert "'$foo'" in error("$foo").message
    assert "'$' must be followed" in error("a$b").message
    assert "'$'" not in error("gol $as_of").message
    assert "round()" in error("round(a, 1, 2)").message
    assert str(error("1 + foo")) == "unknown name 'foo'"


def test_unknown_field_hints_close_match() -> None:
    problem = error("masa_kerja_bulam * 2")
    assert problem.code == "expr.unknown-name"
    assert problem.hint == "did you mean 'masa_kerja_bulan'?"


@pytest.mark.parametrize(
    ("source", "hint"),
    [
        ("as_of", "did you mean '$as_of'?"),
        ("$as_off", "did you mean '$as_of'?"),
        ("mni(a, b)", "did you mean 'min'?"),
        ("min + 1", "'min' is a function; call it as min(...)"),
        ("a if b else x", "use if_(cond, a, b)"),
        ("if(a, 1, 2)", "use if_(cond, a, b)"),
        ("None", "use coalesce(...) to replace missing values"),
    ],
)
def test_hints(source: str, hint: str) -> None:
    assert error(source).hint == hint


def test_offsets_refer_to_original_text() -> None:
    assert error("months_between(tmt_pangkat, $as_of) + foo").offset == 38
    assert error("$as_of < tmt_pangkat and $policy_version == foo").offset == 44
    assert error('"é€" + foo').offset == 7
    assert error("  1 + foo").offset == 6
    assert error("(1 +\n  foo)").offset == 7
    assert error("(1 +\r\n  2 ** 3)").offset == 10


def test_first_problem_in_source_order_wins() -> None:
    assert (error("foo + 2 ** 3").code, error("foo + 2 ** 3").offset) == ("expr.unknown-name", 0)
    assert (error("2 ** foo").code, error("2 ** foo").offset) == ("expr.forbidden-syntax", 2)
    assert error("bar.baz").code == "expr.unknown-name"
    assert error("min(foo, x=1)").offset == 4


def test_expr_error_pickles() -> None:
    problem = pickle.loads(pickle.dumps(error("1 + foo")))
    assert (problem.code, problem.offset, problem.message) == (
        "expr.unknown-name",
        4,
        "unknown name 'foo'",
    )


# --- errors at evaluation time ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "offset"),
    [
        ("1 + (pendidikan + 1)", 5),
        ("gol == 'S-1'", 0),
        ("months_between(gol, $as_of)", 0),
        ("aktif and gol", 0),
        ("if_(gol, 1, 2)", 0),
        ("min(pendidikan, 'x')", 16),  # the text literal, refused at load
        ("coalesce(gol, tmt_pangkat)", 0),
    ],
)
def test_type_mismatch_raises_expr_error(roster: pd.DataFrame, source: str, offset: int) -> None:
    with pytest.raises(ExprError) as caught:
        compile_expr(source, FIELDS).evaluate(roster, VARIABLES)
    assert (caught.value.code, caught.value.offset) == ("expr.type", offset)


def test_missing_column_and_variable(roster: pd.DataFrame) -> None:
    with pytest.raises(ExprError) as caught:
        compile_expr("1 + masa_kerja_bulan", FIELDS).evaluate(roster, VARIABLES)
    assert (caught.value.code, caught.value.offset) == ("expr.missing-field", 4)
    with pytest.raises(ExprError) as caught:
        compile_expr("months_between(tmt_pangkat, $as_of)", FIELDS).evaluate(roster, {})
    assert (caught.value.code, caught.value.offset) == ("expr.missing-variable", 28)


def test_unsupported_variable_value(roster: pd.DataFrame) -> None:
    with pytest.raises(ExprError) as caught:
        compile_expr("$as_of", FIELDS).evaluate(roster, {"as_of": None})
    assert caught.value.code == "expr.type"
