"""Bind each policy field to exactly one roster column, or say why not (never silently).

A field is matched by its policy spellings (the first "exact", the others "alias"), then by the
spellings of its preset vocabulary (SIASN data utama, SIMPEG nominatif: `presets/*.yaml`), then
by a folded form that ignores case, spacing, dots, slashes, dashes and spaced letters ("N I P",
"GOL. RUANG", "TMT GOL."). Two headers matching one field, or one header matching two fields,
is an error naming both; folding never picks one silently. A field that something in the policy
reads and that no header matches refuses the roster, unless the column declares `if_absent:
allow` (rules see blanks; the reports say which rules ran without it) or `if_absent: from_nip`
(birth date, sex or TMT CPNS from the NIP digits).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from asn_merit.diagnostics import RosterFinding, Severity
from asn_merit.roster.types import normalise_key_text
from asn_merit.rules.fields import Reader, field_readers
from asn_merit.rules.model import ColumnSpec, Policy

PRESET_DIR = Path(__file__).parent / "presets"
_PUNCTUATION = re.compile(r"[.\-/\\_,:;()\[\]'’\"*#]+")
PLACEHOLDER = re.compile(r"^\(column \d+\)$")  # the reader's name for a header-less column


def fold(text: str) -> str:
    """Header key ignoring case, spacing, punctuation and spaced letters: "N I P" = "NIP",
    "GOL. RUANG" = "Gol/Ruang" = "gol ruang", "TMT GOL." = "TMT Gol"."""
    words = _PUNCTUATION.sub(" ", normalise_key_text(text)).split()
    out: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        out.append(word)
    if run:
        out.append(run)
    return " ".join(out)


class HeaderKeys(frozenset[str]):
    """The wanted headers handed to the reader: membership is tested by folded form, so the
    reader finds the header row and reads the columns that binding will match by folding."""

    def __new__(cls, spellings: Iterable[str]) -> HeaderKeys:
        return super().__new__(cls, {fold(s) for s in spellings})

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and frozenset.__contains__(self, fold(key))


@dataclass(frozen=True)
class Vocabulary:
    id: str
    title: dict[str, str]
    headers: dict[str, tuple[str, ...]]  # preset name -> header spellings
    values: dict[str, dict[str, str]]  # preset name -> label -> canonical value


@cache
def vocabularies() -> tuple[Vocabulary, ...]:
    """The shipped preset vocabularies, in file-name order."""
    out = []
    for path in sorted(PRESET_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields = data["fields"]
        out.append(Vocabulary(path.stem, data["title"],
                              {k: tuple(v.get("headers", ())) for k, v in fields.items()},
                              {k: dict(v.get("values", {})) for k, v in fields.items()}))
    return tuple(out)


@dataclass(frozen=True)
class Spelling:
    text: str
    how: str  # exact, alias, preset
    preset: str | None = None  # the vocabulary a preset spelling comes from


def spellings(spec: ColumnSpec, as_of: date) -> list[Spelling]:
    """Accepted spellings in order of preference; a spelling listed twice keeps its first."""
    out: list[Spelling] = []
    for i, text in enumerate(spec.headers_for(as_of)):
        out.append(Spelling(text, "exact" if i == 0 else "alias"))
    if spec.preset is not None:
        for vocabulary in vocabularies():
            out += [Spelling(h, "preset", vocabulary.id)
                    for h in vocabulary.headers.get(spec.preset, ())]
    seen: set[str] = set()
    unique = []
    for spelling in out:
        key = normalise_key_text(spelling.text)
        if key not in seen:
            seen.add(key)
            unique.append(spelling)
    return unique


def preset_aliases(spec: ColumnSpec) -> dict[str, str] | None:
    """The spec's value aliases plus its preset's labels whose value the policy allows (the
    policy's own aliases win)."""
    if spec.preset is None or spec.type != "category":
        return spec.aliases
    allowed = {normalise_key_text(a): a for a in spec.allowed or []}
    merged: dict[str, str] = {}
    for vocabulary in vocabularies():
        for label, value in vocabulary.values.get(spec.preset, {}).items():
            if normalise_key_text(value) in allowed and normalise_key_text(label) not in allowed:
                merged.setdefault(label, allowed[normalise_key_text(value)])
    own = {normalise_key_text(k) for k in spec.aliases or {}}
    merged = {k: v for k, v in merged.items() if normalise_key_text(k) not in own}
    return {**merged, **(spec.aliases or {})} or None


def wanted_headers(policy: Policy, as_of: date) -> HeaderKeys:
    return HeaderKeys(s.text for spec in policy.columns.values()
                      for s in spellings(spec, as_of))


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Binding:
    """field ← header: where a field's values come from, and how the header was matched."""

    field: str
    header: str | None
    how: str  # exact, alias, preset, folded, from_nip, absent
    column: str | None = None  # spreadsheet column letter
    sheet: str | None = None
    preset: str | None = None
    readers: tuple[Reader, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "header": self.header, "how": self.how,
                                "column": self.column, "sheet": self.sheet}
        if self.preset:
            data["preset"] = self.preset
        if self.how in ("absent", "from_nip"):
            data["read_by"] = [{"kind": r.kind, "id": r.ident, "on_missing": r.effect,
                                "via": list(r.via)} for r in self.readers]
        return data


@dataclass
class BindResult:
    bindings: dict[str, Binding] = field(default_factory=dict)
    findings: list[RosterFinding] = field(default_factory=list)

    @property
    def header_map(self) -> dict[str, str]:
        return {n: b.header for n, b in self.bindings.items() if b.header is not None}


def _reader_text(reader: Reader) -> str:
    via = f" via {', '.join(reader.via)}" if reader.via else ""
    effect = f" (on_missing: {reader.effect})" if reader.effect else ""
    return f"{reader.kind} {reader.ident}{via}{effect}"


class _Binder:
    def __init__(self, headers: list[str], repeated: list[str], policy: Policy, as_of: date,
                 source: tuple[str, str | None]):
        self.headers = [h for h in headers if not PLACEHOLDER.match(h)]
        self.letters = {} if repeated else {h: column_letter(i) for i, h in enumerate(headers)}
        self.policy = policy
        self.as_of = as_of
        self.file, self.sheet = source
        self.readers = field_readers(policy)
        self.out = BindResult()

    def error(self, code: str, message: str, column: str | None = None,
              severity: Severity = Severity.ERROR) -> None:
        self.out.findings.append(RosterFinding(code, message, severity, self.file, self.sheet,
                                               column=column))

    def where(self, header: str) -> str:
        letter = self.letters.get(header)
        return f"'{header}' (column {letter})" if letter else f"'{header}'"

    def candidates(self, spec: ColumnSpec) -> dict[str, Spelling | None]:
        """Header -> the spelling it matched (None: matched only after folding)."""
        accepted = spellings(spec, self.as_of)
        by_key = {normalise_key_text(s.text): s for s in accepted}
        folded = {fold(s.text) for s in accepted}
        found: dict[str, Spelling | None] = {}
        for header in self.headers:
            exact = by_key.get(normalise_key_text(header))
            if exact is not None:
                found[header] = exact
            elif fold(header) in folded:
                found[header] = None
        return found

    def closest(self, spec: ColumnSpec) -> str | None:
        keys = {fold(h): h for h in self.headers}
        for spelling in spellings(spec, self.as_of):
            close = difflib.get_close_matches(fold(spelling.text), list(keys), n=1, cutoff=0.6)
            if close:
                return keys[close[0]]
        return None

    def bind(self, name: str, spec: ColumnSpec) -> None:
        found = self.candidates(spec)
        readers = tuple(self.readers.get(name, ()))
        if len(found) > 1:
            both = " and ".join(self.where(h) for h in found)
            self.error("roster.ambiguous-column", f"{both} both match field '{name}'; rename "
                       f"one, or list the exact header under columns.{name}.header")
            return
        if len(found) == 1:
            header, spelling = next(iter(found.items()))
            how = "folded" if spelling is None else spelling.how
            self.out.bindings[name] = Binding(name, header, how, self.letters.get(header),
                                              self.sheet, spelling.preset if spelling else None,
                                              readers)
            return
        self.absent(name, spec, readers)

    def absent(self, name: str, spec: ColumnSpec, readers: tuple[Reader, ...]) -> None:
        accepted = " / ".join(s.text for s in spellings(spec, self.as_of))
        if spec.if_absent == "from_nip":
            id_spec = self.policy.columns[self.policy.id_field]
            if id_spec.type == "nip18":
                self.out.bindings[name] = Binding(name, None, "from_nip", None, self.sheet,
                                                  None, readers)
                self.error("roster.derived-from-nip", f"no column for '{name}' (accepted: "
                           f"{accepted}); its {spec.nip_part} is read from the NIP digits "
                           "(not for PPPK numbers, which stay blank)", severity=Severity.WARNING)
                return
        shown_only = not readers and (spec.role == "display" or not spec.required)
        if spec.if_absent == "allow" or (shown_only and spec.role != "id"):
            self.out.bindings[name] = Binding(name, None, "absent", None, self.sheet, None,
                                              readers)
            if readers:
                ran = "; ".join(_reader_text(r) for r in readers)
                message = (f"no column for '{name}' (accepted: {accepted}); the policy allows "
                           f"it to be absent, so these ran with it blank: {ran}")
            else:
                message = (f"no column for '{name}' (accepted: {accepted}); it is only shown "
                           "in reports, which leave it empty")
            self.error("roster.column-absent", message, severity=Severity.WARNING)
            return
        close = self.closest(spec)
        hint = f"; closest header: '{close}'" if close else ""
        used = "; read by " + ", ".join(_reader_text(r) for r in readers) if readers else ""
        self.error("roster.missing-column", f"no column for '{name}' (accepted headers: "
                   f"{accepted}){hint}{used}. Rename the header, add its spelling to the "
                   f"policy, or declare columns.{name}.if_absent")

    def run(self) -> BindResult:
        for name, spec in self.policy.columns.items():
            self.bind(name, spec)
        fields_of: dict[str, list[str]] = {}
        for name, binding in self.out.bindings.items():
            if binding.header is not None:
                fields_of.setdefault(binding.header, []).append(name)
        for header, names in fields_of.items():
            if len(names) > 1:
                self.error("roster.ambiguous-column", f"{self.where(header)} matches fields "
                           f"{' and '.join(repr(n) for n in names)}; give each field its own "
                           "header in the policy", column=header)
        return self.out


def bind_columns(headers: list[str], policy: Policy, as_of: date, file: str = "",
                 sheet: str | None = None, repeated: list[str] | None = None) -> BindResult:
    """Bind every policy field to one header of a roster (see the module docstring)."""
    return _Binder(headers, repeated or [], policy, as_of, (file, sheet)).run()
