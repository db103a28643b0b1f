"""The only place that wires the rooms together: read, check, score, write, record.

The CLI turns options into a request and renders the outcome; a notebook can call these
functions directly.
"""

from __future__ import annotations

import difflib
import json
import tempfile
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pandas as pd

from asn_merit.config import CONFIG_FILE, load_config
from asn_merit.diagnostics import Diagnostic, RosterFinding, Severity
from asn_merit.errors import (
    AsnMeritError,
    InputOutputError,
    RosterError,
    UsageError,
    VerificationError,
)
from asn_merit.fairness import AuditResult, AuditSettings, audit_frame, parse_outcome
from asn_merit.fairness.from_run import audit_run, process_checks, table_columns
from asn_merit.fairness.outcomes import OutcomeValueError
from asn_merit.ledger.hashing import (
    canonical_json_bytes,
    canonical_sha256,
    sha256_bytes,
    sha256_file,
)
from asn_merit.ledger.manifest import (
    MANIFEST_NAME,
    ManifestInput,
    Option,
    build_manifest,
    describe_outputs,
    manifest_sha256,
    tool_versions,
)
from asn_merit.ledger.store import Ledger, LedgerEntry, NewEntry
from asn_merit.ledger.sums import write_sha256sums
from asn_merit.ledger.verify import Check, verify_run
from asn_merit.oversight import CheckReport, run_checks, write_checks_xlsx
from asn_merit.oversight import to_dict as checks_dict
from asn_merit.paths import input_file, output_dir
from asn_merit.reports import large_run
from asn_merit.reports.audit_excel import write_audit_xlsx
from asn_merit.reports.audit_html import write_audit_html
from asn_merit.reports.html import MAX_PEOPLE, write_score_html
from asn_merit.reports.policy_doc import policy_rows
from asn_merit.reports.ranking_excel import write_ranking_xlsx
from asn_merit.reports.vocabulary import Vocabulary
from asn_merit.roster.binding import HeaderKeys, bind_columns, spellings, wanted_headers
from asn_merit.roster.contract import Roster, apply_contract
from asn_merit.roster.multi import combine, read_many
from asn_merit.roster.reader import InputFile, RawRoster, read_roster
from asn_merit.roster.types import normalise_key_text, parse_number
from asn_merit.rules.diff import PolicyDiff, diff_policies
from asn_merit.rules.loader import LoadedPolicy, load_policy
from asn_merit.rules.model import Policy
from asn_merit.runs import (
    default_run_dir,
    new_run_id,
    promote,
    run_lock,
    staged_directory,
    sweep_staging,
)
from asn_merit.scoring.engine import ScoringResult, evaluate
from asn_merit.scoring.overrides import (
    OverrideSet,
    attach_overrides,
    load_overrides,
    overrides_audit,
)
from asn_merit.scoring.trace import document_invariants, result_document

SHIPPED_POLICIES = Path(__file__).parent / "policies"
DEFAULT_POLICY = SHIPPED_POLICIES / "kenaikan-pangkat-reguler.yaml"


@dataclass(frozen=True)
class PolicyChoice:
    path: Path
    origin: str  # "--policy", "asn-merit.toml" or "shipped default"


def choose_policy(explicit: Path | None, cwd: Path) -> PolicyChoice:
    """--policy, else asn-merit.toml's [score] policy, else the shipped promotion policy."""
    if explicit is not None:
        return PolicyChoice(explicit, "--policy")
    named = load_config(cwd).path("score.policy")
    if named is not None:
        return PolicyChoice(named, CONFIG_FILE)
    return PolicyChoice(DEFAULT_POLICY, "shipped default")


@dataclass(frozen=True)
class AsOfChoice:
    value: date
    origin: str  # "--as-of", "policy" or "today"


def choose_as_of(explicit: date | None, loaded: LoadedPolicy, today: date) -> AsOfChoice:
    if explicit is not None:
        return AsOfChoice(explicit, "--as-of")
    if loaded.policy.policy.as_of is not None:
        return AsOfChoice(loaded.policy.policy.as_of, "policy")
    return AsOfChoice(today, "today")


@dataclass(frozen=True)
class ScoreRequest:
    roster: Path
    policy: PolicyChoice
    out: Path | None = None
    runs_base: Path = Path("runs")
    as_of: date | None = None
    sheet: str | None = None
    header_row: int | None = None
    lang: str | None = None
    ledger: Path | None = None  # None: do not record (library use); the CLI always records
    html: bool = True
    force: bool = False
    wait_seconds: float = 0
    argv: tuple[str, ...] = ()
    overrides: Path | None = None  # manual overrides file (scoring/overrides.py)
    detail_limit: int = large_run.DETAIL_LIMIT  # above it: people.parquet (large_run.py)
    more_rosters: tuple[Path, ...] = ()  # further files read as one roster with `roster`


@dataclass
class ScoreOutcome:
    run_id: str
    out_dir: Path
    loaded: LoadedPolicy
    as_of: AsOfChoice
    source: InputFile
    document: dict[str, Any]
    result_sha256: str
    policy_warnings: list[Diagnostic] = field(default_factory=list)
    findings: list[RosterFinding] = field(default_factory=list)
    recorded: LedgerEntry | None = None
    repeats: RepeatOf | None = None  # an identical earlier run; this one was written anyway
    columns_used: list[dict[str, Any]] = field(default_factory=list)  # field <- header


