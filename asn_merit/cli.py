"""Command line: one short function per command; the work happens in pipeline and the rooms.

Exit codes: 0 ok · 1 findings at/above --fail-on · 2 usage · 3 policy invalid · 4 roster
invalid · 5 verification failed · 6 input/output error · 70 internal error · 75 locked.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from asn_merit import __version__, logs, render
from asn_merit.console import progress_reporter, protect_streams, stderr_console
from asn_merit.errors import AsnMeritError, PolicyError, RosterError, UsageError
from asn_merit.exit_codes import ExitCode

if TYPE_CHECKING:
    from asn_merit.pipeline import ScoreOutcome
from asn_merit.config import ledger_path
from asn_merit.ledger.store import ChainReport, Ledger, LedgerEntry
from asn_merit.reports.i18n import t

EXIT_CODES_HELP = (
    "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage error, 3 policy invalid, "
    "4 roster invalid, 5 verification failed, 6 input/output error, 70 internal error, "
    "75 another run holds the lock."
)

app = typer.Typer(
    name="asn-merit",
    help="Merit-system scoring, ranking and fairness audit for ASN rosters. " + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
policy_app = typer.Typer(help="Check, document and export the policy language.",
                         no_args_is_help=True)
app.add_typer(policy_app, name="policy")
ledger_app = typer.Typer(help="Walk, anchor and show the hash-chained run ledger.",
                         no_args_is_help=True)
app.add_typer(ledger_app, name="ledger")

T = TypeVar("T")


LANG_ENV = "ASN_MERIT_LANG"
"""`--lang` when the option is not given (id or en)."""


class Lang(StrEnum):
    id = "id"
    en = "en"


LedgerOption = Annotated[Path | None, typer.Option(
    help="Ledger file (default: $ASN_MERIT_LEDGER, else \\[ledger] path in asn-merit.toml, else "
         "ledger.sqlite in the user's data folder: ~/.local/share/asn-merit, "
         "%LOCALAPPDATA%\\asn-merit)")]


def _ledger(explicit: Path | None) -> Path:
    return ledger_path(explicit, Path.cwd())


class Format(StrEnum):
    text = "text"
    json = "json"


class LogFormat(StrEnum):
    text = "text"
    json = "json"


@app.callback()
def _options(
    log_format: Annotated[LogFormat, typer.Option(
        help="Diagnostics on stderr as text or JSON lines (no personal data)",
        envvar="ASN_MERIT_LOG_FORMAT")] = LogFormat.text,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=lambda shown: _print_version() if shown else None,
        help="Print the version and exit")] = False,
) -> None:
    protect_streams()
    logs.SETTINGS.json = log_format == LogFormat.json


def _note(code: str, message: str) -> None:
    if logs.SETTINGS.json:
        logs.json_line("info", code, message)
    else:
        stderr_console().print(message, markup=False)


def _fail(exc: AsnMeritError, as_json: bool) -> NoReturn:
    console = stderr_console()
    if logs.SETTINGS.json:
        for item in getattr(exc, "diagnostics", []):
            logs.diagnostic(item)
        for item in getattr(exc, "findings", []):
            logs.finding(item)
        logs.json_line("error", f"exit.{int(exc.exit_code)}", str(exc))
        raise typer.Exit(int(exc.exit_code))
    if isinstance(exc, PolicyError):
        if as_json:
            typer.echo(json.dumps([d.to_dict() for d in exc.diagnostics], ensure_ascii=False))
        render.diagnostics(console, exc.diagnostics)
        console.print(t("cli.nothing_scored", "en"), markup=False)
    elif isinstance(exc, RosterError):
        if as_json:
            typer.echo(json.dumps([f.to_dict() for f in exc.findings], ensure_ascii=False))
        render.findings(console, exc.findings)
        console.print(t("cli.nothing_scored", "en"), markup=False)
    else:
        console.print(f"error: {exc}", markup=False)
    raise typer.Exit(int(exc.exit_code))


def _guard(action: Callable[[], T], as_json: bool = False) -> T:
    """Run a command body; map our errors to their exit codes and anything else to 70."""
    try:
        return action()
    except AsnMeritError as exc:
        _fail(exc, as_json)
    except KeyboardInterrupt:
        stderr_console().print("interrupted; nothing was written", markup=False)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception:
        _report_internal_error()
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _report_internal_error() -> None:
    if os.environ.get("ASN_MERIT_TRACEBACK"):
        traceback.print_exc()
    if logs.SETTINGS.json:
        logs.json_line("error", "exit.70", "internal error; rerun with ASN_MERIT_TRACEBACK=1 "
                       "and report it")
    else:
        stderr_console().print("internal error; rerun with ASN_MERIT_TRACEBACK=1 and report "
                               "it", markup=False)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


@app.command()
def score(
    roster: Annotated[list[Path], typer.Argument(
        help="Roster file(s): xlsx, csv or parquet; several files (one per regency or unit, "
             "same columns) are read as one roster")],
    policy: Annotated[Path | None, typer.Option(
        help="Policy YAML (default: asn-merit.toml, else the shipped KP reguler policy)")] = None,
    out: Annotated[Path | None, typer.Option(help="Run directory to create")] = None,
    as_of: Annotated[str | None, typer.Option(help="Reference date YYYY-MM-DD")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet name (default: the first)")] = None,
    header_row: Annotated[int | None, typer.Option(min=1, help="Header row (default: found)")
                          ] = None,
    lang: Annotated[Lang | None, typer.Option(help="Report language", envvar=LANG_ENV)] = None,
    output_format: Annotated[Format, typer.Option("--format", help="json: summary on stdout")
                             ] = Format.text,
    quiet: Annotated[bool, typer.Option(help="Only errors on stderr")] = False,
    ledger: LedgerOption = None,
    force: Annotated[bool, typer.Option(help="Do not look for an identical recorded run "
                                             "(a repeat is written either way)")] = False,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait for another run's lock "
                                                    "(default: fail at once with exit 75)")] = 0,
    html: Annotated[bool, typer.Option(help="Write report.html (charts take a few seconds)")
                    ] = True,
    overrides: Annotated[Path | None, typer.Option(
        help="Manual overrides YAML: nip, rule, action (force_pass, force_fail, set_points, "
             "exclude), reason, approved_by, decree_ref")] = None,
    detail_limit: Annotated[int | None, typer.Option(
        min=0, help="People above which the per-person detail goes to people.parquet and the "
                    "reports keep the ranking, the selected and the cut line (default 20000)")
                            ] = None,
) -> None:
    """Score a roster with a policy and write a ranked, explained run directory."""
    from asn_merit import pipeline  # heavy (pandas, scipy, matplotlib): load on use

    as_json = output_format == Format.json
    reference = _parse_date(as_of)

    def body() -> ScoreOutcome:
        choice = pipeline.choose_policy(policy, Path.cwd())
        if choice.origin != "--policy" and not quiet:
            _note("policy.default", t("cli.policy_default", "en", path=choice.path,
                                      why=choice.origin))
        request = pipeline.ScoreRequest(
            roster[0], choice, out, Path("runs"), reference, sheet, header_row,
            lang.value if lang else None, _ledger(ledger), html, force, wait,
            tuple(sys.argv[1:]), overrides=overrides,
            **({} if detail_limit is None else {"detail_limit": detail_limit}),
            more_rosters=tuple(roster[1:]))
        with progress_reporter(enabled=not quiet and not logs.SETTINGS.json) as progress:
            outcome = pipeline.run_score(request, progress=progress)
        if outcome.as_of.origin == "today" and not quiet:
            _note("as-of.today", t("cli.as_of_today", "en", date=outcome.as_of.value))
        return outcome

    outcome = _guard(body, as_json)
    language = lang.value if lang else outcome.loaded.policy.reporting.language
    repeat = outcome.repeats
    if logs.SETTINGS.json:
        quiet = True  # the JSON lines below replace the human summary on stderr
        for item in outcome.policy_warnings:
            logs.diagnostic(item)
        for finding in outcome.findings:
            logs.finding(finding)
        logs.json_line("info", "run.done", "scoring finished", run_id=outcome.run_id,
                       out_dir=str(outcome.out_dir),
                       repeats=repeat.run_id if repeat else None,
                       repeats_present=repeat.present if repeat else None)
    if repeat is not None and not quiet:
        where = (t("cli.repeat_unknown", language) if repeat.out_dir is None else repeat.out_dir
                 if repeat.present else t("cli.repeat_missing", language, where=repeat.out_dir))
        stderr_console().print(t("cli.repeat", language, run_id=repeat.run_id, seq=repeat.seq,
                                 where=where, out=outcome.out_dir), markup=False)
    console = stderr_console()
    if not quiet:
        for item in outcome.policy_warnings:
            console.print(item.render(), markup=False)
        render.finding_summary(console, [f for f in outcome.findings
                                          if f.severity != "error"], outcome.document, language,
                               outcome.loaded)
    if as_json:
        typer.echo(json.dumps({
            "run_id": outcome.run_id, "out_dir": str(outcome.out_dir),
            "policy": outcome.document["policy"], "as_of": outcome.document["as_of"],
            "as_of_origin": outcome.as_of.origin, "counts": outcome.document["counts"],
            "selection": outcome.document["selection"], "result_sha256": outcome.result_sha256,
            **({"repeats": vars(repeat)} if repeat is not None else {}),
        }, ensure_ascii=False, sort_keys=True))
    elif not quiet:
        render.score_summary(console, outcome.document, str(outcome.out_dir), language,
                             outcome.columns_used)


@app.command()
def explain(
    run_dir: Annotated[Path, typer.Argument(help="A run directory written by 'score'")],
    nip: Annotated[str, typer.Argument(help="The person's NIP")],
    lang: Annotated[Lang, typer.Option(help="Language of the explanation", envvar=LANG_ENV)
                    ] = Lang.id,
    output_format: Annotated[Format, typer.Option("--format")] = Format.text,
) -> None:
    """Explain one person's result: every gate with its values, and how each point was earned."""
    from asn_merit import pipeline  # heavy (pandas, scipy, matplotlib): load on use

    document = _guard(lambda: pipeline.load_result(run_dir))
    wanted = "".join(nip.split())
    person = _guard(lambda: pipeline.find_person(run_dir, document, wanted))
    if person is None:
        if logs.SETTINGS.json:  # the log names no one
            logs.json_line("error", "explain.not-found", "the NIP is not in this result")
        else:
            stderr_console().print(t("explain.not_found", lang.value, id=wanted), markup=False)
        raise typer.Exit(int(ExitCode.USAGE))
    if output_format == Format.json:
        typer.echo(json.dumps(person, ensure_ascii=False, sort_keys=True, indent=2))
        return
    from asn_merit.reports.selection_view import run_group_ahead
    from asn_merit.reports.vocabulary import Vocabulary

    ahead = _guard(lambda: run_group_ahead(run_dir, document, person))
    vocab = Vocabulary(lang.value, pipeline.recorded_policy(run_dir), document.get("rules", []))
    typer.echo("\n".join(render.explanation(document, person, vocab, vocab.population(), ahead)))


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@policy_app.command("check")
def policy_check(
    file: Annotated[Path, typer.Argument(help="Policy YAML")],
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", help="github: one workflow-command annotation per problem")] = CheckFormat.text,
    ledger: LedgerOption = None,
) -> None:
    """Load and check a policy without scoring anything (exit 3 when it is invalid).

    With a ledger (never created here), a recorded id+version with other content is an error.
    """
    from asn_merit.rules.check_report import github_annotation, version_reused
    from asn_merit.rules.loader import LoadedPolicy, load_policy

    github = output_format == CheckFormat.github

    def check() -> LoadedPolicy:
        try:
            loaded = load_policy(file)
            reused = version_reused(loaded, _ledger(ledger))
            if reused:
                raise PolicyError([*reused, *loaded.warnings])
            return loaded
        except PolicyError as exc:
            if github:  # annotations on stdout; the usual text still goes to stderr
                typer.echo("\n".join(github_annotation(d) for d in exc.diagnostics))
            raise

    loaded = _guard(check, output_format == CheckFormat.json)
    if output_format == CheckFormat.json:
        typer.echo(json.dumps({"ok": True, "policy": loaded.policy.policy.id,
                               "version": loaded.policy.policy.version,
                               "canonical_sha256": loaded.canonical_sha256,
                               "diagnostics": [d.to_dict() for d in loaded.warnings]}))
        return
    if github:
        for item in loaded.warnings:
            typer.echo(github_annotation(item))
    else:
        render.diagnostics(stderr_console(), loaded.warnings)
    typer.echo(f"{file}: ok ({loaded.policy.policy.id}@{loaded.policy.policy.version}, "
               f"canonical sha256 {loaded.canonical_sha256})")


