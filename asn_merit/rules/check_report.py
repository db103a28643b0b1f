"""What `policy check` adds around the loader: the ledger's memory of versions, and output for CI.

The ledger lookup lives here, not in the loader, because loading stays a pure function of the
file (score checks the ledger itself, under its lock); `policy check` only warns early, so an
author bumps the version before the edited policy reaches a scoring run.
"""

from __future__ import annotations

from pathlib import Path

from asn_merit.diagnostics import Diagnostic, Severity
from asn_merit.ledger.store import Ledger, PolicyVersionConflict
from asn_merit.rules.loader import LoadedPolicy

GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def version_reused(loaded: LoadedPolicy, ledger_path: Path) -> list[Diagnostic]:
    """`policy.version-reused` when the ledger recorded this id+version with other content.

    No ledger file means nothing was ever recorded: skip without creating one, since a check
    must not leave files behind.
    """
    if not ledger_path.is_file():
        return []
    meta = loaded.policy.policy
    with Ledger.open(ledger_path, create=False) as ledger:
        try:
            ledger.check_policy(meta.id, meta.version, loaded.canonical_sha256)
        except PolicyVersionConflict as conflict:
            where = ("policy", "version")
            return [Diagnostic(
                "policy.version-reused",
                f"{meta.id} version {meta.version!r} was recorded by run "
                f"{conflict.first_run_id} with canonical sha256 {conflict.recorded_sha256}; "
                f"this file's content differs ({loaded.canonical_sha256})",
                Severity.ERROR, loaded.source_map.value_span(where), "policy.version",
                "bump policy.version: a recorded version must keep its content, so every run "
                "under it can be replayed")]
    return []


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(item: Diagnostic) -> str:
    """One GitHub Actions workflow command, so CI shows the problem on the policy's line."""
    props: list[tuple[str, str]] = []
    if item.span is not None:
        props += [("file", item.span.file), ("line", str(item.span.line)),
                  ("col", str(item.span.column))]
    props.append(("title", item.code))
    message = f"{item.message} ({item.hint})" if item.hint else item.message
    head = ",".join(f"{key}={_escape_property(value)}" for key, value in props)
    return f"::{GITHUB_COMMANDS[item.severity]} {head}::{_escape_data(message)}"
