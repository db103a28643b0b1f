"""The merit-system checks against the rules in force in 2026 (issue #17, domain audit 2026-12).

Each test writes a small roster by hand, with the headers and vocabulary of a SIASN/SIMPEG
export ("NIP Baru", "Gol/Ruang", "Jenis Jabatan" as JFT/JFU, "Hukuman Disiplin" as a level),
and works out by hand who each corrected rule must report and who it must leave alone.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from asn_merit.oversight import CheckResult, run_checks
from asn_merit.oversight import rules as r

AS_OF = date(2026, 10, 1)
BASE = ["NIP Baru", "Nama", "Unit Kerja", "Status Pegawai", "Jenis Jabatan", "Jabatan",
        "Gol/Ruang", "TMT Golongan", "Pendidikan Terakhir", "Predikat Kinerja 2025",
        "Predikat Kinerja 2024", "Hukuman Disiplin", "Gol/Ruang Atasan"]


def _nip(birth: str, tmt_cpns: str, sex: int, seq: int) -> str:
    return f"{birth}{tmt_cpns}{sex}{seq:03d}"


def _person(nip: str, jenis: str = "JFU", jabatan: str = "Pengadministrasi Umum",
            gol: str = "III/a", tmt: str = "01-04-2020", education: str = "S1",
            sanction: str = "-", superior: str = "III/d", **extra: str) -> dict[str, str]:
    """One pelaksana who meets every KP reguler requirement since April 2024, unless changed."""
    return {"NIP Baru": nip, "Nama": "Contoh", "Unit Kerja": "Dinas Contoh",
            "Status Pegawai": "PNS", "Jenis Jabatan": jenis, "Jabatan": jabatan,
            "Gol/Ruang": gol, "TMT Golongan": tmt, "Pendidikan Terakhir": education,
            "Predikat Kinerja 2025": "Baik", "Predikat Kinerja 2024": "Sangat Baik",
            "Hukuman Disiplin": sanction, "Gol/Ruang Atasan": superior, **extra}


def _run(tmp: Path, people: list[dict[str, str]], check: str) -> CheckResult:
    header = BASE + sorted({k for p in people for k in p} - set(BASE))
    path = tmp / "siasn.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, restval="")
        writer.writeheader()
        writer.writerows(people)
    (result,) = run_checks(path, as_of=AS_OF, only=[check]).results
    return result


def _found(result: CheckResult) -> set[str]:
    return {row["nip"] for row in result.rows}


# --- overdue-promotion ------------------------------------------------------------------------

PELAKSANA = _nip("19850101", "201001", 1, 1)
JFT_GURU = _nip("19850202", "201001", 2, 2)
ABOVE_SUPERIOR = _nip("19850303", "201001", 1, 3)
RINGAN = _nip("19850404", "201001", 2, 4)
SEDANG = _nip("19850505", "201001", 1, 5)
DIPERIKSA_LEVEL = _nip("19850606", "201001", 2, 6)
DIPERIKSA_COLUMN = _nip("19850707", "201001", 1, 7)
STRUKTURAL = _nip("19850808", "201001", 2, 8)


def test_overdue_scope_superior_and_sanctions(tmp_path: Path) -> None:
    people = [
        _person(PELAKSANA),
        # A JFT teacher meets the reguler requirements but is promoted on credit points.
        _person(JFT_GURU, jenis="JFT", jabatan="Guru Ahli Pertama", gol="III/b"),
        # III/c with a superior at III/c: the superior's-rank limit is gone (Perban 2/2025).
        _person(ABOVE_SUPERIOR, gol="III/c", superior="III/c"),
        _person(RINGAN, sanction="Ringan"),  # a reprimand does not bar KP
        _person(SEDANG, sanction="Sedang"),  # no dates: taken as running
        _person(DIPERIKSA_LEVEL, sanction="Sedang Diperiksa"),
        _person(DIPERIKSA_COLUMN, **{"Sedang Diperiksa": "Ya"}),
        _person(STRUKTURAL, jenis="Struktural", jabatan="Kepala Seksi"),
    ]
    result = _run(tmp_path, people, "overdue-promotion")
    assert _found(result) == {PELAKSANA, ABOVE_SUPERIOR, RINGAN}
    assert result.summary["in_scope"] == 6  # JFU aliases to Pelaksana; JFT and Struktural out
    assert "superior_rank" not in result.summary["failing_requirement"]
    assert result.summary["failing_requirement"]["no_sanction"] == 3


def test_overdue_periods_are_monthly_from_october_2025(tmp_path: Path) -> None:
    # 48 months reached on 1 Aug 2025 (six periods then: 1 Aug is one), then monthly from
    # 1 Oct 2025 to 1 Sep 2026: Aug 2025 + Oct-Dec 2025 (3) + Jan-Sep 2026 (9) = 13 periods.
    august = _nip("19800101", "200501", 1, 1)
    # 48 months reached on 1 Nov 2025: not a period under Peraturan BKN 4/2023, a period under
    # 4/2025: Nov, Dec 2025 + 9 in 2026 = 11.
    november = _nip("19800202", "200501", 2, 2)
    people = [_person(august, tmt="01-08-2021"), _person(november, tmt="01-11-2021")]
    rows = {row["nip"]: row for row in _run(tmp_path, people, "overdue-promotion").rows}
    assert rows[august]["periods_missed"] == 13
    assert rows[november]["eligible_from"] == "2025-11-01"
    assert rows[november]["periods_missed"] == 11


def test_kp_periods_by_regulation() -> None:
    days = r.kp_periods(date(2023, 1, 1), date(2025, 12, 31)).astype(str).tolist()
    assert days[:2] == ["2023-04-01", "2023-10-01"]  # Kepka BKN 12/2002
    assert days[2:8] == [f"2024-{m:02d}-01" for m in (2, 4, 6, 8, 10, 12)]  # Perban 4/2023
    assert days[8:] == ["2025-02-01", "2025-04-01", "2025-06-01", "2025-08-01",
                        "2025-10-01", "2025-11-01", "2025-12-01"]  # Perban 4/2025 from Oct


def test_ujian_dinas_levels_and_exemptions(tmp_path: Path) -> None:
    assert r.UJIAN_DINAS_FROM == {8: "Tingkat I", 12: "Tingkat II"}
    nips = {name: _nip("19820101", "200501", 1, n) for n, name in enumerate((
        "id_slta", "iid_slta", "iid_slta_passed", "iid_s1", "iid_slta_pkp", "iiid_s2"),
        start=1)}
    people = [
        _person(nips["id_slta"], gol="I/d", education="SLTA"),  # no exam at I/d -> II/a
        _person(nips["iid_slta"], gol="II/d", education="SLTA"),  # Tingkat I needed
        _person(nips["iid_slta_passed"], gol="II/d", education="SLTA", **{"Ujian Dinas": "Ya"}),
        _person(nips["iid_s1"], gol="II/d", education="S-1"),  # S-1 exempt from Tingkat I
        # PKP (the former Diklatpim IV) exempts from Tingkat I
        _person(nips["iid_slta_pkp"], gol="II/d", education="SLTA",
                **{"Jenjang Diklat Kepemimpinan": "PKP"}),
        _person(nips["iiid_s2"], gol="III/d", education="S-2"),  # S-2 exempt from Tingkat II
    ]
    result = _run(tmp_path, people, "overdue-promotion")
    assert _found(result) == set(nips.values()) - {nips["iid_slta"]}
    assert result.summary["failing_requirement"]["ujian_dinas"] == 1


# --- education-ceiling, rank-above-superior -------------------------------------------------


def test_education_ceiling_leaves_functional_posts_alone(tmp_path: Path) -> None:
    teacher = _nip("19700101", "199501", 2, 1)  # S-1 Guru Ahli Madya at IV/b: lawful
    clerk = _nip("19700202", "199501", 1, 2)  # SLTA pelaksana at III/c: above III/b
    structural = _nip("19700303", "199501", 1, 3)
    people = [_person(teacher, jenis="Fungsional Tertentu", jabatan="Guru Ahli Madya",
                      gol="IV/b"),
              _person(clerk, gol="III/c", education="SMA"),
              _person(structural, jenis="Struktural", jabatan="Kepala Bidang", gol="IV/a",
                      education="S-1")]
    result = _run(tmp_path, people, "education-ceiling")
    assert _found(result) == {clerk}


def test_rank_above_superior_is_an_info_watch_list_without_jf(tmp_path: Path) -> None:
    clerk = _nip("19700101", "199501", 1, 1)
    nurse = _nip("19700202", "199501", 2, 2)
    people = [_person(clerk, gol="III/c", superior="III/b"),
              _person(nurse, jenis="JFT", jabatan="Perawat Ahli Madya", gol="IV/a",
                      superior="III/d")]
    result = _run(tmp_path, people, "rank-above-superior")
    assert result.info.severity == "info"
    assert "Peraturan BKN 2/2025" in " ".join(result.info.legal_basis)
    assert _found(result) == {clerk}


# --- jf-level-rank, retirement-age ----------------------------------------------------------


def test_one_rank_above_the_level_is_not_an_error(tmp_path: Path) -> None:
    one_above = _nip("19800101", "200501", 1, 1)  # Ahli Pertama (III/a-III/b) at III/c
    two_above = _nip("19800202", "200501", 2, 2)  # Ahli Pertama at III/d
    below = _nip("19800303", "200501", 1, 3)  # Ahli Muda (III/c-III/d) at III/b
    people = [_person(n, jenis="JFT", jabatan=j, gol=g) for n, j, g in (
        (one_above, "Perawat Ahli Pertama", "III/c"), (two_above, "Perawat Ahli Pertama", "III/d"),
        (below, "Perawat Ahli Muda", "III/b"))]
    result = _run(tmp_path, people, "jf-level-rank")
    assert result.info.severity == "error"
    assert _found(result) == {two_above, below}
    assert result.summary["one_rank_above_no_vacancy"] == 1


@pytest.mark.parametrize(("jabatan", "birth", "reported"), [
    ("Dosen Lektor Kepala", "19610101", True),  # 65 in Jan 2026: past the dosen BUP
    ("Dosen Asisten Ahli", "19620201", False),  # 64
    ("Dosen Guru Besar", "19590601", False),  # 67: a professor's BUP is 70
    ("Guru Besar", "19560801", True),  # 70 in Aug 2026, retired from 1 Sep 2026
    ("Guru Ahli Madya", "19660101", True),  # teachers 60
    ("Penata Laksana Barang Mahir", "19560801", True),  # unknown JF: the highest BUP, 70
])
def test_retirement_age_of_lecturers_and_professors(
        tmp_path: Path, jabatan: str, birth: str, reported: bool) -> None:
    nip = _nip(birth, "199001", 1, 1)
    people = [_person(nip, jenis="JFT", jabatan=jabatan, gol="IV/c",
                      **{"Tanggal Lahir": f"{birth[6:]}-{birth[4:6]}-{birth[:4]}"})]
    result = _run(tmp_path, people, "retirement-age")
    assert (_found(result) == {nip}) is reported


# --- conflict checks cite the 2024 regulation -------------------------------------------------


def test_conflict_checks_cite_permenpanrb_17_2024() -> None:
    from asn_merit.oversight import CHECKS

    for check_id in ("conflict-declared", "conflict-superior", "conflict-outcomes"):
        basis = " ".join(CHECKS[check_id].info.legal_basis)
        assert "PermenPANRB 17/2024" in basis
        assert "37/2012 (" not in basis
