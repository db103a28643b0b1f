"""The credit-point policy on a hand-kept workbook shaped like a SIASN/SIMPEG export (other header
spellings, pangkat names around the golongan, 'JFT'/'JFU', 'Cukup' for Butuh Perbaikan,
Ya/Tidak), worked by hand, through `score` and `explain`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import REPO, write_xlsx
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()
POLICY = REPO / "policies" / "kenaikan-pangkat-jf-angka-kredit.yaml"
HEADERS = ["NIP Baru", "Nama Lengkap", "JK", "Tgl Lahir", "Agama", "Status Pegawai",
           "Jenis Jabatan", "Nama Jabatan", "Jenjang", "Pangkat/Gol", "TMT Pangkat",
           "TMT Jabatan", "Unit Organisasi", "Angka Kredit Kumulatif Awal",
           "Predikat Kinerja 2024", "Predikat Kinerja 2025", "Hukuman Disiplin Berjalan",
           "Sedang Diperiksa", "Lulus Ukom", "Lowongan Jenjang", "Pengembangan Profesi"]
MADYA = "197904122005012003"   # Guru Ahli Madya IV/b
MAHIR = "198511202010011004"   # Perawat Mahir III/b
PERTAMA = "199007072015032005"  # Analis Kebijakan Ahli Pertama III/a, in the level from Apr 2024
MUDA = "198303032009011006"    # Auditor Ahli Muda III/c
JFU = "198808082012011007"     # pelaksana: KP reguler, not this policy
ROWS = [
    # 200 + 100% x 37.5 + 150% x 37.5 = 200 + 37.5 + 56.25 = 293.75; IV/c needs
    # (IV/b - IV/a + 1) x 150 = 300: short by 6.25.
    [MADYA, "Sri Wahyuni, S.Pd.", "Perempuan", date(1979, 4, 12), "Islam", "PNS", "JFT",
     "Guru Ahli Madya", "Madya", "Pembina Tingkat I (IV/b)", date(2022, 4, 1),
     date(2019, 4, 1), "SMPN 1 Contoh", 200, "Baik", "Sangat Baik", "-", "Tidak", None, None,
     None],
    # 70 + 75% x 12.5 + 12.5 = 70 + 9.375 + 12.5 = 91.875; Penyelia needs 100: short 8.125.
    [MAHIR, "Budi Santoso, A.Md.Kep.", "Laki-laki", date(1985, 11, 20), None, "PNS",
     "Fungsional Tertentu", "Perawat Mahir", "Mahir", "III/b", date(2021, 10, 1),
     date(2018, 1, 1), "RSUD", 70, "Cukup", "Baik", "Tidak Ada", "Tidak", "Ya", "Ya", "Ya"],
    # In the level since 1 Apr 2024: 150% x 12.5 x 9/12 = 14.0625, then 150% x 12.5 = 18.75;
    # 0 + 14.0625 + 18.75 = 32.8125 < 50 (III/b): short 17.1875.
    [PERTAMA, "Rina Marlina", "P", date(1990, 7, 7), "Kristen", "PNS", "Fungsional",
     "Analis Kebijakan Ahli Pertama", "Pertama", "Penata Muda (III/a)", date(2015, 3, 1),
     date(2024, 4, 1), "Bappeda", 0, "Sangat Baik", "Sangat Baik", "Tidak Ada", "Tidak", None,
     None, None],
    # In the level since 1 Apr 2024: 100% x 25 x 9/12 = 18.75, then 25; 90 + 18.75 + 25 =
    # 133.75 >= 100 (III/d: 1 step x 100); 30 months in rank, Baik twice; a light sanction
    # does not bar.
    [MUDA, "Ahmad Fauzi, S.E.", "L", date(1983, 3, 3), "Islam", "PNS", "JFT",
     "Auditor Ahli Muda", "Muda", "Penata (III/c)", date(2024, 4, 1), date(2024, 4, 1),
     "Inspektorat", 90, "Baik", "Baik", "Ringan", "Tidak", None, None, None],
    [JFU, "Dedi Kurniawan", "L", date(1988, 8, 8), "Islam", "PNS", "JFU",
     "Pengadministrasi Umum", None, "Pengatur (II/c)", date(2019, 4, 1), None, "Kecamatan",
     None, "Baik", "Baik", "Tidak Ada", "Tidak", None, None, None],
]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jf")
    roster = write_xlsx(folder / "nominatif-jf.xlsx", HEADERS, ROWS,
                        title_rows=["DAFTAR NOMINATIF JABATAN FUNGSIONAL", "Keadaan per "
                                    "1 Oktober 2026", ""])
    out = folder / "run"
    result = runner.invoke(app, ["score", str(roster), "--policy", str(POLICY),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_hand_worked_outcomes(run: Path) -> None:
    document = json.loads((run / "result.json").read_text(encoding="utf-8"))
    people = {p["id"]: p for p in document["people"]}
    assert people[JFU]["status"] == "out_of_scope"
    derived = {nip: people[nip]["derived"] for nip in (MADYA, MAHIR, PERTAMA, MUDA)}
    got = {nip: (people[nip]["categories"]["hasil_ak"], values["ak_total"]["value"],
                 values["kekurangan_ak"]["value"]) for nip, values in derived.items()}
    assert got == {
        MADYA: ("belum-memenuhi-ak", "293.75", "6.25"),
        MAHIR: ("belum-memenuhi-ak", "91.875", "8.125"),
        PERTAMA: ("belum-memenuhi-ak", "32.8125", "17.1875"),
        MUDA: ("naik-pangkat", "133.75", "0"),
    }
    assert [p["id"] for p in document["people"] if p.get("selected")] == [MUDA]


def test_explain_shows_the_credit_points_and_the_outcome(run: Path) -> None:
    result = runner.invoke(app, ["explain", str(run), MADYA])
    assert result.exit_code == 0, result.output
    for line in ("  ak_2024 = 37.5", "  ak_2025 = 56.25", "  ak_total = 293.75",
                 "  ak_dibutuhkan = 300", "  kekurangan_ak = 6.25",
                 "Hasil penilaian angka kredit: Belum memenuhi AK (belum-memenuhi-ak)"):
        assert line in result.output, line
    english = runner.invoke(app, ["explain", str(run), MUDA, "--lang", "en"])
    assert "Credit-point outcome: Promote one rank within the level (naik-pangkat)" \
        in english.output
