"""Where output goes: payload on stdout only when asked, everything else on stderr.

rich renders tables on a terminal and plain text elsewhere (cron, pipes), with no colour.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


STEPS = {"reading": "Membaca roster / reading the roster",
         "scoring": "Menilai / scoring",
         "writing": "Menulis ranking.xlsx / writing ranking.xlsx",
         "report": "Menyusun report.html / building report.html"}


@contextmanager
def progress_reporter(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A spinner naming the current step on a terminal; nothing in batch or with --quiet."""
    console = stderr_console()
    if not enabled or not console.is_terminal:
        yield lambda step: None
        return
    with console.status("") as status:
        yield lambda step: status.update(STEPS.get(step, step))