@dataclass(frozen=True)
class RepeatOf:
    """The recorded run a score repeats (same policy, inputs and options), and where it is."""

    run_id: str
    seq: int
    out_dir: str | None  # None: recorded before runs noted their directory
    present: bool


def repeat_of(entry: LedgerEntry) -> RepeatOf:
    where = entry.summary_data.get("out_dir")
    present = isinstance(where, str) and (Path(where) / MANIFEST_NAME).is_file()
    return RepeatOf(entry.run_id, entry.seq, where if isinstance(where, str) else None, present)


def load_roster(path: Path, loaded: LoadedPolicy, sheet: str | None, header_row: int | None,
                more: Sequence[Path] = (), as_of: date | None = None) -> Roster:
    """Read, bind and type a roster against the policy's contract; exit-4 problems are raised.
    `more`: further files (one per regency or unit) with the same columns, read as one.
    `as_of` fills calendar-relative headers (default: the policy's as_of, else today)."""
    for each in (path, *more):
        input_file(each, "roster")
    policy = loaded.policy
    as_of = as_of or policy.policy.as_of or date.today()
    wanted = wanted_headers(policy, as_of)
    ids = HeaderKeys(s.text for s in spellings(policy.columns[policy.id_field], as_of))
    into = policy.roster.section_rows_into
    sections = policy.columns[into].headers_for(as_of) if into else ()
    raws = read_many([path, *more], lambda p: read_roster(p, wanted, sheet, header_row,
                                                          id_headers=ids,
                                                          section_headers=sections))
    raw = combine(raws, _bound_headers(raws, policy, as_of) if more else {})
    roster = apply_contract(raw, policy, as_of)
    if roster.errors and policy.scoring.on_invalid_row == "fail":
        raise RosterError(roster.findings)
    return roster


def _bound_headers(raws: Sequence[RawRoster], policy: Policy, as_of: date
                   ) -> dict[str, list[str]]:
    """Several files: each file's header for each field, so files spelling a header
    differently (folded, preset) still line up. Two headers for one field are refused here;
    a missing column is left to `combine` (columns differ) and the contract."""
    spellings: dict[str, list[str]] = {}
    problems: list[RosterFinding] = []
    for raw in raws:
        bound = bind_columns(raw.headers, policy, as_of, raw.source.path, raw.source.sheet,
                             raw.repeated_headers)
        problems += [f for f in bound.findings if f.code == "roster.ambiguous-column"]
        for name, header in bound.header_map.items():
            spellings.setdefault(name, [])
            if header not in spellings[name]:
                spellings[name].append(header)
    if problems:
        raise RosterError(problems)
    return spellings


def located_findings(findings: list[RosterFinding], roster: Roster, id_field: str
                     ) -> list[RosterFinding]:
    """Several roster files: a scoring finding names the file (and sheet) its row came from,
    found by id and Excel row; one file: unchanged."""
    if roster.file_of_row is None or not findings:
        return findings
    frame = roster.frame
    ids = frame[id_field]
    key = {(str(i), int(r)): int(f) for i, r, f in zip(ids.astype("string").fillna(""),
                                                        frame["_row"], roster.file_of_row,
                                                        strict=True)}
    located = []
    for finding in findings:
        at = key.get((finding.employee_id or "", finding.excel_row or 0))
        if at is not None:
            source = roster.sources[at]
            finding = replace(finding, file=source.path, sheet=source.sheet)
        located.append(finding)
    return located


def score(loaded: LoadedPolicy, roster: Roster, as_of: date, source: str = "",
          overrides: OverrideSet | None = None) -> ScoringResult:
    result = evaluate(loaded, roster, as_of, source, overrides)
    result.findings[:] = located_findings(result.findings, roster, loaded.policy.id_field)
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    if errors and loaded.policy.scoring.on_invalid_row == "fail":
        raise RosterError(result.findings)
    return result


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _options(request: ScoreRequest, as_of: AsOfChoice, lang: str) -> dict[str, Option]:
    return {
        "policy": Option(str(request.policy.path), request.policy.origin),
        "as_of": Option(as_of.value.isoformat(), as_of.origin),
        "sheet": Option(request.sheet, "--sheet" if request.sheet else "default"),
        "header_row": Option(request.header_row, "--header-row" if request.header_row
                             else "detected"),
        "lang": Option(lang, "--lang" if request.lang else "policy"),
        # recorded only when given, so runs at the default keep their manifest and fingerprint
        **({"detail_limit": Option(request.detail_limit, "--detail-limit")}
           if request.detail_limit != large_run.DETAIL_LIMIT else {}),
    }


def score_fingerprint(loaded: LoadedPolicy, source: InputFile, options: dict[str, Option],
                      overrides_sha256: str | None = None, more: Sequence[InputFile] = ()
                      ) -> str:
    """Same policy content, same input bytes, same as_of and options → same fingerprint; an
    overrides file adds its hash (absent without one, so older fingerprints still match)."""
    data: dict[str, Any] = {
        "kind": "score", "policy": loaded.canonical_sha256,
        "inputs": [source.sha256, *(m.sha256 for m in more)],
        "options": {k: o.value for k, o in options.items() if k != "policy"},
    }
    if overrides_sha256 is not None:
        data["overrides"] = overrides_sha256
    return canonical_sha256(data)


