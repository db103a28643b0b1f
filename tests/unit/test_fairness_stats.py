"""Statistics cross-checked against scipy called independently, and exact-arithmetic properties."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import optimize, stats

from asn_merit.fairness.impact import (
    Counts,
    cohens_h,
    fisher,
    flip_flop,
    four_fifths_adverse,
    holm,
    impact_ratio,
    katz_interval,
    one_more,
    selections_to_pass,
    two_proportion_z,
    z_p_value,
)
from asn_merit.fairness.omnibus import omnibus_test
from asn_merit.fairness.rates import wilson_interval
from asn_merit.fairness.strata import mantel_haenszel


@st.composite
def pairs(draw: st.DrawFn, max_n: int = 400) -> tuple[Counts, Counts]:
    ng = draw(st.integers(1, max_n))
    nr = draw(st.integers(1, max_n))
    return Counts(ng, draw(st.integers(0, ng))), Counts(nr, draw(st.integers(0, nr)))


@given(pairs())
def test_four_fifths_flag_is_exact_rational_comparison(pair: tuple[Counts, Counts]) -> None:
    g, r = pair
    flag = four_fifths_adverse(g, r)
    if r.x == 0:
        assert flag is None
    else:
        assert flag == (Fraction(g.x, g.n) < Fraction(4, 5) * Fraction(r.x, r.n))


@given(pairs())
def test_selections_to_pass_is_the_minimum_that_clears(pair: tuple[Counts, Counts]) -> None:
    g, r = pair
    need = selections_to_pass(g, r)
    if r.x == 0:
        assert need is None
        return
    assert g.x + need <= g.n
    assert four_fifths_adverse(Counts(g.n, g.x + need), r) is False
    if need > 0:
        assert four_fifths_adverse(Counts(g.n, g.x + need - 1), r) is True


@given(pairs())
def test_flip_flop_and_one_more_match_fractions(pair: tuple[Counts, Counts]) -> None:
    g, r = pair
    assert flip_flop(g, r) == (Fraction(g.x + 1, g.n) > Fraction(r.x - 1, r.n))
    more = one_more(g, r)
    if more is not None:
        assert more[1] == (Fraction(g.x + 1, g.n) / Fraction(r.x, r.n) >= Fraction(4, 5))


@given(pairs())
def test_z_squared_equals_uncorrected_chi_square(pair: tuple[Counts, Counts]) -> None:
    g, r = pair
    z = two_proportion_z(g, r)
    if g.x + r.x in (0, g.n + r.n):
        assert z is None
        return
    table = [[g.x, g.n - g.x], [r.x, r.n - r.x]]
    res = stats.chi2_contingency(table, correction=False)
    assert z**2 == pytest.approx(res.statistic, rel=1e-9)
    assert z_p_value(z) == pytest.approx(res.pvalue, rel=1e-7, abs=1e-300)
    if g.x * r.n != r.x * g.n:
        assert (z > 0) == (g.x * r.n > r.x * g.n)


@given(pairs(max_n=60))
def test_fisher_matches_scipy_and_mid_p_matches_hypergeometric_sum(
    pair: tuple[Counts, Counts],
) -> None:
    g, r = pair
    table = [[g.x, g.n - g.x], [r.x, r.n - r.x]]
    f = fisher(g, r)
    assert f.two_sided == stats.fisher_exact(table).pvalue
    assert f.less == stats.fisher_exact(table, alternative="less").pvalue
    pmf = stats.hypergeom(g.n + r.n, g.x + r.x, g.n).pmf
    assert f.mid_p == pytest.approx(sum(pmf(k) for k in range(g.x)) + pmf(g.x) / 2, abs=1e-12)


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_wilson_matches_scipy_binomtest(nx: tuple[int, int]) -> None:
    n, x = nx
    ci = stats.binomtest(x, n).proportion_ci(method="wilson")
    low, high = wilson_interval(x, n)
    assert low == pytest.approx(ci.low, abs=1e-12)
    assert high == pytest.approx(ci.high, abs=1e-12)


def test_wilson_is_none_for_empty_group() -> None:
    assert wilson_interval(0, 0) is None


def test_katz_interval_matches_the_log_formula() -> None:
    g, r = Counts(40, 12), Counts(80, 48)
    se = math.sqrt((1 - 0.3) / 12 + (1 - 0.6) / 48)
    zc = stats.norm.ppf(0.975)
    low, high = katz_interval(g, r)
    assert low == pytest.approx(math.exp(math.log(0.5) - zc * se))
    assert high == pytest.approx(math.exp(math.log(0.5) + zc * se))
    assert katz_interval(Counts(10, 3), Counts(10, 0)) is None


def test_cohens_h_sign_and_value() -> None:
    h = cohens_h(Counts(40, 12), Counts(80, 48))
    assert h == pytest.approx(2 * (math.asin(math.sqrt(0.6)) - math.asin(math.sqrt(0.3))))
    assert h > 0


def test_impact_ratio_undefined_without_reference_selections() -> None:
    assert impact_ratio(Counts(10, 3), Counts(10, 0)) is None
    assert impact_ratio(Counts(10, 0), Counts(10, 5)) == 0.0


def test_counts_reject_impossible_values() -> None:
    with pytest.raises(ValueError):
        Counts(5, 6)


def test_holm_known_values_and_none_skipped() -> None:
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm([None, 0.02, None, 0.5]) == [None, pytest.approx(0.04), None, 0.5]
    assert holm([]) == []


@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_holm_is_monotone_bounded_and_not_below_raw(ps: list[float]) -> None:
    adjusted = holm(ps)
    assert all(a >= p and a <= 1 for a, p in zip(adjusted, ps, strict=True))
    ordered = [a for _, a in sorted(zip(ps, adjusted, strict=True))]
    assert ordered == sorted(ordered)


def test_omnibus_matches_chi2_contingency() -> None:
    n, x = [120, 80, 60, 40], [30, 28, 12, 20]
    res = stats.chi2_contingency(
        [[xi, ni - xi] for ni, xi in zip(n, x, strict=True)], correction=False
    )
    o = omnibus_test(n, x)
    assert o.chi2 == pytest.approx(res.statistic) and o.p == pytest.approx(res.pvalue)
    assert o.df == 3 and not o.sparse and o.p_monte_carlo is None


def test_omnibus_sparse_table_gets_reproducible_monte_carlo_p() -> None:
    first = omnibus_test([200, 200, 3], [50, 80, 1], resamples=999, seed=7)
    again = omnibus_test([200, 200, 3], [50, 80, 1], resamples=999, seed=7)
    assert first.sparse and first.p_monte_carlo is not None
    assert first.p_monte_carlo == again.p_monte_carlo
    assert "expected count" in first.note


def test_omnibus_degenerate_tables() -> None:
    assert omnibus_test([10], [3]).p is None
    assert omnibus_test([10, 20], [0, 0]).note.startswith("nobody selected")
    assert omnibus_test([10, 20], [10, 20]).note.startswith("everybody selected")


# R datasets::mantelhaen.test "Rabbits" (penicillin level strata): focal = no delay,
# reference = 1.5 h delay, selected = cured. R prints X-squared = 3.9286, p-value = 0.04747
# (continuity corrected) and the Mantel–Haenszel common odds ratio 7.
RABBITS = {
    "g_n": np.array([6, 6, 6, 6, 2]),
    "g_x": np.array([0, 3, 6, 5, 2]),
    "r_n": np.array([5, 6, 6, 6, 5]),
    "r_x": np.array([0, 0, 2, 6, 5]),
}


def test_cmh_reproduces_r_mantelhaen_rabbits() -> None:
    res = mantel_haenszel("no delay", alpha=0.05, **RABBITS)
    assert round(res.chi2_corrected, 4) == 3.9286
    assert round(res.p_corrected, 5) == 0.04747
    assert res.common_odds_ratio == pytest.approx(7.0)
    assert res.strata_used == 3


def _breslow_day_brute_force(g_n, g_x, r_n, r_x, odds):
    """Solve each stratum's expected count with a root finder instead of the quadratic."""
    stat, a_sum, e_sum, v_sum, k = 0.0, 0.0, 0.0, 0.0, 0
    for n1, a, n0, c in zip(g_n, g_x, r_n, r_x, strict=True):
        m1 = a + c
        m0 = n1 + n0 - m1
        if min(n1, n0, m1, m0) == 0:
            continue
        lo, hi = max(0, m1 - n0), min(n1, m1)
        e = optimize.brentq(
            lambda t, n1=n1, n0=n0, m1=m1: t * (n0 - m1 + t) - odds * (n1 - t) * (m1 - t),
            lo + 1e-12,
            hi - 1e-12,
        )
        v = 1 / (1 / e + 1 / (n1 - e) + 1 / (m1 - e) + 1 / (n0 - m1 + e))
        stat += (a - e) ** 2 / v
        a_sum, e_sum, v_sum, k = a_sum + a, e_sum + e, v_sum + v, k + 1
    tarone = stat - (a_sum - e_sum) ** 2 / v_sum
    return tarone, stats.chi2.sf(tarone, k - 1)