@policy_app.command("test")
def policy_test(
    file: Annotated[Path, typer.Argument(help="Policy YAML")],
    fixtures: Annotated[Path | None, typer.Option(help="Fixture file (default: FILE with "
                                                       ".tests.yaml beside it)")] = None,
    output_format: Annotated[Format, typer.Option("--format")] = Format.text,
) -> None:
    """Run the example people beside a policy and report every outcome that differs (exit 1)."""
    from asn_merit.rules.fixtures import fixture_path, run_fixtures
    from asn_merit.rules.loader import load_policy

    path = fixtures or fixture_path(file)
    report = _guard(lambda: run_fixtures(load_policy(file), path), output_format == Format.json)
    if output_format == Format.json:
        typer.echo(json.dumps({"fixtures": str(path), "people": report.people, "ok": report.ok,
                               "mismatches": [vars(m) for m in report.mismatches]},
                              ensure_ascii=False, default=str))
    else:
        for m in report.mismatches:
            typer.echo(f"FAIL {m.person} {m.what}: expected {m.expected}, got {m.actual}")
        verdict = "ok" if report.ok else f"{len(report.mismatches)} mismatch(es)"
        typer.echo(f"{path}: {report.people} people, {verdict}")
    if not report.ok:
        raise typer.Exit(int(ExitCode.FINDINGS))


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


