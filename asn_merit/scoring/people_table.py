"""Everything a person's trace says, as one columnar table (one row per person).

A dict per person costs minutes and gigabytes at a million rows (Issue 9), so the table is
built column at a time with numpy and pyarrow: loops run over rules and fields, never over
people. `person_from_row` turns one row back into exactly the dict result.json holds, so the
document and the table cannot disagree. Number text is exact: fast paths decide every value
whose rounding is unambiguous in binary, and the few others go through the same Python
formatting the scalar helpers use.

Columns (text is string[pyarrow], flags boolean, counts Int64; a section's columns are NA
where the person's dict has no such section: gates, `failed`, `missing_data` and `derived:`
for the evaluated, points, rank, total, `category:` and `method:` for the eligible):
`id`, `display`, `status`, `rank`, `rank_in_group` and `selection_group` (the group whose
quota a person competes for: policies with per-group selection),
`selected`, `decided_by`, `total`, `total_units`, `failed` (", "-joined gate ids, "" if none),
`missing_data`, `excluded_because` ("; "-joined; `excluded_because:json` is added only when a
reason would not survive the join), `show:<field>`, `group:<field>`, `category:<id>`,
`derived:<id>`, `method:<key>`, `gate:<rule>`, `gate:<rule>:test`, `gate:<rule>:missing`,
`points:<rule>`, `points:<rule>:raw`, `points:<rule>:normalised`, `points:<rule>:value`,
`points:<rule>:<method extra>` (`:extra:<key>` if a key clashes), `points:<rule>:rounding`,
`points:<rule>:note`, `input:<field>` (every person).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from asn_merit.roster.types import golongan_label
from asn_merit.rounding import plain_number, units_text
from asn_merit.rules import model as m
from asn_merit.scoring.aggregate import NON_ADDITIVE
from asn_merit.scoring.derive import describe
from asn_merit.scoring.engine import (
    ELIGIBLE,
    INELIGIBLE,
    NOT_EVALUATED,
    OUT_OF_SCOPE,
    ScoringResult,
)

STATUS_ORDER = {ELIGIBLE: 0, INELIGIBLE: 1, NOT_EVALUATED: 2, OUT_OF_SCOPE: 3}
MISSING_NOTE = "input blank; on_missing applied"
UNMATCHED_NOTE = "value not in table/bands; default applied"
_POINTS_KEYS = ("raw", "normalised", "value", "rounding", "note")  # never a method extra's name
_STRING = pd.StringDtype("pyarrow")
_POW10 = np.array([float(10**k) for k in range(23)])  # exact in binary up to 10**22
_POW10_INT = np.array([10**k for k in range(19)], dtype=np.int64)


# --- exact number text, vectorised ----------------------------------------------------------


def _fill(size: int, parts: Sequence[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """A text array of nulls with each (mask, texts for the masked rows in order) laid in."""
    out = pa.nulls(size, pa.string())
    for mask, texts in parts:
        if mask.any():
            out = pc.replace_with_mask(out, pa.array(mask), texts.cast(pa.string()))
    return out


def _flat(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One plain utf8 array (pandas may hand over chunks, or large_string)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.string()) if values.type == pa.large_string() else values


def _join(*parts: pa.Array | str) -> pa.Array:
    """Concatenate texts element-wise (a str is the same for everyone); null if any part is."""
    return pc.binary_join_element_wise(*parts, "")


def _fixed(values: np.ndarray, places: np.ndarray) -> tuple[pa.Array, np.ndarray]:
    """f"{v:.{p}f}" with trailing zeros and point trimmed, for finite v; also the rows whose
    rounding the float product cannot decide (too large, or within an error bound of a half),
    which the caller formats in Python instead (their text here is meaningless)."""
    places = np.minimum(places, 22)
    with np.errstate(over="ignore", invalid="ignore"):  # huge values are left to Python
        magnitude = np.abs(values) * _POW10[places]
        floor = np.floor(magnitude)
        frac = magnitude - floor  # exact
        # fl(|v|·10^p) is within magnitude·2^-53 of the true product; only a half decides.
        unsafe = ~(magnitude < 2.0**52) | (places > 18) | (
            np.abs(frac - 0.5) <= magnitude * 2.0**-51)
    units = np.where(unsafe, 0.0, floor + (frac > 0.5)).astype(np.int64)
    scale = _POW10_INT[np.minimum(places, 18)]
    whole = pc.cast(pa.array(units // scale), pa.string())
    digits = pc.utf8_rtrim(pc.utf8_slice_codeunits(
        pc.cast(pa.array(units % scale + scale), pa.string()), 1), characters="0")
    body = pc.if_else(pc.equal(digits, ""), whole, _join(whole, ".", digits))
    sign = pa.array(np.where(values < 0, "-", ""), pa.string())
    return _join(sign, body), unsafe


def _python(values: np.ndarray, mask: np.ndarray, fn: Callable[[float], str]) -> pa.Array:
    return pa.array([fn(float(v)) for v in values[mask]], pa.string())


def _distinct(fn: Callable[[np.ndarray], pa.Array]) -> Callable[[np.ndarray], pa.Array]:
    """Format each distinct value once when values repeat a lot (scores, points, counts)."""

    def formatted(values: np.ndarray) -> pa.Array:
        values = np.asarray(values)
        if len(values) < 4096:
            return fn(values)
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if len(uniques) * 4 > len(values):
            return fn(values)
        return fn(np.asarray(uniques)).take(pa.array(codes, mask=codes < 0))

    formatted.__doc__ = fn.__doc__
    return formatted


@_distinct
def plain_numbers(values: np.ndarray) -> pa.Array:
    """`plain_number` of every value (NaN gives null)."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    with np.errstate(invalid="ignore"):
        whole = finite & (values == np.floor(values)) & (np.abs(values) < 2.0**62)
    fraction = finite & ~whole
    texts, unsafe = _fixed(values[fraction], np.full(int(fraction.sum()), 6))
    slow = np.zeros(len(values), bool)
    slow[fraction] = unsafe
    slow |= ~np.isnan(values) & ~whole & ~fraction
    fast = fraction & ~slow
    return _fill(len(values), [
        (whole, pc.cast(pa.array(values[whole].astype(np.int64)), pa.string())),
        (fast, texts.filter(pa.array(~unsafe))),
        (slow, _python(values, slow, plain_number))])


