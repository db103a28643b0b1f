"""Policy formulas: parsed against a whitelist and evaluated on whole columns, never executed.

Policies are data written outside the codebase, so a formula must not be able to reach Python
objects: no ``eval``, ``DataFrame.eval`` or simpleeval. ``compile_expr`` parses the text with
``ast.parse(mode="eval")``, rejects everything outside a small grammar at compile time and
builds a tree of closures, each of which operates on whole pandas Series (no per-row Python).

Value model. Every intermediate value is a Series aligned to the frame, in one of four
canonical nullable dtypes, so NA handling is uniform:

* numbers: ``Float64``. Int64/float/bool inputs are widened; all arithmetic results are Float64.
* booleans: ``boolean``. ``and``/``or``/``not`` use Kleene logic (``NA or True`` is True).
* text: ``string`` (NA-backed).
* dates: ``datetime64``. ``datetime.date`` run variables and ``date("...")`` become Timestamps.

NA rules: NA propagates through arithmetic, comparisons, ``min``/``max``/``clip``/``abs``/
``round`` and the date functions; division by zero is NA (never inf); ``if_`` gives NA where
the condition is NA; ``coalesce`` is the only way to replace NA. Mixing kinds (text with
numbers, dates with numbers) raises ``ExprError("expr.type")`` at evaluation time.
"""

from __future__ import annotations

import ast
import difflib
import operator
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import reduce

import numpy as np
import pandas as pd

from asn_merit.rounding import round_half_up

__all__ = ["FUNCTIONS", "CompiledExpr", "ExprError", "compile_expr"]

# `$name` becomes `Vname`: same length, so offsets map 1:1 onto the original text. A rewritten
# name is recognised by its offset, so a field literally called `Vas_of` cannot be confused.
_MARKER = "V"
_LEXEME = re.compile(
    r"""
    (?P<string>'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\"
        |'(?:\\.|[^\\'\r\n])*'|"(?:\\.|[^\\"\r\n])*")
    | (?P<comment>\#[^\r\n]*)
    | (?P<variable>(?<![\w$])\$)(?=[^\W\d])
    """,
    re.VERBOSE | re.DOTALL,
)
# The parser cannot locate these (NUL, lone surrogates), so they are rejected up front.
_INVALID_CHARACTER = re.compile(r"[\x00\ud800-\udfff]")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_LEADING_SPACE = " \t\f\r\n"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_PLACES = 6
MAX_LENGTH = 2_000  # deeply nested formulas can exhaust the parser's recursion
# Each level costs the evaluator a few Python frames; 100 runs well inside the interpreter's
# recursion limit (a formula nested 483 deep used to pass the parser and fail while scoring).
MAX_DEPTH = 100
# A literal beyond this would push points past what they can hold (rounding.MAX_POINTS).
MAX_LITERAL = 1e9
_SNIPPET = 40

_NUMBER, _BOOLEAN, _STRING, _DATETIME = "number", "boolean", "string", "datetime"
_NUMERIC = frozenset({_NUMBER, _BOOLEAN})

_Eval = Callable[[pd.DataFrame, Mapping[str, object]], pd.Series]
_Ufunc = Callable[[np.ndarray, np.ndarray], np.ndarray]


class ExprError(Exception):
    """A formula problem located in the original text, ready to become a policy Diagnostic."""

    def __init__(self, code: str, message: str, offset: int, hint: str = "") -> None:
        super().__init__(code, message, offset, hint)
        self.code = code
        self.message = message
        self.offset = offset
        self.hint = hint

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class CompiledExpr:
    """A validated formula; ``evaluate`` may be called many times on different rosters."""

    source: str
    fields: frozenset[str]
    variables: frozenset[str]
    functions: frozenset[str]
    _root: _Eval = field(repr=False, compare=False)

    def evaluate(self, frame: pd.DataFrame, variables: Mapping[str, object]) -> pd.Series:
        """Evaluate on whole columns; the result is aligned to ``frame.index``, even if constant.

        Internally the frame gets a RangeIndex so duplicate or odd labels cannot disturb the
        alignment pandas does in ``where``/``fillna``.
        """
        positional = frame.set_axis(pd.RangeIndex(len(frame)), axis=0)
        result = self._root(positional, variables)
        return pd.Series(result.array, index=frame.index, copy=False)


