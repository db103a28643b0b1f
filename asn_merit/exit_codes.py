"""Process exit codes: stable once released, so cron jobs can branch on them."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    POLICY_INVALID = 3
    ROSTER_INVALID = 4
    VERIFY_FAILED = 5
    IO_ERROR = 6
    INTERNAL = 70
    LOCKED = 75
    INTERRUPTED = 130
    TERMINATED = 143