def precise_text(value: object) -> str | None:
    """About ten significant digits, never an exponent: a method's small intermediates (TOPSIS
    squared distances, WP shares) must still add up when someone checks them by hand."""
    if pd.isna(value):  # type: ignore[call-overload]
        return None
    number = float(value)  # type: ignore[arg-type]
    if number == 0:
        return "0"
    places = max(6, 9 - math.floor(math.log10(abs(number))))
    return f"{number:.{places}f}".rstrip("0").rstrip(".")


@_distinct
def precise_numbers(values: np.ndarray) -> pa.Array:
    """`precise_text` of every value (NaN gives null)."""
    values = np.asarray(values, dtype=float)
    zero = values == 0
    other = np.isfinite(values) & ~zero
    with np.errstate(divide="ignore", invalid="ignore"):
        log = np.log10(np.abs(values[other]))
    places = np.maximum(6, 9 - np.floor(log)).astype(np.int64)
    texts, unsafe = _fixed(values[other], places)
    unsafe |= np.abs(log - np.rint(log)) < 1e-9  # libm and numpy may floor a power of ten apart
    slow = np.zeros(len(values), bool)
    slow[other] = unsafe
    slow |= ~np.isnan(values) & ~zero & ~other
    fast = other & ~slow
    return _fill(len(values), [
        (zero, pa.repeat(pa.scalar("0", pa.string()), int(zero.sum()))),
        (fast, texts.filter(pa.array(~unsafe))),
        (slow, _python(values, slow, lambda v: precise_text(v) or ""))])


