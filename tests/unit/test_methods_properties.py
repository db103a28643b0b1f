"""Invariants of SAW, WP and TOPSIS on random decision matrices: row order does not matter,
improving on a benefit criterion never hurts, and a benefit column's unit does not matter."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from asn_merit.scoring.methods import Criterion, MethodResult, saw, topsis, weighted_product

Method = Callable[[np.ndarray, list[Criterion]], MethodResult]
Problem = tuple[np.ndarray, list[Criterion]]

SAW: dict[str, Method] = {
    f"saw-{n}": lambda x, c, n=n: saw(x, c, normalisation=n) for n in ("ratio", "minmax", "sum")
}
TOPSIS: dict[str, Method] = {
    f"topsis-{n}": lambda x, c, n=n: topsis(x, c, normalisation=n) for n in ("vector", "minmax")
}
ALL: dict[str, Method] = SAW | TOPSIS | {"wp": weighted_product}

VALUES = st.floats(min_value=0.5, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """A positive decision matrix (so every method accepts it) with at least one benefit
    criterion, listed first."""
    rows = draw(st.integers(min_value=1, max_value=8))
    columns = draw(st.integers(min_value=1, max_value=5))
    x = draw(arrays(np.float64, (rows, columns), elements=VALUES))
    weights = draw(st.lists(st.floats(min_value=0.01, max_value=10), min_size=columns,
                            max_size=columns))
    kinds = [True, *draw(st.lists(st.booleans(), min_size=columns - 1, max_size=columns - 1))]
    return x, [Criterion(f"c{j}", w, b) for j, (w, b) in enumerate(zip(weights, kinds,
                                                                       strict=True))]


def assert_same_order(before: np.ndarray, after: np.ndarray, tolerance: float = 1e-9) -> None:
    """Every pair clearly ordered before is ordered the same way after."""
    clearly_above = before[:, None] - before[None, :] > tolerance
    assert (after[:, None] > after[None, :])[clearly_above].all()


def rank(score: np.ndarray, who: int, tolerance: float) -> int:
    """1 + the number of others scoring above `who` by more than `tolerance`."""
    return 1 + int((np.delete(score, who) > score[who] + tolerance).sum())


@given(problems(), st.data(), st.sampled_from(sorted(ALL)))
def test_row_order_does_not_change_scores(problem: Problem, data: st.DataObject, name: str) -> None:
    x, criteria = problem
    permutation = np.array(data.draw(st.permutations(range(len(x)))))
    before = ALL[name](x, criteria).score
    after = ALL[name](x[permutation], criteria).score
    np.testing.assert_allclose(after, before[permutation], rtol=1e-12, atol=1e-12)


@given(problems(), st.data(), st.sampled_from([*sorted(SAW), "wp"]))
def test_raising_a_benefit_value_never_lowers_that_score_or_rank(problem: Problem,
                                                                 data: st.DataObject,
                                                                 name: str) -> None:
    x, criteria = problem
    who = data.draw(st.integers(min_value=0, max_value=len(x) - 1))
    column = data.draw(st.sampled_from([j for j, c in enumerate(criteria) if c.benefit]))
    raised = x.copy()
    raised[who, column] += data.draw(st.floats(min_value=1e-6, max_value=100))
    before = ALL[name](x, criteria).score
    after = ALL[name](raised, criteria).score
    assert after[who] >= before[who] - 1e-12
    # the looser tolerance before absorbs rounding in the others' recomputed scores
    assert rank(after, who, 1e-12) <= rank(before, who, 0.5e-12)


@given(problems(), st.data(), st.sampled_from(sorted(SAW | TOPSIS)))
def test_rescaling_a_benefit_column_keeps_the_ranking(problem: Problem, data: st.DataObject,
                                                      name: str) -> None:
    x, criteria = problem
    column = data.draw(st.sampled_from([j for j, c in enumerate(criteria) if c.benefit]))
    rescaled = x.copy()
    rescaled[:, column] *= data.draw(st.floats(min_value=1e-3, max_value=1e3))
    before = ALL[name](x, criteria).score
    after = ALL[name](rescaled, criteria).score
    np.testing.assert_allclose(after, before, rtol=1e-9, atol=1e-12)
    assert_same_order(before, after)


@given(problems())
def test_scores_stay_in_their_ranges(problem: Problem) -> None:
    x, criteria = problem
    for name in ("saw-ratio", "saw-minmax", "topsis-vector", "topsis-minmax"):
        score = ALL[name](x, criteria).score
        assert ((score >= -1e-12) & (score <= 1 + 1e-12)).all(), name
    assert np.isclose(weighted_product(x, criteria).score.sum(), 1.0)