# ---------------------------------------------------------------------------------------------
# Runtime: canonical Series and vectorised operations


def _kind(series: pd.Series) -> str:
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return _BOOLEAN
    if pd.api.types.is_numeric_dtype(dtype):
        return _NUMBER
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return _DATETIME
    return _STRING


def _normalise(series: pd.Series) -> pd.Series:
    """Bring a roster column to a canonical dtype so operators need not care where it came from."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return series.astype("boolean")
    if pd.api.types.is_numeric_dtype(dtype):
        return series.astype("Float64")
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return series
    if pd.api.types.is_object_dtype(dtype):
        inferred = pd.api.types.infer_dtype(series, skipna=True)
        if inferred in {"date", "datetime", "datetime64"}:
            return pd.to_datetime(series)
        if inferred == "boolean":
            return series.astype("boolean")
        if inferred in {"integer", "floating", "mixed-integer-float", "decimal", "empty"}:
            return series.astype("Float64")
    return series.astype("string")


def _number(values: np.ndarray, index: pd.Index) -> pd.Series:
    """Float64 from a float array; NaN (from NA or 0/0-like results) becomes NA."""
    return pd.Series(pd.array(values, dtype="Float64"), index=index)


def _broadcast(value: object, index: pd.Index) -> pd.Series:
    """A literal or run variable as a Series, so every operator sees Series on both sides."""
    if isinstance(value, bool | np.bool_):
        return pd.Series(bool(value), index=index, dtype="boolean")
    if isinstance(value, int | float | np.number):
        return _number(np.full(len(index), float(value)), index)
    if isinstance(value, str):
        return pd.Series(value, index=index, dtype="string")
    if isinstance(value, date | np.datetime64):
        return pd.Series(pd.Timestamp(value), index=index)
    raise TypeError(f"unsupported value {value!r} of type {type(value).__name__}")


def _floats(series: pd.Series, what: str) -> np.ndarray:
    kind = _kind(series)
    if kind not in _NUMERIC:
        raise TypeError(f"{what} needs numbers, got {kind}")
    return series.to_numpy(dtype="float64", na_value=np.nan)


def _booleans(series: pd.Series, what: str) -> pd.Series:
    kind = _kind(series)
    if kind != _BOOLEAN:
        raise TypeError(f"{what} needs true/false values, got {kind}")
    return series


def _dates(series: pd.Series, what: str) -> pd.Series:
    kind = _kind(series)
    if kind != _DATETIME:
        raise TypeError(f"{what} needs dates, got {kind}")
    return series


def _unify(values: Sequence[pd.Series], what: str) -> list[pd.Series]:
    """One kind for all operands; booleans widen to numbers as in Python (True == 1)."""
    kinds = {_kind(value) for value in values}
    if len(kinds) == 1:
        return list(values)
    if kinds <= _NUMERIC:
        return [value.astype("Float64") for value in values]
    raise TypeError(f"{what} cannot mix {' and '.join(sorted(kinds))}")


def _divide(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """A zero divisor in HR data means 'not applicable', so the result is NA, never inf."""
    return np.where(right == 0, np.nan, left / right)


def _arithmetic(function: _Ufunc, symbol: str, left: pd.Series, right: pd.Series) -> pd.Series:
    with np.errstate(all="ignore"):
        values = function(_floats(left, f"'{symbol}'"), _floats(right, f"'{symbol}'"))
    return _number(values, left.index)


def _compare(
    function: Callable[[pd.Series, pd.Series], pd.Series],
    symbol: str,
    left: pd.Series,
    right: pd.Series,
) -> pd.Series:
    """NA on either side gives NA (pandas gives False for NaT, so mask explicitly)."""
    left, right = _unify([left, right], f"'{symbol}'")
    missing = left.isna() | right.isna()
    return function(left, right).astype("boolean").mask(missing)


def _extreme(reducer: np.ufunc, name: str) -> Callable[[Sequence[pd.Series]], pd.Series]:
    """Elementwise min/max across arguments; NA in any argument gives NA (no skipping)."""

    def apply(args: Sequence[pd.Series]) -> pd.Series:
        values = _unify(args, f"{name}()")
        kind = _kind(values[0])
        index = values[0].index
        if kind in _NUMERIC:
            stacked = np.vstack([_floats(value, f"{name}()") for value in values])
            return _number(reducer.reduce(stacked), index)
        if kind == _DATETIME:
            stacked = np.vstack([value.to_numpy(dtype="datetime64[ns]") for value in values])
            return pd.Series(reducer.reduce(stacked), index=index)
        raise TypeError(f"{name}() needs numbers or dates, got {kind}")

    return apply


def _abs(args: Sequence[pd.Series]) -> pd.Series:
    return _number(np.abs(_floats(args[0], "abs()")), args[0].index)


def _clip(args: Sequence[pd.Series]) -> pd.Series:
    """``min(max(x, lo), hi)``: NA in any argument gives NA; if lo > hi the result is hi."""
    x, lo, hi = (_floats(arg, "clip()") for arg in args)
    return _number(np.minimum(np.maximum(x, lo), hi), args[0].index)


def _coalesce(args: Sequence[pd.Series]) -> pd.Series:
    return reduce(lambda first, second: first.fillna(second), _unify(args, "coalesce()"))


def _if(args: Sequence[pd.Series]) -> pd.Series:
    condition = _booleans(args[0], "if_() condition")
    then, otherwise = _unify(args[1:], "if_() branches")
    chosen = condition.fillna(False).to_numpy(dtype=bool)
    return then.where(chosen, otherwise).mask(condition.isna())


def _calendar(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day as floats, NaN where the date is missing."""
    parts = series.dt
    year, month, day = (
        part.to_numpy(dtype="float64", na_value=np.nan)
        for part in (parts.year, parts.month, parts.day)
    )
    return year, month, day


