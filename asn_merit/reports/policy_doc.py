"""`policy show`: a policy as a document that a head of agency can read, approve and sign.

The YAML is for the people who write policies; the person who signs one needs sentences:
"Masa dalam pangkat sekurang-kurangnya 48" rather than `{field: masa_pangkat_bulan, op: ">=",
value: 48}`. The document is built once as plain blocks (paragraphs, lists, tables, pairs) and
written as HTML (self-contained, A4 print), Markdown or plain text; policy_rows() gives the
same content as item/value rows for the policy sheet of ranking.xlsx.

The policy model grows (scoring methods, AHP weights, categories), so the policy is read as
its JSON dump: keys this module knows are put into words, and every other key is still shown,
generically, under the section it belongs to. A new key can never be left out or crash this.
It ends with the canonical SHA-256 of exactly the version that will run and a signature block.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from asn_merit.reports.dates import long_date
from asn_merit.reports.fairness_view import label, text_in
from asn_merit.reports.i18n import LANGUAGES, MESSAGES, t
from asn_merit.reports.templating import render
from asn_merit.rules.loader import LoadedPolicy
from asn_merit.rules.model import header_for_year
from asn_merit.scoring.weights import ahp_result, rule_weights

Format = Literal["html", "md", "text"]
TEMPLATE = "policy.html.j2"
TEXT_WIDTH = 100
MIN_TEXT_COLUMN = 12
DASH = "–"
Node = tuple[str, list["Node"]]
"""A list item and the items under it (a condition and its parts)."""


@dataclass
class Para:
    kind: ClassVar[str] = "para"
    text: str
    code: str | None = None


@dataclass
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: list[Node]


@dataclass
class Grid:
    kind: ClassVar[str] = "grid"
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Pairs:
    kind: ClassVar[str] = "pairs"
    pairs: list[tuple[str, str]]


@dataclass
class Sub:
    kind: ClassVar[str] = "sub"
    title: str
    code: str | None
    blocks: list[Block]


Block = Para | Bullets | Grid | Pairs | Sub


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: str
    sections: list[Section]
    canonical_sha256: str


def render_policy(loaded: LoadedPolicy, fmt: Format, lang: str) -> str:
    """The policy as an approvable document in `fmt` ("html", "md" or "text") and `lang`."""
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    document = build_document(loaded, lang)
    if fmt == "html":
        return render(TEMPLATE, {"doc": document}, lang)
    if fmt == "md":
        return _markdown(document, lang)
    if fmt == "text":
        return _text(document, lang)
    raise ValueError(f"unknown format {fmt!r}: use html, md or text")


def policy_rows(loaded: LoadedPolicy, lang: str) -> list[tuple[str, str]]:
    """The document as (item, value) rows for a spreadsheet; an empty value marks a heading."""
    document = build_document(loaded, lang if lang in LANGUAGES else LANGUAGES[0])
    rows: list[tuple[str, str]] = []
    for section in document.sections:
        rows.append((section.title, ""))
        rows += _block_rows(section.blocks)
    return rows


def _block_rows(blocks: Sequence[Block]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Sub):
            rows.append((block.title + (f" ({block.code})" if block.code else ""), ""))
            rows += _block_rows(block.blocks)
        elif isinstance(block, Pairs):
            rows += [(k, v or DASH) for k, v in block.pairs]
        elif isinstance(block, Grid):
            rows += [(row[0], " · ".join(f"{h}: {v}" for h, v in
                                         zip(block.headers[1:], row[1:], strict=True) if v))
                     for row in block.rows]
        elif isinstance(block, Bullets):
            rows += [("", text) for text in _flat_items(block.items)]
        else:
            rows.append(("", block.text + (f" [{block.code}]" if block.code else "")))
    return rows


def _flat_items(items: Sequence[Node], depth: int = 0) -> list[str]:
    lines = []
    for text, children in items:
        lines.append("  " * depth + "• " + text)
        lines += _flat_items(children, depth + 1)
    return lines


# --- building the document --------------------------------------------------------------------

class _Builder:
    """Reads the policy's JSON dump; `fields` gives every field's title and type."""

    def __init__(self, loaded: LoadedPolicy, lang: str):
        self.lang = lang
        self.loaded = loaded
        self.data: dict[str, Any] = loaded.policy.model_dump(mode="json", by_alias=True,
                                                             exclude_none=True)
        self.columns: dict[str, Any] = self.data.get("columns") or {}
        self.derived = {d["id"]: d for d in self.data.get("derived") or []}
        self.categories = {c["id"]: c for c in self.data.get("categories") or []
                           if isinstance(c, Mapping) and "id" in c}
        self.scale = float((self.data.get("scoring") or {}).get("scale", 100))
        self.weights = _engine_weights(loaded)

    def t(self, key: str, /, **values: object) -> str:
        return t(key, self.lang, **values)

    def text(self, value: Any) -> str:
        return text_in(value, self.lang)

    # fields and values
    def field_title(self, name: str) -> str:
        """A field as a reader knows it: its label or title, else its first header."""
        if name == "total":
            return self.t("policy.field.total")
        spec = self.columns.get(name)
        if spec is not None:
            headers = spec.get("header")
            first = str((headers[0] if isinstance(headers, list) else headers) or name)
            as_of = str((self.data.get("policy") or {}).get("as_of") or "")
            if as_of[:4].isdigit():  # "Predikat Kinerja {tahun-1}" as it reads at as_of
                first = header_for_year(first, int(as_of[:4]))
            return self.text(spec.get("label")) or first
        named = self.derived.get(name) or self.categories.get(name) or {}
        return self.text(named.get("title")) or name

    def field_type(self, name: str) -> str:
        info = self.loaded.fields.get(name)
        return info.type if info is not None else ""

    def value(self, value: Any, field_type: str = "") -> str:
        if isinstance(value, bool):
            return self.t("yes" if value else "no")
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if field_type == "date" and isinstance(value, str):
            try:
                return long_date(value, self.lang)
            except ValueError:
                return value
        return self.plain(value)

    def plain(self, value: Any) -> str:
        """Any dumped value as short text: bilingual labels in the language, lists joined."""
        if isinstance(value, Mapping):
            if set(value) <= {"id", "en"} and value:
                return self.text(value)
            return "; ".join(f"{k}: {self.plain(v)}" for k, v in value.items()) or DASH
        if isinstance(value, list):
            return ", ".join(self.plain(v) for v in value) or DASH
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return DASH if value is None else str(value)

    def rest(self, data: Mapping[str, Any], handled: set[str]) -> list[tuple[str, str]]:
        """Keys this module does not put into words, shown as they are."""
        return [(key, self.plain(value)) for key, value in data.items()
                if key not in handled and value not in ([], {}, None)]

    # conditions
    def condition(self, cond: Mapping[str, Any]) -> Node:
        for key in ("all", "any"):
            if key in cond and isinstance(cond[key], list):
                return (self.t(f"policy.cond.{key}"), [self.condition(c) for c in cond[key]])
        if "not" in cond:
            return (self.t("policy.cond.not"), [self.condition(cond["not"])])
        return (self.comparison(cond), [])

    def comparison(self, cmp: Mapping[str, Any]) -> str:
        name, op = str(cmp.get("field")), str(cmp.get("op"))
        kind = self.field_type(name)
        if "value_field" in cmp:
            value = self.field_title(str(cmp["value_field"]))
        elif isinstance(cmp.get("value"), list):
            parts = [self.value(v, kind) for v in cmp["value"]]
            value = (self.t("policy.and", low=parts[0], high=parts[1]) if op == "between"
                     and len(parts) == 2 else ", ".join(parts))
        else:
            value = self.value(cmp.get("value"), kind)
        for key in (f"policy.op.{op}.{kind}", f"policy.op.{op}"):
            if key in MESSAGES:
                return self.t(key, field=self.field_title(name), value=value)
        return f"{self.field_title(name)} {op} {value}"

    def condition_code(self, cond: Mapping[str, Any]) -> str:
        """The same condition in the policy's own notation, for whoever checks the YAML."""
        for key, joiner in (("all", " and "), ("any", " or ")):
            if key in cond and isinstance(cond[key], list):
                return "(" + joiner.join(self.condition_code(c) for c in cond[key]) + ")"
        if "not" in cond:
            return f"not {self.condition_code(cond['not'])}"
        other = cond.get("value_field", cond.get("value"))
        shown = f"[{self.plain(other)}]" if isinstance(other, list) else self.plain(other)
        return " ".join(str(p) for p in (cond.get("field"), cond.get("op"),
                                         "" if other is None else shown) if p != "")