@policy_app.command("diff")
def policy_diff(
    old: Annotated[Path, typer.Argument(help="The policy in force")],
    new: Annotated[Path, typer.Argument(help="The proposed policy")],
    roster: Annotated[Path, typer.Option(help="Roster to measure the consequences on")],
    as_of: Annotated[str | None, typer.Option(help="Reference date (default: the new policy's)")
                     ] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format")] = DiffFormat.text,
    lang: Annotated[Lang | None, typer.Option(envvar=LANG_ENV,
                                              help="HTML language (default: the new policy's "
                                                   "reporting language)")] = None,
    out: Annotated[Path | None, typer.Option(help="With --format html, write the page here "
                                                  "instead of stdout")] = None,
) -> None:
    """Rules added, removed and changed; who changes eligibility or crosses the cut line."""
    from asn_merit import pipeline  # heavy (pandas, scipy, matplotlib): load on use

    reference = _parse_date(as_of)
    if out is not None and output_format != DiffFormat.html:
        raise typer.BadParameter("--out needs --format html", param_hint="--out")
    if output_format == DiffFormat.html:
        if out is not None:
            from asn_merit.paths import output_file

            _guard(lambda: output_file(out))
        _policy_diff_html(old, new, roster, reference, lang, out)
        return
    diff = _guard(lambda: pipeline.run_policy_diff(old, new, roster, reference),
                  output_format == DiffFormat.json)
    if output_format == DiffFormat.json:
        typer.echo(json.dumps(diff.to_dict(), ensure_ascii=False, sort_keys=True))
        return
    typer.echo(f"{diff.old} -> {diff.new}")
    for change in diff.rules:
        detail = f" ({', '.join(change.fields)})" if change.fields else ""
        typer.echo(f"  rule {change.change:<8} {change.rule}{detail}")
    for section in diff.settings:
        typer.echo(f"  section changed   {section}")
    for key, (a, b) in diff.counts.items():
        typer.echo(f"  {key:<13} {a:>6} -> {b:<6}" + ("" if a == b else f" ({b - a:+d})"))
    typer.echo(f"  cut line      {diff.cut_line[0]} -> {diff.cut_line[1]}")
    for attribute, (a, b) in diff.fairness.items():
        typer.echo(f"  worst impact ratio {attribute}: {a} -> {b}")
    for title, people in (("eligibility changes", diff.eligibility),
                          ("crossing the cut line", diff.selection)):
        typer.echo(f"{title}: {len(people)}")
        for p in people:
            typer.echo(f"  {p.id}  {p.before}  =>  {p.after}  [{'; '.join(p.why)}]")


