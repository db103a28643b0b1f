"""Strict YAML reading: duplicate keys and merge keys are errors, every node keeps its position.

PyYAML's `safe_load` silently keeps the last of two equal keys, which in a policy would let a
second `weight:` quietly win. We compose the node graph ourselves so each key path maps back to
its line and column for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from asn_merit.diagnostics import Diagnostic, Span

PathKey = tuple[str | int, ...]
MAX_NODES = 100_000  # a real policy has a few thousand; alias bombs expand to billions
MAX_DEPTH = 50
MAX_BYTES = 2 * 1024 * 1024
# Numbers in a policy are weights, points, thresholds and quotas; 10^18 still fits an Int64
# (an unquoted NIP reaches the schema check, which asks for quotes), and a 5,000-digit integer
# never reaches int() at all.
MAX_NUMBER = 10**18
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in
                       ("map", "seq", "str", "int", "float", "bool", "null", "timestamp",
                        "merge"))


class _TooLarge(Exception):
    """Stops the walk at once: going on would waste time or do something unsafe."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


@dataclass
class SourceMap:
    """Key path → position of the node (for a mapping entry: the position of its key)."""

    file: str
    spans: dict[PathKey, Span] = field(default_factory=dict)
    quoted: set[PathKey] = field(default_factory=set)

    def locate(self, path: PathKey) -> Span:
        """The deepest known position on `path`, so errors inside a value still point nearby."""
        for end in range(len(path), -1, -1):
            span = self.spans.get(tuple(path[:end]))
            if span is not None:
                return span
        return Span(self.file, 1, 1)

    def value_span(self, path: PathKey) -> Span:
        return self.spans.get((*path, "__value__"), self.locate(path))

    def text_span(self, path: PathKey, offset: int) -> Span:
        """Position of character `offset` inside a one-line scalar (skipping an opening quote)."""
        start = self.value_span(path)
        shift = 1 if path in self.quoted else 0
        return Span(start.file, start.line, start.column + shift + offset)


def _span(file: str, node: yaml.Node) -> Span:
    return Span(file, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, file: str, loader: yaml.SafeLoader):
        self.file = file
        self.loader = loader
        self.source_map = SourceMap(file)
        self.problems: list[Diagnostic] = []
        self.nodes = 0

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(path) > MAX_DEPTH:
            what = f"more than {MAX_NODES:,} values" if self.nodes > MAX_NODES else \
                f"nesting deeper than {MAX_DEPTH} levels"
            raise _TooLarge(Diagnostic("yaml.too-large", f"the policy expands to {what} "
                                       "(an alias bomb or a runaway structure)",
                                       span=_span(self.file, node)))
        self.source_map.spans.setdefault(path, _span(self.file, node))
        self.source_map.spans[(*path, "__value__")] = _span(self.file, node)
        if node.tag not in PLAIN_TAGS:
            raise _TooLarge(Diagnostic("yaml.tag", f"YAML tag '{node.tag}' is not allowed in "
                                       "policies", span=_span(self.file, node),
                                       hint="remove the '!' tag; policies hold plain data"))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.style in ("'", '"'):
            self.source_map.quoted.add(path)
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _INT_TAG and len(str(node.value)) > 40:  # before int() spends time
            self.problems.append(self._too_big(node))
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            self.problems.append(Diagnostic("yaml.bad-value", f"cannot read this value: {exc}",
                                            span=_span(self.file, node)))
            return None
        if node.tag in (_INT_TAG, _FLOAT_TAG) and isinstance(value, int | float) and \
                abs(value) > MAX_NUMBER and value == value and abs(value) != float("inf"):
            self.problems.append(self._too_big(node))
        return value

    def _too_big(self, node: yaml.Node) -> Diagnostic:
        return Diagnostic("yaml.number-too-large", f"a number larger than {MAX_NUMBER:.0e} "
                          "(weights, points, thresholds and quotas are far below it)",
                          span=_span(self.file, node),
                          hint="quote it if it is an identifier, not a quantity")

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Diagnostic(
                        "yaml.merge-key",
                        "merge keys ('<<') are not allowed in policies",
                        span=_span(self.file, key_node),
                        hint="write the keys out; merges make duplicate keys ambiguous",
                    )
                )
                continue
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            key_span = _span(self.file, key_node)
            if key in first_line:
                self.problems.append(
                    Diagnostic(
                        "yaml.duplicate-key",
                        f"key '{key}' defined twice (first at line {first_line[key]})",
                        span=key_span,
                        hint="remove one of them; YAML would silently keep only the last",
                    )
                )
                continue
            first_line[key] = key_span.line
            child = (*path, key if isinstance(key, str | int) else str(key))
            self.source_map.spans[child] = key_span
            result[key] = self.build(value_node, child)
        return result


