"""The policy language as a closed pydantic model: unknown keys are errors, kinds are a fixed set.

Field descriptions double as editor hover text in the exported JSON Schema.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictStr,
    Tag,
    model_validator,
)

SUPPORTED_SCHEMA_VERSIONS = (1,)
RULE_ID_PATTERN = r"^[a-z][a-z0-9-]{2,63}$"
FIELD_PATTERN = r"^[a-z][a-z0-9_]*$"

FieldName = Annotated[str, Field(pattern=FIELD_PATTERN)]
Scalar = StrictStr | StrictBool | int | float | date


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)


class Bilingual(Strict):
    """A label in Indonesian and English; reports pick one by `--lang`."""

    id: StrictStr
    en: StrictStr


Text = StrictStr | Bilingual


def text_in(value: Text | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Bilingual):
        return value.en if lang == "en" else value.id
    return value


class PolicyMeta(Strict):
    id: Annotated[str, Field(pattern=RULE_ID_PATTERN, description="Immutable policy id")]
    version: StrictStr = Field(description="Content version; bump on any change")
    title: Text
    kind: Literal["promotion", "recruitment", "reward", "training", "talent", "index"]
    owner: StrictStr | None = None
    description: Text | None = None
    legal_basis: list[StrictStr] = Field(default_factory=list)
    effective_from: date | None = None
    as_of: date | None = Field(None, description="Reference date for ages and tenures")


ColumnType = Literal["text", "number", "integer", "date", "bool", "category", "golongan", "nip18"]


class ColumnSpec(Strict):
    """How one logical field is found in the spreadsheet and typed."""

    header: StrictStr | list[StrictStr] = Field(description="Accepted header spellings")
    type: ColumnType
    role: Literal["id", "display", "protected", "group"] | None = None
    required: StrictBool = Field(True, description="false allows blank cells")
    allowed: list[StrictStr] | None = None
    aliases: dict[StrictStr, StrictStr] | None = None
    min: float | None = None
    max: float | None = None
    pii: StrictBool = False
    label: Text | None = None
    nip_part: Literal["birth_date", "sex", "tmt_cpns"] | None = Field(
        None, description="Cross-check this column against the matching digits of the NIP"
    )

    @property
    def headers(self) -> list[str]:
        return [self.header] if isinstance(self.header, str) else list(self.header)

    @model_validator(mode="after")
    def _category_needs_allowed(self) -> ColumnSpec:
        if self.type == "category" and not self.allowed:
            raise ValueError("a category column needs 'allowed' values")
        if self.type != "category" and (self.allowed or self.aliases):
            raise ValueError("'allowed' and 'aliases' apply only to category columns")
        return self


Operator = Literal[
    "==", "!=", "<", "<=", ">", ">=", "in", "not_in", "between", "is_blank", "not_blank"
]


class Comparison(Strict):
    field: FieldName
    op: Operator
    value: Scalar | list[Scalar] | None = None
    value_field: FieldName | None = None

    @model_validator(mode="after")
    def _operand(self) -> Comparison:
        unary = self.op in ("is_blank", "not_blank")
        given = (self.value is not None) + (self.value_field is not None)
        if unary and given:
            raise ValueError(f"operator '{self.op}' takes no value")
        if not unary and given != 1:
            raise ValueError("give exactly one of 'value' or 'value_field'")
        if self.op in ("in", "not_in") and self.value_field is None and not isinstance(
            self.value, list
        ):
            raise ValueError(f"operator '{self.op}' needs a list value")
        if self.op == "between" and not (isinstance(self.value, list) and len(self.value) == 2):
            raise ValueError("operator 'between' needs a list [low, high]")
        return self


class AllOf(Strict):
    all: list[Condition]


class AnyOf(Strict):
    any: list[Condition]


class NotOf(Strict):
    not_: Condition = Field(alias="not")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "cmp"
    if isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", NotOf: "not"}.get(type(value), "cmp")
    return None


Condition = Annotated[
    Annotated[Comparison, Tag("cmp")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")],
    Discriminator(_condition_tag),
]


class Lookup(Strict):
    field: FieldName
    type: Literal["golongan", "number", "text"] = "text"
    table: dict[StrictStr, Scalar]
    default: Scalar | None = None


class Elapsed(Strict):
    """Completed months or years from a date field to `as_of` (tenure, age)."""

    field: FieldName
    unit: Literal["months", "years"] = "years"


class Bins(Strict):
    field: FieldName
    as_age_at: Literal["$as_of"] | None = Field(
        None, description="Bin the age in years at as_of instead of the field itself"
    )
    edges: list[float] = Field(min_length=2)
    labels: list[StrictStr]

    @model_validator(mode="after")
    def _shape(self) -> Bins:
        if len(self.labels) != len(self.edges) - 1:
            raise ValueError("bins need one label fewer than edges")
        if any(b <= a for a, b in zip(self.edges, self.edges[1:], strict=False)):
            raise ValueError("bin edges must increase")
        return self


class DerivedField(Strict):
    id: FieldName
    title: Text | None = None
    expr: StrictStr | None = None
    lookup: Lookup | None = None
    elapsed: Elapsed | None = None
    bins: Bins | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> DerivedField:
        given = [k for k in ("expr", "lookup", "elapsed", "bins") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a derived field needs exactly one of expr, lookup, elapsed, bins")
        return self


class RuleBase(Strict):
    id: Annotated[str, Field(pattern=RULE_ID_PATTERN, description="Immutable kebab-case id")]
    title: Text | None = None
    description: Text | None = None
    legal_ref: StrictStr | None = None
    confidence: StrictStr | None = Field(None, description="How sure the legal fact is")
    aliases: list[StrictStr] = Field(default_factory=list)


class GateRule(RuleBase):
    kind: Literal["gate"]
    when: Condition | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(None, alias="not")
    on_missing: Literal["fail", "pass", "error"] = "fail"
    missing_finding: Literal["warning", "info", "none"] = "none"

    @model_validator(mode="after")
    def _one_condition(self) -> GateRule:
        given = [k for k in ("when", "all", "any", "not_") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a gate needs exactly one of when, all, any, not")
        return self

    @property
    def condition(self) -> Condition:
        if self.when is not None:
            return self.when
        if self.all is not None:
            return AllOf(all=self.all)
        if self.any is not None:
            return AnyOf(any=self.any)
        return NotOf(**{"not": self.not_})


class MissingPoints(Strict):
    points: float
    finding: Literal["warning", "info", "none"] = "warning"


OnMissing = Literal["error", "zero"] | MissingPoints | None


class Band(Strict):
    """Numeric band [gte, lt): lower bound included, upper excluded."""

    gte: float | None = None
    lt: float | None = None
    points: float

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.gte is not None and self.lt is not None and self.lt <= self.gte:
            raise ValueError("band needs gte < lt")
        return self


class PointsTableRule(RuleBase):
    kind: Literal["points_table"]
    field: FieldName
    table: dict[StrictStr, float] | None = None
    bands: list[Band] | None = None
    default: float | None = Field(None, description="Points for a value not in the table")
    weight: float = Field(ge=0)
    on_missing: OnMissing = None

    @model_validator(mode="after")
    def _table_or_bands(self) -> PointsTableRule:
        if (self.table is None) == (self.bands is None):
            raise ValueError("a points_table needs exactly one of 'table' or 'bands'")
        return self


class Normalise(Strict):
    method: Literal["fixed_range", "inverse_fixed_range", "population_min_max", "rank_percentile"]
    min: float | None = None
    max: float | None = None
    clip: StrictBool = True

    @model_validator(mode="after")
    def _range(self) -> Normalise:
        if self.method in ("fixed_range", "inverse_fixed_range"):
            if self.min is None or self.max is None:
                raise ValueError(f"'{self.method}' needs min and max")
            if self.max <= self.min:
                raise ValueError("normalise needs min < max")
        return self


class WeightedRule(RuleBase):
    kind: Literal["weighted"]
    field: FieldName
    normalise: Normalise
    weight: float = Field(ge=0)
    on_missing: OnMissing = None


class FormulaRule(RuleBase):
    kind: Literal["formula"]
    expr: StrictStr = Field(description="Whitelisted expression giving a value on 0..scale")
    weight: float = Field(ge=0)
    on_missing: OnMissing = None


Rule = Annotated[
    GateRule | PointsTableRule | WeightedRule | FormulaRule, Field(discriminator="kind")
]
PointsRule = PointsTableRule | WeightedRule | FormulaRule


class Rounding(Strict):
    places: int = Field(2, ge=0, le=6)
    mode: Literal["half_up"] = "half_up"
    stage: Literal["per_rule"] = "per_rule"


class Scoring(Strict):
    scale: float = Field(100, gt=0)
    weights: Literal["must_sum_to_one", "free"] = "must_sum_to_one"
    rounding: Rounding = Rounding()
    method: Literal["weighted_sum"] = "weighted_sum"
    on_missing_points: Literal["error", "zero"] = "error"
    on_invalid_row: Literal["fail", "exclude"] = "fail"


class SortKey(Strict):
    field: FieldName
    direction: Literal["asc", "desc"] = "desc"
    note: StrictStr | None = Field(None, description="Why this key; acknowledges a proxy")


class Selection(Strict):
    quota: int | None = Field(None, ge=0, description="Places overall, or per group")
    per_group: FieldName | None = None
    quotas: dict[StrictStr, int] | None = Field(None, description="Places for each group")

    @model_validator(mode="after")
    def _shape(self) -> Selection:
        if self.quotas is not None and self.per_group is None:
            raise ValueError("'quotas' needs 'per_group'")
        if self.quota is None and self.quotas is None:
            raise ValueError("give 'quota' or 'quotas'")
        return self


class Ranking(Strict):
    order: SortKey = SortKey(field="total", direction="desc")
    tie_breakers: list[SortKey] = Field(default_factory=list)
    selection: Selection | None = None


class FairnessAttribute(Strict):
    field: FieldName
    label: Text | None = None


class Thresholds(Strict):
    impact_ratio_alert: float = 0.8
    min_group_size: int = 10


class Fairness(Strict):
    attributes: list[FairnessAttribute] = Field(default_factory=list)
    intersections: list[list[FieldName]] = Field(default_factory=list)
    outcomes: list[Literal["gate_pass", "eligible", "selected", "total"]] = Field(
        default_factory=lambda: ["eligible", "selected"]
    )
    thresholds: Thresholds = Thresholds()
    protected_use: Literal["forbid", "allow_with_justification"] = "forbid"
    justification: StrictStr | None = None


class Reporting(Strict):
    language: Literal["id", "en"] = "id"
    show_columns: list[FieldName] = Field(default_factory=list)
    redact: dict[FieldName, Literal["initials", "hide"]] = Field(default_factory=dict)


class Population(Strict):
    when: Condition | None = None
    title: Text | None = None


class Policy(Strict):
    """A whole policy file."""

    schema_version: int = Field(description="File format version understood by the tool")
    policy: PolicyMeta
    population: Population = Population()
    columns: dict[FieldName, ColumnSpec]
    derived: list[DerivedField] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
    scoring: Scoring = Scoring()
    ranking: Ranking = Ranking()
    fairness: Fairness = Fairness()
    reporting: Reporting = Reporting()

    @property
    def gates(self) -> list[GateRule]:
        return [r for r in self.rules if isinstance(r, GateRule)]

    @property
    def points_rules(self) -> list[PointsRule]:
        return [r for r in self.rules if not isinstance(r, GateRule)]

    @property
    def id_field(self) -> str:
        return next(name for name, spec in self.columns.items() if spec.role == "id")

    @property
    def display_field(self) -> str | None:
        return next((n for n, s in self.columns.items() if s.role == "display"), None)


AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
