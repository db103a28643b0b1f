"""The only place that wires the rooms together: read, check, score, write, record.

The CLI turns options into a request and renders the outcome; a notebook can call these
functions directly.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from asn_merit.diagnostics import Diagnostic, RosterFinding, Severity
from asn_merit.errors import InputOutputError, RosterError, UsageError
from asn_merit.ledger.hashing import canonical_json_bytes, sha256_bytes
from asn_merit.ledger.sums import write_sha256sums
from asn_merit.reports.ranking_excel import write_ranking_xlsx
from asn_merit.roster.contract import Roster, apply_contract
from asn_merit.roster.reader import InputFile, read_roster
from asn_merit.roster.types import normalise_key_text
from asn_merit.rules.loader import LoadedPolicy, load_policy
from asn_merit.runs import default_run_dir, new_run_id, staged_directory
from asn_merit.scoring.engine import ScoringResult, evaluate
from asn_merit.scoring.trace import result_document

SHIPPED_POLICIES = Path(__file__).parent / "policies"
DEFAULT_POLICY = SHIPPED_POLICIES / "kenaikan-pangkat-reguler.yaml"
CONFIG_FILE = "asn-merit.toml"


@dataclass(frozen=True)
class PolicyChoice:
    path: Path
    origin: str  # "--policy", "asn-merit.toml" or "shipped default"


def choose_policy(explicit: Path | None, cwd: Path) -> PolicyChoice:
    """--policy, else ./asn-merit.toml's [score] policy, else the shipped promotion policy."""
    if explicit is not None:
        return PolicyChoice(explicit, "--policy")
    config = cwd / CONFIG_FILE
    if config.is_file():
        try:
            settings = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"{config}: {exc}") from None
        named = settings.get("score", {}).get("policy")
        if named:
            return PolicyChoice((cwd / named).resolve(), CONFIG_FILE)
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


def load_roster(path: Path, loaded: LoadedPolicy, sheet: str | None, header_row: int | None
                ) -> Roster:
    """Read and type a roster against the policy's contract; exit-4 problems are raised."""
    if not path.is_file():
        raise InputOutputError(f"roster {path} does not exist")
    wanted = {normalise_key_text(h) for spec in loaded.policy.columns.values()
              for h in spec.headers}
    raw = read_roster(path, wanted, sheet, header_row)
    roster = apply_contract(raw, loaded.policy)
    if roster.errors and loaded.policy.scoring.on_invalid_row == "fail":
        raise RosterError(roster.findings)
    return roster


def score(loaded: LoadedPolicy, roster: Roster, as_of: date, source: str = ""
          ) -> ScoringResult:
    result = evaluate(loaded, roster, as_of, source)
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    if errors and loaded.policy.scoring.on_invalid_row == "fail":
        raise RosterError(result.findings)
    return result


def run_score(request: ScoreRequest, today: date | None = None) -> ScoreOutcome:
    started = datetime.now(UTC)
    loaded = load_policy(request.policy.path)
    as_of = choose_as_of(request.as_of, loaded, today or date.today())
    roster = load_roster(request.roster, loaded, request.sheet, request.header_row)
    result = score(loaded, roster, as_of.value, str(request.roster))
    document = result_document(result)
    result_bytes = canonical_json_bytes(document)
    result_sha256 = sha256_bytes(result_bytes)
    run_id = new_run_id(started)
    out_dir = request.out or default_run_dir(request.runs_base, loaded.policy.policy.id,
                                             as_of.value.isoformat(), run_id)
    lang = request.lang or loaded.policy.reporting.language
    findings = [*roster.findings, *result.findings]
    with staged_directory(out_dir, run_id) as staging:
        (staging / "result.json").write_bytes(result_bytes)
        write_ranking_xlsx(document, findings, staging / "ranking.xlsx",
                           datetime.combine(as_of.value, time(0)), lang)
        write_sha256sums(staging, ["result.json", "ranking.xlsx"])
    return ScoreOutcome(run_id, out_dir, loaded, as_of, roster.source, document,
                        result_sha256, loaded.warnings, findings)


def load_result(run_dir: Path) -> dict[str, Any]:
    path = run_dir / "result.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputOutputError(f"cannot read {path}: {exc}") from None