def _policy_diff_html(old: Path, new: Path, roster: Path, reference: date | None,
                      lang: Lang | None, out: Path | None) -> None:
    """The approver's page: to `out`, or stdout when no file is given."""
    from asn_merit import pipeline
    from asn_merit.errors import InputOutputError
    from asn_merit.reports.diff_html import render_diff_html

    result = _guard(lambda: pipeline.run_policy_diff_full(old, new, roster, reference))
    language = lang.value if lang else result.new.policy.reporting.language
    html = _guard(lambda: render_diff_html(
        result.diff, language, old=result.old, new=result.new, documents=result.documents,
        roster=result.roster, as_of=result.as_of))
    if out is None:
        typer.echo(html, nl=not html.endswith("\n"))
        return

    def write() -> None:
        try:
            out.write_text(html, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise InputOutputError(f"cannot write {out}: {exc.strerror or exc}") from None

    _guard(write)


class DocFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"


@policy_app.command("show")
def policy_show(
    file: Annotated[Path, typer.Argument(help="Policy YAML")],
    output_format: Annotated[DocFormat, typer.Option("--format")] = DocFormat.text,
    lang: Annotated[Lang | None, typer.Option(help="Default: the policy's reporting language",
                                                    envvar=LANG_ENV)
                    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout")
                   ] = None,
) -> None:
    """The policy as a document a head of agency can approve and sign, with its canonical hash."""
    from asn_merit.paths import output_file
    from asn_merit.reports.policy_doc import render_policy
    from asn_merit.rules.loader import load_policy

    if out is not None:
        _guard(lambda: output_file(out))
    loaded = _guard(lambda: load_policy(file))
    language = lang.value if lang else loaded.policy.reporting.language
    text = _guard(lambda: render_policy(loaded, output_format.value, language))
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        _guard(lambda: out.write_text(text, encoding="utf-8", newline="\n"))


@policy_app.command("list")
def policy_list(lang: Annotated[Lang, typer.Option(help="Title language", envvar=LANG_ENV)
                                ] = Lang.id) -> None:
    """The shipped policies, one line each: id, version, kind, method, title; then the
    superseded versions kept for replaying old runs."""
    from asn_merit.catalog import shipped_policies, superseded_policies

    for entry in _guard(shipped_policies) + _guard(superseded_policies):
        typer.echo(entry.line(lang.value))


@app.command()
def init(
    template: Annotated[str, typer.Option(help="A shipped policy id (see 'policy list')")],
    out: Annotated[Path | None, typer.Option(help="File to write (default ./<id>.yaml)")] = None,
    new_id: Annotated[str | None, typer.Option("--id", help="Id of the copy (default "
                                                            "<template>-lokal)")] = None,
) -> None:
    """Copy a shipped policy for local editing, with a new id."""
    from asn_merit.catalog import init_template

    result = _guard(lambda: init_template(template, out, new_id))
    typer.echo(f"wrote {result.path} (id {result.policy_id}, from {result.template.id}) and "
               f"{result.schema} for editors")
    if result.fixtures is not None:
        typer.echo(f"wrote {result.fixtures} (example people; run 'asn-merit policy test "
                   f"{result.path}')")


class SchemaKind(StrEnum):
    policy = "policy"
    overrides = "overrides"
    fixtures = "fixtures"


@policy_app.command("schema")
def policy_schema(
    output: Annotated[Path | None, typer.Option(
        "--out", "--output", help="Write to this file, or into this folder as "
                                  "policy.v1.schema.json (the name policies' modeline uses)")
                      ] = None,
    kind: Annotated[SchemaKind, typer.Option(help="Which file the schema describes")
                    ] = SchemaKind.policy,
) -> None:
    """Print or write the JSON Schema (draft-07) for editor completion and validation."""
    from asn_merit import schemas

    name = {"policy": schemas.POLICY, "overrides": schemas.OVERRIDES,
            "fixtures": schemas.FIXTURES}[kind.value]
    if output is None:
        typer.echo(schemas.schema_text(name), nl=False)
        return
    written = _guard(lambda: _io(lambda: schemas.write_schema(name, output), output))
    stderr_console().print(f"wrote {written}; first line of a YAML file: "
                           f"{schemas.MODELINE}./{written.name}", markup=False)


def _io(action: Callable[[], T], path: Path) -> T:
    from asn_merit.errors import InputOutputError

    try:
        return action()
    except OSError as exc:
        raise InputOutputError(f"cannot write {path}: {exc.strerror or exc}") from None


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="File to write: .xlsx, .csv or .parquet")],
    rows: Annotated[int, typer.Option(min=1, help="Number of people")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same file)")] = 2026,
    with_errors: Annotated[bool, typer.Option(help="Write the small roster with planted "
                                                   "errors instead")] = False,
    extended: Annotated[bool, typer.Option(help="Add the columns the reward, training, talent "
                                                "and IP ASN policies read")] = False,
    applicants: Annotated[bool, typer.Option(help="CPNS applicants (SKD/SKB, formations) "
                                                  "instead of a staff roster")] = False,
    jf: Annotated[bool, typer.Option("--jf", help="Functional-post holders with credit points "
                                                  "(angka kredit) instead")] = False,
) -> None:
    """Write a synthetic roster (no real people) for trying the tool."""
    from asn_merit.sample import APPLICANTS_TITLE, generate_applicants
    from asn_merit.sample.generator import generate_roster, write_roster, write_roster_with_errors

    def body() -> None:
        if with_errors:
            for line in write_roster_with_errors(out):
                typer.echo(line)
        elif applicants:
            write_roster(generate_applicants(rows, seed), out, title=APPLICANTS_TITLE)
        elif jf:
            from asn_merit.sample.jf import JF_TITLE, generate_jf_roster
            write_roster(generate_jf_roster(rows, seed), out, title=JF_TITLE)
        else:
            write_roster(generate_roster(rows, seed, extended=extended), out)

    _guard(body)
    stderr_console().print(f"wrote {out}", markup=False)