def build_document(loaded: LoadedPolicy, lang: str) -> Document:
    """The policy as sections of plain blocks, in the order a reader approves it."""
    b = _Builder(loaded, lang)
    meta = b.data.get("policy") or {}
    sections = [
        _identity(b, meta), _population(b), _columns(b), _derived(b), _gates(b), _criteria(b),
        _scoring(b), _categories(b), _ranking(b), _quota(b), _fairness(b), _confidence(b),
        _reporting(b), *_other(b), _approval(b),
    ]
    return Document(
        title=b.text(meta.get("title")) or str(meta.get("id")),
        subtitle=b.t("policy.subtitle", id=meta.get("id"), version=meta.get("version")),
        sections=[s for s in sections if s.blocks],
        canonical_sha256=loaded.canonical_sha256)


KNOWN_TOP = {"schema_version", "policy", "population", "columns", "derived", "rules", "scoring",
             "categories", "ranking", "fairness", "reporting"}


def _section(b: _Builder, key: str, *blocks: Block | None) -> Section:
    return Section(key, b.t(f"policy.section.{key}"), [x for x in blocks if x is not None])


def _pairs(pairs: Sequence[tuple[str, str]]) -> Pairs | None:
    return Pairs(list(pairs)) if pairs else None


def _identity(b: _Builder, meta: Mapping[str, Any]) -> Section:
    dates = {k: long_date(meta[k], b.lang) for k in ("effective_from", "as_of") if meta.get(k)}
    pairs = [
        (b.t("policy.title"), b.text(meta.get("title"))),
        (b.t("policy.id"), str(meta.get("id"))),
        (b.t("policy.version"), str(meta.get("version"))),
        (b.t("policy.kind"), label("policy.kind", meta.get("kind"), b.lang)),
        *([(b.t("policy.owner"), str(meta["owner"]))] if meta.get("owner") else []),
        *[(b.t(f"policy.{k}"), v) for k, v in dates.items()],
        (b.t("policy.schema_version"), str(b.data.get("schema_version"))),
        *b.rest(meta, {"title", "id", "version", "kind", "owner", "description",
                       "legal_basis", "effective_from", "as_of"}),
    ]
    legal = [(str(x), []) for x in meta.get("legal_basis") or []]
    description = b.text(meta.get("description"))
    return _section(b, "identity", Pairs(pairs), Para(description) if description else None,
                    Para(b.t("policy.legal_basis")) if legal else None,
                    Bullets(legal) if legal else None)


