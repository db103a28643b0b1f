"""Which group every other group is compared with: the rule changes conclusions, so it is explicit.

UGESP 4(D) and LL144 use the highest-rate group; ties go to the larger group, then the name, and
are reported. Largest-group and no-exclusion variants are computed for sensitivity only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from asn_merit.fairness.impact import Counts


@dataclass(frozen=True)
class ReferenceChoice:
    index: int | None
    rule: str
    """"highest_rate", "pinned", or "none" when no group qualifies."""
    tied_with: tuple[int, ...]
    """Other candidates with exactly the same rate as the chosen highest-rate group."""
    note: str


def highest_rate(
    counts: Sequence[Counts], labels: Sequence[str], candidates: Sequence[bool]
) -> tuple[int | None, tuple[int, ...]]:
    """Highest exact rate; ties → larger n → lexical name. Returns (index, tied indices)."""
    pool = [i for i, ok in enumerate(candidates) if ok and counts[i].n > 0]
    if not pool:
        return None, ()
    best = min(pool, key=lambda i: (-Fraction(counts[i].x, counts[i].n), -counts[i].n, labels[i]))
    top = Fraction(counts[best].x, counts[best].n)
    tied = tuple(i for i in pool if i != best and Fraction(counts[i].x, counts[i].n) == top)
    return best, tied


def largest(
    counts: Sequence[Counts], labels: Sequence[str], candidates: Sequence[bool]
) -> int | None:
    """Largest group (Aequitas "maj"); ties → lexical name."""
    pool = [i for i, ok in enumerate(candidates) if ok and counts[i].n > 0]
    return min(pool, key=lambda i: (-counts[i].n, labels[i])) if pool else None


def choose_reference(
    counts: Sequence[Counts],
    labels: Sequence[str],
    eligible: Sequence[bool],
    pinned: str | None,
) -> ReferenceChoice:
    """The pinned group if present and eligible, else the highest-rate eligible group."""
    note = ""
    if pinned is not None:
        if pinned in labels and eligible[labels.index(pinned)]:
            return ReferenceChoice(
                labels.index(pinned), "pinned", (), f"reference pinned to {pinned!r}"
            )
        note = f"pinned reference {pinned!r} absent or not eligible here; highest-rate rule used. "
    index, tied = highest_rate(counts, labels, eligible)
    if index is None:
        return ReferenceChoice(None, "none", (), note + "no eligible group")
    if tied:
        names = ", ".join(labels[i] for i in tied)
        note += f"rate tie with {names}: chose larger n, then name"
    return ReferenceChoice(index, "highest_rate", tied, note.strip())