_INDENT_PROBLEMS = ("mapping values are not allowed", "did not find expected key",
                    "expected <block end>", "could not find expected ':'")


def _syntax(exc: yaml.YAMLError, file: str, text: str = "") -> Diagnostic:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        span = Span(file, mark.line + 1, mark.column + 1) if mark else Span(file, 1, 1)
        message = " ".join(p for p in (exc.context, exc.problem) if p)
    else:  # a reader error: a control character or bad encoding, located by offset only
        span = Span(file, 1, 1)
        message = str(exc).replace("\n", " ")
    return Diagnostic("yaml.syntax", message, span=span,
                      hint=_indentation_hint(message, text, span.line))


def _indentation_hint(message: str, text: str, line: int) -> str:
    """What PyYAML's wording means for someone editing a policy: most syntax errors in a
    hand-edited policy are a key indented one space off, or a tab."""
    if "'\\t'" in message or "\t" in message:
        return "YAML indents with spaces only; replace the tab with spaces"
    if not any(problem in message for problem in _INDENT_PROBLEMS):
        return ""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return "check the indentation: keys at one level start in the same column"
    here = lines[line - 1]
    above = next((x for x in reversed(lines[:line - 1]) if x.strip() and
                  not x.lstrip().startswith("#")), "")
    ours, theirs = len(here) - len(here.lstrip(" ")), len(above) - len(above.lstrip(" "))
    if ours != theirs and above:
        return (f"line {line} is indented {ours} spaces and the line above {theirs}: keys at "
                "one level start in the same column (or quote a value that contains ': ')")
    return ("check the indentation of this line and the one above it, or quote a value that "
            "contains ': '")


def _flow_too_deep(text: str, file: str) -> Diagnostic | None:
    """Where `[`/`{` nesting first passes MAX_DEPTH: PyYAML's composer recurses per level and
    would hit Python's recursion limit before our own depth check could run. Brackets inside
    quotes or comments are skipped (roughly: enough to never miss a real one)."""
    depth, line, column, quote, comment = 0, 1, 0, "", False
    for char in text:
        column += 1
        if char == "\n":
            line, column, comment = line + 1, 0, False
            continue
        if comment:
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Diagnostic("yaml.too-large", f"nesting deeper than {MAX_DEPTH} levels "
                                  "(a runaway structure)", span=Span(file, line, column))
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Parse YAML text; return the data, its source map and every structural problem found."""
    if len(text) > MAX_BYTES:
        return None, SourceMap(file), [Diagnostic(
            "yaml.too-large", f"the policy file is larger than {MAX_BYTES:,} characters",
            span=Span(file, 1, 1))]
    if (deep := _flow_too_deep(text, file)) is not None:
        return None, SourceMap(file), [deep]
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:
        return None, SourceMap(file), [_syntax(exc, file, text)]
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            return None, SourceMap(file), [_syntax(exc, file, text)]
        except RecursionError:  # block nesting too deep for the parser itself
            return None, SourceMap(file), [Diagnostic(
                "yaml.too-large", f"nesting deeper than {MAX_DEPTH} levels (a runaway "
                "structure)", span=Span(file, 1, 1))]
        if node is None:
            return None, SourceMap(file), []
        builder = _Builder(file, loader)
        try:
            data = builder.build(node, ())
        except _TooLarge as exc:
            return None, builder.source_map, [exc.diagnostic]
        return data, builder.source_map, builder.problems
    finally:
        loader.dispose()