def _months(args: Sequence[pd.Series], what: str) -> np.ndarray:
    """Completed months from a to b, by calendar day (time of day ignored).

    ``(by - ay) * 12 + (bm - am) - (1 if bd < ad else 0)``, the rule used for masa kerja.
    It is negative (floored) when b precedes a, and a start on the 31st completes a month only
    on a 31st: Jan 31 -> Feb 28 is 0 months.
    """
    (ay, am, ad), (by, bm, bd) = (_calendar(_dates(arg, what)) for arg in args)
    return (by - ay) * 12 + (bm - am) - (bd < ad)


def _months_between(args: Sequence[pd.Series]) -> pd.Series:
    return _number(_months(args, "months_between()"), args[0].index)


def _years_between(args: Sequence[pd.Series]) -> pd.Series:
    return _number(np.floor_divide(_months(args, "years_between()"), 12), args[0].index)


# name -> (min args, max args or None for variadic); round and date are compiled specially.
_ARITY: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "abs": (1, 1),
    "round": (1, 2),
    "clip": (3, 3),
    "coalesce": (2, None),
    "if_": (3, 3),
    "months_between": (2, 2),
    "years_between": (2, 2),
    "date": (1, 1),
}
FUNCTIONS: frozenset[str] = frozenset(_ARITY)

_RUNTIME: dict[str, Callable[[Sequence[pd.Series]], pd.Series]] = {
    "min": _extreme(np.minimum, "min"),
    "max": _extreme(np.maximum, "max"),
    "abs": _abs,
    "clip": _clip,
    "coalesce": _coalesce,
    "if_": _if,
    "months_between": _months_between,
    "years_between": _years_between,
}

