"""Oversight checks on a generated roster with planted problems of every kind.

The acceptance test of issue #11: every planted problem is found with the right NIP or unit,
and nothing else is reported at severity error. Warning checks are compared with a separate
computation on the final frame, because the generator plants cases of its own (~1% of people
above the education ceiling, ~1% ranked above their superior, ~30% long in rank).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from asn_merit.errors import RosterError, UsageError
from asn_merit.oversight import CHECKS, CheckReport, CheckResult, run_checks
from asn_merit.sample import DEFAULT_AS_OF, generate_roster, write_roster
from asn_merit.sample import vocab as v

AS_OF = DEFAULT_AS_OF  # 1 October 2026
ORDINAL = {label: n for n, label in enumerate(v.GOLONGAN, start=1)}
CANONICAL_EDUCATION = {alias: label for label, alias in v.EDUCATION_ALIASES.items()}
INFLATED_UNIT = "Inspektorat"
BP_UNIT = "Dinas Sosial"
CONFLICTING_UNIT = "Bappeda"
EXPECTED_ERRORS = {"rating-inflation", "jf-level-rank", "retirement-age", "sanction-overlap",
                   "nip-identity", "conflict-declared"}
D1, D2 = "SEL-2026-01", "SEL-2026-02"
T = pd.Timestamp


@dataclass
class Planted:
    """The files written and, per check id, NIPs that must be reported (``found``) or must not
    (``quiet``); ``pairs`` holds (decision, assessor, candidate) for the conflict checks."""

    frame: pd.DataFrame
    roster: Path
    declarations: Path
    panel: Path
    found: dict[str, set[str]] = field(default_factory=dict)
    quiet: dict[str, set[str]] = field(default_factory=dict)
    pairs: dict[str, set[tuple[str, str, str]]] = field(default_factory=dict)


class _Planter:
    """Picks distinct rows outside the units whose ratings are planted, and edits them."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.used: set[int] = set()
        self.plain = ~frame["Unit Kerja"].isin([INFLATED_UNIT, BP_UNIT, CONFLICTING_UNIT])

    def take(self, condition: pd.Series, n: int = 1) -> list[int]:
        mask = (self.plain & condition).to_numpy()
        free = [int(i) for i in np.flatnonzero(mask) if int(i) not in self.used][:n]
        assert len(free) == n, "the generated roster has too few rows of this kind"
        self.used.update(free)
        return free

    def one(self, condition: pd.Series, values: dict[str, Any] | None = None) -> int:
        """Take a row and set ``values`` (header -> value) in it."""
        (i,) = self.take(condition)
        for header, value in (values or {}).items():
            assert header in self.frame, header
            self.frame.loc[i, header] = value
        return i

    def born(self, i: int, day: date) -> None:
        """Birth date and the NIP's first eight digits together, so only the age changes."""
        nip = day.strftime("%Y%m%d") + str(self.frame.at[i, "NIP"])[8:]
        self.frame.loc[i, "NIP"] = nip
        self.frame.loc[i, "Tanggal Lahir"] = T(day)

    def nips(self, *rows: int) -> set[str]:
        return {str(self.frame.at[i, "NIP"]) for i in rows}


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _plant(tmp: Path) -> Planted:
    frame = generate_roster(1500, seed=7)
    for header in ("TMT Hukuman Disiplin", "Akhir Hukuman Disiplin", "Tanggal Penghargaan"):
        frame[header] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ms]")
    frame["Lama Hukuman (Bulan)"] = pd.Series(np.nan, index=frame.index)
    frame["NIP Atasan"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame["Wilayah"] = frame["Unit Kerja"].map(
        lambda u: "Sindangsari" if u in v.REMOTE_UNITS else "Kota").astype("string")
    cpns_year = frame["TMT CPNS"].dt.year
    jp = frame["JP Pengembangan Kompetensi 2025"]
    frame.insert(frame.columns.get_loc("Gol/Ruang Atasan"), "JP Pengembangan Kompetensi 2024",
                 np.where(cpns_year > 2024, 0, np.roll(jp.to_numpy(), 1)))
    p = _Planter(frame)
    pns = frame["Status Pegawai"].eq("PNS")
    jenis = frame["Jenis Jabatan"]
    pelaksana = pns & jenis.eq("Pelaksana")
    fungsional = pns & jenis.eq("Fungsional")
    struktural = pns & jenis.eq("Struktural")
    early = frame["TMT CPNS"] < T("2015-01-01")
    planted = Planted(frame, tmp / "roster.xlsx", tmp / "deklarasi.csv", tmp / "panel.csv")
    found, quiet = planted.found, planted.quiet

    # 1. Ratings: one unit rated all Sangat Baik, one declared Butuh Perbaikan, one ambiguous.
    rated = frame["Predikat Kinerja 2025"].notna()
    frame.loc[frame["Unit Kerja"].eq(INFLATED_UNIT) & rated, "Predikat Kinerja 2025"] = (
        "Sangat Baik")
    frame["Predikat Unit Kerja"] = pd.Series("Istimewa", index=frame.index, dtype="string")
    frame.loc[frame["Unit Kerja"].eq(BP_UNIT), "Predikat Unit Kerja"] = "Butuh Perbaikan"
    frame.loc[frame.index[frame["Unit Kerja"].eq(CONFLICTING_UNIT)][0], "Predikat Unit Kerja"] = (
        "Baik")

    # 2. Overdue promotion: every requirement met since April 2020; each control misses one.
    ok = {"Predikat Kinerja 2025": "Baik", "Predikat Kinerja 2024": "Baik",
          "Hukuman Disiplin": "Tidak Ada", "Pendidikan Terakhir": "S-1",
          "TMT Golongan": T("2020-04-01"), "Gol/Ruang Atasan": "III/d", "Gol/Ruang": "II/b"}
    found["overdue-promotion"] = p.nips(p.one(pelaksana & early, ok), *(
        p.one(pelaksana & early, {**ok, **change}) for change in (
            # Peraturan BKN 2/2025: the superior's rank no longer limits KP reguler
            {"Gol/Ruang": "II/c", "Gol/Ruang Atasan": "II/c"},
            {"Gol/Ruang": "II/d"},  # S-1 is exempt from ujian dinas Tingkat I
            {"Hukuman Disiplin": "Ringan"},  # a ringan sanction does not bar KP
        )))
    quiet["overdue-promotion"] = p.nips(*(p.one(pelaksana & early, {**ok, **change}) for change in (
        {"TMT Golongan": T("2022-10-01")},  # four years reached on as_of: no period missed yet
        # II/d -> III/a needs ujian dinas Tingkat I; SLTA is not exempt, no exam column
        {"Gol/Ruang": "II/d", "Pendidikan Terakhir": "SLTA"},
        {"Hukuman Disiplin": "Sedang"},  # a sanction without dates counts as running
        {"Hukuman Disiplin": "Sedang Diperiksa"},  # under examination for a sanction
        {"Predikat Kinerja 2024": "Butuh Perbaikan"},
    )), p.one(fungsional & early, {**ok, "Jabatan": "Perawat Terampil"}))  # JFT: credit points

    # 3a. Rank anomalies (warnings: compared with the frame below) and a JF level error.
    p.one(pelaksana & frame["Pendidikan Terakhir"].eq("SLTA"), {"Gol/Ruang": "III/d"})
    p.one(pelaksana, {"Gol/Ruang": "III/c", "Gol/Ruang Atasan": "III/a"})
    found["jf-level-rank"] = p.nips(p.one(fungsional, {"Jabatan": "Perawat Ahli Pertama",
                                                       "Gol/Ruang": "IV/a"}))
    # one rank above the level's range is lawful when the next level has no vacancy
    quiet["jf-level-rank"] = p.nips(p.one(fungsional, {"Jabatan": "Perawat Ahli Pertama",
                                                       "Gol/Ruang": "III/c"}))

    # 3b. Retirement: 58 in September 2026 retires 1 October; guru 60; controls under their BUP.
    # Dosen 65 and Guru Besar 70 (UU 14/2005 Pasal 67): a lecturer of 66 is past, a professor
    # of 67 is not.
    retired = [p.one(pelaksana),
               p.one(fungsional, {"Jabatan": "Guru Ahli Utama", "Gol/Ruang": "IV/d"}),
               p.one(fungsional, {"Jabatan": "Dosen Lektor Kepala", "Gol/Ruang": "IV/c"})]
    kept = [p.one(pelaksana),
            p.one(fungsional, {"Jabatan": "Analis Kebijakan Ahli Utama", "Gol/Ruang": "IV/d"}),
            p.one(fungsional, {"Jabatan": "Perencana Ahli Madya", "Gol/Ruang": "IV/a"}),
            p.one(struktural),  # no eselon column: the highest structural BUP (60) applies
            p.one(fungsional, {"Jabatan": "Dosen Guru Besar", "Gol/Ruang": "IV/e"})]
    for i, day in zip(retired + kept, [date(1968, 9, 30), date(1965, 1, 20), date(1960, 5, 5),
                                       date(1968, 10, 2), date(1965, 1, 20), date(1967, 3, 1),
                                       date(1967, 3, 1), date(1959, 6, 1)],
                      strict=True):
        p.born(i, day)
    found["retirement-age"], quiet["retirement-age"] = p.nips(*retired), p.nips(*kept)

    # 3c. A promotion and rewards inside a sanction (end date given, or start + months).
    def sanction(start: str, end: str | None = None, months: float | None = None,
                 **dates: str) -> dict[str, Any]:
        values = {"TMT Golongan": T("2022-04-01"), "TMT Hukuman Disiplin": T(start),
                  **{name.replace("_", " "): T(day) for name, day in dates.items()}}
        if end:
            values["Akhir Hukuman Disiplin"] = T(end)
        if months:
            values["Lama Hukuman (Bulan)"] = months
        return values

    found["sanction-overlap"] = p.nips(*(p.one(pelaksana & early, values) for values in (
        sanction("2024-01-01", "2024-12-31", TMT_Golongan="2024-06-01"),
        sanction("2025-03-01", "2026-02-28", Tanggal_Penghargaan="2025-08-17"),
        sanction("2025-01-01", months=6, Tanggal_Penghargaan="2025-06-30"),
    )))
    quiet["sanction-overlap"] = p.nips(*(p.one(pelaksana & early, values) for values in (
        sanction("2019-01-01", "2019-12-31", Tanggal_Penghargaan="2020-01-01"),
        sanction("2025-01-01", months=6, Tanggal_Penghargaan="2025-07-01"),
    )))

    # 3d. NIP digits against birth date, sex and TMT CPNS.
    (birth, sex, short, tmt) = p.take(pns, 4)
    frame.loc[birth, "Tanggal Lahir"] += pd.Timedelta(days=1)
    frame.loc[sex, "Jenis Kelamin"] = {"L": "P", "P": "L"}[frame.at[sex, "Jenis Kelamin"]]
    frame.loc[short, "NIP"] = "19800101"
    frame.loc[tmt, "TMT CPNS"] -= pd.DateOffset(years=1)
    found["nip-identity"] = p.nips(birth, sex, short)
    found["nip-tmt-cpns"] = p.nips(tmt)

    # 5. Training: a PNS with no JP in either year; a new CPNS with none is not counted.
    none = {"JP Pengembangan Kompetensi 2025": 0, "JP Pengembangan Kompetensi 2024": 0}
    found["training-access"] = p.nips(p.one(pns & early, none))
    new = frame["Status Pegawai"].eq("CPNS") & (cpns_year == 2026)
    quiet["training-access"] = p.nips(p.one(new, none))

    # 4. Conflicts: four assessors, twenty candidates in D1; D2 has A1 sitting without scoring.
    a1, a2, a3, b = (str(frame.at[i, "NIP"]) for i in p.take(struktural & early, 4))
    cands = [str(frame.at[i, "NIP"]) for i in p.take(pelaksana, 20)]
    c1, c2, c3, c4 = cands[:4]
    frame.loc[frame["NIP"].eq(c2), "NIP Atasan"] = a3
    selected = {c1, c2, c3, c4, cands[10], cands[11]}
    related = {(a1, c1), (a3, c2), (a2, c3), (a2, c4)}
    panel = [[D1, a, c, 70 + n % 7 + 15 * ((a, c) in related), "ya" if c in selected else
              "tidak"] for a in (a1, a2, a3) for n, c in enumerate(cands)]
    panel += [[D2, a1, "", "", ""], [D2, b, c1, 80, "ya"], [D2, b, cands[5], 60, "tidak"]]
    _write_csv(planted.panel, ["ID Keputusan", "NIP Penilai", "NIP Kandidat", "Nilai", "Hasil"],
               panel)
    _write_csv(planted.declarations, ["NIP Penilai", "NIP Kandidat", "Hubungan"],
               [[a1, c1, "Suami/Istri"], [a2, c4, "Saudara kandung"],
                [a2, c3, "Atasan langsung"], [a2, cands[5], "Tidak ada"]])
    planted.pairs["conflict-declared"] = {(D1, a1, c1), (D1, a2, c4), (D2, a1, c1)}
    planted.pairs["conflict-superior"] = {(D1, a3, c2), (D1, a2, c3)}
    found["conflict-outcomes"] = {c1, c2, c3, c4}

    write_roster(frame, planted.roster)
    return planted


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Planted:
    return _plant(tmp_path_factory.mktemp("oversight"))


@pytest.fixture(scope="module")
def report(planted: Planted) -> CheckReport:
    return run_checks(planted.roster, as_of=AS_OF, declarations=planted.declarations,
                      panel=planted.panel)


def _result(report: CheckReport, check_id: str) -> CheckResult:
    return next(r for r in report.results if r.info.id == check_id)


def _nips(report: CheckReport, check_id: str, key: str = "nip") -> set[str]:
    return {row[key] for row in _result(report, check_id).rows}


# --- the acceptance criterion ---------------------------------------------------------------


def test_every_check_ran(report: CheckReport) -> None:
    assert [r.info.id for r in report.results] == list(CHECKS)
    assert {r.status for r in report.results} <= {"fired", "clear"}, [
        (r.info.id, r.reason["en"]) for r in report.results if r.status == "skipped"]


def test_nothing_but_the_planted_problems_is_an_error(report: CheckReport) -> None:
    assert {r.info.id for r in report.fired("error")} == EXPECTED_ERRORS
    assert report.fails("error") and report.fails("info") and not report.fails("never")


@pytest.mark.parametrize("check_id", ["jf-level-rank", "retirement-age", "sanction-overlap",
                                      "nip-identity"])
def test_error_checks_report_exactly_the_planted_people(
        report: CheckReport, planted: Planted, check_id: str) -> None:
    assert _nips(report, check_id) == planted.found[check_id]
    assert not _nips(report, check_id) & planted.quiet.get(check_id, set())


def test_rating_inflation_names_the_unit(report: CheckReport) -> None:
    result = _result(report, "rating-inflation")
    assert [row["unit"] for row in result.rows] == [INFLATED_UNIT]
    assert result.rows[0]["share_sangat_baik"] == 1.0
    assert len(result.summary["shares_by_unit"]) == len(v.UNITS)


def test_rating_distribution_against_the_unit_rating(report: CheckReport) -> None:
    result = _result(report, "rating-distribution")
    assert {row["unit"] for row in result.rows} == {INFLATED_UNIT, BP_UNIT}
    assert {row["expected"] for row in result.rows if row["unit"] == BP_UNIT} >= {
        "Butuh Perbaikan ≥ 60%"}
    assert result.summary["units_conflicting_rating"] == [CONFLICTING_UNIT]


def test_overdue_promotion(report: CheckReport, planted: Planted) -> None:
    result = _result(report, "overdue-promotion")
    rows = {row["nip"]: row for row in result.rows}
    assert planted.found["overdue-promotion"] <= set(rows)
    for nip in planted.found["overdue-promotion"]:
        assert rows[nip]["eligible_from"] == "2024-04-01"
        # Apr-Dec 2024: 5 (six a year); Feb-Aug 2025: 4; monthly from Oct 2025 (Peraturan
        # BKN 4/2025): Oct-Dec 2025: 3, Jan-Sep 2026: 9
        assert rows[nip]["periods_missed"] == 21
    assert not set(rows) & planted.quiet["overdue-promotion"]
    summary = result.summary
    assert sum(u["flagged"] for u in summary["by_unit"]) == summary["overdue"] == len(rows)
    assert {"sex", "age_band", "religion", "marital"} <= set(summary["by_group"])
    assert all(sum(g["flagged"] for g in groups) == len(rows)
               for groups in summary["by_group"].values())


def test_conflicts_of_interest(report: CheckReport, planted: Planted) -> None:
    for check_id in ("conflict-declared", "conflict-superior"):
        rows = _result(report, check_id).rows
        assert {(r["decision"], r["assessor"], r["candidate"]) for r in rows} == (
            planted.pairs[check_id])
    roles = {(r["decision"], r["role"]) for r in _result(report, "conflict-declared").rows}
    assert roles == {(D1, "scored"), (D2, "panel")}
    outcomes = _result(report, "conflict-outcomes")
    assert outcomes.status == "fired"
    assert {r["candidate"] for r in outcomes.rows} == planted.found["conflict-outcomes"]
    assert outcomes.summary["related"]["rate"] == 1.0
    assert outcomes.summary["score_uplift_mean"] > 10


# --- warning and info checks against a separate computation on the final frame --------------


def _gol(frame: pd.DataFrame, header: str) -> pd.Series:
    return frame[header].map(ORDINAL).astype("float64")


def test_education_ceiling_includes_the_generators_own_cases(
        report: CheckReport, planted: Planted) -> None:
    frame = planted.frame
    education = frame["Pendidikan Terakhir"].replace(CANONICAL_EDUCATION)
    ceiling = education.map(v.EDUCATION_CEILING).astype("float64")
    expected = frame["NIP"][(_gol(frame, "Gol/Ruang") > ceiling)
                            & frame["Jenis Jabatan"].eq("Pelaksana")]
    assert _nips(report, "education-ceiling") == set(expected)
    assert len(expected) >= 5  # the generator's pelaksana cases plus the planted SLTA at III/d


def test_rank_above_superior(report: CheckReport, planted: Planted) -> None:
    frame = planted.frame
    expected = frame["NIP"][(_gol(frame, "Gol/Ruang") > _gol(frame, "Gol/Ruang Atasan"))
                            & frame["Jenis Jabatan"].ne("Fungsional")]
    assert _nips(report, "rank-above-superior") == set(expected)
    assert _result(report, "rank-above-superior").info.severity == "info"


def test_nip_tmt_cpns(report: CheckReport, planted: Planted) -> None:
    assert _nips(report, "nip-tmt-cpns") == planted.found["nip-tmt-cpns"]


def test_training_access(report: CheckReport, planted: Planted) -> None:
    frame = planted.frame
    cpns_year = frame["TMT CPNS"].dt.year
    years = {y: frame[f"JP Pengembangan Kompetensi {y}"] for y in (2024, 2025)}
    counted = pd.DataFrame({y: cpns_year <= y for y in years})
    total = pd.DataFrame(years).where(counted).sum(axis=1)
    expected = frame["NIP"][counted.any(axis=1) & (total == 0)]
    result = _result(report, "training-access")
    assert _nips(report, "training-access") == set(expected)
    assert planted.found["training-access"] <= set(expected)
    assert not set(expected) & planted.quiet["training-access"]
    assert result.summary["years"] == [2024, 2025]
    assert {g["group"] for g in result.summary["by_region"]} == {"Kota", "Sindangsari"}


# --- without planted problems, options, inputs ----------------------------------------------


def test_a_plain_generated_roster_has_no_errors(tmp_path: Path) -> None:
    path = tmp_path / "roster.parquet"
    write_roster(generate_roster(5000, seed=21), path)
    report = run_checks(path, as_of=AS_OF)
    assert not report.fails("error"), [(r.info.id, r.rows[:3]) for r in report.fired("error")]
    skipped = {r.info.id for r in report.results if r.status == "skipped"}
    assert skipped == {"rating-distribution", "sanction-overlap", "conflict-declared",
                       "conflict-superior", "conflict-outcomes"}
    reason = _result(report, "sanction-overlap").reason
    assert "TMT Hukuman Disiplin" in reason["en"] and reason["id"].startswith("dilewati")


def test_only_runs_the_named_checks_and_rejects_unknown_ones(planted: Planted) -> None:
    report = run_checks(planted.roster, as_of=AS_OF, only=["nip-identity", "training-access"])
    assert [r.info.id for r in report.results] == ["nip-identity", "training-access"]
    with pytest.raises(UsageError, match="did you mean 'nip-identity'"):
        run_checks(planted.roster, as_of=AS_OF, only=["nip-identiy"])


def test_a_declarations_file_without_nip_columns_is_refused(
        planted: Planted, tmp_path: Path) -> None:
    bad = _write_csv(tmp_path / "bad.csv", ["Penilai", "Kandidat"], [["x", "y"]])
    with pytest.raises(RosterError):
        run_checks(planted.roster, as_of=AS_OF, declarations=bad)


def test_missing_columns_skip_checks_rather_than_fail(tmp_path: Path) -> None:
    frame = generate_roster(200, seed=3)[["NIP", "Unit Kerja", "Tanggal Lahir"]]
    path = tmp_path / "thin.csv"
    write_roster(frame, path)
    report = run_checks(path, as_of=AS_OF)
    statuses = {r.info.id: r.status for r in report.results}
    assert statuses["nip-identity"] == "clear"
    assert statuses["overdue-promotion"] == "skipped"
    assert not report.fails("info")
