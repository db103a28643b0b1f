"""Aggregation methods: every worked example of scoring-methods.md §3, then the edge cases.

Published numbers are checked to the precision they were printed with: a value printed with d
decimals must lie within half a unit of its last digit (`printed`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from asn_merit.scoring.methods import (
    RANDOM_INDEX,
    STANDARD_GAP_TABLE,
    Criterion,
    MethodResult,
    SawNormalisation,
    ahp_weights,
    profile_matching,
    saw,
    topsis,
    weighted_product,
)

Method = Callable[..., MethodResult]


def printed(actual: npt.ArrayLike, expected: list[str] | str) -> None:
    """Assert each value rounds to the printed figure: |actual − printed| ≤ ½ unit of the last
    printed digit (plus float slack)."""
    values = np.atleast_1d(np.asarray(actual, dtype=float))
    texts = [expected] if isinstance(expected, str) else expected
    assert values.shape == (len(texts),)
    for value, text in zip(values, texts, strict=True):
        exponent = Decimal(text).as_tuple().exponent
        assert isinstance(exponent, int)
        half_unit = 0.5 * 10.0**exponent
        assert abs(value - float(text)) <= half_unit * (1 + 1e-9), (value, text)


def benefit(*weights: float) -> list[Criterion]:
    return [Criterion(f"c{j + 1}", w) for j, w in enumerate(weights)]


def ranks(score: np.ndarray) -> list[int]:
    """1 = best; the examples below have no ties where this is used."""
    order = np.argsort(-score, kind="stable")
    out = np.empty(len(score), dtype=int)
    out[order] = np.arange(1, len(score) + 1)
    return out.tolist()


def pairwise_from(names: list[str], judgements: dict[tuple[str, str], float]) -> np.ndarray:
    """AHPy-style {(a, b): a_ab} to a full reciprocal matrix."""
    index = {name: k for k, name in enumerate(names)}
    a = np.eye(len(names))
    for (row, col), value in judgements.items():
        a[index[row], index[col]] = value
        a[index[col], index[row]] = 1 / value
    return a


# ---------------------------------------------------------------------------------------------
# §3 worked examples: TOPSIS


def test_topsis_tzeng_huang_2011() -> None:
    x = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    result = topsis(x, benefit(0.3, 0.4, 0.3))
    printed(result.score, ["0.5037", "0.6581", "0.7482", "0.3340"])
    assert ranks(result.score) == [3, 2, 1, 4]


OPRICOVIC_TZENG = [[1, 3000], [2, 3750], [5, 4500]]
COST_THEN_BENEFIT = [Criterion("c1", 0.5, benefit=False), Criterion("c2", 0.5)]


def test_topsis_cost_criterion_opricovic_tzeng_2004_classic_vector() -> None:
    result = topsis(OPRICOVIC_TZENG, COST_THEN_BENEFIT)
    printed(result.score, ["0.762141", "0.722178", "0.237859"])
    # the cost column's ideal is its minimum, the benefit column's its maximum
    v = result.contributions
    np.testing.assert_allclose(result.details["ideal"], [v[:, 0].min(), v[:, 1].max()])
    np.testing.assert_allclose(result.details["anti_ideal"], [v[:, 0].max(), v[:, 1].min()])


def test_topsis_cost_criterion_opricovic_tzeng_2004_pymcdm_minmax_variant() -> None:
    result = topsis(OPRICOVIC_TZENG, COST_THEN_BENEFIT, normalisation="minmax")
    printed(result.score, ["0.500", "0.617", "0.500"])


# ---------------------------------------------------------------------------------------------
# §3 worked examples: SAW

WIKIPEDIA_X = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]


def test_wsm_wikipedia_exact_tie() -> None:
    """Wikipedia's WSM adds raw values. Every column of this matrix has maximum 30, so the ratio
    SAW score is exactly the raw weighted sum divided by 30."""
    result = saw(WIKIPEDIA_X, benefit(0.20, 0.15, 0.40, 0.25))
    printed(result.score * 30, ["21.50", "22.00", "22.00"])
    assert result.score[1] == pytest.approx(result.score[2], abs=1e-15)  # the published tie


def test_saw_hrd_promotion_ruang_belajar() -> None:
    x = [[85, 6, 8, 3, 7], [78, 8, 7, 4, 6], [92, 4, 9, 2, 9], [80, 10, 8, 3, 6]]
    criteria = [*benefit(0.35, 0.20, 0.20, 0.10), Criterion("salary", 0.15, benefit=False)]
    result = saw(x, criteria)
    # The case prints V_A = 0.824718771566, the sum of its 12-decimal rounded terms; the exact
    # value is 478007/579600 = 0.8247187715665979…, so V_A matches to 11 decimals, the rest to 12.
    printed(result.score[0], "0.82471877157")
    printed(result.score[1:], ["0.862294685990", "0.780000000000", "0.907125603865"])
    np.testing.assert_allclose(result.score, [478007 / 579600, 35699 / 41400, 39 / 50, 7511 / 8280],
                               rtol=0, atol=1e-15)
    printed(result.normalised[0], ["0.923913043478", "0.600000000000", "0.888888888889",
                                   "0.750000000000", "0.857142857143"])
    printed(result.contributions[0], ["0.323369565217", "0.120000000000", "0.177777777778",
                                      "0.075000000000", "0.128571428571"])
    assert ranks(result.score) == [3, 2, 4, 1]


def test_saw_kusumadewi_2006_promotion() -> None:
    """Inputs not printed in the reference; these (Indra, Roni, Putri, Dani, Ratna, Mira) are
    the lecture-copy values, confirmed by reproducing all six printed V."""
    x = [[70, 50, 80, 60], [50, 60, 82, 70], [85, 55, 80, 75], [82, 70, 65, 85],
         [75, 75, 85, 74], [62, 50, 75, 80]]
    result = saw(x, benefit(0.35, 0.25, 0.25, 0.15))
    printed(result.score, ["0.7961", "0.7706", "0.9010", "0.9122", "0.9394", "0.7837"])
    assert int(np.argmax(result.score)) == 4  # Ratna


def test_saw_sum_normalisation_kracka_brauers_zavadskas_2010() -> None:
    x = [[33.95, 23.78, 11.45, 39.97, 29.44, 167.10, 3.852],
         [38.9, 4.17, 6.32, 0.01, 4.29, 132.52, 25.184],
         [37.59, 9.36, 8.23, 4.35, 10.22, 136.71, 10.845],
         [30.44, 37.59, 13.91, 74.08, 45.10, 198.34, 2.186],
         [36.21, 14.79, 9.17, 17.77, 17.06, 148.3, 6.610],
         [37.8, 8.55, 7.97, 2.35, 9.25, 134.83, 11.935]]
    is_benefit = [False, False, False, False, True, False, True]
    criteria = [Criterion(f"c{j}", 20, b) for j, b in enumerate(is_benefit)]
    result = saw(x, criteria, normalisation="sum")
    printed(result.score, ["0.12040426", "0.3458235", "0.13838192", "0.12841246", "0.12346084",
                           "0.14351701"])
    assert ranks(result.score) == [6, 1, 3, 4, 5, 2]


# ---------------------------------------------------------------------------------------------
# §3 worked examples: WP


def test_wpm_wikipedia_ratios() -> None:
    result = weighted_product(WIKIPEDIA_X, benefit(20, 15, 40, 25))
    s = result.details["S"]
    printed([s[0] / s[1], s[0] / s[2], s[1] / s[2]], ["1.00739", "1.06705", "1.05922"])
    printed(s[0] / s[1], "1.007")  # the article's P(A1/A2)


def test_wpm_wikipedia_scikit_criteria_log10_scores() -> None:
    """scikit-criteria sum-scales the matrix first and reports log10 S."""
    x = np.array(WIKIPEDIA_X, dtype=float)
    result = weighted_product(x / x.sum(axis=0), benefit(20, 15, 40, 25))
    printed(np.log10(result.details["S"]), ["-0.50128589", "-0.50448471", "-0.52947246"])
    # column scaling leaves V untouched
    np.testing.assert_allclose(result.score, weighted_product(x, benefit(20, 15, 40, 25)).score)


WAREHOUSE_X = [[0.75, 2000, 18, 50, 500], [0.50, 1500, 20, 40, 450], [0.90, 2050, 35, 35, 800]]
WAREHOUSE_BENEFIT = [False, True, False, True, False]


def test_wp_kusumadewi_2006_warehouse() -> None:
    """Inputs (Ngemplak, Kalasan, Kota Gedhe) from the lecture copies; they reproduce every
    printed S and V."""
    criteria = [Criterion(f"c{j + 1}", w, b)
                for j, (w, b) in enumerate(zip([5, 3, 4, 4, 2], WAREHOUSE_BENEFIT, strict=True))]
    result = weighted_product(WAREHOUSE_X, criteria)
    printed(result.details["S"], ["2.4187", "2.4270", "1.7462"])
    printed(result.score, ["0.3669", "0.3682", "0.2649"])
    assert int(np.argmax(result.score)) == 1  # Kalasan
    printed(result.details["weights"], ["0.28", "0.17", "0.22", "0.22", "0.11"])


def test_wp_kusumadewi_2006_warehouse_book_rounded_weights() -> None:
    criteria = [Criterion(f"c{j + 1}", w, b) for j, (w, b)
                in enumerate(zip([0.28, 0.17, 0.22, 0.22, 0.11], WAREHOUSE_BENEFIT, strict=True))]
    printed(weighted_product(WAREHOUSE_X, criteria).score, ["0.3666", "0.3681", "0.2653"])


# ---------------------------------------------------------------------------------------------
# §3 worked examples: AHP

DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINK_JUDGEMENTS = {
    ("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
    ("coffee", "milk"): 1, ("coffee", "water"): 1 / 2,
    ("wine", "tea"): 1 / 3, ("wine", "beer"): 1 / 9, ("wine", "soda"): 1 / 9,
    ("wine", "milk"): 1 / 9, ("wine", "water"): 1 / 9,
    ("tea", "beer"): 1 / 3, ("tea", "soda"): 1 / 4, ("tea", "milk"): 1 / 3, ("tea", "water"): 1 / 9,
    ("beer", "soda"): 1 / 2, ("beer", "milk"): 1, ("beer", "water"): 1 / 3,
    ("soda", "milk"): 2, ("soda", "water"): 1 / 2,
    ("milk", "water"): 1 / 3,
}


def test_ahp_saaty_2008_drinks() -> None:
    a = pairwise_from(DRINKS, DRINK_JUDGEMENTS)
    result = ahp_weights(a)
    printed(result.weights, ["0.177", "0.019", "0.042", "0.116", "0.190", "0.129", "0.327"])
    printed(result.weights, ["0.1775", "0.0191", "0.0418", "0.1164", "0.1896", "0.1288", "0.3268"])
    printed(result.lambda_max, "7.17663")
    printed(result.ci, "0.029438")
    assert (result.ri, result.ri_table) == (1.32, "saaty1980")
    printed(result.cr, "0.02230")
    printed(result.cr, "0.022")  # as published
    assert result.consistent
    printed(ahp_weights(a, ri_table="saaty2005").cr, "0.02181")  # RI 1.35, the published check
    printed(ahp_weights(a, ri_table="tummala_ling1998").cr, "0.02210")  # pymcdm


LEADERS = ["Moll", "Nell", "Sue"]
LEADER_CRITERIA = ["Experience", "Education", "Charisma", "Age"]


def test_ahp_wikipedia_leader_hierarchy() -> None:
    """Published with AHPy's later Saaty table and 3-decimal rounding of every level."""
    criteria = ahp_weights(pairwise_from(LEADER_CRITERIA, {
        ("Experience", "Education"): 4, ("Experience", "Charisma"): 3, ("Experience", "Age"): 7,
        ("Education", "Charisma"): 1 / 3, ("Education", "Age"): 3, ("Charisma", "Age"): 5,
    }), ri_table="saaty2005")
    printed(criteria.weights, ["0.548", "0.127", "0.270", "0.056"])
    printed(criteria.cr, "0.044")
    per_criterion = (
        {("Moll", "Nell"): 1 / 4, ("Moll", "Sue"): 4, ("Nell", "Sue"): 9},
        {("Moll", "Nell"): 3, ("Moll", "Sue"): 1 / 5, ("Nell", "Sue"): 1 / 7},
        {("Moll", "Nell"): 5, ("Moll", "Sue"): 9, ("Nell", "Sue"): 4},
        {("Moll", "Nell"): 1 / 3, ("Moll", "Sue"): 5, ("Nell", "Sue"): 9},
    )
    local = [ahp_weights(pairwise_from(LEADERS, judgements), ri_table="saaty2005")
             for judgements in per_criterion]
    experience, education = local[0], local[1]
    printed(experience.weights, ["0.217", "0.717", "0.066"])
    printed(experience.cr, "0.035")
    printed(education.cr, "0.062")
    local_matrix = np.column_stack([r.weights for r in local])  # leaders × criteria
    # AHPy rounds every level to 3 decimals before composing: that path gives the published .150
    rounded = np.round(local_matrix, 3) @ np.round(criteria.weights, 3)
    printed(rounded, ["0.358", "0.493", "0.150"])
    # unrounded composition: Sue is 0.1491, so .149, not .150
    printed(local_matrix @ criteria.weights, ["0.3581", "0.4928", "0.1491"])