def _population(b: _Builder) -> Section:
    population = b.data.get("population") or {}
    title = b.text(population.get("title"))
    when = population.get("when")
    return _section(
        b, "population",
        Para(title) if title else None,
        Para(b.t("policy.population_when" if when else "policy.population_all")),
        Bullets([b.condition(when)]) if when else None,
        Para(b.t("policy.technical"), b.condition_code(when)) if when else None,
        _pairs(b.rest(population, {"title", "when"})))


def _columns(b: _Builder) -> Section:
    rows = []
    for name, spec in b.columns.items():
        headers = spec.get("header")
        notes = []
        if spec.get("allowed"):
            notes.append(b.t("policy.allowed", values=", ".join(spec["allowed"])))
        if spec.get("aliases"):
            notes.append(b.t("policy.aliases", values=", ".join(
                f"{k} → {v}" for k, v in spec["aliases"].items())))
        if "min" in spec or "max" in spec:
            notes.append(b.t("policy.limits." + "_".join(k for k in ("min", "max") if k in spec),
                             low=b.plain(spec.get("min")), high=b.plain(spec.get("max"))))
        if spec.get("pii"):
            notes.append(b.t("policy.pii"))
        if spec.get("nip_part"):
            notes.append(b.t("policy.nip_part", part=label("policy.nip_part", spec["nip_part"],
                                                           b.lang)))
        notes += [f"{k}: {v}" for k, v in b.rest(spec, {
            "header", "type", "role", "required", "allowed", "aliases", "min", "max", "pii",
            "label", "nip_part"})]
        rows.append([name, b.plain(headers if isinstance(headers, list) else [headers]),
                     label("policy.type", spec.get("type"), b.lang),
                     label("policy.role", spec.get("role"), b.lang) if spec.get("role") else "",
                     b.t("yes" if spec.get("required", True) else "no"), "; ".join(notes)])
    return _section(b, "columns", Para(b.t("policy.columns_intro")), Grid(
        [b.t("html.col.field"), b.t("policy.col.header"), b.t("policy.col.type"),
         b.t("policy.col.role"), b.t("policy.col.required"), b.t("html.col.note")], rows))


def _derived(b: _Builder) -> Section:
    rows = [[d["id"], b.text(d.get("title")), _how(b, d)] for d in b.data.get("derived") or []]
    return _section(b, "derived", Grid([b.t("html.col.field"), b.t("html.col.title"),
                                        b.t("html.col.how")], rows) if rows else None)