def scored_document(result: ScoringResult, overrides: OverrideSet | None) -> dict[str, Any]:
    """result.json's content; with an overrides file, what it changed is recorded in it."""
    document = result_document(result)
    if overrides is not None:
        attach_overrides(document, result.overrides)
    return document


def large_document(result: ScoringResult, overrides: OverrideSet | None, limit: int
                   ) -> tuple[dict[str, Any], pd.DataFrame]:
    """result.json's content above the detail limit: everything but the people, who are in
    the returned table (written as people.parquet, named in result.json's "people_table")."""
    from asn_merit.scoring.people_table import people_table, trace_meta  # large runs only

    table = people_table(result)
    document = result_document(result, people=False)
    document["people_table"] = large_run.table_reference(table, trace_meta(result), limit)
    if overrides is not None:  # the top-level list; per-person notes are not in the table
        document["people"] = []
        attach_overrides(document, result.overrides)
        del document["people"]
    return document, table


def _scored(result: ScoringResult, overrides: OverrideSet | None, limit: int
            ) -> tuple[dict[str, Any], pd.DataFrame | None]:
    if large_run.is_large(len(result.frame), limit):
        return large_document(result, overrides, limit)
    return scored_document(result, overrides), None


Progress = Callable[[str], None]


def _silent(step: str) -> None:
    """No progress reporting (batch use, notebooks)."""


def run_score(request: ScoreRequest, today: date | None = None,
              progress: Progress = _silent) -> ScoreOutcome:
    started = datetime.now(UTC)
    run_id = new_run_id(started)
    for each in (request.roster, *request.more_rosters):
        input_file(each, "roster")
    if request.out is not None:
        output_dir(request.out)
    loaded = load_policy(request.policy.path)
    as_of = choose_as_of(request.as_of, loaded, today or date.today())
    meta = loaded.policy.policy
    out_dir = output_dir(request.out or default_run_dir(request.runs_base, meta.id,
                                                        as_of.value.isoformat(), run_id))
    lang = request.lang or loaded.policy.reporting.language
    options = _options(request, as_of, lang)
    overrides = load_overrides(request.overrides) if request.overrides is not None else None
    with _ledger_at(request.ledger) as ledger:
        if ledger is not None:
            ledger.check_policy(meta.id, meta.version, loaded.canonical_sha256)
        progress("reading")
        roster = load_roster(request.roster, loaded, request.sheet, request.header_row,
                             request.more_rosters, as_of.value)
        fingerprint = score_fingerprint(loaded, roster.source, options,
                                        overrides.sha256 if overrides else None,
                                        roster.sources[1:])
        prior = (ledger.find_fingerprint(fingerprint)
                 if ledger is not None and not request.force else None)
        progress("scoring")
        result = score(loaded, roster, as_of.value, str(request.roster), overrides)
        document, table = _scored(result, overrides, request.detail_limit)
        audited = audit_run_document(document, table)
        result_bytes = canonical_json_bytes(document)
        result_sha256 = sha256_bytes(result_bytes)
        findings = [*roster.findings, *result.findings]
        with run_lock(out_dir, request.wait_seconds), staged_directory(out_dir, run_id) as stage:
            (stage / "result.json").write_bytes(result_bytes)
            progress("writing")
            outputs = ["result.json", "ranking.xlsx"]
            if table is not None:
                large_run.write_people_parquet(table, stage / large_run.PEOPLE_FILE)
                outputs.insert(1, large_run.PEOPLE_FILE)
            vocab = Vocabulary(lang, loaded, document["rules"])
            write_ranking_xlsx(
                document, findings, stage / "ranking.xlsx", datetime.combine(as_of.value, time(0)),
                lang, policy_rows=policy_rows(loaded, lang),
                manifest=_score_manifest(run_id, started, request, loaded, as_of, options, roster,
                                         document, result_sha256, findings, [], overrides),
                table=table, detail=None if table is None else large_run.traces(
                    table[large_run.detail_mask(table)], document), vocab=vocab)
            headline = _headline(document)
            if audited is not None:
                (stage / "audit.json").write_bytes(canonical_json_bytes(audited[1]))
                outputs.append("audit.json")
                headline["worst_impact_ratio"] = worst_impact_ratios(audited[1])
                headline["fairness"] = {"findings": audited[0].findings,
                                        "watch": audited[0].watch}
            if request.html:
                progress("report")
                write_score_html(
                    document, stage / "report.html", lang,
                    audit=audited[1] if audited else None,
                    footer={"run_id": run_id, "input_sha256": roster.source.sha256,
                            "result_sha256": result_sha256,
                            "ledger_head": ledger.head() if ledger is not None else None},
                    redact=loaded.policy.reporting.redact, table=table,
                    people=None if table is None else large_run.traces(
                        table[large_run.html_mask(table, MAX_PEOPLE)], document),
                    vocab=vocab,
                    columns_used=[b.to_dict() for b in roster.bindings])
                outputs.append("report.html")
            manifest = _score_manifest(run_id, started, request, loaded, as_of, options, roster,
                                       document, result_sha256, findings,
                                       describe_outputs(stage, outputs), overrides)
            headline["out_dir"] = str(out_dir.resolve())
            if prior is not None:
                headline["repeats"] = prior.run_id
            recorded = record_run(stage, out_dir, outputs, manifest, ledger, NewEntry(
                run_id=run_id, kind="score", manifest_sha256=manifest_sha256(manifest),
                summary=headline, policy_id=meta.id, policy_version=meta.version,
                policy_sha256=loaded.canonical_sha256, input_sha256=roster.source.sha256,
                result_sha256=result_sha256, fingerprint=fingerprint))
    return ScoreOutcome(run_id, out_dir, loaded, as_of, roster.source, document, result_sha256,
                        loaded.warnings, findings, recorded,
                        repeat_of(prior) if prior is not None else None,
                        columns_used=manifest["columns_used"])


