"""Where output goes: payload on stdout only when asked, everything else on stderr.

rich renders tables on a terminal and plain text elsewhere (cron, pipes), with no colour.
"""

from __future__ import annotations

import sys

from rich.console import Console


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