def _how(b: _Builder, item: Mapping[str, Any]) -> str:
    """How a derived field is computed, in words; an unknown kind by its dumped settings."""
    if "expr" in item:
        return b.t("policy.derived.expr", expr=item["expr"])
    if "elapsed" in item:
        e = item["elapsed"]
        return b.t("policy.derived.elapsed", unit=label("policy.unit", e.get("unit"), b.lang),
                   field=b.field_title(e["field"]))
    if "lookup" in item:
        lookup = item["lookup"]
        table = "; ".join(f"{k} → {b.plain(v)}" for k, v in lookup.get("table", {}).items())
        other = (b.t("policy.derived.otherwise", value=b.plain(lookup["default"]))
                 if "default" in lookup else "")
        return b.t("policy.derived.lookup", field=b.field_title(lookup["field"]),
                   table=table) + other
    if "bins" in item:
        bins = item["bins"]
        edges, labels = bins.get("edges", []), bins.get("labels", [])
        parts = "; ".join(f"{b.plain(lo)}–<{b.plain(hi)} → {name}"
                          for lo, hi, name in zip(edges, edges[1:], labels, strict=False))
        key = "policy.derived.bins_age" if bins.get("as_age_at") else "policy.derived.bins"
        return b.t(key, field=b.field_title(bins["field"]), bins=parts)
    if "join" in item:
        join = item["join"]
        return b.t("policy.derived.join", fields=" + ".join(
            b.field_title(f) for f in join.get("fields", [])),
            separator=join.get("separator", ""))
    return b.plain({k: v for k, v in item.items() if k not in ("id", "title")})