WANG_CHIN = [
    [1, 4, 3, 1, 3, 4],
    [1 / 4, 1, 7, 3, 1 / 5, 1],
    [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
    [1, 1 / 3, 5, 1, 1, 1 / 3],
    [1 / 3, 5, 5, 1, 1, 3],
    [1 / 4, 1, 6, 3, 1 / 3, 1],
]


def test_ahp_wang_chin_2011_inconsistent_is_flagged() -> None:
    result = ahp_weights(WANG_CHIN)
    printed(result.weights, ["0.3208", "0.1395", "0.0348", "0.1285", "0.2374", "0.1391"])
    printed(result.cr, "0.229")
    assert result.cr > 0.10
    assert not result.consistent
    printed(ahp_weights(WANG_CHIN, ri_table="tummala_ling1998").cr, "0.2298")  # pymcdm's RI


# ---------------------------------------------------------------------------------------------
# §3 worked examples: Profile Matching


def test_profile_matching_ruang_belajar() -> None:
    # Education SF, Experience CF, Technical CF, Communication SF, Leadership CF
    values = [[4, 5, 4, 3, 3], [3, 4, 5, 4, 4], [4, 3, 4, 5, 5], [5, 5, 3, 4, 2]]
    kinds = ["secondary", "core", "core", "secondary", "core"]
    result = profile_matching(values, [4, 5, 5, 4, 4], kinds, ["fit"] * 5, {"fit": 1})
    np.testing.assert_allclose(result.score, [4.4, 4.6, 4.2, 4.1], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(result.details["gap"], [[0, 0, -1, -1, -1], [-1, -1, 0, 0, 0],
                                                          [0, -2, -1, 1, 1], [1, 0, -2, 0, -2]])
    np.testing.assert_array_equal(result.normalised, [[5, 5, 4, 4, 4], [4, 4, 5, 5, 5],
                                                      [5, 3, 4, 4.5, 4.5], [4.5, 5, 3, 5, 3]])
    printed(result.details["core"][:, 0], ["4.333", "4.667", "3.833", "3.667"])
    printed(result.details["secondary"][:, 0], ["4.50", "4.50", "4.75", "4.75"])
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.score, atol=1e-15)


def test_profile_matching_two_aspects_own_shares_exact() -> None:
    """The reference's multi-aspect case prints only its totals (243/50, 94/25, 211/50), not its
    inputs, so this is a synthetic case of the same shape: two aspects, each with its own CF/SF
    split, gaps up to ±4, aspect weights 3:2. Expected totals worked out with fractions:
    row 1 = 3/5·(7/10·13/4 + 3/10·3/2) + 2/5·(11/20·4 + 9/20·11/4) = 301/100;
    row 2 = 3/5·(7/10·17/4 + 3/10·9/2) + 2/5·(11/20·9/2 + 9/20·7/2) = 843/200."""
    values = [[3, 4, 1, 4, 3, 5], [5, 2, 5, 3, 4, 1], [2, 5, 2, 5, 1, 4]]
    targets = [3, 4, 1, 4, 3, 5]
    kinds = ["core", "core", "secondary", "core", "secondary", "secondary"]
    aspects = ["intelektual"] * 3 + ["sikap"] * 3
    result = profile_matching(values, targets, kinds, aspects, {"intelektual": 3, "sikap": 2},
                              core_share={"intelektual": 0.7, "sikap": 0.55},
                              secondary_share={"intelektual": 0.3, "sikap": 0.45})
    np.testing.assert_allclose(result.score, [5, 301 / 100, 843 / 200], rtol=0, atol=1e-12)
    assert result.details["gap"].min() == -4 and result.details["gap"].max() == 4
    np.testing.assert_allclose(result.details["aspect_total"][1:],
                               [[109 / 40, 55 / 16], [173 / 40, 81 / 20]], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(result.details["aspects"], ["intelektual", "sikap"])
    np.testing.assert_allclose(result.details["aspect_weights"], [0.6, 0.4])
    np.testing.assert_allclose(result.details["aspect_total"] @ result.details["aspect_weights"],
                               result.score, atol=1e-15)


# ---------------------------------------------------------------------------------------------
# §0.5 pitfall: zero in a cost criterion is refused by name where it cannot be scored


@pytest.mark.parametrize("method", [
    lambda x, c: saw(x, c), lambda x, c: saw(x, c, normalisation="sum"), weighted_product,
])
def test_zero_in_cost_criterion_is_refused_by_name(method: Method) -> None:
    criteria = [Criterion("skp", 0.7), Criterion("absence_days", 0.3, benefit=False)]
    with pytest.raises(ValueError, match=r"criterion 'absence_days', row 1: value 0.0"):
        method([[90, 2], [80, 0], [85, 5]], criteria)


def test_zero_in_cost_criterion_is_scored_by_minmax() -> None:
    criteria = [Criterion("skp", 0.5), Criterion("absence_days", 0.5, benefit=False)]
    result = saw([[90, 2], [80, 0], [85, 4]], criteria, normalisation="minmax")
    np.testing.assert_allclose(result.normalised[:, 1], [0.5, 1.0, 0.0])


# ---------------------------------------------------------------------------------------------
# Input checks shared by SAW, WP and TOPSIS

METHODS = [saw, weighted_product, topsis]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_value_is_refused_by_name(method: Method, bad: float) -> None:
    with pytest.raises(ValueError, match=r"criterion 'c2', row 1: value .* handle missing data"):
        method([[1, 2], [3, bad]], benefit(1, 1))


@pytest.mark.parametrize("method", METHODS)
def test_shape_and_criteria_are_checked(method: Method) -> None:
    with pytest.raises(ValueError, match="2-D"):
        method([1, 2, 3], benefit(1))
    with pytest.raises(ValueError, match="3 columns but 2 criteria"):
        method([[1, 2, 3]], benefit(1, 1))
    with pytest.raises(ValueError, match="no alternatives"):
        method(np.empty((0, 2)), benefit(1, 1))
    with pytest.raises(ValueError, match="unique, repeated: c1"):
        method([[1, 2]], [Criterion("c1", 1), Criterion("c1", 1)])
    with pytest.raises(ValueError, match="sum to zero"):
        method([[1, 2]], benefit(0, 0))


@pytest.mark.parametrize("weight", [-1.0, np.nan, np.inf])
def test_criterion_weight_must_be_finite_and_non_negative(weight: float) -> None:
    with pytest.raises(ValueError, match="criterion 'x': weight"):
        Criterion("x", weight)


@pytest.mark.parametrize("method", METHODS)
def test_weights_are_normalised_to_sum_one(method: Method) -> None:
    x = [[3, 5, 2], [4, 1, 6], [2, 2, 2]]
    scaled = method(x, benefit(5, 3, 2))
    unit = method(x, benefit(0.5, 0.3, 0.2))
    np.testing.assert_allclose(scaled.score, unit.score)
    np.testing.assert_allclose(scaled.details["weights"], [0.5, 0.3, 0.2])


@pytest.mark.parametrize("method", METHODS)
def test_result_arrays_are_read_only(method: Method) -> None:
    result = method([[1, 2], [3, 4]], benefit(1, 1))
    for array in (result.score, result.normalised, result.contributions,
                  *result.details.values()):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0


@pytest.mark.parametrize("method", [saw, weighted_product, topsis])
def test_single_alternative_scores_one(method: Method) -> None:
    result = method([[3.0, 7.0]], [Criterion("a", 1), Criterion("b", 1, benefit=False)])
    np.testing.assert_allclose(result.score, [1.0])


# ---------------------------------------------------------------------------------------------
# SAW


def test_saw_contributions_add_up_to_score() -> None:
    result = saw([[3, 5, 2], [4, 1, 6]], [*benefit(2, 1), Criterion("cost", 1, benefit=False)])
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.score, atol=1e-15)
    np.testing.assert_allclose(result.contributions, result.normalised * [0.5, 0.25, 0.25])


@pytest.mark.parametrize(("normalisation", "expected"), [("ratio", 1.0), ("minmax", 1.0),
                                                         ("sum", 1 / 3)])
@pytest.mark.parametrize("constant", [4.0, 0.0])
def test_saw_criterion_where_all_alternatives_are_equal(normalisation: SawNormalisation,
                                                        expected: float, constant: float) -> None:
    """Including all-zero columns, even for a cost criterion: nobody differs, nothing to refuse."""
    x = [[1, constant, constant], [2, constant, constant], [3, constant, constant]]
    criteria = [Criterion("a", 1), Criterion("same", 1), Criterion("same_cost", 1, benefit=False)]
    result = saw(x, criteria, normalisation=normalisation)
    np.testing.assert_allclose(result.normalised[:, 1:], expected)


def test_saw_ratio_refuses_negative_benefit_values() -> None:
    with pytest.raises(ValueError, match=r"criterion 'c2', row 0: value -1.0 is negative"):
        saw([[1, -1], [2, 3]], benefit(1, 1))


def test_saw_minmax_accepts_negative_values() -> None:
    result = saw([[-2.0], [0.0], [2.0]], [Criterion("delta", 1)], normalisation="minmax")
    np.testing.assert_allclose(result.score, [0.0, 0.5, 1.0])


def test_saw_unknown_normalisation() -> None:
    with pytest.raises(ValueError, match="unknown SAW normalisation 'zscore'"):
        saw([[1.0]], benefit(1), normalisation="zscore")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# WP


def test_wp_factors_multiply_to_s_and_v_is_the_share_of_s() -> None:
    criteria = [Criterion("a", 3), Criterion("b", 1, benefit=False)]
    result = weighted_product([[4.0, 2.0], [9.0, 3.0], [1.0, 1.0]], criteria)
    s = result.details["S"]
    np.testing.assert_allclose(result.contributions.prod(axis=1), s)
    np.testing.assert_allclose(result.details["V"], s / s.sum())
    np.testing.assert_array_equal(result.score, result.details["V"])
    np.testing.assert_allclose(result.details["exponents"], [0.75, -0.25])
    np.testing.assert_allclose(result.contributions[1], [9 ** 0.75, 3 ** -0.25])


@pytest.mark.parametrize("bad", [0.0, -2.0])
def test_wp_refuses_non_positive_values_by_name(bad: float) -> None:
    with pytest.raises(ValueError, match=r"criterion 'c1', row 1: .* needs values > 0"):
        weighted_product([[1, 2], [bad, 3]], benefit(1, 1))


# ---------------------------------------------------------------------------------------------
# TOPSIS


def test_topsis_zero_column_adds_nothing() -> None:
    x = np.array([[5, 8, 0], [7, 6, 0], [8, 8, 0], [7, 4, 0]], dtype=float)
    with_zero = topsis(x, benefit(0.3, 0.4, 0.3))
    without = topsis(x[:, :2], benefit(0.3, 0.4))
    np.testing.assert_array_equal(with_zero.normalised[:, 2], 0.0)
    np.testing.assert_allclose(with_zero.score, without.score)  # closeness ignores weight scale


def test_topsis_identical_alternatives_all_score_one() -> None:
    result = topsis([[2, 3], [2, 3], [2, 3]], benefit(1, 1))
    np.testing.assert_array_equal(result.score, [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(result.details["d_plus"], 0.0)


def test_topsis_distances_match_their_definition() -> None:
    result = topsis([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], benefit(0.3, 0.4, 0.3))
    v, d = result.contributions, result.details
    np.testing.assert_allclose(d["d_plus"], np.linalg.norm(v - d["ideal"], axis=1))
    np.testing.assert_allclose(d["d_minus"], np.linalg.norm(v - d["anti_ideal"], axis=1))
    np.testing.assert_allclose(result.score, d["d_minus"] / (d["d_plus"] + d["d_minus"]))
    np.testing.assert_allclose(np.linalg.norm(result.normalised, axis=0), 1.0)


def test_topsis_unknown_normalisation() -> None:
    with pytest.raises(ValueError, match="unknown TOPSIS normalisation 'sum'"):
        topsis([[1.0]], benefit(1), normalisation="sum")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# AHP


def test_ahp_random_index_is_saatys_1980_table() -> None:
    assert [RANDOM_INDEX[n] for n in range(1, 16)] == [
        0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]


def test_ahp_consistent_matrix_recovers_its_weights() -> None:
    w = np.array([0.5, 0.25, 0.15, 0.1])
    result = ahp_weights(w[:, None] / w[None, :])
    np.testing.assert_allclose(result.weights, w)
    assert result.lambda_max == pytest.approx(4)
    assert result.cr == pytest.approx(0, abs=1e-12) and result.consistent


def test_ahp_deliberately_inconsistent_matrix_is_reported() -> None:
    """a > b, b > c, but c > a: a cycle."""
    result = ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert result.cr > 0.10
    assert not result.consistent
    np.testing.assert_allclose(result.weights, [1 / 3, 1 / 3, 1 / 3])


def test_ahp_threshold_is_inclusive() -> None:
    result = ahp_weights(WANG_CHIN, max_cr=0.3)
    assert result.consistent
    assert not ahp_weights(WANG_CHIN, max_cr=result.cr - 1e-9).consistent
    assert ahp_weights(WANG_CHIN, max_cr=result.cr).consistent


@pytest.mark.parametrize(("matrix", "weights"), [([[1]], [1.0]), ([[1, 3], [1 / 3, 1]],
                                                                  [0.75, 0.25])])
def test_ahp_two_or_fewer_criteria_have_cr_zero(matrix: list[list[float]],
                                                weights: list[float]) -> None:
    result = ahp_weights(matrix)
    np.testing.assert_allclose(result.weights, weights)
    assert (result.ci, result.cr, result.consistent) == (0.0, 0.0, True)


def test_ahp_non_reciprocal_cell_is_named() -> None:
    with pytest.raises(ValueError, match=r"cell \(0, 2\) is 5.0 but cell \(2, 0\) is 0.3; .*"
                                         r"a_ji = 1/a_ij = 0.2"):
        ahp_weights([[1, 2, 5], [1 / 2, 1, 3], [0.3, 1 / 3, 1]])


def test_ahp_rounded_reciprocal_needs_an_explicit_tolerance() -> None:
    rounded = [[1, 3], [0.33, 1]]
    with pytest.raises(ValueError, match=r"cell \(0, 1\)"):
        ahp_weights(rounded)
    assert ahp_weights(rounded, tolerance=0.02).consistent


@pytest.mark.parametrize(("matrix", "message"), [
    ([[1, 2], [0.5, 2]], r"cell \(1, 1\) is 2.0; the diagonal must be 1"),
    ([[1, 0], [0, 1]], r"cell \(0, 1\) is 0.0; .* finite and positive"),
    ([[1, -2], [-0.5, 1]], r"cell \(0, 1\) is -2.0"),
    ([[1, np.nan], [1, 1]], r"cell \(0, 1\) is nan"),
    ([[1, 2, 3]], "must be square"),
    ([], "must be square"),
])
def test_ahp_invalid_matrix_is_refused(matrix: list[list[float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ahp_weights(matrix)


def test_ahp_sizes_beyond_the_table_and_unknown_tables() -> None:
    with pytest.raises(ValueError, match=r"covers n ≤ 15, the matrix has n = 16"):
        ahp_weights(np.ones((16, 16)))
    with pytest.raises(ValueError, match="unknown random-index table 'dd'"):
        ahp_weights([[1]], ri_table="dd")


# ---------------------------------------------------------------------------------------------
# Profile Matching

PM_KINDS = ["core", "secondary", "core"]


def pm(values: list[list[float]], **kwargs: Any) -> MethodResult:
    arguments = {"targets": [3, 3, 3], "factor_kind": PM_KINDS, "aspects": ["a", "a", "b"],
                 "aspect_weights": {"a": 1, "b": 1}, "core_share": {"a": 0.6, "b": 1.0},
                 "secondary_share": {"a": 0.4, "b": 0.0}}
    return profile_matching(values, **(arguments | kwargs))


def test_profile_matching_aspect_without_secondary_factors_when_its_share_is_zero() -> None:
    result = pm([[3, 4, 2]])  # b = 5, 4.5, 4
    np.testing.assert_allclose(result.details["aspect_total"], [[0.6 * 5 + 0.4 * 4.5, 4.0]])
    assert np.isnan(result.details["secondary"][0, 1])
    np.testing.assert_allclose(result.score, [(4.8 + 4.0) / 2])
    np.testing.assert_allclose(result.contributions, [[0.3 * 5, 0.2 * 4.5, 0.5 * 4]])


def test_profile_matching_missing_group_with_a_share_is_refused() -> None:
    with pytest.raises(ValueError, match=r"aspect 'b' has no secondary factors but its secondary "
                                         r"share is 0\.4"):
        pm([[3, 3, 3]], core_share=0.6, secondary_share=0.4)


def test_profile_matching_over_qualification_is_penalised() -> None:
    result = pm([[4, 3, 3], [2, 3, 3]])
    np.testing.assert_array_equal(result.normalised[:, 0], [4.5, 4.0])


@pytest.mark.parametrize(("values", "message"), [
    ([[8, 3, 3]], r"factor 0 \(aspect 'a'\), row 0: gap 5.0 is not in the gap table "
                  r"\(it runs from -4 to \+4\)"),
    ([[3, 3.5, 3]], r"factor 1 \(aspect 'a'\), row 0: gap 0.5 is not a whole number"),
    ([[3, 3, np.nan]], r"factor 2 \(aspect 'b'\), row 0: value nan is not a finite number"),
])
def test_profile_matching_refuses_unscorable_values(values: list[list[float]],
                                                   message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pm(values)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"aspect_weights": {"a": 1}}, r"missing: \['b'\], not used: none"),
    ({"aspect_weights": {"a": 1, "b": 1, "c": 1}}, r"missing: none, not used: \['c'\]"),
    ({"aspect_weights": {"a": -1, "b": 1}}, r"aspect 'a': weight must be"),
    ({"aspect_weights": {"a": 0, "b": 0}}, "aspect weights sum to zero"),
    ({"core_share": {"a": 0.6, "b": 0.9}}, r"aspect 'b': core_share 0.9 and secondary_share 0.0"),
    ({"core_share": 1.5, "secondary_share": -0.5}, r"aspect 'a': core_share must be between"),
    ({"core_share": {"a": 0.6}}, r"core_share must name exactly the aspects used"),
    ({"factor_kind": ["core", "support", "core"]}, "got 'support'"),
    ({"targets": [3, 3]}, "one entry each, got 2, 3 and 3"),
    ({"targets": [3, 3, np.inf]}, r"factor 2 \(aspect 'b'\): target inf"),
    ({"gap_table": {}}, "gap table must be non-empty"),
])
def test_profile_matching_checks_its_parameters(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pm([[3, 3, 3]], **kwargs)


def test_profile_matching_custom_gap_table() -> None:
    wide = dict(STANDARD_GAP_TABLE) | {5: 1.0, -5: 0.5}
    result = pm([[8, 3, 3]], gap_table=wide)
    assert result.normalised[0, 0] == 1.0


def test_profile_matching_standard_gap_table_is_kusrinis() -> None:
    assert dict(STANDARD_GAP_TABLE) == {0: 5.0, 1: 4.5, -1: 4.0, 2: 3.5, -2: 3.0, 3: 2.5,
                                        -3: 2.0, 4: 1.5, -4: 1.0}
    with pytest.raises(TypeError):
        STANDARD_GAP_TABLE[5] = 0.5  # type: ignore[index]