_ARITHMETIC: dict[type[ast.operator], tuple[str, _Ufunc]] = {
    ast.Add: ("+", np.add),
    ast.Sub: ("-", np.subtract),
    ast.Mult: ("*", np.multiply),
    ast.Div: ("/", _divide),
}
_FORBIDDEN_OPERATORS: dict[type[ast.AST], tuple[str, str]] = {
    ast.Pow: ("**", "write repeated multiplication, e.g. x * x"),
    ast.FloorDiv: ("//", "use round(a / b) or years_between(...)"),
    ast.Mod: ("%", ""),
    ast.MatMult: ("@", ""),
    ast.BitAnd: ("&", "use 'and'"),
    ast.BitOr: ("|", "use 'or'"),
    ast.BitXor: ("^", "'^' is not exponentiation; write x * x"),
    ast.LShift: ("<<", ""),
    ast.RShift: (">>", ""),
    ast.Invert: ("~", "use 'not'"),
    ast.Is: ("is", "use == or !="),
    ast.IsNot: ("is", "use == or !="),
    ast.In: ("in", "compare with == and combine with 'or'"),
    ast.NotIn: ("not", "compare with != and combine with 'and'"),
}
_COMPARISONS: dict[type[ast.cmpop], tuple[str, Callable[[pd.Series, pd.Series], pd.Series]]] = {
    ast.Eq: ("==", operator.eq),
    ast.NotEq: ("!=", operator.ne),
    ast.Lt: ("<", operator.lt),
    ast.LtE: ("<=", operator.le),
    ast.Gt: (">", operator.gt),
    ast.GtE: (">=", operator.ge),
}
_FORBIDDEN_NODES: dict[type[ast.expr], tuple[str, str]] = {
    ast.Attribute: ("attribute access", ""),
    ast.Subscript: ("subscript", ""),
    ast.Lambda: ("lambda", ""),
    ast.ListComp: ("comprehension", ""),
    ast.SetComp: ("comprehension", ""),
    ast.DictComp: ("comprehension", ""),
    ast.GeneratorExp: ("comprehension", ""),
    ast.NamedExpr: ("assignment expression", ""),
    ast.JoinedStr: ("f-string", ""),
    ast.Starred: ("argument unpacking", "pass arguments one by one"),
    ast.IfExp: ("conditional expression", "use if_(cond, a, b)"),
    ast.Tuple: ("tuple literal", ""),
    ast.List: ("list literal", ""),
    ast.Set: ("set literal", ""),
    ast.Dict: ("dict literal", ""),
}


def _rejected(frame: pd.DataFrame, variables: Mapping[str, object]) -> pd.Series:
    """Placeholder for a rejected node; compile_expr raises before anything is evaluated."""
    raise AssertionError("a rejected formula was evaluated")


def _did_you_mean(name: str, candidates: Collection[str]) -> str:
    match = difflib.get_close_matches(name, list(candidates), n=1)
    return f"did you mean '{match[0]}'?" if match else ""


# ---------------------------------------------------------------------------------------------
# Compile time


def _mark_variables(source: str) -> tuple[str, frozenset[int]]:
    """Rewrite ``$name`` outside strings and comments; return the text and the marked offsets.

    A ``$`` that does not start a name (``$1``, ``a$b``) is left for the parser to reject.
    """
    chars = list(source)
    marks: set[int] = set()
    for match in _LEXEME.finditer(source):
        if match.lastgroup == "variable":
            chars[match.start()] = _MARKER
            marks.add(match.start())
    return "".join(chars), frozenset(marks)


