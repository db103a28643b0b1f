"""Evaluate gate and population conditions over the whole frame at once.

Results use pandas' nullable booleans, whose `&`/`|` follow Kleene logic: a missing input
gives NA unless the other operands already decide the answer, and the rule's `on_missing`
then says what NA means.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from asn_merit.roster.types import parse_category, parse_golongan
from asn_merit.rules import model as m
from asn_merit.rules.fields import FieldInfo, comparisons, fields_of

__all__ = ["ConditionEvaluator", "comparisons", "fields_of"]


def _literal(value: object, info: FieldInfo, aliases: dict[str, str] | None) -> object:
    """A policy literal in the same representation as the typed column it is compared with."""
    if info.type == "golongan":
        return parse_golongan(pd.Series([str(value)], dtype="string")).values.iloc[0]
    if info.type == "category" and info.allowed:
        parsed = parse_category(pd.Series([str(value)], dtype="string"), info.allowed, aliases)
        return parsed.values.iloc[0]
    if info.type == "date" and isinstance(value, date):
        return pd.Timestamp(value)
    return value


class ConditionEvaluator:
    def __init__(self, frame: pd.DataFrame, fields: dict[str, FieldInfo], policy: m.Policy):
        self.frame = frame
        self.fields = fields
        self.policy = policy

    def literal(self, field: str, value: object) -> object:
        spec = self.policy.columns.get(field)
        return _literal(value, self.fields[field], spec.aliases if spec else None)

    def comparison(self, cond: m.Comparison) -> pd.Series:
        left = self.frame[cond.field]
        op = cond.op
        if op == "is_blank":
            return left.isna().astype("boolean")
        if op == "not_blank":
            return left.notna().astype("boolean")
        if op in ("in", "not_in"):
            values = [self.literal(cond.field, v) for v in cond.value]  # type: ignore[union-attr]
            hit = left.isin(values).astype("boolean").mask(left.isna())
            return hit if op == "in" else ~hit
        if op == "between":
            low, high = (self.literal(cond.field, v) for v in cond.value)  # type: ignore[misc]
            return ((left >= low) & (left <= high)).astype("boolean")
        right = (self.frame[cond.value_field] if cond.value_field is not None
                 else self.literal(cond.field, cond.value))
        result = {
            "==": left.__eq__, "!=": left.__ne__, "<": left.__lt__, "<=": left.__le__,
            ">": left.__gt__, ">=": left.__ge__,
        }[op](right)
        missing = left.isna() | (right.isna() if isinstance(right, pd.Series) else pd.isna(right))
        return result.astype("boolean").mask(missing)

    def evaluate(self, cond: m.Condition) -> pd.Series:
        if isinstance(cond, m.AllOf):
            out = pd.Series(True, index=self.frame.index, dtype="boolean")
            for sub in cond.all:
                out = out & self.evaluate(sub)
            return out
        if isinstance(cond, m.AnyOf):
            out = pd.Series(False, index=self.frame.index, dtype="boolean")
            for sub in cond.any:
                out = out | self.evaluate(sub)
            return out
        if isinstance(cond, m.NotOf):
            return ~self.evaluate(cond.not_)
        return self.comparison(cond)
