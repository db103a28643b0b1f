"""The policy language as a closed pydantic model: unknown keys are errors, kinds are a fixed set.

Field descriptions double as editor hover text in the exported JSON Schema.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    ModelWrapValidatorHandler,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictStr,
    Tag,
    ValidationError,
    model_serializer,
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
    # Keys added after schema_version 1 shipped. While they hold their default they are left
    # out of the dump, so an unchanged policy keeps its canonical hash: the ledger's
    # "same id+version, same content" check and recorded results stay valid across upgrades.
    added_keys: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def omit_added_defaults(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        for name in self.added_keys:
            info = type(self).model_fields[name]
            if getattr(self, name) == info.get_default(call_default_factory=True):
                data.pop(info.alias or name, None)
        return data


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
# Vocabularies of real exports (SIASN "data utama", SIMPEG nominatif) a column can take its
# extra header spellings and value labels from; the data is in asn_merit/roster/presets/.
PresetName = Literal["nip", "nama", "jenis_kelamin", "tanggal_lahir", "agama",
                     "status_perkawinan", "pendidikan", "status_pegawai", "golongan",
                     "tmt_golongan", "tmt_cpns", "jenis_jabatan", "jabatan", "unit_kerja"]
# "{tahun}", "{tahun-1}", "{tahun+1}": the year of as_of, so next year's export binds next
# year's column and a missing year refuses instead of sliding to another.
_YEAR_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_YEAR_EXPR = re.compile(r"^tahun\s*(?:([+-])\s*(\d{1,2}))?$")


def header_for_year(template: str, year: int) -> str:
    """A header spelling with its {tahun±N} placeholders filled in for `year`."""
    def fill(match: re.Match[str]) -> str:
        parts = _YEAR_EXPR.match(match[1].strip())
        if parts is None:
            raise ValueError(f"unknown placeholder '{{{match[1]}}}' in header '{template}'")
        offset = int(parts[2] or 0) * (-1 if parts[1] == "-" else 1)
        return str(year + offset)
    return _YEAR_PLACEHOLDER.sub(fill, template)


class ColumnSpec(Strict):
    """How one logical field is found in the spreadsheet and typed."""

    added_keys: ClassVar[frozenset[str]] = frozenset({"if_absent", "preset"})

    header: StrictStr | list[StrictStr] = Field(
        description="Accepted header spellings; {tahun-1} stands for the year before as_of")
    type: ColumnType
    role: Literal["id", "display", "protected", "group"] | None = None
    required: StrictBool = Field(True, description="false allows blank cells (the column "
                                 "itself must still be there unless if_absent says otherwise)")
    if_absent: Literal["refuse", "allow", "from_nip"] = Field(
        "refuse", description="When no header matches: refuse the roster (default), allow it "
        "(every rule reading the field sees blanks, and the reports say so), or from_nip "
        "(derive it from the NIP digits named by nip_part)")
    preset: PresetName | None = Field(
        None, description="Also accept the SIASN/SIMPEG spellings of this field's header and "
        "values")
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

    def headers_for(self, as_of: date) -> list[str]:
        """The accepted spellings with {tahun±N} filled in from as_of's year."""
        return [header_for_year(h, as_of.year) for h in self.headers]

    @model_validator(mode="after")
    def _category_needs_allowed(self) -> ColumnSpec:
        if self.type == "category" and not self.allowed:
            raise ValueError("a category column needs 'allowed' values")
        if self.type != "category" and (self.allowed or self.aliases):
            raise ValueError("'allowed' and 'aliases' apply only to category columns")
        for header in self.headers:
            header_for_year(header, 2000)  # an unknown placeholder is an error here
        if self.if_absent == "from_nip" and self.nip_part is None:
            raise ValueError("'if_absent: from_nip' needs 'nip_part' (birth_date, sex or "
                             "tmt_cpns)")
        if self.role == "id" and self.if_absent != "refuse":
            raise ValueError("the id column cannot be absent")
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


class Join(Strict):
    """Several fields as one text key, e.g. a CPNS formation = position + unit + route."""

    fields: list[FieldName] = Field(min_length=2)
    separator: StrictStr = " / "


DERIVED_KINDS = ("expr", "lookup", "elapsed", "bins", "join")