class _Compiler:
    """One walk over the tree: validates every node, records problems, builds closures."""

    def __init__(
        self,
        source: str,
        text: str,
        lead: int,
        marks: frozenset[int],
        known_fields: frozenset[str],
        known_variables: frozenset[str],
        kinds: Mapping[str, str] | None = None,
    ) -> None:
        self.kinds = dict(kinds or {})
        self.source = source
        self.text = text
        self.marks = marks
        self.known_fields = known_fields
        self.known_variables = known_variables
        self.line_starts = [lead] + [m.end() for m in _NEWLINE.finditer(text, lead)]
        self.problems: list[ExprError] = []
        self.fields: set[str] = set()
        self.variables: set[str] = set()
        self.functions: set[str] = set()

    # -- positions -----------------------------------------------------------------------------

    def _offset(self, lineno: int, col_byte: int) -> int:
        """ast columns count UTF-8 bytes; callers want characters in the original text."""
        start = self.line_starts[lineno - 1]
        line = self.text[start : start + col_byte]  # a character is at least one byte
        prefix = line.encode("utf-8")[:col_byte].decode("utf-8", errors="ignore")
        return start + len(prefix)

    def _start(self, node: ast.expr | ast.keyword) -> int:
        return self._offset(node.lineno, node.col_offset)

    def _end(self, node: ast.expr) -> int:
        assert node.end_lineno is not None and node.end_col_offset is not None
        return self._offset(node.end_lineno, node.end_col_offset)

    def _token(self, start: int, stop: int, token: str) -> int:
        """Locate an operator between two operands (only spaces, parens, comments lie there)."""
        position = start
        while position < stop:
            if self.text[position] == "#":
                newline = _NEWLINE.search(self.text, position)
                position = newline.start() if newline else stop
            elif self.text.startswith(token, position):
                return position
            else:
                position += 1
        return start

    def _snippet(self, node: ast.expr) -> str:
        text = self.source[self._start(node) : self._end(node)]
        return text if len(text) <= _SNIPPET else text[: _SNIPPET - 3] + "..."

    def _display(self, node: ast.Name) -> str:
        return "$" + node.id[1:] if self._start(node) in self.marks else node.id

    # -- bookkeeping ---------------------------------------------------------------------------

    def _problem(self, code: str, message: str, offset: int, hint: str = "") -> None:
        self.problems.append(ExprError(code, message, offset, hint))

    def _children(self, node: ast.AST) -> None:
        """Validate sub-expressions of a rejected node: one may hold an earlier problem."""
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.build(child)

    def _guard(self, node: ast.expr, evaluate: _Eval) -> _Eval:
        """Turn type errors during evaluation into ExprError pointing at this node."""
        offset, snippet = self._start(node), self._snippet(node)

        def guarded(frame: pd.DataFrame, variables: Mapping[str, object]) -> pd.Series:
            try:
                return evaluate(frame, variables)
            except (TypeError, ValueError, OverflowError) as exc:
                message = f"cannot evaluate '{snippet}': {exc}"
                raise ExprError("expr.type", message, offset) from exc

        return guarded

    # -- nodes ---------------------------------------------------------------------------------

    def build(self, node: ast.expr) -> _Eval:
        before = len(self.problems)
        builders: dict[type[ast.expr], Callable[[ast.expr], _Eval]] = {
            ast.Constant: self._constant,
            ast.Name: self._name,
            ast.BinOp: self._binop,
            ast.UnaryOp: self._unaryop,
            ast.Compare: self._compare,
            ast.BoolOp: self._boolop,
            ast.Call: self._call,
        }
        builder = builders.get(type(node))
        if builder is None:
            self._forbidden(node)
            return _rejected
        evaluate = builder(node)
        return _rejected if len(self.problems) > before else self._guard(node, evaluate)

    def _forbidden(self, node: ast.expr) -> None:
        what, hint = _FORBIDDEN_NODES.get(type(node), (f"'{type(node).__name__}' syntax", ""))
        match node:
            case ast.Attribute(value=value) | ast.Subscript(value=value):
                token = "." if isinstance(node, ast.Attribute) else "["
                offset = self._token(self._end(value), self._end(node), token)
            case ast.IfExp(body=body, test=test):
                offset = self._token(self._end(body), self._start(test), "if")
            case ast.NamedExpr(target=target, value=value):
                offset = self._token(self._end(target), self._start(value), ":=")
            case _:
                offset = self._start(node)
        message = f"{what} is not allowed in formulas: '{self._snippet(node)}'"
        self._problem("expr.forbidden-syntax", message, offset, hint)
        self._children(node)

    def _forbidden_operator(self, op: ast.AST, start: int, stop: int) -> None:
        token, hint = _FORBIDDEN_OPERATORS[type(op)]
        offset = self._token(start, stop, token)
        self._problem("expr.forbidden-syntax", f"operator '{token}' is not allowed", offset, hint)

    def _constant(self, node: ast.Constant) -> _Eval:
        value = node.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                value = float(value)
            except OverflowError:
                value = float("inf")
            if not abs(value) <= MAX_LITERAL:
                self._problem("expr.number-too-large", f"number {self._snippet(node)} is "
                              f"beyond ±{MAX_LITERAL:.0e}; points could not hold the result",
                              self._start(node))
        elif not isinstance(value, bool | str):
            hint = "use coalesce(...) to replace missing values" if value is None else ""
            message = f"literal {self._snippet(node)} is not allowed"
            self._problem("expr.forbidden-syntax", message, self._start(node), hint)
        return lambda frame, _variables: _broadcast(value, frame.index)

    def _name(self, node: ast.Name) -> _Eval:
        offset = self._start(node)
        if offset in self.marks:
            return self._variable(node.id[1:], offset)
        name = node.id
        if name not in self.known_fields:
            if name in FUNCTIONS:
                hint = f"'{name}' is a function; call it as {name}(...)"
            else:
                candidates = [*self.known_fields, *(f"${v}" for v in self.known_variables)]
                hint = _did_you_mean(name, candidates)
            self._problem("expr.unknown-name", f"unknown name '{name}'", offset, hint)
            return _rejected
        self.fields.add(name)

        def column(frame: pd.DataFrame, _variables: Mapping[str, object]) -> pd.Series:
            if name not in frame.columns:
                message = f"field '{name}' is not a column of the roster"
                raise ExprError("expr.missing-field", message, offset)
            return _normalise(frame[name])

        return column

    def _variable(self, name: str, offset: int) -> _Eval:
        if name not in self.known_variables:
            hint = _did_you_mean(f"${name}", [f"${v}" for v in self.known_variables]) or (
                "run variables: " + ", ".join(f"${v}" for v in sorted(self.known_variables))
            )
            self._problem("expr.unknown-variable", f"unknown run variable '${name}'", offset, hint)
            return _rejected
        self.variables.add(name)

        def variable(frame: pd.DataFrame, variables: Mapping[str, object]) -> pd.Series:
            if name not in variables:
                message = f"run variable '${name}' was not supplied"
                raise ExprError("expr.missing-variable", message, offset)
            return _broadcast(variables[name], frame.index)

        return variable

    def _binop(self, node: ast.BinOp) -> _Eval:
        if type(node.op) not in _ARITHMETIC:
            self._forbidden_operator(node.op, self._end(node.left), self._start(node.right))
            self._children(node)
            return _rejected
        symbol, function = _ARITHMETIC[type(node.op)]
        left, right = self.build(node.left), self.build(node.right)
        return lambda frame, variables: _arithmetic(
            function, symbol, left(frame, variables), right(frame, variables)
        )

    def _unaryop(self, node: ast.UnaryOp) -> _Eval:
        if isinstance(node.op, ast.Invert):
            self._forbidden_operator(node.op, self._start(node), self._start(node.operand))
            self._children(node)
            return _rejected
        operand = self.build(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda frame, variables: ~_booleans(operand(frame, variables), "'not'")
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        symbol = "-" if sign < 0 else "+"

        def signed(frame: pd.DataFrame, variables: Mapping[str, object]) -> pd.Series:
            value = operand(frame, variables)
            return _number(sign * _floats(value, f"unary '{symbol}'"), value.index)

        return signed

    def _compare(self, node: ast.Compare) -> _Eval:
        operands = [node.left, *node.comparators]
        allowed = True
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            if type(op) not in _COMPARISONS:
                self._forbidden_operator(op, self._end(left), self._start(right))
                allowed = False
        evaluators = [self.build(operand) for operand in operands]
        if not allowed:
            return _rejected
        comparisons = [_COMPARISONS[type(op)] for op in node.ops]

        def compare(frame: pd.DataFrame, variables: Mapping[str, object]) -> pd.Series:
            values = [evaluate(frame, variables) for evaluate in evaluators]
            results = [
                _compare(function, symbol, left, right)
                for (symbol, function), left, right in zip(
                    comparisons, values, values[1:], strict=False
                )
            ]
            return reduce(operator.and_, results)

        return compare

    def _boolop(self, node: ast.BoolOp) -> _Eval:
        word, combine = (
            ("and", operator.and_) if isinstance(node.op, ast.And) else ("or", operator.or_)
        )
        evaluators = [self.build(value) for value in node.values]
        return lambda frame, variables: reduce(
            combine, [_booleans(e(frame, variables), f"'{word}'") for e in evaluators]
        )

    def _call(self, node: ast.Call) -> _Eval:
        callee = node.func
        if not isinstance(callee, ast.Name):
            message = f"only functions can be called, by plain name: '{self._snippet(callee)}'"
            self._problem("expr.forbidden-syntax", message, self._start(callee))
            self._children(node)
            return _rejected
        name = self._display(callee)
        if name not in FUNCTIONS:
            hint = _did_you_mean(name, FUNCTIONS) or "functions: " + ", ".join(sorted(FUNCTIONS))
            offset = self._start(node)
            self._problem("expr.unknown-function", f"unknown function '{name}'", offset, hint)
            for arg in [*node.args, *(keyword.value for keyword in node.keywords)]:
                self.build(arg)
            return _rejected
        self.functions.add(name)
        arity_ok = self._check_call_shape(node, name)
        args = list(node.args)
        places = 0
        day: pd.Timestamp | None = None
        if arity_ok and name == "round" and len(args) == 2:
            places = self._places(args.pop())
        if arity_ok and name == "date":
            day = self._day(args.pop())
        evaluators = [self.build(arg) for arg in args]
        for keyword in node.keywords:
            self.build(keyword.value)
        if not arity_ok:
            return _rejected
        if name == "date":
            return lambda frame, _variables: _broadcast(day, frame.index)
        if name == "round":
            (x,) = evaluators

            def rounded(frame: pd.DataFrame, variables: Mapping[str, object]) -> pd.Series:
                value = x(frame, variables)
                return _number(round_half_up(_floats(value, "round()"), places), value.index)

            return rounded
        apply = _RUNTIME[name]
        return lambda frame, variables: apply([e(frame, variables) for e in evaluators])

    def _check_call_shape(self, node: ast.Call, name: str) -> bool:
        """Reject keyword arguments, then check arity; True only if the call shape is valid."""
        for keyword in node.keywords:
            label = f"'{keyword.arg}='" if keyword.arg else "'**' unpacking"
            message = f"keyword argument {label} is not allowed in {name}()"
            offset = self._start(keyword)
            self._problem("expr.forbidden-syntax", message, offset, "pass arguments by position")
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            return False
        low, high = _ARITY[name]
        count = len(node.args)
        if low <= count and (high is None or count <= high):
            return True
        if high is None:
            expected = f"at least {low} arguments"
        elif low == high:
            expected = f"{low} argument{'s' if low != 1 else ''}"
        else:
            expected = f"{low} or {high} arguments"
        message = f"{name}() takes {expected}, got {count}"
        self._problem("expr.arity", message, self._start(node))
        return False

    def _places(self, node: ast.expr) -> int:
        if (
            isinstance(node, ast.Constant)
            and type(node.value) is int
            and 0 <= node.value <= _MAX_PLACES
        ):
            return node.value
        message = f"round() places must be an integer literal from 0 to {_MAX_PLACES}"
        self._problem("expr.bad-argument", message, self._start(node))
        return 0

    def _day(self, node: ast.expr) -> pd.Timestamp | None:
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _ISO_DATE.fullmatch(node.value)
        ):
            try:
                return pd.Timestamp(date.fromisoformat(node.value))
            except ValueError:
                pass
        message = f"date() needs a literal 'YYYY-MM-DD' string, got {self._snippet(node)}"
        self._problem("expr.bad-argument", message, self._start(node))
        return None


