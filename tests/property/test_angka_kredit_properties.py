"""Invariants of the credit-point policy on any generated JF roster: a favourable outcome is
never given without the AK it needs, and the shortfall and the outcome agree."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from helpers import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_merit.pipeline import load_roster, score
from asn_merit.rules.loader import load_policy
from asn_merit.sample.generator import write_roster
from asn_merit.sample.jf import generate_jf_roster
from asn_merit.scoring.trace import result_document

LOADED = load_policy(REPO / "policies" / "kenaikan-pangkat-jf-angka-kredit.yaml")
GOLONGAN = {f"{g}/{s}": i * 4 + j + 1 for i, g in enumerate(("I", "II", "III", "IV"))
            for j, s in enumerate("abcde"[: 5 if g == "IV" else 4])}


def _number(person: dict, name: str) -> Decimal | None:
    value = person["derived"][name]["value"]
    return None if value is None else Decimal(value)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_outcomes_agree_with_the_credit_points(seed: int, tmp_path_factory) -> None:
    path: Path = tmp_path_factory.mktemp("jf") / "roster.csv"
    write_roster(generate_jf_roster(120, seed), path)
    roster = load_roster(path, LOADED, None, None)
    document = result_document(score(LOADED, roster, LOADED.policy.policy.as_of))
    for person in (p for p in document["people"] if p["status"] == "eligible"):
        label = person["categories"]["hasil_ak"]
        total = _number(person, "ak_total")
        gol = GOLONGAN[person["derived"]["gol_puncak_jenjang"]["value"]]
        rank = GOLONGAN[person["gates"][1]["inputs"]["gol"]]
        if label == "naik-jenjang":
            assert total >= _number(person, "ak_kenaikan_jenjang")
        if label == "naik-pangkat":
            assert rank < gol and total >= _number(person, "ak_kenaikan_pangkat")
        if label == "naik-pangkat-tanpa-lowongan":
            assert rank == gol and total >= _number(person, "ak_kenaikan_jenjang")
        needed = _number(person, "ak_dibutuhkan")
        if label == "belum-memenuhi-ak":
            assert needed is not None and total < needed
            # the trace prints floats shortest-round-trip: compare to the printed precision
            assert abs(_number(person, "kekurangan_ak") - (needed - total)) < Decimal("1e-9")
        if label == "pangkat-puncak":
            assert needed is None
        assert person["selected"] == (label in {"naik-jenjang", "naik-pangkat",
                                                "naik-pangkat-tanpa-lowongan"})