def record_run(stage: Path, target: Path, outputs: list[str], manifest: dict[str, Any],
               ledger: Ledger | None, entry: NewEntry) -> LedgerEntry | None:
    """Seal the staged run (manifest.json, SHA256SUMS), rename it into place, then commit its
    ledger entry. The entry is written under the ledger's lock and rolled back if anything
    before the rename fails (or the process dies), so the ledger never names a run that is
    not on disk."""
    if ledger is None:
        _seal(stage, outputs, manifest)
        promote(stage, target)
        return None
    with ledger.appending(entry) as recorded:
        manifest["ledger"] = {"path": str(ledger.path), "seq": recorded.seq,
                              "prev_hash": recorded.prev_hash}
        _seal(stage, outputs, manifest)
        promote(stage, target)
    return recorded


def _seal(stage: Path, outputs: list[str], manifest: dict[str, Any]) -> None:
    (stage / MANIFEST_NAME).write_bytes(json_bytes(manifest))
    write_sha256sums(stage, [*outputs, MANIFEST_NAME])


def json_bytes(data: Any) -> bytes:
    """Readable JSON for people (manifest); hashes use the canonical form instead."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _headline(document: dict[str, Any]) -> dict[str, Any]:
    """Counts only: the ledger never holds names or NIPs."""
    return {"counts": document["counts"], "cut_line": document["selection"]["cut_line"]}


def _score_manifest(run_id: str, started: datetime, request: ScoreRequest, loaded: LoadedPolicy,
                    as_of: AsOfChoice, options: dict[str, Option], roster: Roster,
                    document: dict[str, Any], result_sha256: str, findings: list[RosterFinding],
                    outputs: list[dict[str, Any]], overrides: OverrideSet | None = None
                    ) -> dict[str, Any]:
    source = roster.source
    extra = [ManifestInput("overrides", overrides.path, overrides.sha256, overrides.bytes)
             ] if overrides is not None else []
    meta = loaded.policy.policy
    severities = [f.severity for f in findings]
    return build_manifest(
        run_id=run_id, kind="score", started_at=_utc(started),
        finished_at=_utc(datetime.now(UTC)), as_of=as_of.value.isoformat(),
        argv=list(request.argv), options=options,
        policy={"id": meta.id, "version": meta.version,
                "schema_version": loaded.policy.schema_version, "path": str(loaded.path),
                "file_sha256": loaded.file_sha256, "canonical_sha256": loaded.canonical_sha256,
                "warnings": [d.code for d in loaded.warnings]},
        inputs=[*(ManifestInput("roster", s.path, s.sha256, s.bytes, s.sheet, s.header_row,
                                s.rows_read, sorted(roster.header_map.values()),
                                roster.columns_ignored) for s in roster.sources or [source]),
                *extra],
        results={"result_sha256": result_sha256, **document["counts"],
                 "cut_line": document["selection"]["cut_line"],
                 "findings": {"error": severities.count(Severity.ERROR),
                              "warning": severities.count(Severity.WARNING)},
                 "population_statistics": document["population_statistics"]},
        outputs=outputs, columns_used=[b.to_dict() for b in roster.bindings])


RESULT_KEYS = ("policy", "as_of", "counts", "rules", "fairness", "selection")


def load_result(run_dir: Path) -> dict[str, Any]:
    """A run's result.json; one that is not the shape `score` writes (edited, truncated,
    replaced) is refused here rather than failing deep inside a reader."""
    path = run_dir / "result.json"
    try:
        document = json.loads(input_file(path, "result").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputOutputError(f"cannot read {path}: {exc}") from None
    missing = ([] if not isinstance(document, dict) else
               [k for k in RESULT_KEYS if k not in document]
               + ([] if "people" in document or "people_table" in document else ["people"]))
    if not isinstance(document, dict) or missing:
        found = type(document).__name__ if not isinstance(document, dict) else \
            "an object without " + ", ".join(missing)
        raise InputOutputError(f"{path} is not a result written by asn-merit score (found "
                               f"{found}); run 'asn-merit verify {run_dir}'")
    return document


def recorded_policy(run_dir: Path) -> LoadedPolicy | None:
    """The policy a run recorded in its manifest, when that file is still there with the same
    canonical content (else None: the explanation then does without the policy's words)."""
    try:
        recorded = json.loads((run_dir / MANIFEST_NAME).read_text(encoding="utf-8"))["policy"]
        loaded = load_policy(Path(recorded["path"]))
    except (OSError, ValueError, KeyError, TypeError, AsnMeritError):
        return None
    return loaded if loaded.canonical_sha256 == recorded.get("canonical_sha256") else None


def run_verify(run_dir: Path, ledger_path: Path | None) -> list[Check]:
    """Re-hash outputs, check the manifest, the trace invariants and the ledger chain."""
    if not run_dir.is_dir():
        raise InputOutputError(f"{run_dir} is not a run directory")
    sweep_staging(run_dir.resolve().parent)  # leftovers of killed runs beside it
    return verify_run(run_dir, ledger_path,
                      [("invariants", lambda document: _invariants(run_dir, document))])


def _invariants(run_dir: Path, document: dict[str, Any]) -> str | None:
    if "people_table" in document:
        return large_run.table_problem(run_dir, document)
    return document_invariants(document)


def find_person(run_dir: Path, document: dict[str, Any], person_id: str
                ) -> dict[str, Any] | None:
    """One person's trace from a run directory (result.json, or a large run's parquet)."""
    try:
        return large_run.find_person(run_dir, document, person_id)
    except OSError as exc:
        raise InputOutputError(f"cannot read the people of {run_dir}: {exc}") from None


def load_people_table(run_dir: Path, document: dict[str, Any],
                      columns: Sequence[str] | None = None) -> pd.DataFrame | None:
    """A large run's people table (or some of its columns); None for a run without one."""
    if "people_table" not in document:
        return None
    try:
        return large_run.read_people(large_run.table_path(run_dir, document), columns)
    except OSError as exc:
        raise InputOutputError(f"cannot read the people of {run_dir}: {exc}") from None


@dataclass
class ReplayReport:
    ok: bool
    recorded_sha256: str
    replayed_sha256: str
    first_difference: str | None
    version_differences: dict[str, tuple[str | None, str | None]]


def _first_difference(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """The first person and rule whose trace differs, for a human to look at."""
    old_people = {p["id"]: p for p in old.get("people", [])}
    new_people = {p["id"]: p for p in new.get("people", [])}
    for pid in sorted(old_people.keys() | new_people.keys()):
        a, b = old_people.get(pid), new_people.get(pid)
        if a == b:
            continue
        if a is None or b is None:
            return f"{pid}: present in only one of the two results"
        for key in ("gates", "points"):
            for line_a, line_b in zip(a.get(key, []), b.get(key, []), strict=False):
                if line_a != line_b:
                    return f"{pid}, rule {line_a['rule']}: {line_a} became {line_b}"
        changed = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        return f"{pid}: {', '.join(changed)} differ"
    changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    return f"top-level {', '.join(changed)} differ" if changed else None


def _recorded_overrides(manifest: dict[str, Any], explicit: Path | None) -> OverrideSet | None:
    """The run's overrides file (`explicit`, else the recorded path), checked by hash."""
    recorded = next((i for i in manifest["inputs"] if i.get("role") == "overrides"), None)
    if recorded is None:
        if explicit is not None:
            raise VerificationError("this run was scored without an overrides file")
        return None
    path = explicit or Path(recorded["path"])
    if not path.is_file() or sha256_file(path) != recorded["sha256"]:
        raise VerificationError(f"{path} is not the overrides file of this run (missing, or "
                                f"sha256 differs from {recorded['sha256']})")
    return load_overrides(path)


def run_replay(run_dir: Path, roster_path: Path, policy_path: Path,
               overrides_path: Path | None = None) -> ReplayReport:
    """Score again with the recorded as_of, options and overrides; compare result hashes."""
    manifest = json.loads((run_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    recorded_input = manifest["inputs"][0]
    if sha256_file(roster_path) != recorded_input["sha256"]:
        raise VerificationError(f"{roster_path} is not the roster of this run (sha256 differs "
                                f"from {recorded_input['sha256']})")
    loaded = load_policy(policy_path)
    if loaded.canonical_sha256 != manifest["policy"]["canonical_sha256"]:
        raise VerificationError(f"{policy_path} is not the policy of this run (canonical "
                                f"sha256 {loaded.canonical_sha256} differs from "
                                f"{manifest['policy']['canonical_sha256']})")
    options = {k: v["value"] for k, v in manifest["invocation"]["options"].items()}
    roster = load_roster(roster_path, loaded, options.get("sheet"),
                         recorded_input.get("header_row"),
                         as_of=date.fromisoformat(manifest["as_of"]))
    overrides = _recorded_overrides(manifest, overrides_path)
    result = score(loaded, roster, date.fromisoformat(manifest["as_of"]), str(roster_path),
                   overrides)
    recorded_table = load_result(run_dir).get("people_table")
    table = None
    if recorded_table is None:  # the same form as the run, whatever today's limit
        document = scored_document(result, overrides)
    else:
        document, table = large_document(result, overrides, recorded_table["detail_limit"])
    replayed = sha256_bytes(canonical_json_bytes(document))
    recorded = manifest["results"]["result_sha256"]
    then, now = manifest["tool"], tool_versions()
    versions = {name: (then["dependencies"].get(name), now["dependencies"].get(name))
                for name in sorted(then["dependencies"].keys() | now["dependencies"].keys())
                if then["dependencies"].get(name) != now["dependencies"].get(name)}
    if then["version"] != now["version"]:
        versions["asn-merit"] = (then["version"], now["version"])
    difference = None
    if replayed != recorded:
        old = load_result(run_dir)
        difference = _first_difference(old, document)
    elif table is not None:
        difference = _table_difference(run_dir, document, table, manifest)
    return ReplayReport(replayed == recorded and difference is None, recorded, replayed,
                        difference, versions)


def _table_difference(run_dir: Path, document: dict[str, Any], table: pd.DataFrame,
                      manifest: dict[str, Any]) -> str | None:
    """A large run's people are not in result.json: compare people.parquet's bytes with the
    recorded hash, and name the first differing person and column when they differ."""
    name = large_run.PEOPLE_FILE
    recorded = next((o["sha256"] for o in manifest["outputs"] if o["path"] == name), None)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / name
        large_run.write_people_parquet(table, path)
        if sha256_file(path) == recorded:
            return None
    old = load_people_table(run_dir, document)
    return large_run.first_table_difference(old, table) if old is not None else \
        f"{name} is missing"


# --- fairness audit -----------------------------------------------------------------------

FAIL_LEVELS = ("finding", "watch", "never")


@dataclass(frozen=True)
class FileAuditRequest:
    """Decisions already made by people, one row per person in any roster-like file."""

    path: Path
    outcomes: tuple[str, ...]
    by: tuple[str, ...]
    intersections: tuple[tuple[str, ...], ...] = ()
    score: str | None = None
    strata: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    more_paths: tuple[Path, ...] = ()  # further decisions files with the same columns
    settings: AuditSettings = field(default_factory=AuditSettings)  # --reference, --min-*


@dataclass
class AuditOutcome:
    result: AuditResult
    document: dict[str, Any]
    out_dir: Path | None = None
    recorded: LedgerEntry | None = None

    def exceeds(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        return self.result.findings > 0 or (fail_on == "watch" and self.result.watch > 0)


def worst_impact_ratios(document: dict[str, Any]) -> dict[str, float]:
    """Worst impact ratio per attribute at the last stage, for history and summaries."""
    worst: dict[str, float] = {}
    for block in document.get("attributes", []):
        ratio = block.get("worst_impact_ratio")
        if ratio is not None and block.get("stage") == "selected":
            worst[block["attribute"]] = round(ratio, 4)
    return worst


def audit_settings(document: dict[str, Any]) -> AuditSettings:
    return AuditSettings(min_group_size=document["fairness"]["min_group_size"])


def audit_run_document(document: dict[str, Any], table: pd.DataFrame | None = None
                       ) -> tuple[AuditResult, dict[str, Any]] | None:
    """The fairness audit of a scoring result, or None when the policy audits nothing; a large
    run passes its people table (the same facts as result.json's people, as columns)."""
    if not document["fairness"]["attributes"] or not document["counts"]["evaluated"]:
        return None
    result = audit_run(document, audit_settings(document), table)
    audit = result.to_dict()
    audit["process"] = process_checks(document, table)
    audit["run"] = {"policy": document["policy"], "as_of": document["as_of"]}
    if "overrides" in document:
        audit["overrides"] = overrides_audit(
            document if table is None else {**document, "people": _group_people(table)})
    return result, audit


def _group_people(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Id, status and groups of each person: what overrides_audit reads of result.json."""
    groups = [c for c in table.columns if str(c).startswith("group:")]
    cells = table[["id", "status", *groups]].astype(object)
    cells = cells.where(table[["id", "status", *groups]].notna(), None)
    return [{"id": row[0], "status": row[1],
             "groups": {str(g)[6:]: v for g, v in zip(groups, row[2:], strict=True)}}
            for row in cells.itertuples(index=False)]


def _column_lookup(raw: RawRoster, wanted: list[str]) -> dict[str, str]:
    by_key = {normalise_key_text(h): h for h in raw.headers}
    found, problems = {}, []
    for name in wanted:
        header = by_key.get(normalise_key_text(name))
        if header is None:
            close = difflib.get_close_matches(normalise_key_text(name), list(by_key), n=1)
            hint = f"; closest header: '{by_key[close[0]]}'" if close else ""
            problems.append(RosterFinding("roster.missing-column",
                                          f"column '{name}' not found{hint}",
                                          file=raw.source.path))
        else:
            found[name] = header
    if problems:
        raise RosterError(problems)
    return found


def decisions_frame(request: FileAuditRequest) -> tuple[pd.DataFrame, list[InputFile]]:
    """Outcome columns as booleans, attributes as text, score as numbers; exit 4 if unusable.
    Several files (`more_paths`) are read as one; each file read is returned, in order."""
    names = [*request.outcomes, *request.by, *(p for i in request.intersections for p in i)]
    names += [c for c in (request.score, request.strata) if c]
    names = list(dict.fromkeys(names))

    def read(path: Path) -> RawRoster:
        input_file(path, "decisions file")
        try:
            raw = read_roster(path, {normalise_key_text(n) for n in names}, request.sheet,
                              request.header_row)
        except InputOutputError as exc:
            if not path.exists():
                raise
            raise RosterError([RosterFinding("roster.unreadable", str(exc),
                                             file=str(path))]) from None
        _column_lookup(raw, names)
        return raw

    raw = combine(read_many([request.path, *request.more_paths], read),
                  {n: [n] for n in names})
    headers = _column_lookup(raw, names)
    frame = pd.DataFrame({n: raw.cells[h].reset_index(drop=True) for n, h in headers.items()})
    problems = []
    for name in request.outcomes:
        try:
            frame[name] = parse_outcome(frame[name])
        except OutcomeValueError as exc:
            first = exc.positions[0] if exc.positions else None
            problems.append(RosterFinding(
                "roster.bad-outcome", str(exc), file=str(request.path), column=headers[name],
                excel_row=None if first is None else int(raw.rows.iloc[first]),
                log_message=exc.log_message))
    if request.score:
        parsed = parse_number(frame[request.score])
        if parsed.invalid.any():
            first = int(parsed.invalid.to_numpy().nonzero()[0][0])
            where = (raw.sources[int(raw.file_of_row[first])].path
                     if raw.file_of_row is not None else str(request.path))
            problems.append(RosterFinding(
                "roster.bad-value", f"expected {parsed.expected}", file=where,
                excel_row=int(raw.rows.iloc[first]), column=headers[request.score],
                value=str(frame[request.score].iloc[first])))
        frame[request.score] = parsed.values
    if problems:
        raise RosterError(problems)
    return frame, raw.sources or [raw.source]


def _run_id_of(run_dir: Path) -> str | None:
    try:
        return json.loads((run_dir / MANIFEST_NAME).read_text(encoding="utf-8"))["run_id"]
    except (OSError, ValueError, KeyError):
        return None


def run_audit(run_dir: Path | None, request: FileAuditRequest | None, out: Path | None,
              ledger_path: Path | None, lang: str = "id", argv: tuple[str, ...] = (),
              html: bool = True) -> AuditOutcome:
    """Audit a score run (run_dir) or a decisions file (request); write outputs if `out`."""
    started = datetime.now(UTC)
    inputs: list[ManifestInput] = []
    policy_meta = None
    if out is not None:
        out = output_dir(out)
    if run_dir is not None:
        document = load_result(run_dir)
        ref = document.get("people_table")
        audited = audit_run_document(document, None if ref is None else load_people_table(
            run_dir, document, table_columns(document, ref["columns"])))
        if audited is None:
            raise UsageError(f"{run_dir}: the run's policy names no fairness attributes")
        result, audit = audited
        path = run_dir / "result.json"
        inputs.append(ManifestInput("run", str(run_dir), sha256_file(path), path.stat().st_size))
        policy_meta = document["policy"]
    else:
        assert request is not None
        frame, sources = decisions_frame(request)
        try:
            result = audit_frame(frame, outcomes=list(request.outcomes),
                                 attributes=list(request.by),
                                 intersections=[list(i) for i in request.intersections],
                                 score=request.score, strata=request.strata,
                                 settings=request.settings)
        except ValueError as exc:
            raise RosterError([RosterFinding("roster.audit-input", str(exc),
                                             file=str(request.path))]) from None
        audit = result.to_dict()
        inputs.extend(ManifestInput("decisions", s.path, s.sha256, s.bytes, s.sheet,
                                    s.header_row, s.rows_read) for s in sources)
    outcome = AuditOutcome(result, audit)
    if out is None:
        return outcome
    run_id = new_run_id(started)
    audit_bytes = canonical_json_bytes(audit)
    with _ledger_at(ledger_path) as ledger, run_lock(out), staged_directory(out, run_id) as stage:
        (stage / "audit.json").write_bytes(audit_bytes)
        write_audit_xlsx(result, stage / "audit.xlsx", datetime(2000, 1, 1), lang=lang,
                         overrides=audit.get("overrides"))
        outputs = ["audit.json", "audit.xlsx"]
        if html:
            write_audit_html(audit, stage / "audit.html", lang, footer={
                "run_id": run_id, "input_sha256": inputs[0].sha256,
                "audit_sha256": sha256_bytes(audit_bytes),
                "source_run_id": _run_id_of(run_dir) if run_dir is not None else None},
                rule_titles=({r["id"]: r["title"] for r in document["rules"]}
                             if run_dir is not None else None))
            outputs.append("audit.html")
        manifest = build_manifest(
            run_id=run_id, kind="audit", started_at=_utc(started),
            finished_at=_utc(datetime.now(UTC)), as_of=audit.get("run", {}).get("as_of"),
            argv=list(argv), options=_audit_options(request), policy=policy_meta, inputs=inputs,
            results={"result_sha256": sha256_bytes(audit_bytes), "findings": result.findings,
                     "watch": result.watch},
            outputs=describe_outputs(stage, outputs))
        outcome.recorded = record_run(stage, out, outputs, manifest, ledger, NewEntry(
            run_id=run_id, kind="audit", manifest_sha256=manifest_sha256(manifest),
            summary={"findings": result.findings, "watch": result.watch,
                     "worst_impact_ratio": worst_impact_ratios(audit),
                     "out_dir": str(out.resolve())},
            input_sha256=inputs[0].sha256, result_sha256=sha256_bytes(audit_bytes)))
    outcome.out_dir = out
    return outcome


def _audit_options(request: FileAuditRequest | None) -> dict[str, Option]:
    """The decisions-file audit's choices, for the manifest (a run's follow its policy)."""
    if request is None:
        return {}
    settings, default = request.settings, AuditSettings()
    values = {"reference": ("--reference", dict(sorted(settings.reference_groups.items())),
                            {}),
              "min_group_size": ("--min-group-size", settings.min_group_size,
                                 default.min_group_size),
              "min_share": ("--min-share", settings.reference_min_share,
                            default.reference_min_share)}
    return {name: Option(value, flag if value != usual else "default")
            for name, (flag, value, usual) in values.items()}


def _ledger_at(path: Path | None) -> AbstractContextManager[Ledger | None]:
    return Ledger.open(path) if path is not None else nullcontext()


@dataclass
class PolicyDiffRun:
    """A policy diff with what the approver's page must show beside it to be checkable."""

    diff: PolicyDiff
    old: LoadedPolicy
    new: LoadedPolicy
    documents: tuple[dict[str, Any], dict[str, Any]]  # result documents, old then new
    roster: InputFile
    as_of: date


def run_policy_diff(old_path: Path, new_path: Path, roster_path: Path,
                    as_of: date | None = None, sheet: str | None = None) -> PolicyDiff:
    """Score the same roster under both policies (same as_of) and compare the consequences."""
    return run_policy_diff_full(old_path, new_path, roster_path, as_of, sheet).diff


def run_policy_diff_full(old_path: Path, new_path: Path, roster_path: Path,
                         as_of: date | None = None, sheet: str | None = None) -> PolicyDiffRun:
    """run_policy_diff, keeping the policies, result documents and roster for the HTML page."""
    old, new = load_policy(old_path), load_policy(new_path)
    reference = as_of or new.policy.policy.as_of or old.policy.policy.as_of or date.today()
    documents, ratios, sources = [], [], []
    for loaded in (old, new):
        roster = load_roster(roster_path, loaded, sheet, None, as_of=reference)
        document = result_document(score(loaded, roster, reference, str(roster_path)))
        audited = audit_run_document(document)
        documents.append(document)
        sources.append(roster.source)
        ratios.append(worst_impact_ratios(audited[1]) if audited else {})
    diff = diff_policies(old, new, documents[0], documents[1], ratios[0], ratios[1])
    return PolicyDiffRun(diff, old, new, (documents[0], documents[1]), sources[1], reference)


def run_oversight(roster_path: Path, as_of: date | None, only: Sequence[str] | None,
                  declarations: Path | None, panel: Path | None, sheet: str | None,
                  out: Path | None, ledger_path: Path | None, lang: str = "id",
                  argv: tuple[str, ...] = ()) -> CheckReport:
    """The Inspektorat's checks on a roster; with `out`, a recorded run like score and audit."""
    started = datetime.now(UTC)
    reference = as_of or date.today()
    input_file(roster_path, "roster")
    for extra, what in ((declarations, "declarations file"), (panel, "panel file")):
        if extra is not None:
            input_file(extra, what)
    if out is not None:
        out = output_dir(out)
    report = run_checks(roster_path, as_of=reference, only=only, declarations=declarations,
                        panel=panel, sheet=sheet)
    if out is None:
        return report
    run_id = new_run_id(started)
    data = canonical_json_bytes(checks_dict(report))
    inputs = [ManifestInput("roster" if i == 0 else "supporting", s.path, s.sha256, s.bytes,
                            s.sheet, s.header_row, s.rows_read)
              for i, s in enumerate([report.source, *report.inputs])]
    with _ledger_at(ledger_path) as ledger, run_lock(out), staged_directory(out, run_id) as stage:
        (stage / "checks.json").write_bytes(data)
        write_checks_xlsx(report, stage / "checks.xlsx", datetime.combine(reference, time(0)),
                          lang=lang)
        outputs = ["checks.json", "checks.xlsx"]
        fired = {s: len(report.fired(s)) for s in ("error", "warning", "info")}
        manifest = build_manifest(
            run_id=run_id, kind="audit", started_at=_utc(started),
            finished_at=_utc(datetime.now(UTC)), as_of=reference.isoformat(), argv=list(argv),
            options={"as_of": Option(reference.isoformat(), "--as-of" if as_of else "today")},
            policy=None, inputs=inputs,
            results={"result_sha256": sha256_bytes(data), "fired": fired},
            outputs=describe_outputs(stage, outputs))
        record_run(stage, out, outputs, manifest, ledger, NewEntry(
            run_id=run_id, kind="audit", manifest_sha256=manifest_sha256(manifest),
            summary={"checks_fired": fired, "out_dir": str(out.resolve())},
            input_sha256=inputs[0].sha256, result_sha256=sha256_bytes(data)))
    return report