_VARIABLE_KINDS = {"as_of": _DATETIME, "policy_version": _STRING}
_NUMERIC_FUNCTIONS = frozenset({"abs", "round", "clip"})
_WORDS = {_STRING: "text", _DATETIME: "a date"}


def _too_deep(tree: ast.AST, compiler: _Compiler) -> ExprError | None:
    """The first node nested deeper than MAX_DEPTH, found without recursion."""
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH and isinstance(node, ast.expr):
            return ExprError("expr.too-deep", f"the formula nests deeper than {MAX_DEPTH} "
                             "levels", compiler._start(node), "split it into derived fields")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return None


def _static_kind(node: ast.expr, compiler: _Compiler) -> str | None:
    """The kind a node evaluates to, when known from literals and the declared field types;
    text or dates in arithmetic are reported here, at load, instead of while scoring."""
    def operand(child: ast.expr, what: str) -> None:
        kind = _static_kind(child, compiler)
        if kind in _WORDS:
            compiler._problem("expr.type", f"'{compiler._snippet(child)}' is {_WORDS[kind]}; "
                              f"{what} needs numbers", compiler._start(child))

    match node:
        case ast.Constant(value=bool()):
            return _BOOLEAN
        case ast.Constant(value=int() | float()):
            return _NUMBER
        case ast.Constant(value=str()):
            return _STRING
        case ast.Name(id=name):
            if compiler._start(node) in compiler.marks:
                return _VARIABLE_KINDS.get(name[1:])
            return compiler.kinds.get(name)
        case ast.BinOp(left=left, op=op, right=right):
            symbol = _ARITHMETIC[type(op)][0]
            operand(left, f"'{symbol}'")
            operand(right, f"'{symbol}'")
            return _NUMBER
        case ast.UnaryOp(op=ast.Not(), operand=inner):
            _static_kind(inner, compiler)
            return _BOOLEAN
        case ast.UnaryOp(op=op, operand=inner):
            operand(inner, f"unary '{'-' if isinstance(op, ast.USub) else '+'}'")
            return _NUMBER
        case ast.Compare() | ast.BoolOp():
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    _static_kind(child, compiler)
            return _BOOLEAN
        case ast.Call(func=ast.Name(id=name), args=args):
            if name in _NUMERIC_FUNCTIONS:
                for arg in args[:1] if name == "round" else args:
                    operand(arg, f"{name}()")
                return _NUMBER
            kinds = [_static_kind(arg, compiler) for arg in args]
            if name in ("min", "max"):
                if _STRING in kinds:
                    operand(args[kinds.index(_STRING)], f"{name}()")
                elif {_DATETIME, _NUMBER} <= set(kinds):
                    compiler._problem("expr.type", f"{name}() cannot mix dates and numbers",
                                      compiler._start(node))
                return _DATETIME if _DATETIME in kinds else _NUMBER
            if name in ("months_between", "years_between"):
                return _NUMBER
            if name == "date":
                return _DATETIME
            branches = {k for k in (kinds[1:] if name == "if_" else kinds) if k is not None}
            return branches.pop() if len(branches) == 1 else None
    return None