def _rule_head(b: _Builder, rule: Mapping[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    pairs = []
    if rule.get("legal_ref"):
        pairs.append((b.t("policy.legal_ref"), str(rule["legal_ref"])))
    if rule.get("confidence"):
        pairs.append((b.t("policy.confidence"), str(rule["confidence"])))
    return b.text(rule.get("title")) or str(rule.get("id")), pairs


RULE_BASE_KEYS = {"id", "kind", "title", "description", "legal_ref", "confidence", "aliases"}
GATE_KEYS = {"when", "all", "any", "not", "on_missing", "missing_finding"}


def _gates(b: _Builder) -> Section:
    subs: list[Block] = []
    for rule in (r for r in b.data.get("rules") or [] if r.get("kind") == "gate"):
        title, pairs = _rule_head(b, rule)
        cond = _gate_condition(rule)
        blocks: list[Block] = [Bullets([b.condition(cond)]),
                               Para(b.t("policy.technical"), b.condition_code(cond))]
        missing = label("policy.on_missing.gate", rule.get("on_missing", "fail"), b.lang)
        pairs.insert(0, (b.t("policy.if_blank"), missing))
        if rule.get("missing_finding", "none") != "none":
            pairs.append((b.t("policy.missing_finding"),
                          label("severity", rule["missing_finding"], b.lang)))
        pairs += b.rest(rule, RULE_BASE_KEYS | GATE_KEYS)
        description = b.text(rule.get("description"))
        blocks += [Para(description)] if description else []
        blocks.append(Pairs(pairs))
        subs.append(Sub(title, str(rule.get("id")), blocks))
    return _section(b, "gates", Para(b.t("policy.gates_intro")) if subs else None, *subs)


def _gate_condition(rule: Mapping[str, Any]) -> Mapping[str, Any]:
    """The gate's one condition (`when`, or `all`/`any`/`not` written on the gate itself)."""
    if "when" in rule:
        return rule["when"]
    return next(({key: rule[key]} for key in ("all", "any", "not") if key in rule), {})


POINTS_KEYS = {"field", "table", "bands", "default", "weight", "on_missing", "normalise", "expr"}


def _criteria(b: _Builder) -> Section:
    subs: list[Block] = []
    for rule in (r for r in b.data.get("rules") or [] if r.get("kind") != "gate"):
        title, pairs = _rule_head(b, rule)
        blocks: list[Block] = []
        kind = str(rule.get("kind"))
        pairs.insert(0, (b.t("html.col.kind"), label("kind", kind, b.lang)))
        if "field" in rule:
            pairs.insert(1, (b.t("html.col.field"), b.field_title(rule["field"])))
        weight = b.weights.get(str(rule.get("id")), rule.get("weight"))
        if weight is not None:
            pairs.insert(2, (b.t("col.weight"), b.t(
                "policy.weight_line", weight=_number(round(weight, 4)),
                most=_number(round(weight * b.scale, 2)), scale=_number(b.scale))))
        if "table" in rule:
            rows = [[k, _number(v)] for k, v in rule["table"].items()]
            if "default" in rule:
                rows.append([b.t("policy.other_values"), _number(rule["default"])])
            blocks.append(Grid([b.t("col.value"), b.t("col.points")], rows))
        if "bands" in rule:
            blocks.append(_bands(b, rule["bands"]))
        if "normalise" in rule:
            blocks.append(Para(_normalise(b, rule["normalise"])))
        if "expr" in rule:
            blocks.append(Para(b.t("policy.formula"), str(rule["expr"])))
        if "on_missing" in rule:
            pairs.append((b.t("policy.if_blank"), _points_missing(b, rule["on_missing"])))
        pairs += b.rest(rule, RULE_BASE_KEYS | POINTS_KEYS)
        description = b.text(rule.get("description"))
        subs.append(Sub(title, str(rule.get("id")),
                        [*([Para(description)] if description else []), Pairs(pairs), *blocks]))
    return _section(b, "criteria", Para(b.t("policy.criteria_intro",
                                            scale=_number(b.scale))) if subs else None, *subs)


def _bands(b: _Builder, bands: Sequence[Mapping[str, Any]]) -> Grid:
    extra = list(dict.fromkeys(k for band in bands for k in band
                               if k not in ("gte", "lt", "points")))
    rows = [[_range(b, band.get("gte"), band.get("lt")),
             _number(band["points"]) if "points" in band else DASH,
             *(b.plain(band.get(k, DASH)) for k in extra)] for band in bands]
    return Grid([b.t("policy.col.range"), b.t("col.points"), *extra], rows)


def _range(b: _Builder, low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return b.t("policy.range_both", low=_number(low), high=_number(high))
    if low is not None:
        return b.t("policy.range_from", low=_number(low))
    if high is not None:
        return b.t("policy.range_below", high=_number(high))
    return b.t("policy.range_any")


def _normalise(b: _Builder, normalise: Mapping[str, Any]) -> str:
    method = str(normalise.get("method"))
    key = f"policy.normalise.{method}"
    if key not in MESSAGES:
        return b.plain(normalise)
    clip = b.t("policy.normalise.clip") if normalise.get("clip", True) else ""
    return b.t(key, low=_number(normalise.get("min", 0)), high=_number(normalise.get("max", 0)),
               scale=_number(b.scale)) + clip


def _points_missing(b: _Builder, choice: Any) -> str:
    if isinstance(choice, Mapping):
        return b.t("policy.on_missing.points.given", points=_number(choice.get("points", 0)))
    return label("policy.on_missing.points", choice, b.lang)


def _scoring(b: _Builder) -> Section:
    scoring = b.data.get("scoring") or {}
    rounding = scoring.get("rounding") or {}
    pairs = [
        (b.t("policy.scale"), _number(b.scale)),
        (b.t("policy.method"), label("policy.method", scoring.get("method"), b.lang)),
        (b.t("policy.weights"), label("policy.weights", scoring.get("weights"), b.lang)),
        (b.t("policy.rounding"), b.t("policy.rounding_line", places=rounding.get("places", 2),
                                     mode=label("policy.rounding_mode",
                                                rounding.get("mode", "half_up"), b.lang))),
        (b.t("policy.on_missing_points"),
         label("policy.on_missing.points", scoring.get("on_missing_points"), b.lang)),
        (b.t("policy.on_invalid_row"),
         label("policy.on_invalid_row", scoring.get("on_invalid_row"), b.lang)),
        *b.rest(scoring, {"scale", "method", "weights", "rounding", "on_missing_points",
                          "on_invalid_row", "ahp"}),
    ]
    weighted = [(r, b.weights.get(r["id"], r.get("weight")))
                for r in b.data.get("rules") or [] if r.get("kind") != "gate"]
    weighted = [(r, w) for r, w in weighted if w is not None]
    rows = [[b.text(r.get("title")) or r["id"], r["id"], _number(round(w, 4)),
             _number(round(w * b.scale, 2))] for r, w in weighted]
    if weighted:
        total = sum(w for _, w in weighted)
        rows.append([b.t("col.total"), "", _number(round(total, 4)),
                     _number(round(total * b.scale, 2))])
    return _section(b, "scoring", Pairs(pairs), *_ahp(b, scoring.get("ahp")), Grid(
        [b.t("col.rule"), "id", b.t("col.weight"), b.t("policy.col.max_points")], rows)
        if rows else None)


def _engine_weights(loaded: LoadedPolicy) -> dict[str, float]:
    """Each scored rule's weight exactly as the engine will use it (declared, or derived from
    an AHP matrix or a profile). A policy shape that function does not know yet falls back to
    the declared weights rather than stopping the document."""
    try:
        weights = rule_weights(loaded.policy)
    except (AttributeError, TypeError, ValueError):
        return {}
    return {rule: w for rule, w in weights.items() if not math.isnan(w)}


def _ahp(b: _Builder, ahp: Mapping[str, Any] | None) -> list[Block]:
    """The pairwise comparison matrix the weights come from, with its consistency."""
    if not ahp:
        return []
    criteria = [str(c) for c in ahp.get("criteria") or []]
    matrix = ahp.get("matrix") or []
    try:
        ratio = _number(round(ahp_result(b.loaded.policy.scoring.ahp).cr, 3))
    except (AttributeError, TypeError, ValueError):
        ratio = DASH
    return [Para(b.t("policy.ahp", cr=ratio, max_cr=b.plain(ahp.get("max_cr", DASH)),
                     table=b.plain(ahp.get("ri_table", DASH)))),
            Grid(["", *(str(n) for n in range(1, len(criteria) + 1))],
                 [[f"{n}. {c}", *(b.plain(v) for v in row)]
                  for n, (c, row) in enumerate(zip(criteria, matrix, strict=False), start=1)])]


def _categories(b: _Builder) -> Section:
    subs: list[Block] = []
    for category in b.data.get("categories") or []:
        title, pairs = _rule_head(b, category)
        blocks: list[Block] = []
        if category.get("bands"):
            pairs.insert(0, (b.t("html.col.field"),
                             b.field_title(category.get("field", "total"))))
            rows = [[_range(b, band.get("gte"), band.get("lt")), str(band.get("value")),
                     b.text(band.get("label"))] for band in category["bands"]]
            blocks.append(Grid([b.t("policy.col.range"), b.t("col.value"),
                                b.t("policy.col.label")], rows))
        grid = category.get("grid")
        if isinstance(grid, Mapping) and isinstance(grid.get("cells"), Mapping):
            blocks += _category_grid(b, grid)
        cases = [c for c in category.get("cases") or [] if isinstance(c, Mapping)]
        if cases:
            blocks += _category_cases(b, cases)
        if category.get("favourable"):
            pairs.append((b.t("policy.favourable"), b.plain(category["favourable"])))
        pairs += b.rest(category, {"id", "title", "legal_ref", "confidence", "field", "bands",
                                   "favourable", *(["grid", "cases"] if blocks else [])})
        subs.append(Sub(title, str(category.get("id")), [Pairs(pairs), *blocks]))
    return _section(b, "categories", *subs)


def _category_grid(b: _Builder, grid: Mapping[str, Any]) -> list[Block]:
    """Two categories crossed: rows × columns → value, then what each value means."""
    cells: Mapping[str, Mapping[str, Any]] = grid["cells"]
    columns = list(dict.fromkeys(c for row in cells.values() for c in row))
    rows, columns_of = (b.field_title(str(grid.get(k))) for k in ("rows", "columns"))
    corner = f"{rows} ↓ / {columns_of} →"
    blocks: list[Block] = [Grid([corner, *columns], [[r, *(b.plain(row.get(c)) for c in columns)]
                                                     for r, row in cells.items()])]
    values = [v for v in grid.get("values") or [] if isinstance(v, Mapping)]
    if values:
        blocks.append(Grid([b.t("col.value"), b.t("policy.col.label")],
                           [[str(v.get("value")), b.text(v.get("label"))] for v in values]))
    return blocks


def _category_cases(b: _Builder, cases: Sequence[Mapping[str, Any]]) -> list[Block]:
    """A decision table: the first case that holds gives the value; the rest say otherwise."""
    items: list[Node] = []
    for case in cases:
        value = str(case.get("value"))
        shown = f"{value} ({b.text(case['label'])})" if case.get("label") else value
        when = case.get("when")
        if isinstance(when, Mapping):
            items.append((b.t("policy.case.when", value=shown), [b.condition(when)]))
        else:
            items.append((b.t("policy.case.otherwise", value=shown), []))
    return [Para(b.t("policy.case.intro")), Bullets(items)]


def _ranking(b: _Builder) -> Section:
    ranking = b.data.get("ranking") or {}
    keys = [ranking.get("order") or {"field": "total", "direction": "desc"},
            *(ranking.get("tie_breakers") or [])]
    rows = []
    for n, key in enumerate(keys, start=1):
        name = str(key.get("field"))
        notes = [b.t("html.proxy")] if _is_proxy(b, name) else []
        notes += [str(key["note"])] if key.get("note") else []
        rows.append([str(n), f"{b.field_title(name)} ({name})",
                     label("html.direction", key.get("direction", "desc"), b.lang),
                     "; ".join(notes)])
    return _section(b, "ranking", Para(b.t("policy.ranking_intro")), Grid(
        ["#", b.t("html.col.field"), b.t("html.col.direction"), b.t("html.col.note")], rows),
        _pairs(b.rest(ranking, {"order", "tie_breakers", "selection"})))


def _is_proxy(b: _Builder, name: str) -> bool:
    """A key that stands in for a protected attribute: protected, derived from one, or the
    NIP (whose digits are the birth date and sex)."""
    info = b.loaded.fields.get(name)
    spec = b.columns.get(name) or {}
    return bool((info is not None and info.protected) or spec.get("type") == "nip18")


def _quota(b: _Builder) -> Section:
    selection = (b.data.get("ranking") or {}).get("selection")
    if not selection:
        return _section(b, "quota", Para(b.t("policy.quota_none")))
    pairs = []
    if "quota" in selection:
        key = "policy.quota_each" if "per_group" in selection else "policy.quota_total"
        pairs.append((b.t("summary.quota"), b.t(key, n=selection["quota"])))
    if "per_group" in selection:
        pairs.append((b.t("html.per_group"), b.field_title(selection["per_group"])))
    grid = None
    if selection.get("quotas"):
        grid = Grid([b.t("fair.col.group"), b.t("summary.quota")],
                    [[k, str(v)] for k, v in selection["quotas"].items()])
    pairs += b.rest(selection, {"quota", "per_group", "quotas"})
    return _section(b, "quota", Pairs(pairs), grid)


def _fairness(b: _Builder) -> Section:
    fairness = b.data.get("fairness") or {}
    attributes = [[a["field"], b.text(a.get("label")) or b.field_title(a["field"])]
                  for a in fairness.get("attributes") or []]
    thresholds = fairness.get("thresholds") or {}
    pairs = [
        (b.t("policy.fair.intersections"), "; ".join(
            " × ".join(b.field_title(f) for f in parts)
            for parts in fairness.get("intersections") or []) or DASH),
        (b.t("policy.fair.outcomes"), ", ".join(
            label("fair.stage", o, b.lang) for o in fairness.get("outcomes") or []) or DASH),
        *[(label("policy.fair", k, b.lang), b.plain(v)) for k, v in thresholds.items()],
        (b.t("process.protected_use"),
         label("process.protected_use", fairness.get("protected_use", "forbid"), b.lang)),
        *([(b.t("policy.fair.justification"), str(fairness["justification"]))]
          if fairness.get("justification") else []),
        *b.rest(fairness, {"attributes", "intersections", "outcomes", "thresholds",
                           "protected_use", "justification"}),
    ]
    return _section(b, "fairness", Para(b.t("policy.fair.intro")),
                    Grid([b.t("html.col.field"), b.t("policy.col.label")], attributes)
                    if attributes else None, Pairs(pairs))


def _confidence(b: _Builder) -> Section:
    """Every rule and category, and each derived table that names its source, with how sure
    the source is; a number resting on no source (N) is printed as unverified."""
    sourced = [d for d in b.data.get("derived") or [] if d.get("legal_ref") or
               d.get("confidence")]
    items = [*(b.data.get("rules") or []), *sourced, *(b.data.get("categories") or [])]
    rows = [[b.text(r.get("title")) or str(r.get("id")), str(r.get("legal_ref") or DASH),
             str(r.get("confidence") or DASH), b.t(f"policy.verified.{verification(r)}")]
            for r in items]
    unverified = sum(verification(r) == "unverified" for r in items)
    return _section(b, "confidence", Para(b.t("policy.confidence_intro")),
                    Para(b.t("policy.unverified_count", n=unverified)) if unverified else None,
                    Grid([b.t("col.rule"), b.t("policy.legal_ref"), b.t("policy.confidence"),
                          b.t("policy.col.verified")], rows))


CONFIDENCE_LETTER = re.compile(r"(?<![A-Za-z])([CSN])(?![A-Za-z])")


def verification(item: Mapping[str, Any]) -> str:
    """The weakest of the C/S/N letters an item's confidence names: a rule resting partly on
    an unconfirmed number is as unverified as that number."""
    letters = set(CONFIDENCE_LETTER.findall(str(item.get("confidence") or "")))
    for letter, status in (("N", "unverified"), ("S", "secondary"), ("C", "confirmed")):
        if letter in letters:
            return status
    return "unstated"


def _reporting(b: _Builder) -> Section:
    reporting = b.data.get("reporting") or {}
    redact = reporting.get("redact") or {}
    pairs = [
        (b.t("policy.report.language"), label("policy.language", reporting.get("language"),
                                              b.lang)),
        (b.t("policy.report.show_columns"), ", ".join(
            b.field_title(f) for f in reporting.get("show_columns") or []) or DASH),
        (b.t("policy.report.redact"), "; ".join(
            f"{b.field_title(f)}: {label('policy.redact', mode, b.lang)}"
            for f, mode in redact.items()) or DASH),
        *b.rest(reporting, {"language", "show_columns", "redact"}),
    ]
    return _section(b, "reporting", Pairs(pairs))


def _other(b: _Builder) -> list[Section]:
    """Top-level keys added to the policy language after this module was written."""
    return [Section(key, b.t("policy.section.other", key=key), [Pairs(
        b.rest(value, set()) if isinstance(value, Mapping) else [(key, b.plain(value))])])
        for key, value in b.data.items() if key not in KNOWN_TOP and value not in ([], {})]


def _approval(b: _Builder) -> Section:
    return _section(b, "approval", Para(b.t("policy.approval_intro")), Pairs([
        (b.t("html.policy_sha256"), b.loaded.canonical_sha256),
        (b.t("policy.file_sha256"), b.loaded.file_sha256),
        (b.t("policy.file"), b.loaded.path.name)]))


def _number(value: Any) -> str:
    """48.0 → "48", 0.35 → "0.35": numbers as a person writes them."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)


# --- Markdown and plain text --------------------------------------------------------------------

def _signature(lang: str) -> list[str]:
    return [t("policy.sign.place", lang), t("policy.sign.date", lang), "",
            t("policy.sign.official", lang), "", "", t("policy.sign.name", lang),
            t("policy.sign.nip", lang)]


def _markdown(doc: Document, lang: str) -> str:
    out = [f"# {_md(doc.title)}", "", f"*{_md(doc.subtitle)}*", ""]
    for n, section in enumerate(doc.sections, start=1):
        out += [f"## {n}. {_md(section.title)}", ""]
        out += _md_blocks(section.blocks, level=3)
    out += [f"## {t('policy.signature', lang)}", "", *(f"{_md(line)}  " if line else ""
                                                       for line in _signature(lang)), ""]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    """Text that Markdown shows as written: markup characters escaped, lines joined."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def _md_blocks(blocks: Sequence[Block], level: int) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Sub):
            code = f" (`{block.code}`)" if block.code else ""
            out += [f"{'#' * level} {_md(block.title)}{code}", ""]
            out += _md_blocks(block.blocks, level + 1)
        elif isinstance(block, Pairs):
            out += [f"- **{_md(k)}:** {_md(v)}" for k, v in block.pairs] + [""]
        elif isinstance(block, Grid):
            out.append("| " + " | ".join(_md(h) for h in block.headers) + " |")
            out.append("|" + "---|" * len(block.headers))
            out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Bullets):
            out += [*_md_items(block.items, 0), ""]
        else:
            out += [_md(block.text) + (f" `{block.code.replace('`', '')}`" if block.code
                                       else ""), ""]
    return out


def _md_items(items: Sequence[Node], depth: int) -> list[str]:
    lines = []
    for text, children in items:
        lines.append("  " * depth + "- " + _md(text))
        lines += _md_items(children, depth + 1)
    return lines


def _text(doc: Document, lang: str) -> str:
    out = [doc.title.upper(), doc.subtitle, "=" * min(TEXT_WIDTH, max(len(doc.title), 20)), ""]
    for n, section in enumerate(doc.sections, start=1):
        heading = f"{n}. {section.title}"
        out += [heading, "-" * len(heading)]
        out += _text_blocks(section.blocks, indent="")
        out.append("")
    out += [t("policy.signature", lang), "-" * len(t("policy.signature", lang)),
            *_signature(lang)]
    return "\n".join(out).rstrip() + "\n"


def _wrap(text: str, indent: str, hanging: str = "") -> list[str]:
    return textwrap.wrap(text, TEXT_WIDTH, initial_indent=indent, break_on_hyphens=False,
                         subsequent_indent=indent + hanging) or [indent]


def _text_blocks(blocks: Sequence[Block], indent: str) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Sub):
            out += ["", *_wrap(block.title + (f" [{block.code}]" if block.code else ""),
                               indent)]
            out += _text_blocks(block.blocks, indent + "  ")
        elif isinstance(block, Pairs):
            width = max((len(k) for k, _ in block.pairs), default=0)
            for key, value in block.pairs:
                out += _wrap(f"{key.ljust(width)} : {value}", indent, " " * (width + 3))
        elif isinstance(block, Grid):
            out += _text_grid(block, indent)
        elif isinstance(block, Bullets):
            out += _text_items(block.items, indent)
        else:
            out += _wrap(block.text, indent)
            if block.code:
                out += _wrap(block.code, indent + "    ", "  ")
    return out


def _text_grid(grid: Grid, indent: str) -> list[str]:
    """Columns as wide as their widest cell, the widest narrowed until the table fits the
    page but never below its longest word (up to MIN_TEXT_COLUMN); cells wrap in columns."""
    rows = [grid.headers, *grid.rows]
    widths = [max(max(len(r[i]) for r in rows), 1) for i in range(len(grid.headers))]
    floors = [min(max(len(word) for r in rows for word in r[i].split() or [""]),
                  MIN_TEXT_COLUMN) for i in range(len(widths))]
    room = TEXT_WIDTH - len(indent) - 2 * (len(widths) - 1)
    while sum(widths) > room:
        narrowable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not narrowable:
            break
        widths[max(narrowable, key=lambda i: widths[i])] -= 1
    out = []
    for k, row in enumerate(rows):
        cells = [textwrap.wrap(c, w, break_on_hyphens=False) or [""]
                 for c, w in zip(row, widths, strict=True)]
        for line in range(max(map(len, cells))):
            parts = [(c[line] if line < len(c) else "").ljust(w)
                     for c, w in zip(cells, widths, strict=True)]
            out.append((indent + "  ".join(parts)).rstrip())
        if k == 0:
            out.append(indent + "  ".join("-" * w for w in widths))
    return out


def _text_items(items: Sequence[Node], indent: str) -> list[str]:
    out = []
    for text, children in items:
        out += _wrap("- " + text, indent, "  ")
        out += _text_items(children, indent + "  ")
    return out

