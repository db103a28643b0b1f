"""Where output goes: payload on stdout only when asked, everything else on stderr.

rich renders tables on a terminal and plain text elsewhere (cron, pipes), with no colour.
On a narrow stream (Python on Windows writes redirected output in the ANSI code page, cp1252)
characters the code page lacks are transliterated once, here, instead of crashing the run.
"""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console

TRANSLITERATE = "asn-merit-transliterate"
# Characters our messages use that narrow code pages lack; anything else falls back to its
# decomposed ASCII letters, else "?".
ASCII_FORMS = {"→": "->", "←": "<-", "⇒": "=>", "⇔": "<=>", "↓": "v", "≥": ">=", "≤": "<=",
               "≠": "!=", "−": "-", "–": "-", "—": "--", "…": "...", "×": "x", "÷": "/",
               "·": ".", "•": "*", "±": "+/-", "√": "sqrt", "Σ": "sum", "α": "alpha",
               "χ": "chi", "Φ": "Phi", "²": "2", "½": "1/2", "⌈": "ceil(", "⌉": ")",
               "“": '"', "”": '"', "‘": "'", "’": "'", "✓": "v", "✗": "x", "§": "par."}


def _ascii_form(char: str) -> str:
    if char in ASCII_FORMS:
        return ASCII_FORMS[char]
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return plain or "?"


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start:error.end]
    return "".join(_ascii_form(c) for c in chunk), error.end


codecs.register_error(TRANSLITERATE, _transliterate)


def _is_unicode(encoding: str | None) -> bool:
    return codecs.lookup(encoding or "ascii").name.startswith("utf")


def protect_streams() -> None:
    """Make stdout and stderr transliterate what their code page cannot encode (idempotent).

    A payload written to a cp1252 file (`explain … > file` on Windows) keeps every character
    the code page has, so Indonesian text survives; "→" becomes "->".
    """
    for stream in (sys.stdout, sys.stderr):
        if (isinstance(stream, io.TextIOWrapper) and not _is_unicode(stream.encoding)
                and stream.errors != TRANSLITERATE):
            stream.reconfigure(errors=TRANSLITERATE)


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
