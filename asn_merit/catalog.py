"""The shipped policies: list them, and copy one out for local editing under a new id.

A copy keeps every comment (they carry the legal basis and the confidence of each number), so
the text is edited in place rather than re-serialised; only the id changes, and the copy is
loaded once before it is written, so `init` never leaves an invalid policy behind.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from asn_merit.errors import InputOutputError, UsageError
from asn_merit.rules.fixtures import fixture_path
from asn_merit.rules.loader import LoadedPolicy, load_policy, parse_policy
from asn_merit.rules.model import RULE_ID_PATTERN, text_in
from asn_merit.rules.yaml_loader import load_yaml
from asn_merit.schemas import FIXTURES, MODELINE, POLICY, with_modeline, write_schema

SHIPPED_DIR = Path(__file__).parent / "policies"
# Earlier shipped versions, named <id>@<version>.yaml, kept byte for byte so runs recorded
# under them can be replayed (`verify --replay --policy`) and diffed (`policy diff`).
SUPERSEDED = "superseded"
FIXTURE_SUFFIX = ".tests.yaml"
# The synthetic file (sample_data/, made by `asn-merit sample`) each policy runs on.
SAMPLE_FILES = {
    "seleksi-cpns": "applicants.xlsx",
    "kenaikan-pangkat-reguler": "roster.xlsx",
    "kenaikan-pangkat-jf-angka-kredit": "roster-jf.xlsx",
}
EXTENDED_SAMPLE = "roster-extended.xlsx"


@dataclass(frozen=True)
class CatalogEntry:
    """One shipped policy as `policy list` shows it."""

    id: str
    version: str
    kind: str
    method: str
    title_id: str
    title_en: str
    path: Path
    sample: str  # file name under sample_data/
    superseded_by: str | None = None  # the version in force, for an archived one

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id

    def line(self, lang: str = "id") -> str:
        """One line: id, version, kind, method, title; an archived version says so first."""
        title = self.title(lang)
        if self.superseded_by:
            word = "superseded by" if lang == "en" else "digantikan oleh"
            title = f"[{word} {self.superseded_by}: {self.path.parent.name}/{self.path.name}] " \
                    + title
        return (f"{self.id:<28} {self.version:<11} {self.kind:<12} {self.method:<17} "
                f"{title}")


def _entry(loaded: LoadedPolicy, superseded_by: str | None = None) -> CatalogEntry:
    meta = loaded.policy.policy
    return CatalogEntry(meta.id, meta.version, meta.kind, loaded.policy.scoring.method,
                        text_in(meta.title, "id"), text_in(meta.title, "en"), loaded.path,
                        SAMPLE_FILES.get(meta.id, EXTENDED_SAMPLE), superseded_by)


def policy_files(directory: Path = SHIPPED_DIR) -> list[Path]:
    """Shipped policy files, without their `policy test` fixtures."""
    return sorted(p for p in directory.glob("*.yaml") if not p.name.endswith(FIXTURE_SUFFIX))


def shipped_policies(directory: Path = SHIPPED_DIR) -> list[CatalogEntry]:
    """Every shipped policy, loaded and checked (a broken one raises PolicyError), by id."""
    return sorted((_entry(load_policy(path)) for path in policy_files(directory)),
                  key=lambda e: e.id)


def superseded_policies(directory: Path = SHIPPED_DIR) -> list[CatalogEntry]:
    """Archived earlier versions of shipped policies, each with the version now in force."""
    current = {e.id: e.version for e in shipped_policies(directory)}
    entries = []
    for path in policy_files(directory / SUPERSEDED):
        loaded = load_policy(path)
        meta = loaded.policy.policy
        if path.stem != f"{meta.id}@{meta.version}":
            raise UsageError(f"{path}: an archived policy must be named "
                             f"{meta.id}@{meta.version}.yaml")
        entries.append(_entry(loaded, current.get(meta.id, "-")))
    return sorted(entries, key=lambda e: (e.id, e.version))


def find_template(name: str, directory: Path = SHIPPED_DIR) -> CatalogEntry:
    """The shipped policy called `name` (its id, or its file name with or without .yaml)."""
    entries = shipped_policies(directory)
    wanted = name.removesuffix(".yaml")
    for entry in entries:
        if wanted in (entry.id, entry.path.stem):
            return entry
    close = difflib.get_close_matches(wanted, [e.id for e in entries], n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise UsageError(f"no shipped policy '{name}'{hint} (see 'asn-merit policy list')")


@dataclass(frozen=True)
class InitResult:
    path: Path
    policy_id: str
    template: CatalogEntry
    schema: Path
    fixtures: Path | None = None
    """The example people copied beside the policy, so `policy test` works on the copy."""


def copy_text(entry: CatalogEntry, new_id: str) -> str:
    """The template's text with only `policy.id` changed and a first line naming the source."""
    text = entry.path.read_text(encoding="utf-8")
    _, source_map, _ = load_yaml(text, str(entry.path))
    span = source_map.value_span(("policy", "id"))
    lines = text.splitlines(keepends=True)
    line = lines[span.line - 1]
    start = span.column - 1
    quoted = line[start] in "'\""
    old = f"{line[start]}{entry.id}{line[start]}" if quoted else entry.id
    if not line.startswith(old, start):
        raise UsageError(f"{entry.path}:{span.line}: cannot find the policy id to replace")
    lines[span.line - 1] = line[:start] + new_id + line[start + len(old):]
    header = (f"# Salinan lokal dari {entry.id}@{entry.version} (asn-merit init); periksa "
              "setiap angka sebelum dipakai.\n# Local copy of "
              f"{entry.id}@{entry.version}; check every number before use.\n")
    at = 1 if lines and lines[0].startswith(MODELINE) else 0
    return with_modeline(header + "".join(lines[at:]), f"./{POLICY}")


