"""Each shipped policy's run read as a user reads it (issue 18): the terminal summary, the
report and `explain` for a selected, a not-selected and an out-of-scope (or ineligible)
person name the right group, cut line and wording for the policy's kind.

The people are the ones the issue reported on the committed sample files: a CPNS applicant
ranked 6th overall with 94.745 but 2nd of a one-place formation whose cut line is 95.183; a
reward candidate ranked 3rd overall but 2nd in RSUD, behind its one award.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, as_printed
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.reports.numbers import number

runner = CliRunner()
SAMPLES = {"kenaikan-pangkat-reguler": "roster.xlsx", "seleksi-cpns": "applicants.xlsx",
           "penghargaan-asn-berprestasi": "roster-extended.xlsx",
           "akses-pelatihan": "roster-extended.xlsx",
           "indeks-profesionalitas": "roster-extended.xlsx",
           "manajemen-talenta-9box": "roster-extended.xlsx",
           "kenaikan-pangkat-jf-angka-kredit": "roster-jf.xlsx"}


class Run:
    def __init__(self, policy: str, base: Path):
        self.out = base / policy
        result = runner.invoke(app, ["score", str(REPO / "sample_data" / SAMPLES[policy]),
                                     "--policy", str(REPO / "policies" / f"{policy}.yaml"),
                                     "--out", str(self.out), "--force"])
        assert result.exit_code == 0, result.output
        self.summary = result.output
        self.document = json.loads((self.out / "result.json").read_text(encoding="utf-8"))
        page = (self.out / "report.html").read_text(encoding="utf-8")
        self.report = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))

    def explain(self, person_id: str, lang: str = "id") -> str:
        result = runner.invoke(app, ["explain", str(self.out), person_id, "--lang", lang])
        assert result.exit_code == 0, result.output
        return result.output

    def first(self, **facts: Any) -> dict[str, Any]:
        return next(p for p in self.document["people"]
                    if all(p.get(k) == v for k, v in facts.items()))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    base = tmp_path_factory.mktemp("as-read")
    return {policy: Run(policy, base) for policy in SAMPLES}


def _no_none(*texts: str) -> None:
    for text in texts:
        assert not re.search(r"\bNone\b", text), text[:400]


def test_kp_reguler_one_quota_over_everyone(runs: dict[str, Run]) -> None:
    run = runs["kenaikan-pangkat-reguler"]
    cut, eligible = run.document["selection"]["cut_line"], run.document["counts"]["eligible"]
    assert "Terpilih: 25 dari kuota 25" in run.summary
    assert f"Nilai batas terpilih: {number(cut, 'id')}" in run.summary
    chosen, left = run.first(rank=25), run.first(rank=26)
    text = run.explain(chosen["id"])
    assert "Masuk kuota usulan kenaikan pangkat." in text
    assert f"kuota 25 tempat, nilai batas {number(cut, 'id')}." in text
    text = run.explain(left["id"])
    assert "Tidak masuk kuota usulan kenaikan pangkat." in text
    assert f"Peringkat 26 dari {eligible} yang memenuhi syarat" in text
    outside = run.explain(run.first(status="out_of_scope")["id"])
    assert "di luar cakupan" in outside and "kuota" not in outside
    assert "Diusulkan 25" in run.report
    assert f"Nilai batas terpilih {number(cut, 'id')}" in run.report
    _no_none(run.summary, run.report, text, outside)


def test_cpns_cut_line_is_the_formations(runs: dict[str, Run]) -> None:
    run = runs["seleksi-cpns"]
    assert "Terpilih: 40 dari 40 tempat di 23 formasi" in run.summary
    assert "Perawat Ahli Pertama / RSUD / Cumlaude: 1 / 11 / 1 / 95,183" in run.summary \
        or "formasi lainnya" in run.summary
    text = run.explain("24204100000242")
    assert "Tidak lulus: di luar jumlah kebutuhan formasi." in text
    assert ("Peringkat 2 dari 11 pesaing di formasi Perawat Ahli Pertama / RSUD / Cumlaude "
            "(1 tempat); nilai batas formasi ini 95,183.") in text
    assert "Di atasnya menurut total, terpilih: 24204100000287 (95,183)." in text
    assert "75.333" not in text  # the lowest cut line of another formation
    english = run.explain("24204100000242", "en")
    assert "this formation's cut line is 95.183" in english and "Not passed" in english
    chosen = run.explain("24204100000287")
    assert "Lulus: masuk jumlah kebutuhan formasi." in chosen
    assert "Peringkat 1 dari 11 pesaing" in chosen
    ineligible = run.explain(run.first(status="ineligible")["id"])
    assert "Lulus" not in ineligible and "lulus:" not in ineligible.lower()
    assert "Seleksi per formasi" in run.report
    assert "Perawat Ahli Pertama / RSUD / Cumlaude 1 11 1 95,183" in run.report
    for text_ in (run.summary, run.report, text, chosen):
        assert "usulan" not in text_
    _no_none(run.summary, run.report, text, chosen, ineligible)


def test_reward_one_award_per_unit(runs: dict[str, Run]) -> None:
    run = runs["penghargaan-asn-berprestasi"]
    assert "Terpilih: 12 dari 12 tempat di 12 unit kerja" in run.summary
    text = run.explain("197603312007021001")
    assert "Tidak terpilih sebagai penerima penghargaan." in text
    assert "Peringkat 2 dari 86 pesaing di unit kerja RSUD (1 tempat); nilai batas unit kerja " \
           "ini 92,52." in text
    assert "72,68" not in text  # Inspektorat's cut line, the lowest of all
    chosen = run.explain("199006262012072001")
    assert "Terpilih sebagai penerima penghargaan." in chosen
    outside = run.explain(run.first(status="out_of_scope")["id"])
    assert "di luar cakupan" in outside
    assert "Seleksi per unit kerja" in run.report and "RSUD 1 86 1 92,52" in run.report
    for text_ in (run.summary, run.report, text, chosen):
        assert "usulan" not in text_
    _no_none(run.summary, run.report, text, chosen, outside)


def test_training_quota_wording(runs: dict[str, Run]) -> None:
    run = runs["akses-pelatihan"]
    assert "Terpilih: 150 dari kuota 150" in run.summary
    cut = run.document["selection"]["cut_line"]
    chosen, left = run.first(rank=1), run.first(rank=151)
    assert "Terpilih sebagai peserta pelatihan." in run.explain(chosen["id"])
    text = run.explain(left["id"])
    assert "Tidak terpilih sebagai peserta pelatihan." in text
    assert f"kuota 150 tempat, nilai batas {number(cut, 'id')}." in text
    assert "usulan" not in run.summary + run.report + text
    _no_none(run.summary, run.report, text)


def test_ip_asn_bands_select_nobody(runs: dict[str, Run]) -> None:
    run = runs["indeks-profesionalitas"]
    lowest = run.document["categories"][0]["counts"]["Sangat Rendah"]
    assert lowest > 0
    assert "Seleksi: tidak ada" in run.summary
    assert f"Sangat Rendah {lowest}" in run.summary
    top, low = run.first(rank=1), run.first(rank=run.document["counts"]["eligible"])
    text = run.explain(top["id"])
    assert as_printed("Tingkat profesionalitas: Sangat Tinggi (total ≥ 91).", runner) in text
    assert "Ini kategori tertinggi." in text
    assert "tidak memilih siapa pun" in text and "kuota" not in text
    text = run.explain(low["id"])
    assert "Tingkat profesionalitas: Sangat Rendah (total < 61)." in text
    gap = 61 - float(low["total"])
    assert f"Kurang {gap:g} untuk mencapai Rendah (mulai 61)." in text
    # the report counts every band (the lowest is not hidden behind a 500-row list)
    assert f"Sangat Rendah {lowest}" in run.report
    assert "nilai batas -" not in (run.report + text).lower()
    outside = run.explain(run.first(status="out_of_scope")["id"])
    assert "di luar cakupan" in outside
    _no_none(run.summary, run.report, text, outside)


def test_talent_nine_box(runs: dict[str, Run]) -> None:
    run = runs["manajemen-talenta-9box"]
    box = next(c for c in run.document["categories"] if c["id"] == "kotak_talenta")
    assert sum(box["counts"][v] for v in ("7", "8", "9")) == \
        run.document["counts"]["selected"] == 182
    assert "Terpilih (Kotak talenta (9 kotak): 7, 8, 9): 182" in run.summary
    chosen = run.first(selected=True)
    text = run.explain(chosen["id"])
    value = chosen["categories"]["kotak_talenta"]
    assert "Masuk kelompok rencana suksesi (talent pool)." in text
    assert f"Kotak talenta (9 kotak): kotak {value}" in text
    left = run.first(status="eligible", selected=False)
    text = run.explain(left["id"])
    assert "Tidak masuk kelompok rencana suksesi (talent pool)." in text
    assert "Kurang " in text or "Ini kategori tertinggi." in text
    # the 3×3 grid: box 9 (performance above expectations × high potential) with its count
    assert f"9 — prioritas utama suksesi Jumlah: {box['counts']['9']}" in run.report
    outside = run.explain(run.first(status="out_of_scope")["id"])
    assert "usulan" not in run.summary + run.report + text + outside
    _no_none(run.summary, run.report, text, outside)


def test_jf_credit_points_promotion_by_category(runs: dict[str, Run]) -> None:
    """A promotion decided by a category (credit points reached), not by a quota: the
    proposal wording without any quota or cut line."""
    run = runs["kenaikan-pangkat-jf-angka-kredit"]
    assert run.document["selection"]["mode"] == "category"
    assert "dari kuota" not in run.summary and "Nilai batas" not in run.summary
    chosen = run.first(selected=True)
    text = run.explain(chosen["id"])
    assert "Diusulkan untuk kenaikan pangkat." in text
    left = run.first(status="eligible", selected=False)
    other = run.explain(left["id"])
    assert "Tidak diusulkan untuk kenaikan pangkat." in other
    for text_ in (text, other):
        assert "kuota" not in text_ and "nilai batas" not in text_.lower()
    _no_none(run.summary, run.report, text, other)