def test_breslow_day_matches_independent_root_finding() -> None:
    data = {
        "g_n": np.array([120, 80, 200, 60]),
        "g_x": np.array([30, 40, 20, 45]),
        "r_n": np.array([150, 90, 180, 70]),
        "r_x": np.array([60, 30, 45, 20]),
    }
    res = mantel_haenszel("P", alpha=0.05, **data)
    stat, p = _breslow_day_brute_force(**data, odds=res.common_odds_ratio)
    assert res.breslow_day_chi2 == pytest.approx(stat, rel=1e-8)
    assert res.breslow_day_p == pytest.approx(p, rel=1e-8)
    assert res.breslow_day_df == 3
    assert res.heterogeneous is True and "Breslow–Day" in res.warning


def test_cmh_homogeneous_strata_and_uncorrected_chi_square() -> None:
    data = {
        "g_n": np.array([100, 100]),
        "g_x": np.array([20, 22]),
        "r_n": np.array([100, 100]),
        "r_x": np.array([40, 41]),
    }
    res = mantel_haenszel("P", alpha=0.05, **data)
    a = data["g_x"]
    n1, n0 = data["g_n"], data["r_n"]
    m1 = a + data["r_x"]
    t = n1 + n0
    delta = a.sum() - (n1 * m1 / t).sum()
    var = (n1 * n0 * m1 * (t - m1) / (t**2 * (t - 1))).sum()
    assert res.chi2 == pytest.approx(delta**2 / var)
    assert res.heterogeneous is False and res.simpson is False and res.warning == ""


def test_cmh_flags_simpson_reversal() -> None:
    # within each stratum the focal group does better, pooled it does worse
    data = {
        "g_n": np.array([100, 900]),
        "g_x": np.array([90, 270]),
        "r_n": np.array([900, 100]),
        "r_x": np.array([720, 20]),
    }
    res = mantel_haenszel("P", alpha=0.05, **data)
    assert res.common_odds_ratio > 1 > res.crude_odds_ratio
    assert res.simpson is True and "Simpson" in res.warning


def test_cmh_without_informative_strata() -> None:
    res = mantel_haenszel("P", np.array([5]), np.array([0]), np.array([5]), np.array([0]), 0.05)
    assert res.strata_used == 0 and res.common_odds_ratio is None and res.p is None