def init_template(name: str, out: Path | None = None, new_id: str | None = None,
                  directory: Path = SHIPPED_DIR) -> InitResult:
    """Copy shipped policy `name` to `out` (default ./<new id>.yaml) with id `new_id` (default
    <id>-lokal). Refuses to overwrite (exit 6) and to use an id that is not kebab-case."""
    entry = find_template(name, directory)
    policy_id = new_id or f"{entry.id}-lokal"
    if not re.fullmatch(RULE_ID_PATTERN, policy_id):
        raise UsageError(f"'{policy_id}' is not a policy id: 3-64 characters, lower-case "
                         "letters, digits and '-', starting with a letter")
    if policy_id == entry.id:
        raise UsageError(f"the copy needs an id other than '{entry.id}', so its runs are "
                         "never mistaken for the shipped policy's")
    target = out if out is not None else Path(f"{policy_id}.yaml")
    if target.exists():
        raise InputOutputError(f"{target} already exists; choose another --out")
    text = copy_text(entry, policy_id)
    parse_policy(text, target)  # the copy must load before it is written
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
        schema = write_schema(POLICY, target.parent / POLICY)  # the modeline's target
    except OSError as exc:
        raise InputOutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return InitResult(target, policy_id, entry, schema,
                      _copy_fixtures(entry.path, target))


def _copy_fixtures(source: Path, target: Path) -> Path | None:
    """`<template>.tests.yaml` copied to `<copy>.tests.yaml` when the template has one and the
    copy has none yet (an existing file is the user's, never overwritten); its modeline points
    at a fixtures schema written beside it, as the policy's does."""
    fixtures, copied = fixture_path(source), fixture_path(target)
    if not fixtures.exists() or copied.exists():
        return None
    text = with_modeline(fixtures.read_text(encoding="utf-8"), f"./{FIXTURES}")
    try:
        with copied.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        write_schema(FIXTURES, copied.parent / FIXTURES)
    except OSError as exc:
        raise InputOutputError(f"cannot write {copied}: {exc.strerror or exc}") from None
    return copied
