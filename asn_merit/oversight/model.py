"""What a check is and what it reports, kept apart from how checks compute, so the CLI, the
JSON and the working paper all read the same objects."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from asn_merit.roster.reader import InputFile

if TYPE_CHECKING:
    from asn_merit.oversight.context import Context

Severity = Literal["error", "warning", "info"]
Status = Literal["fired", "clear", "skipped"]
SEVERITY_RANK: Mapping[str, int] = {"info": 0, "warning": 1, "error": 2}
FAIL_ON = ("error", "warning", "info", "never")

Text = Mapping[str, str]
"""A message in both report languages: {"id": ..., "en": ...}."""


def text(id_: str, en: str) -> Text:
    return {"id": id_, "en": en}


@dataclass(frozen=True)
class CheckInfo:
    """The documented rule: what it looks for, why it matters and where the rule comes from.

    ``needs`` lists the logical columns (see ``columns.ROSTER_COLUMNS``); ``"a|b"`` means
    either will do. A check whose needs are unmet is skipped, never an error.
    """

    id: str
    severity: Severity
    title: Text
    explanation: Text
    legal_basis: tuple[str, ...]
    confidence: str
    needs: tuple[str, ...]


@dataclass
class Outcome:
    """What a check function returns: the people or units concerned, aggregate figures and a
    one-sentence finding. A check fires exactly when ``rows`` is not empty."""

    rows: list[dict[str, Any]]
    summary: dict[str, Any]
    message: Text


class Skip(Exception):
    """Raised by a check whose inputs are present but cannot support it (e.g. no decisions)."""

    def __init__(self, reason: Text):
        super().__init__(reason["en"])
        self.reason = reason


@dataclass
class CheckResult:
    info: CheckInfo
    status: Status
    reason: Text
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    info: CheckInfo
    run: Callable[[Context], Outcome]


@dataclass
class CheckReport:
    """One run of the checks over one roster (and optional panel/declaration files)."""

    as_of: str
    source: InputFile
    columns: dict[str, str]  # logical name -> header found
    invalid_cells: dict[str, int]  # logical name -> non-blank cells that did not parse
    inputs: list[InputFile]  # panel and declaration files
    results: list[CheckResult]

    def fired(self, severity: str) -> list[CheckResult]:
        """Fired checks at or above ``severity``."""
        floor = SEVERITY_RANK[severity]
        return [r for r in self.results
                if r.status == "fired" and SEVERITY_RANK[r.info.severity] >= floor]

    def fails(self, fail_on: str = "error") -> bool:
        """True when the CLI should exit 1: a check at or above ``fail_on`` fired."""
        if fail_on not in FAIL_ON:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}")
        return fail_on != "never" and bool(self.fired(fail_on))