def units_texts(units: pd.Series, places: int) -> pa.Array:
    """`units_text` of an Int64 column (NA gives null)."""
    valid = units.notna().to_numpy()
    count = units.to_numpy(dtype=np.int64, na_value=0)[valid]
    scale = 10**places
    magnitude = np.abs(count)
    body = pc.cast(pa.array(magnitude // scale), pa.string())
    if places:
        frac = pc.utf8_slice_codeunits(pc.cast(pa.array(magnitude % scale + scale), pa.string()),
                                       1)
        body = _join(body, ".", frac)
    text = _join(pa.array(np.where(count < 0, "-", ""), pa.string()), body)
    return _fill(len(units), [(valid, text)])


def _via_uniques(series: pd.Series, fn: Callable[[pd.Index], Any]) -> pa.Array:
    """Format the distinct values only (dates, odd objects: few distinct values), then spread."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = pa.array(list(fn(uniques)) if len(uniques) else [], pa.string())
    return texts.take(pa.array(codes, mask=codes < 0))


def column_text(series: pd.Series, kind: str) -> pa.Array:
    """`trace.text_column` vectorised: the text a person reads, null for a blank cell."""
    if kind == "golongan":
        series = golongan_label(series.astype("Int64"))
    elif pd.api.types.is_datetime64_any_dtype(series):
        return _via_uniques(series, lambda u: u.strftime("%Y-%m-%d"))
    elif pd.api.types.is_bool_dtype(series):
        flags = series.astype("boolean")
        valid = flags.notna().to_numpy()
        texts = np.where(flags.to_numpy(dtype=bool, na_value=False), "true", "false")
        return _fill(len(series), [(valid, pa.array(texts[valid], pa.string()))])
    elif pd.api.types.is_numeric_dtype(series):
        return plain_numbers(series.to_numpy(dtype=float, na_value=np.nan))
    if isinstance(series.dtype, pd.StringDtype):
        return _flat(pa.array(series.astype(_STRING).array))
    return _via_uniques(series, lambda u: [str(v) for v in u])


def _blank_as_text(texts: pa.Array) -> pa.Array:
    """What `text or "(blank)"` prints: null and empty text both read "(blank)"."""
    return pc.if_else(pc.fill_null(pc.equal(texts, ""), True), "(blank)", texts)


def literal_text(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(literal_text(v) for v in value) + "]"
    if isinstance(value, float):
        return plain_number(value)
    return str(value)


# --- what is the same for everyone ----------------------------------------------------------


def _named(prefix: str, names: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((name, f"{prefix}:{name}") for name in names)


@dataclass(frozen=True)
class GateMeta:
    rule: str
    inputs: tuple[str, ...]
    note: str  # said when an input was blank
    # Column names, spelled once rather than once per person.
    columns: tuple[tuple[str, str], ...] = field(init=False)
    passed: str = field(init=False)
    test: str = field(init=False)
    missing: str = field(init=False)

    def __post_init__(self) -> None:
        for name, value in (("columns", _named("input", self.inputs)),
                            ("passed", f"gate:{self.rule}"), ("test", f"gate:{self.rule}:test"),
                            ("missing", f"gate:{self.rule}:missing")):
            object.__setattr__(self, name, value)


@dataclass(frozen=True)
class PointsMeta:
    rule: str
    inputs: tuple[str, ...]
    method: str
    weight: str
    has_value: bool  # a method's criterion value and extras are in the line
    extras: tuple[tuple[str, str], ...]  # (key in the line, table column)
    population: dict[str, str] = field(default_factory=dict)
    columns: tuple[tuple[str, str], ...] = field(init=False)
    points: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", _named("input", self.inputs))
        object.__setattr__(self, "points", f"points:{self.rule}")

    def column(self, key: str) -> str:
        return f"{self.points}:{key}"


@dataclass(frozen=True)
class TraceMeta:
    """Per-policy facts a row needs to become a person's dict."""

    places: int
    additive: bool
    show: tuple[str, ...]
    groups: tuple[str, ...]
    gates: tuple[GateMeta, ...]
    points: tuple[PointsMeta, ...]
    derived: tuple[tuple[str, str], ...]  # (id, how it is computed)
    categories: tuple[str, ...]
    method_keys: tuple[str, ...]
    rank_in_group: bool
    columns: dict[str, tuple[tuple[str, str], ...]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", {
            "show": _named("show", self.show), "groups": _named("group", self.groups),
            "derived": _named("derived", [name for name, _ in self.derived]),
            "categories": _named("category", self.categories),
            "method": _named("method", self.method_keys)})


def audited_fields(policy: m.Policy) -> list[str]:
    """Fields the fairness audit groups by: its attributes and the parts of intersections."""
    names = [a.field for a in policy.fairness.attributes]
    for combo in policy.fairness.intersections:
        names += [n for n in combo if n not in names]
    return names


def points_inputs(result: ScoringResult, rule: m.PointsRule) -> list[str]:
    if isinstance(rule, m.FormulaRule):
        return sorted(result.loaded.expressions[rule.id].fields)
    return [rule.field]


def trace_meta(result: ScoringResult) -> TraceMeta:
    loaded = result.loaded
    policy = loaded.policy
    points = []
    for column in result.points:
        rule = column.rule.id
        extras = tuple((key, f"points:{rule}:{'extra:' if key in _POINTS_KEYS else ''}{key}")
                       for key in column.extra) if column.value is not None else ()
        points.append(PointsMeta(rule, tuple(points_inputs(result, column.rule)), column.method,
                                 plain_number(column.weight), column.value is not None, extras,
                                 column.population))
    return TraceMeta(
        places=result.places,
        additive=policy.scoring.method not in NON_ADDITIVE,
        show=tuple(policy.reporting.show_columns),
        groups=tuple(audited_fields(policy)),
        gates=tuple(GateMeta(g.rule.id, tuple(g.inputs), f"on_missing={g.rule.on_missing}")
                    for g in result.gates),
        points=tuple(points),
        derived=tuple((item.id, describe(item, loaded.fields[item.id]))
                      for item in loaded.derived_order),
        categories=tuple(result.categories),
        method_keys=tuple(result.method.person) if result.method is not None else (),
        rank_in_group=result.ranked.rank_in_group is not None,
    )


# --- the table ------------------------------------------------------------------------------


class _Texts:
    """Each field's text, formatted once for everyone, rows taken in `order`."""

    def __init__(self, result: ScoringResult, order: np.ndarray | None = None):
        self.result = result
        self.order = order
        self.cache: dict[str, pa.Array] = {}

    def __call__(self, name: str) -> pa.Array:
        if name not in self.cache:
            fields = self.result.loaded.fields
            kind = fields[name].type if name in fields else "text"
            column = self.result.frame[name]
            if self.order is not None:
                column = column.take(self.order)
            self.cache[name] = _flat(column_text(column, kind))
        return self.cache[name]


def _test_text(cond: m.Condition, texts: _Texts) -> pa.Array:
    """`trace._test_text` for everyone at once."""
    if isinstance(cond, m.AllOf | m.AnyOf):
        joiner = " and " if isinstance(cond, m.AllOf) else " or "
        parts = cond.all if isinstance(cond, m.AllOf) else cond.any
        inner = pc.binary_join_element_wise(*(_test_text(c, texts) for c in parts), joiner)
        return _join("(", inner, ")")
    if isinstance(cond, m.NotOf):
        return _join("not ", _test_text(cond.not_, texts))
    left = _blank_as_text(texts(cond.field))
    if cond.op in ("is_blank", "not_blank"):
        return _join(f"{cond.field}=", left, f" {cond.op}")
    right: pa.Array | str = (_join(f"{cond.value_field}=", _blank_as_text(texts(cond.value_field)))
                             if cond.value_field else literal_text(cond.value))
    return _join(f"{cond.field}=", left, f" {cond.op} ", right)


def _only(values: pa.Array, mask: np.ndarray) -> pa.Array:
    return pc.if_else(pa.array(mask), values, pa.scalar(None, values.type))


def _names_where(size: int, items: Sequence[tuple[str, np.ndarray]], sep: str) -> pa.Array:
    """Per row, the names whose flag is set, joined by `sep` ("" when none)."""
    out = pa.repeat(pa.scalar("", pa.string()), size)
    for name, flag in items:
        extended = pc.if_else(pc.equal(out, ""), name, _join(out, sep, name))
        out = pc.if_else(pa.array(flag), extended, out)
    return out


def _flags(series: pd.Series, index: pd.Index) -> np.ndarray:
    return series.reindex(index).fillna(False).to_numpy(dtype=bool)


def _floats(series: pd.Series, index: pd.Index) -> np.ndarray:
    return series.reindex(index).astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _rounding(exact: np.ndarray, units: pd.Series, places: int) -> np.ndarray:
    """Rows where round(exact, 9) != units / 10**places, as `trace` decides it; rows near the
    decision (or too large to judge in floats) are decided by Python's own round."""
    valid = ~np.isnan(exact) & units.notna().to_numpy()
    shown = units.to_numpy(dtype=float, na_value=np.nan) / 10**places
    gap = np.abs(exact - shown)
    scale = np.maximum(np.abs(exact), 1.0) * 2.0**-40
    differs = valid & (gap > 5e-10)
    unsure = valid & ((np.abs(gap - 5e-10) <= scale) | (np.abs(exact) >= 1e6) | (places > 9))
    for pos in np.flatnonzero(unsure):
        differs[pos] = round(float(exact[pos]), 9) != int(units.iloc[pos]) / 10**places
    return differs


def _reasons(result: ScoringResult, index: pd.Index, excluded: np.ndarray
             ) -> dict[str, pa.Array]:
    """`excluded_because`, "; "-joined; with `excluded_because:json` too if joining loses
    anything (a reason containing "; ", or an empty one)."""
    lists = pd.Series(result.excluded_reasons, dtype=object).reindex(index)
    lists = lists.where(lists.notna(), None)[excluded]  # engine's dict: no frame-sized loop
    given = [r if isinstance(r, list) else [] for r in lists]
    joined = pa.array(["; ".join(r) for r in given], pa.string())
    out = {"excluded_because": _fill(len(index), [(excluded, joined)])}
    if any(("; " in x or x == "") for r in given for x in r):
        encoded = pa.array([json.dumps(r, ensure_ascii=False) for r in given], pa.string())
        out["excluded_because:json"] = _fill(len(index), [(excluded, encoded)])
    return out


def people_arrow(result: ScoringResult) -> pa.Table:
    """`people_table` as a pyarrow Table (what a parquet writer wants)."""
    frame, policy, ranked = result.frame, result.loaded.policy, result.ranked
    # Sort first, so every column is born in the document's order: one gather of the inputs
    # instead of one of every (wider, often duplicated) output column.
    ids = _Texts(result)(policy.id_field)
    status = result.status.reindex(frame.index).astype(str).to_numpy()
    order = document_order(ids, status, ranked.rank.reindex(frame.index).astype("Int64"))
    index, size, places = frame.index[order], len(frame), result.places
    texts = _Texts(result, order)
    texts.cache[policy.id_field] = ids.take(pa.array(order))
    meta = trace_meta(result)
    status = status[order]
    eligible = status == ELIGIBLE
    evaluated = eligible | (status == INELIGIBLE)
    rank = ranked.rank.reindex(index).astype("Int64")
    total_units = frame["_total_units"].take(order).astype("Int64").where(eligible)
    columns: dict[str, pa.Array] = {
        "id": texts(policy.id_field),
        "display": texts(policy.display_field) if policy.display_field
        else pa.nulls(size, pa.string()),
        "status": pa.array(status, pa.string()),
        "rank": pa.array(rank.where(eligible).array),
    }
    if ranked.rank_in_group is not None:
        columns["rank_in_group"] = pa.array(
            ranked.rank_in_group.reindex(index).astype("Int64").where(eligible).array)
        selection = policy.ranking.selection
        assert selection is not None and selection.per_group is not None
        columns["selection_group"] = _only(texts(selection.per_group), eligible)
    columns["selected"] = _only(pa.array(_flags(ranked.selected, index)), eligible)
    decided = _flat(pa.array(ranked.decided_by.reindex(index).astype(_STRING).array))
    columns["decided_by"] = _only(decided, eligible)
    columns["total"] = units_texts(total_units, places)
    columns["total_units"] = pa.array(total_units.array)
    passed = {g.rule.id: _flags(g.passed, index) for g in result.gates}
    missing = {g.rule.id: _flags(g.missing, index) for g in result.gates}
    failed = _names_where(size, [(rule, ~ok) for rule, ok in passed.items()], ", ")
    columns["failed"] = _only(failed, evaluated)
    blank = np.zeros(size, bool)
    for flag in missing.values():
        blank |= flag
    columns["missing_data"] = _only(pa.array(blank), evaluated)
    columns.update(_reasons(result, index, status == NOT_EVALUATED))
    for name in meta.show:
        columns[f"show:{name}"] = texts(name)
    for name in meta.groups:
        columns[f"group:{name}"] = texts(name)
    for name in meta.categories:
        columns[f"category:{name}"] = _only(texts(name), eligible)
    for name, _ in meta.derived:
        columns[f"derived:{name}"] = _only(texts(name), evaluated)
    if result.method is not None:
        for key, series in result.method.person.items():
            columns[f"method:{key}"] = _only(precise_numbers(_floats(series, index)), eligible)
    for gate in result.gates:
        rule = gate.rule.id
        columns[f"gate:{rule}"] = _only(pa.array(passed[rule]), evaluated)
        columns[f"gate:{rule}:test"] = _only(_test_text(gate.rule.condition, texts), evaluated)
        absent = _names_where(size, [(f, pc.is_null(texts(f)).to_numpy(zero_copy_only=False))
                                     for f in gate.inputs], ", ")
        columns[f"gate:{rule}:missing"] = _only(absent, evaluated & missing[rule])
    for column, info in zip(result.points, meta.points, strict=True):
        rule = info.rule
        units = column.units.reindex(index).astype("Int64")
        normalised = _floats(column.normalised, index)
        points = units_texts(units, places)
        columns[f"points:{rule}"] = _only(points, eligible)
        columns[f"points:{rule}:raw"] = _only(texts(info.inputs[0]), eligible) \
            if len(info.inputs) == 1 else pa.nulls(size, pa.string())
        columns[f"points:{rule}:normalised"] = _only(plain_numbers(normalised), eligible)
        if column.value is not None:
            columns[f"points:{rule}:value"] = _only(
                plain_numbers(_floats(column.value, index)), eligible)
            for key, name in info.extras:
                columns[name] = _only(precise_numbers(_floats(column.extra[key], index)), eligible)
        exact = normalised * column.weight
        off = eligible & _rounding(exact, units, places)
        note = _join(plain_numbers(exact), " -> ", points, f" (half_up, {places})")
        columns[f"points:{rule}:rounding"] = _only(note, off)
        unmatched = eligible & _flags(column.unmatched, index)
        blank_input = eligible & _flags(column.missing, index) & ~unmatched
        columns[f"points:{rule}:note"] = _fill(size, [
            (blank_input, pa.repeat(pa.scalar(MISSING_NOTE, pa.string()), int(blank_input.sum()))),
            (unmatched, pa.repeat(pa.scalar(UNMATCHED_NOTE, pa.string()), int(unmatched.sum())))])
    for name in dict.fromkeys(f for g in meta.gates for f in g.inputs) | dict.fromkeys(
            f for p in meta.points for f in p.inputs):
        columns[f"input:{name}"] = texts(name)
    return pa.table({k: v.cast(pa.int64()) if k in ("rank", "rank_in_group", "total_units")
                     else v for k, v in columns.items()})


def document_order(ids: pa.Array, status: np.ndarray, rank: pd.Series) -> np.ndarray:
    """Positions in the document's order: status, rank (0 if unranked), id (blank first);
    ties keep the roster's order, as Python's stable sort does (Arrow's sort is stable too,
    and UTF-8 byte order is code point order)."""
    order = np.full(len(status), len(STATUS_ORDER), np.int64)
    for name, place in STATUS_ORDER.items():
        order[status == name] = place
    keys = pa.table({"status": order, "rank": rank.to_numpy(dtype=np.int64, na_value=0),
                     "id": pc.fill_null(ids, "")})
    return pc.sort_indices(keys, sort_keys=[("status", "ascending"), ("rank", "ascending"),
                                            ("id", "ascending")]).to_numpy()


_ARROW_TO_PANDAS = {pa.string(): _STRING, pa.bool_(): pd.BooleanDtype(),
                    pa.int64(): pd.Int64Dtype()}


def people_table(result: ScoringResult) -> pd.DataFrame:
    """One row per person in the document's order, with everything their trace says."""
    return people_arrow(result).to_pandas(types_mapper=_ARROW_TO_PANDAS.get)


# --- back to dicts, and checks without them -------------------------------------------------


def _split(value: str | None, sep: str) -> list[str]:
    return value.split(sep) if value else []


def _plain(value: Any) -> Any:
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def person_from_row(row: Mapping[str, Any], meta: TraceMeta, *, clean: bool = False
                    ) -> dict[str, Any]:
    """Exactly the dict `person_traces` puts in result.json for this row. `clean` says the row
    already has None for every blank (Arrow's rows do; pandas' may hold pd.NA)."""
    if not clean:
        row = {key: _plain(value) for key, value in row.items()}
    status = row["status"]
    person: dict[str, Any] = {
        "id": row["id"],
        "display": row["display"],
        "status": status,
        "show": {f: row[c] for f, c in meta.columns["show"]},
        "groups": {f: row[c] for f, c in meta.columns["groups"]},
    }
    if status == NOT_EVALUATED:
        encoded = row.get("excluded_because:json")
        person["excluded_because"] = json.loads(encoded) if encoded is not None else \
            _split(row["excluded_because"], "; ")
        return person
    if status == OUT_OF_SCOPE:
        return person
    person["gates"] = [_gate_line(row, gate) for gate in meta.gates]
    person["failed"] = _split(row["failed"], ", ")
    person["derived"] = {name: {"how": how, "value": row[column]} for (name, how), (_, column)
                         in zip(meta.derived, meta.columns["derived"], strict=True)}
    person["points"] = []
    if status != ELIGIBLE:
        return person
    person["points"] = [_points_line(row, info) for info in meta.points]
    person["total"] = row["total"]
    person["rank"] = int(row["rank"])
    person["selected"] = bool(row["selected"])
    person["decided_by"] = row["decided_by"]
    if meta.rank_in_group:
        place = row["rank_in_group"]
        person["rank_in_group"] = None if place is None else int(place)
        person["selection_group"] = row["selection_group"]
    if meta.categories:
        person["categories"] = {n: row[c] for n, c in meta.columns["categories"]}
    if meta.method_keys:
        person["method"] = {k: row[c] for k, c in meta.columns["method"]}
    return person


def _gate_line(row: Mapping[str, Any], gate: GateMeta) -> dict[str, Any]:
    line: dict[str, Any] = {
        "rule": gate.rule,
        "passed": bool(row[gate.passed]),
        "inputs": {f: row[c] for f, c in gate.columns},
        "test": row[gate.test],
    }
    absent = row[gate.missing]
    if absent is not None:
        line["missing"] = _split(absent, ", ")
        line["note"] = gate.note
    return line


def _points_line(row: Mapping[str, Any], info: PointsMeta) -> dict[str, Any]:
    column = info.column
    line: dict[str, Any] = {
        "rule": info.rule,
        "inputs": {f: row[c] for f, c in info.columns},
        "method": info.method,
        "raw": row[column("raw")],
        "normalised": row[column("normalised")],
        "weight": info.weight,
        "points": row[info.points],
    }
    if info.has_value:
        line["value"] = row[column("value")]
        line.update({k: row[name] for k, name in info.extras})
    for extra in ("rounding", "note"):
        text = row[column(extra)]
        if text is not None:
            line[extra] = text
    if info.population:
        line["population"] = info.population
    return line


def _first(table: pd.DataFrame, bad: pd.Series | np.ndarray) -> str:
    bad = np.asarray(bad, dtype=bool)
    ident = table["id"].iloc[int(np.flatnonzero(bad)[0])]
    return str(None if ident is pd.NA else ident)


def table_invariant_problem(table: pd.DataFrame, meta: TraceMeta) -> str | None:
    """`trace.invariant_problem` on the table: Σ points == total (additive methods), every rule
    once per evaluated person, ranks exactly 1..n."""
    status = table["status"].astype(str).to_numpy()
    eligible = status == ELIGIBLE
    evaluated = eligible | (status == INELIGIBLE)
    for gate in meta.gates:
        for name in (f"gate:{gate.rule}", f"gate:{gate.rule}:test"):
            if name not in table:
                return f"the table has no column {name}"
            lacking = evaluated & table[name].isna().to_numpy()
            if lacking.any():
                return f"{_first(table, lacking)}: no {name}"
    if meta.additive and eligible.any():
        total = pd.Series(0, index=table.index, dtype="Int64")
        for info in meta.points:
            text = table[f"points:{info.rule}"]
            lacking = eligible & text.isna().to_numpy()
            if lacking.any():
                return f"{_first(table, lacking)}: no points for {info.rule}"
            total = total + text.str.replace(".", "", regex=False).astype("Int64").fillna(0)
        said = table["total"].str.replace(".", "", regex=False).astype("Int64")
        wrong = eligible & (total != said).fillna(True).to_numpy(dtype=bool)
        wrong |= eligible & (said != table["total_units"]).fillna(True).to_numpy(dtype=bool)
        if wrong.any():
            pos = int(np.flatnonzero(wrong)[0])
            return f"{_first(table, wrong)}: points add up to " \
                   f"{units_text(int(total.iloc[pos]), meta.places)}, total says " \
                   f"{table['total'].iloc[pos]}"
    ranks = np.sort(table["rank"].to_numpy(dtype=np.int64, na_value=0)[eligible])
    if not np.array_equal(ranks, np.arange(1, len(ranks) + 1)) or \
            table["rank"].notna().to_numpy()[~eligible].any():
        return "ranks are not a permutation of 1..n"
    return None
