"""The `asn-merit` entry point: a first line on a terminal before the heavy imports.

Importing typer, rich, pandas and scipy takes seconds on a loaded office PC; a user who sees
nothing for that long presses Ctrl-C or runs the command again. So, on an interactive terminal
only (never for cron, pipes or --quiet/--format json), the command's first line is written
before anything else is imported.
"""

from __future__ import annotations

import os
import sys

HEAVY = {"score", "audit", "check", "verify"}
QUIET = {"--quiet", "-q", "--format", "--log-format", "--help"}


def first_line(argv: list[str]) -> str | None:
    """What to print at once for `argv` (without the program name), or None."""
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in HEAVY or any(a.split("=")[0] in QUIET for a in argv):
        return None
    from asn_merit.reports.i18n import t  # a plain dict: imports nothing heavy

    lang = os.environ.get("ASN_MERIT_LANG", "id")
    if "--lang" in argv[:-1]:
        lang = argv[argv.index("--lang") + 1]
    return t(f"cli.starting.{command}", lang if lang in ("id", "en") else "id")


def main() -> None:
    line = first_line(sys.argv[1:]) if sys.stderr.isatty() else None
    if line:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    from asn_merit.cli import main as cli_main

    cli_main()