class FailOn(StrEnum):
    finding = "finding"
    watch = "watch"
    never = "never"


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _audit_settings(reference: list[str], by: tuple[str, ...], min_group_size: int | None,
                    min_share: float | None) -> Any:
    """The decisions-file audit's settings from its options (defaults where not given)."""
    from asn_merit.fairness import AuditSettings

    pinned: dict[str, str] = {}
    for item in reference:
        attribute, sep, group = item.partition("=")
        if not sep and len(by) != 1:
            raise typer.BadParameter("give ATTRIBUTE=GROUP when auditing several attributes",
                                     param_hint="--reference")
        attribute, group = (attribute, group) if sep else (by[0], item)
        if not attribute.strip() or not group.strip():
            raise typer.BadParameter(f"{item!r}: expected ATTRIBUTE=GROUP",
                                     param_hint="--reference")
        pinned[attribute.strip()] = group.strip()
    given: dict[str, Any] = {"reference_groups": pinned}
    if min_group_size is not None:
        given["min_group_size"] = min_group_size
    if min_share is not None:
        given["reference_min_share"] = min_share
    return AuditSettings(**given)


@app.command()
def audit(
    sources: Annotated[list[Path], typer.Argument(
        help="A run directory from 'score', or decisions file(s) (xlsx, csv, parquet; several "
             "files with the same columns are read as one)", metavar="SOURCE...")],
    outcome: Annotated[list[str], typer.Option(help="0/1, ya/tidak, yes/no column; repeat for "
                                                    "the stages of one process, in order")] = [],  # noqa: B006
    by: Annotated[list[str], typer.Option(help="Protected attribute column(s), comma-separated"
                                          )] = [],  # noqa: B006
    intersect: Annotated[list[str], typer.Option(help="Intersection such as "
                                                      "'Jenis Kelamin*Agama'")] = [],  # noqa: B006
    score_column: Annotated[str | None, typer.Option("--score", help="Continuous score column")
                            ] = None,
    strata: Annotated[str | None, typer.Option(help="Stratify (CMH) by this column")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet name (default: the first)")] = None,
    out: Annotated[Path | None, typer.Option(help="Write audit.json, audit.xlsx, manifest")
                   ] = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a group reaches this status")
                       ] = FailOn.finding,
    lang: Annotated[Lang, typer.Option(help="Language of the summary and workbook",
                                             envvar=LANG_ENV)] = Lang.id,
    ledger: LedgerOption = None,
    output_format: Annotated[Format, typer.Option("--format", help="json: the full result on "
                                                                    "stdout")] = Format.text,
    html: Annotated[bool, typer.Option(help="With --out, also write audit.html")] = True,
    reference: Annotated[list[str], typer.Option(
        help="Decisions file: pin an attribute's reference group, ATTRIBUTE=GROUP (just GROUP "
             "with one --by); repeat per attribute")] = [],  # noqa: B006
    min_group_size: Annotated[int | None, typer.Option(
        help="Decisions file: groups with fewer rows are suppressed (default 10)", min=0)] = None,
    min_share: Annotated[float | None, typer.Option(
        help="Decisions file: groups below this share of known rows are shown but not judged "
             "(default 0.02)", min=0.0, max=0.999)] = None,
) -> None:
    """Adverse-impact audit (4/5 rule with significance tests) of a run or of past decisions."""
    from asn_merit import pipeline  # heavy (pandas, scipy, matplotlib): load on use

    source = sources[0]
    is_run = source.is_dir()
    if is_run and len(sources) > 1:
        raise typer.BadParameter("give one run directory, or decisions files", param_hint="SOURCE")
    if not is_run and (not outcome or not by):
        raise typer.BadParameter("a decisions file needs --outcome and --by", param_hint="SOURCE")
    if is_run and (reference or min_group_size is not None or min_share is not None):
        raise typer.BadParameter("--reference, --min-group-size and --min-share are for a "
                                 "decisions file; a run's audit follows its policy's fairness "
                                 "settings", param_hint="SOURCE")
    request = None if is_run else pipeline.FileAuditRequest(
        source, _split(outcome), _split(by),
        tuple(tuple(p.strip() for p in i.split("*")) for i in intersect), score_column, strata,
        sheet, more_paths=tuple(sources[1:]),
        settings=_audit_settings(reference, _split(by), min_group_size, min_share))
    result = _guard(lambda: pipeline.run_audit(
        source if is_run else None, request, out, _ledger(ledger) if out
        else None, lang.value, tuple(sys.argv[1:]), html), output_format == Format.json)
    if output_format == Format.json:
        typer.echo(json.dumps(result.document, ensure_ascii=False, sort_keys=True))
    else:
        from asn_merit.fairness import summary_lines

        console = stderr_console()
        for line in summary_lines(result.result, lang.value):
            console.print(line, markup=False)
        if result.out_dir is not None:
            console.print(f"{t('summary.out_dir', lang.value)}: {result.out_dir}", markup=False)
        else:
            console.print(t("cli.audit_no_out", lang.value), markup=False)
    if result.exceeds(fail_on.value):
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command()
def check(
    roster: Annotated[Path, typer.Argument(help="Roster file: xlsx, csv or parquet")],
    as_of: Annotated[str | None, typer.Option(help="Reference date YYYY-MM-DD (default: today)")
                     ] = None,
    only: Annotated[list[str], typer.Option(help="Only these check ids, comma-separated")
                    ] = [],  # noqa: B006
    declarations: Annotated[Path | None, typer.Option(help="Declared relations (assessor NIP, "
                                                           "candidate NIP, relation)")] = None,
    panel: Annotated[Path | None, typer.Option(help="Panel scores and decisions")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet name")] = None,
    out: Annotated[Path | None, typer.Option(help="Write checks.json, checks.xlsx, manifest")
                   ] = None,
    fail_on: Annotated[str, typer.Option(help="error, warning, info or never")] = "error",
    lang: Annotated[Lang, typer.Option(help="Language of the summary and workbook",
                                             envvar=LANG_ENV)] = Lang.id,
    ledger: LedgerOption = None,
    output_format: Annotated[Format, typer.Option("--format")] = Format.text,
) -> None:
    """Merit-system checks an Inspektorat runs: ratings, overdue promotions, anomalies, conflicts,
    training access."""
    from asn_merit import pipeline  # heavy (pandas, scipy, matplotlib): load on use
    from asn_merit.oversight import FAIL_ON, summary_lines, to_dict

    if fail_on not in FAIL_ON:
        raise typer.BadParameter(f"--fail-on takes one of {', '.join(FAIL_ON)}")
    reference = _parse_date(as_of)
    report = _guard(lambda: pipeline.run_oversight(
        roster, reference, _split(only) or None, declarations, panel, sheet, out,
        _ledger(ledger) if out else None, lang.value, tuple(sys.argv[1:])),
        output_format == Format.json)
    if output_format == Format.json:
        typer.echo(json.dumps(to_dict(report), ensure_ascii=False, sort_keys=True))
    else:
        console = stderr_console()
        for line in summary_lines(report, lang.value):
            console.print(line, markup=False)
        console.print(f"{t('summary.out_dir', lang.value)}: {out}" if out is not None
                      else t("cli.check_no_out", lang.value), markup=False)
    if report.fails(fail_on):
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command()
def verify(
    run_dir: Annotated[Path, typer.Argument(help="A run directory")],
    ledger: LedgerOption = None,
    replay: Annotated[bool, typer.Option(help="Score again and compare result hashes")] = False,
    roster: Annotated[Path | None, typer.Option(help="The run's roster (for --replay)")] = None,
    policy: Annotated[Path | None, typer.Option(help="The run's policy (for --replay)")] = None,
    output_format: Annotated[Format, typer.Option("--format")] = Format.text,
    overrides: Annotated[Path | None, typer.Option(
        help="The run's overrides file (for --replay; default: the path in the manifest)")
                         ] = None,
) -> None:
    """Re-check a run: output hashes, manifest, trace invariants, ledger chain (exit 5 if not)."""
    from asn_merit import pipeline  # heavy (pandas, scipy, matplotlib): load on use

    if replay and (roster is None or policy is None):
        raise typer.BadParameter("--replay needs --roster and --policy")
    checks = _guard(lambda: pipeline.run_verify(run_dir, ledger))
    failed = next((c for c in checks if not c.ok), None)
    report: dict[str, object] = {"ok": failed is None,
                                 "checks": [vars(c) for c in checks]}
    if failed is None and replay:
        assert roster is not None and policy is not None
        outcome = _guard(lambda: pipeline.run_replay(run_dir, roster, policy, overrides))
        report["replay"] = vars(outcome)
        if not outcome.ok:
            report["ok"] = False
    if output_format == Format.json:
        typer.echo(json.dumps(report, ensure_ascii=False, default=list))
    else:
        for check in checks:
            typer.echo(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}")
        if "replay" in report:
            typer.echo(_replay_text(report["replay"]))  # type: ignore[arg-type]
    if not report["ok"]:
        raise typer.Exit(int(ExitCode.VERIFY_FAILED))


def _replay_text(replay: dict) -> str:
    lines = [f"{'ok  ' if replay['ok'] else 'FAIL'} replay: recorded {replay['recorded_sha256']}"
             f", replayed {replay['replayed_sha256']}"]
    if replay["first_difference"]:
        lines.append(f"     first difference: {replay['first_difference']}")
    for name, (then, now) in replay["version_differences"].items():
        lines.append(f"     version differs: {name} {then} -> {now}")
    return "\n".join(lines)


@ledger_app.command("verify")
def ledger_verify(
    ledger: LedgerOption = None,
    anchor: Annotated[str | None, typer.Option(help="SEQ:HASH written in the signed minutes")
                      ] = None,
) -> None:
    """Walk the whole chain (and check an anchored head is still on it): exit 5 if broken."""

    def body() -> tuple[ChainReport, bool | None]:
        with Ledger.open(_ledger(ledger), create=False) as store:
            anchored = None
            if anchor is not None:
                seq, _, digest = anchor.partition(":")
                if not seq.isdigit() or not digest:
                    raise UsageError("--anchor takes SEQ:HASH, as printed by 'ledger anchor'")
                anchored = store.verify_anchor(int(seq), digest)
            return store.verify_chain(), anchored

    report, anchored = _guard(body)
    if report.ok:
        typer.echo(f"ok   chain of {report.entries_checked} entries intact; head {report.head}")
    else:
        typer.echo(f"FAIL chain broken at seq {report.broken_seq}: {report.reason}")
    if not report.triggers_intact:
        typer.echo("warn the append-only triggers are missing: someone altered the ledger schema")
    if anchored is not None:
        verdict = "is on the chain" if anchored else "is NOT on the chain"
        typer.echo(f"{'ok  ' if anchored else 'FAIL'} anchor {anchor} {verdict}")
    if not report.ok or anchored is False:
        raise typer.Exit(int(ExitCode.VERIFY_FAILED))


@ledger_app.command("show")
def ledger_show(
    run_id: Annotated[str, typer.Argument(help="A run id, as printed by 'history' or in "
                                               "manifest.json")],
    ledger: LedgerOption = None,
    output_format: Annotated[Format, typer.Option("--format")] = Format.text,
    lang: Annotated[Lang, typer.Option(envvar=LANG_ENV)] = Lang.id,
) -> None:
    """Show one recorded run: kind, policy, input/result/manifest hashes, chain position."""
    def body() -> LedgerEntry | None:
        with Ledger.open(_ledger(ledger), create=False) as store:
            return store.find_run(run_id)

    entry = _guard(body)
    if entry is None:
        stderr_console().print(t("cli.ledger_no_run", lang.value, run_id=run_id), markup=False)
        raise typer.Exit(int(ExitCode.USAGE))
    if output_format == Format.json:
        typer.echo(json.dumps({**vars(entry), "summary": entry.summary_data},
                              ensure_ascii=False, sort_keys=True))
        return
    for line in render.ledger_entry_lines(entry, lang.value):
        typer.echo(line)


@ledger_app.command("anchor")
def ledger_anchor(ledger: LedgerOption = None) -> None:
    """Print the head as SEQ:HASH, to write into the signed minutes (berita acara)."""
    def body() -> tuple[int, str] | None:
        with Ledger.open(_ledger(ledger), create=False) as store:
            return store.head()

    head = _guard(body)
    if head is None:
        stderr_console().print("the ledger is empty", markup=False)
        raise typer.Exit(int(ExitCode.USAGE))
    typer.echo(f"{head[0]}:{head[1]}")


@app.command()
def history(
    policy: Annotated[str | None, typer.Option(help="Only runs of this policy id")] = None,
    ledger: LedgerOption = None,
    output_format: Annotated[Format, typer.Option("--format")] = Format.text,
    lang: Annotated[Lang, typer.Option(envvar=LANG_ENV)] = Lang.id,
) -> None:
    """List recorded runs over time with their headline figures."""
    def body() -> list:
        with Ledger.open(_ledger(ledger), create=False) as store:
            return store.history(policy)

    entries = _guard(body)
    rows = [{"seq": e.seq, "run_id": e.run_id, "kind": render.entry_kind(e.kind, e.summary_data),
             "recorded_at": e.recorded_at,
             "policy": f"{e.policy_id}@{e.policy_version}" if e.policy_id else None,
             "result_sha256": e.result_sha256, **e.summary_data} for e in entries]
    if output_format == Format.json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for line in render.history_lines(rows, lang.value):
        typer.echo(line)


def _print_version() -> NoReturn:
    typer.echo(f"asn-merit {__version__}")
    raise typer.Exit()


@app.command()
def version() -> None:
    """Print the asn-merit version (as --version)."""
    _print_version()


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so staging folders are removed and the ledger untouched."""
    raise SystemExit(int(ExitCode.TERMINATED))


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    protect_streams()
    try:
        app(prog_name="asn-merit")
    except Exception:  # outside every command's guard: still exit 70, never Python's 1
        _report_internal_error()
        sys.exit(int(ExitCode.INTERNAL))


if __name__ == "__main__":  # pragma: no cover
    main()