def _syntax_error(source: str, compiler: _Compiler, exc: SyntaxError) -> ExprError:
    """Map a parser error to the original text, with a friendlier word for common slips."""
    if exc.lineno and exc.offset and exc.offset > 0:
        line_start = compiler.line_starts[min(exc.lineno, len(compiler.line_starts)) - 1]
        offset = min(line_start + exc.offset - 1, len(source))
    else:  # the parser ran off the end ("1 +", "")
        offset = len(source)
    rest = source[offset:]
    if rest.startswith("$") and offset not in compiler.marks:
        message = "'$' must be followed directly by a run-variable name"
        hint = "run variables: " + ", ".join(f"${v}" for v in sorted(compiler.known_variables))
    else:
        message = exc.msg if source.strip() else "the formula is empty"
        hint = "use if_(cond, a, b)" if re.match(r"if\b", rest) else ""
    return ExprError("expr.syntax", message, offset, hint)


def compile_expr(
    source: str,
    known_fields: Collection[str],
    known_variables: Collection[str] = ("as_of", "policy_version"),
    kinds: Mapping[str, str] | None = None,
) -> CompiledExpr:
    """Validate a formula against the whitelist and build its vectorised evaluator.

    `kinds` (field → "number", "boolean", "string" or "datetime") lets text or dates in
    arithmetic be refused here rather than while scoring. Raises the problem that starts
    earliest in ``source`` as ``ExprError``.
    """
    if len(source) > MAX_LENGTH:
        raise ExprError("expr.too-long", f"formula of {len(source):,} characters; the limit is "
                        f"{MAX_LENGTH:,}", MAX_LENGTH, "split it into derived fields")
    bad = _INVALID_CHARACTER.search(source)
    if bad:
        message = f"invalid character U+{ord(bad.group()):04X}"
        raise ExprError("expr.syntax", message, bad.start())
    text, marks = _mark_variables(source)
    lead = len(text) - len(text.lstrip(_LEADING_SPACE))
    compiler = _Compiler(
        source, text, lead, marks, frozenset(known_fields), frozenset(known_variables), kinds
    )
    try:
        tree = ast.parse(text[lead:], mode="eval")
        deep = _too_deep(tree.body, compiler)
        if deep is not None:
            raise deep
        root = compiler.build(tree.body)
        if not compiler.problems:
            _static_kind(tree.body, compiler)
    except SyntaxError as exc:
        raise _syntax_error(source, compiler, exc) from None
    except (RecursionError, MemoryError):
        raise ExprError("expr.too-deep", "the formula nests too deeply to check", 0,
                        "split it into derived fields") from None
    if compiler.problems:
        raise min(compiler.problems, key=operator.attrgetter("offset"))
    return CompiledExpr(
        source=source,
        fields=frozenset(compiler.fields),
        variables=frozenset(compiler.variables),
        functions=frozenset(compiler.functions),
        _root=root,
    )