class DerivedField(Strict):
    added_keys: ClassVar[frozenset[str]] = frozenset({"join", "legal_ref", "confidence"})

    id: FieldName
    title: Text | None = None
    legal_ref: StrictStr | None = Field(None, description="Where a table or formula comes from")
    confidence: StrictStr | None = Field(
        None, description="How sure the legal fact is: C, S or N (N is shown as unverified)")
    expr: StrictStr | None = None
    lookup: Lookup | None = None
    elapsed: Elapsed | None = None
    bins: Bins | None = None
    join: Join | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> DerivedField:
        given = [k for k in DERIVED_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a derived field needs exactly one of " + ", ".join(DERIVED_KINDS))
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
    points: float = Field(description="Value used for a blank input: the points on 0..scale, "
                          "or for saw/weighted_product/topsis/profile_matching the criterion value")
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


CriterionType = Literal["benefit", "cost"]


class PointsBase(RuleBase):
    """What every scored rule shares; the method keys matter only to the method that reads them."""

    added_keys: ClassVar[frozenset[str]] = frozenset({"criterion", "target", "factor", "aspect"})

    weight: float | None = Field(
        None, ge=0, le=1e6,
        description="Share of the total; leave out when scoring.ahp gives the weights"
    )
    on_missing: OnMissing = None
    criterion: CriterionType = Field(
        "benefit", description="saw, weighted_product, topsis: cost = smaller is better"
    )
    target: float | None = Field(None, description="profile_matching: the required level")
    factor: Literal["core", "secondary"] | None = Field(
        None, description="profile_matching: core factor or secondary factor"
    )
    aspect: FieldName | None = Field(None, description="profile_matching: the aspect's id")


class PointsTableRule(PointsBase):
    kind: Literal["points_table"]
    field: FieldName
    table: dict[StrictStr, float] | None = None
    bands: list[Band] | None = None
    default: float | None = Field(None, description="Points for a value not in the table")

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


class WeightedRule(PointsBase):
    kind: Literal["weighted"]
    field: FieldName
    normalise: Normalise


class FormulaRule(PointsBase):
    kind: Literal["formula"]
    expr: StrictStr = Field(description="Whitelisted expression giving a value on 0..scale")


class CriterionRule(PointsBase):
    """A raw numeric value handed to saw, weighted_product, topsis or profile_matching, which
    normalise it themselves (weighted_sum needs values on 0..scale: use 'weighted')."""

    kind: Literal["criterion"]
    field: FieldName


Rule = Annotated[
    GateRule | PointsTableRule | WeightedRule | FormulaRule | CriterionRule,
    Field(discriminator="kind"),
]
PointsRule = PointsTableRule | WeightedRule | FormulaRule | CriterionRule


class Rounding(Strict):
    places: int = Field(2, ge=0, le=6)
    mode: Literal["half_up"] = "half_up"
    stage: Literal["per_rule"] = "per_rule"


FRACTION_PATTERN = r"^\s*\d+(\.\d+)?\s*/\s*\d+(\.\d+)?\s*$"
AhpCell = Annotated[float, Field(gt=0)] | Annotated[StrictStr, Field(pattern=FRACTION_PATTERN)]


class Ahp(Strict):
    """Criterion weights from a pairwise comparison matrix (Saaty), instead of `weight:`."""

    criteria: list[Annotated[str, Field(pattern=RULE_ID_PATTERN)]] = Field(
        min_length=1, description="Rule ids in the order of the matrix rows and columns"
    )
    matrix: list[list[AhpCell]] = Field(
        description="Saaty 1-9 judgements, row i compared with column j; write 1/3 as \"1/3\""
    )
    ri_table: Literal["saaty1980", "saaty2005", "tummala_ling1998"] = Field(
        "saaty1980", description="Random index table for the consistency ratio"
    )
    max_cr: float = Field(0.10, gt=0, le=0.2, description="Largest consistency ratio accepted")


class Aspect(Strict):
    id: FieldName
    title: Text | None = None
    weight: float = Field(ge=0, le=1e6, description="Share of the total (aspect weight)")
    core_share: float | None = Field(
        None, ge=0, le=1, description="Share of core factors in this aspect (default: the policy's)"
    )


class ProfileMatching(Strict):
    """Gap to a target profile (Kusrini 2007): GAP = value - target, weighted through the table."""

    aspects: list[Aspect] = Field(min_length=1)
    core_share: float = Field(0.6, ge=0, le=1,
                              description="Core factors' share; secondary = 1 - it")
    gap_table: dict[int, float] | None = Field(
        None, description="GAP -> weight; default: the standard table, 0 -> 5.0 ... -4 -> 1.0"
    )


Method = Literal["weighted_sum", "saw", "weighted_product", "topsis", "profile_matching"]
# Normalisations each method accepts; the first is its default.
METHOD_NORMALISATIONS: dict[str, tuple[str, ...]] = {
    "saw": ("ratio", "minmax", "sum"),
    "topsis": ("vector", "minmax"),
}


class Scoring(Strict):
    added_keys: ClassVar[frozenset[str]] = frozenset({"normalisation", "ahp", "profile_matching"})

    scale: float = Field(100, gt=0, le=1e6)  # with weights <= 1e6: points stay < MAX_POINTS
    weights: Literal["must_sum_to_one", "free"] = "must_sum_to_one"
    rounding: Rounding = Rounding()
    method: Method = Field("weighted_sum", description="How the criteria are combined")
    normalisation: Literal["ratio", "minmax", "sum", "vector"] | None = Field(
        None, description="saw: ratio (default), minmax, sum; topsis: vector (default), minmax"
    )
    ahp: Ahp | None = None
    profile_matching: ProfileMatching | None = None
    on_missing_points: Literal["error", "zero"] = "error"
    on_invalid_row: Literal["fail", "exclude"] = "fail"


class SortKey(Strict):
    field: FieldName
    direction: Literal["asc", "desc"] = "desc"
    note: StrictStr | None = Field(None, description="Why this key; acknowledges a proxy")


class Selection(Strict):
    added_keys: ClassVar[frozenset[str]] = frozenset({"quota_field", "category"})

    quota: int | None = Field(None, ge=0, description="Places overall, or per group")
    per_group: FieldName | None = None
    quotas: dict[StrictStr, int] | None = Field(None, description="Places for each group")
    quota_field: FieldName | None = Field(
        None, description="Places for each group read from this column (e.g. the formation's need)"
    )
    category: FieldName | None = Field(
        None, description="Select everyone whose label in this category is 'favourable'"
    )

    @model_validator(mode="after")
    def _shape(self) -> Selection:
        if (self.quotas is not None or self.quota_field is not None) and self.per_group is None:
            raise ValueError("'quotas' and 'quota_field' need 'per_group'")
        places = [self.quota, self.quotas, self.quota_field]
        if self.quota_field is not None and (self.quota is not None or self.quotas is not None):
            raise ValueError("'quota_field' gives every group's places; drop 'quota'/'quotas'")
        if self.category is not None and any(p is not None for p in [*places, self.per_group]):
            raise ValueError("'category' selects by label; it takes no quota or per_group")
        if self.category is None and all(p is None for p in places):
            raise ValueError("give 'quota', 'quotas', 'quota_field' or 'category'")
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


class CategoryValue(Strict):
    value: StrictStr = Field(description="What the result records, e.g. 'Sangat Tinggi' or '9'")
    label: Text | None = Field(None, description="How reports show it")


class LabelBand(CategoryValue):
    """Numeric band [gte, lt) that maps a value to a category."""

    gte: float | None = None
    lt: float | None = None

    @model_validator(mode="after")
    def _ordered(self) -> LabelBand:
        if self.gte is not None and self.lt is not None and self.lt <= self.gte:
            raise ValueError("band needs gte < lt")
        return self


class Grid(Strict):
    """Two categories crossed into one, e.g. performance x potential -> talent box 1..9."""

    rows: FieldName = Field(description="A category (or category field) giving the row")
    columns: FieldName = Field(description="A category (or category field) giving the column")
    cells: dict[StrictStr, dict[StrictStr, StrictStr]] = Field(
        description="row value -> column value -> resulting value"
    )
    values: list[CategoryValue] = Field(min_length=1, description="The resulting values, in order")


class Case(CategoryValue):
    """One row of a decision table: the value when `when` holds; no `when` = otherwise."""

    when: Condition | None = Field(None, description="Leave out on the last case: otherwise")


class Category(Strict):
    """A label for each eligible person (a band of the total, a box, the first case that
    holds), reported and audited."""

    added_keys: ClassVar[frozenset[str]] = frozenset({"cases"})

    id: FieldName
    title: Text | None = None
    legal_ref: StrictStr | None = None
    confidence: StrictStr | None = None
    field: FieldName = Field("total", description="The value the bands cut (default: total)")
    bands: list[LabelBand] | None = None
    grid: Grid | None = None
    cases: list[Case] | None = Field(
        None, description="Decision table: each person gets the first case whose 'when' holds"
    )
    favourable: list[StrictStr] = Field(
        default_factory=list, description="Values the fairness audit counts as the good outcome"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Category:
        given = [k for k in ("bands", "grid", "cases") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a category needs exactly one of 'bands', 'grid' or 'cases'")
        if self.bands is not None and not self.bands:
            raise ValueError("'bands' needs at least one band")
        if self.cases is not None:
            if not self.cases:
                raise ValueError("'cases' needs at least one case")
            if any(case.when is None for case in self.cases[:-1]):
                raise ValueError("only the last case may leave out 'when' (otherwise)")
        return self

    @property
    def values(self) -> list[CategoryValue]:
        if self.bands is not None:
            return list(self.bands)
        if self.cases is not None:
            return list(self.cases)
        return list(self.grid.values)  # type: ignore[union-attr]


class Population(Strict):
    when: Condition | None = None
    title: Text | None = None


class RosterReading(Strict):
    """How rows that are not people are read (roster/layout.py)."""

    section_rows_into: FieldName | None = Field(
        None, description="Unit section rows between blocks of people ('I. DINAS PENDIDIKAN') "
        "give their text to this column field for the people below them; without it they are "
        "skipped and listed")


class Policy(Strict):
    """A whole policy file."""

    added_keys: ClassVar[frozenset[str]] = frozenset({"categories", "roster"})

    schema_version: int = Field(description="File format version understood by the tool")
    policy: PolicyMeta
    population: Population = Population()
    columns: dict[FieldName, ColumnSpec]
    derived: list[DerivedField] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
    scoring: Scoring = Scoring()
    categories: list[Category] = Field(default_factory=list)
    ranking: Ranking = Ranking()
    fairness: Fairness = Fairness()
    reporting: Reporting = Reporting()
    roster: RosterReading = RosterReading()

    @model_validator(mode="after")
    def _section_field_is_a_text_column(self) -> Policy:
        into = self.roster.section_rows_into
        if into is not None and (into not in self.columns
                                 or self.columns[into].type not in ("text", "category")):
            raise ValueError(f"roster.section_rows_into: '{into}' must be a text or category "
                             "field under 'columns'")
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _weights_needed(cls, data: Any, handler: ModelWrapValidatorHandler[Policy]) -> Policy:
        """A scored rule may leave out `weight` only when scoring.ahp or profile matching give
        it. Reported with the other schema errors, so every problem still shows at once."""
        missing = [{"type": "missing", "loc": ("rules", i, "weight"), "input": rule}
                   for i, rule in _rules_without_weight(data)]
        try:
            policy = handler(data)
        except ValidationError as exc:
            if not missing:
                raise
            known = [{k: v for k, v in e.items() if k in ("type", "loc", "input", "ctx")}
                     for e in exc.errors()]
            raise ValidationError.from_exception_data(cls.__name__, [*known, *missing]) from None
        if missing:
            raise ValidationError.from_exception_data(cls.__name__, missing)
        return policy

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


def _rules_without_weight(data: Any) -> list[tuple[int, Any]]:
    if not isinstance(data, dict):
        return []
    scoring = data.get("scoring")
    if isinstance(scoring, dict) and (scoring.get("ahp") is not None
                                      or scoring.get("method") == "profile_matching"):
        return []
    rules = data.get("rules")
    return [(i, rule) for i, rule in enumerate(rules if isinstance(rules, list) else [])
            if isinstance(rule, dict) and rule.get("kind") not in (None, "gate")
            and "weight" not in rule]


AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
Case.model_rebuild()
