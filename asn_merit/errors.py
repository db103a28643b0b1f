"""Exceptions that carry their exit code, so the CLI maps failures without guessing."""

from __future__ import annotations

from collections.abc import Sequence

from asn_merit.diagnostics import Diagnostic, RosterFinding
from asn_merit.exit_codes import ExitCode


class AsnMeritError(Exception):
    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(AsnMeritError):
    exit_code = ExitCode.USAGE


class PolicyError(AsnMeritError):
    """The policy did not load; carries every diagnostic, not just the first."""

    exit_code = ExitCode.POLICY_INVALID

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__(f"{len(self.diagnostics)} policy problem(s)")


class RosterError(AsnMeritError):
    """The roster broke the column contract; carries every finding."""

    exit_code = ExitCode.ROSTER_INVALID

    def __init__(self, findings: Sequence[RosterFinding]):
        self.findings = list(findings)
        super().__init__(f"{len(self.findings)} roster problem(s)")


class VerificationError(AsnMeritError):
    exit_code = ExitCode.VERIFY_FAILED


class InputOutputError(AsnMeritError):
    exit_code = ExitCode.IO_ERROR


class LockBusyError(AsnMeritError):
    exit_code = ExitCode.LOCKED
