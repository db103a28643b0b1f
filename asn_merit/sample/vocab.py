"""Vocabularies and shares for the synthetic roster.

Everything here is SYNTHETIC: the names, units and shares are invented to look like a typical
Pemerintah Kabupaten export. They do not describe any real person or agency. Shares are
relative weights (they need not sum to 1; the generator normalises them). The rank and
education tables follow the domain reference (§4a, §4c, §4d, §5a, §9).
"""

from __future__ import annotations

from datetime import date
from typing import Final

DEFAULT_AS_OF: Final = date(2026, 10, 1)

REGENCY: Final = "PEMERINTAH KABUPATEN CONTOH"
DEFAULT_TITLE: Final = "DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL"


def roster_headers(as_of: date = DEFAULT_AS_OF) -> list[str]:
    """Column headers in export order; the rating and training columns name the years before
    ``as_of`` (2025 and 2024 for the default 1 Oct 2026)."""
    last, previous = as_of.year - 1, as_of.year - 2
    return [
        "No", "NIP", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Agama", "Status Perkawinan",
        "Pendidikan Terakhir", "Status Pegawai", "Gol/Ruang", "TMT Golongan", "TMT CPNS",
        "Jabatan", "Jenis Jabatan", "Unit Kerja", f"Predikat Kinerja {last}",
        f"Predikat Kinerja {previous}", "Hukuman Disiplin",
        f"JP Pengembangan Kompetensi {last}", "Gol/Ruang Atasan",
    ]  # fmt: skip


MONTHS_ID: Final = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# --- Ranks (§4a): ordinal 1..17 is the index into GOLONGAN plus one. -------------------------
GOLONGAN: Final = (
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip
MAX_GOLONGAN: Final = len(GOLONGAN)

# --- Education: entry rank and KP reguler ceiling (§4c) as rank ordinals. ------------------
EDUCATION: Final = ("SLTA", "D-III", "S-1", "D-IV", "S-2", "S-3")
EDUCATION_ENTRY: Final = {"SLTA": 5, "D-III": 7, "S-1": 9, "D-IV": 9, "S-2": 10, "S-3": 11}
EDUCATION_CEILING: Final = {"SLTA": 10, "D-III": 11, "S-1": 12, "D-IV": 12, "S-2": 13, "S-3": 14}
# Youngest plausible age at CPNS appointment per education; everyone is appointed by 35.
EDUCATION_MIN_AGE: Final = {"SLTA": 20, "D-III": 21, "S-1": 22, "D-IV": 22, "S-2": 25, "S-3": 28}
MAX_APPOINTMENT_AGE: Final = 35
# Spellings SIMPEG exports use besides the canonical label, to exercise alias handling.
EDUCATION_ALIASES: Final = {
    "SLTA": "SMA", "D-III": "D3", "S-1": "S1", "D-IV": "D4", "S-2": "S2", "S-3": "S3",
}  # fmt: skip
EDUCATION_ALIAS_SHARE: Final = 0.10

# Education shares by Jenis Jabatan.
EDUCATION_BY_JENIS: Final = {
    "Pelaksana": {"SLTA": 35, "D-III": 15, "S-1": 43, "D-IV": 3, "S-2": 4, "S-3": 0},
    "Fungsional": {"SLTA": 2, "D-III": 20, "S-1": 60, "D-IV": 6, "S-2": 11, "S-3": 1},
    "Struktural": {"SLTA": 0, "D-III": 2, "S-1": 48, "D-IV": 5, "S-2": 42, "S-3": 3},
}
# Structural posts go to people with some seniority.
STRUKTURAL_MIN_SERVICE_YEARS: Final = 8

# --- Units: weight, share of each Jenis Jabatan, and posts. --------------------------------
JENIS_JABATAN: Final = ("Pelaksana", "Fungsional", "Struktural")
UNITS: Final = {
    # unit: (weight, {Pelaksana, Fungsional, Struktural})
    "Dinas Pendidikan": (30, (31, 66, 3)),
    "Dinas Kesehatan": (10, (34, 60, 6)),
    "RSUD": (11, (34, 62, 4)),
    "Sekretariat Daerah": (8, (78, 10, 12)),
    "Dinas Pekerjaan Umum dan Penataan Ruang": (6, (78, 12, 10)),
    "BKPSDM": (3, (68, 20, 12)),
    "Bappeda": (3, (58, 30, 12)),
    "Inspektorat": (3, (35, 55, 10)),
    "Kecamatan Sukamaju": (8, (87, 3, 10)),
    "Kecamatan Sindangsari": (7, (88, 3, 9)),
    "Dinas Sosial": (4, (75, 15, 10)),
    "Badan Keuangan Daerah": (7, (79, 10, 11)),
}
REMOTE_UNITS: Final = frozenset({"Kecamatan Sindangsari"})

# Functional posts per unit: "keahlian" (needs S-1/D-IV or higher) and "keterampilan".
# The level suffix (Ahli Pertama, Terampil, ...) is added from the rank, per §4d.
JF_KEAHLIAN: Final = {
    "Dinas Pendidikan": {"Guru": 90, "Pengawas Sekolah": 5, "Penilik": 3, "Pamong Belajar": 2},
    "Dinas Kesehatan": {
        "Dokter": 15, "Dokter Gigi": 4, "Perawat": 25, "Bidan": 20, "Apoteker": 6,
        "Epidemiolog Kesehatan": 5, "Nutrisionis": 8, "Penyuluh Kesehatan Masyarakat": 17,
    },
    "RSUD": {
        "Dokter": 20, "Dokter Gigi": 3, "Perawat": 45, "Bidan": 12, "Apoteker": 8,
        "Nutrisionis": 4, "Administrator Kesehatan": 8,
    },
    "Sekretariat Daerah": {
        "Analis Hukum": 25, "Perancang Peraturan Perundang-undangan": 20,
        "Pranata Hubungan Masyarakat": 20, "Analis Kebijakan": 20,
        "Pengelola Pengadaan Barang/Jasa": 15,
    },
    "Dinas Pekerjaan Umum dan Penataan Ruang": {
        "Teknik Jalan dan Jembatan": 40, "Teknik Pengairan": 30, "Penata Ruang": 30,
    },
    "BKPSDM": {"Analis Sumber Daya Manusia Aparatur": 70, "Asesor SDM Aparatur": 30},
    "Bappeda": {"Perencana": 70, "Statistisi": 15, "Analis Kebijakan": 15},
    "Inspektorat": {
        "Auditor": 60, "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": 40,
    },
    "Kecamatan Sukamaju": {"Analis Kebijakan": 100},
    "Kecamatan Sindangsari": {"Analis Kebijakan": 100},
    "Dinas Sosial": {"Pekerja Sosial": 70, "Penyuluh Sosial": 30},
    "Badan Keuangan Daerah": {"Analis Keuangan Pusat dan Daerah": 80, "Auditor": 20},
}  # fmt: skip
# Keahlian posts that need a professional degree, so not open to D-IV holders.
JF_PROFESI: Final = frozenset({"Dokter", "Dokter Gigi", "Apoteker"})
JF_KETERAMPILAN: Final = {
    "Dinas Pendidikan": {"Pustakawan": 50, "Pranata Komputer": 30, "Arsiparis": 20},
    "Dinas Kesehatan": {
        "Perawat": 40, "Bidan": 35, "Sanitarian": 15, "Pranata Laboratorium Kesehatan": 10,
    },
    "RSUD": {"Perawat": 50, "Bidan": 20, "Radiografer": 10, "Pranata Laboratorium Kesehatan": 20},
    "Sekretariat Daerah": {"Arsiparis": 50, "Pranata Komputer": 50},
    "Dinas Pekerjaan Umum dan Penataan Ruang": {
        "Teknik Jalan dan Jembatan": 60, "Teknik Pengairan": 40,
    },
    "BKPSDM": {"Arsiparis": 50, "Pranata Komputer": 50},
    "Bappeda": {"Statistisi": 50, "Pranata Komputer": 50},
    "Inspektorat": {"Auditor": 100},
    "Kecamatan Sukamaju": {"Arsiparis": 50, "Pranata Komputer": 50},
    "Kecamatan Sindangsari": {"Arsiparis": 50, "Pranata Komputer": 50},
    "Dinas Sosial": {"Penyuluh Sosial": 50, "Arsiparis": 50},
    "Badan Keuangan Daerah": {"Pranata Komputer": 50, "Arsiparis": 50},
}  # fmt: skip
# §4d level by rank ordinal: (first ordinal of the level, level name).
JF_KEAHLIAN_LEVELS: Final = (
    (9, "Ahli Pertama"), (11, "Ahli Muda"), (13, "Ahli Madya"), (16, "Ahli Utama"),
)  # fmt: skip
JF_KETERAMPILAN_LEVELS: Final = ((1, "Pemula"), (6, "Terampil"), (9, "Mahir"), (11, "Penyelia"))

# Pelaksana posts (Kepmenpan nomenclature) by education band: SLTA, D-III, S-1 and above.
PELAKSANA_BY_EDUCATION: Final = {
    "SLTA": {"Operator Layanan Operasional": 40, "Pengadministrasi Perkantoran": 40,
             "Pengelola Umum Operasional": 20},
    "D-III": {"Pengelola Layanan Operasional": 50, "Pengolah Data dan Informasi": 50},
    "S-1+": {"Penata Layanan Operasional": 60, "Penelaah Teknis Kebijakan": 40},
}  # fmt: skip
# Structural posts by rank band (Pengawas < III/d <= Administrator < IV/b <= head of unit).
STRUKTURAL_PENGAWAS: Final = {
    "Kepala Subbagian Umum dan Kepegawaian": 30, "Kepala Subbagian Keuangan": 20,
    "Kepala Seksi Pelayanan": 25, "Kepala Seksi Perencanaan": 25,
}  # fmt: skip
STRUKTURAL_ADMINISTRATOR: Final = {
    "Sekretaris": 25, "Kepala Bidang Program": 25, "Kepala Bidang Pelayanan": 30,
    "Kepala Bagian Umum": 20,
}  # fmt: skip
STRUKTURAL_ADMINISTRATOR_FROM: Final = 12  # III/d
STRUKTURAL_HEAD_FROM: Final = 14  # IV/b
UNIT_HEADS: Final = {
    "Dinas Pendidikan": "Kepala Dinas Pendidikan",
    "Dinas Kesehatan": "Kepala Dinas Kesehatan",
    "RSUD": "Direktur RSUD",
    "Sekretariat Daerah": "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Dinas Pekerjaan Umum dan Penataan Ruang": "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
    "BKPSDM": "Kepala BKPSDM",
    "Bappeda": "Kepala Bappeda",
    "Inspektorat": "Inspektur",
    "Kecamatan Sukamaju": "Camat Sukamaju",
    "Kecamatan Sindangsari": "Camat Sindangsari",
    "Dinas Sosial": "Kepala Dinas Sosial",
    "Badan Keuangan Daerah": "Kepala Badan Keuangan Daerah",
}

# --- Service history. ---------------------------------------------------------------------
# Years of service at as_of: (from, to, weight). Under one year = CPNS still on probation.
SERVICE_YEARS: Final = (
    (0, 1, 4.5),  # CPNS in the probation year
    (1, 4, 16.0),  # large recent intakes (guru, tenaga kesehatan)
    (4, 8, 12.0),
    (8, 11, 3.0),  # recruitment moratorium
    (11, 22, 38.0),  # honorer conversion waves
    (22, 30, 17.0),
    (30, 38, 9.5),
)
MIN_AGE: Final = 22
MAX_AGE: Final = 58  # BUP for Pelaksana, Administrator, Pengawas and most JF (§10)
# Time in the current rank: a share of people overdue for promotion (>= 4 years in rank).
PROMOTION_STEP_MONTHS: Final = (48, 60)  # one step every 4-5 years
LONG_IN_RANK_SHARE: Final = 0.30
MAX_MONTHS_IN_RANK: Final = 114  # plus <= 5 months snapped back to a KP period: <= 10 years
SIX_PERIODS_FROM_YEAR: Final = 2024  # KP periods: Apr/Oct until 2023, even months from 2024
OVER_CEILING_SHARE: Final = 0.01

# --- People. ----------------------------------------------------------------------------------
FEMALE_SHARE: Final = 0.52
AGAMA: Final = {"Islam": 87.0, "Kristen": 7.0, "Katolik": 3.0, "Hindu": 1.7, "Buddha": 1.0,
                "Khonghucu": 0.3}  # fmt: skip
# Marital status by age band (upper bound exclusive).
MARITAL_AGE_BANDS: Final = (25, 30, 40, 50)
MARITAL_BY_AGE: Final = (
    {"Belum Kawin": 70, "Kawin": 29, "Cerai Hidup": 1, "Cerai Mati": 0},
    {"Belum Kawin": 40, "Kawin": 58, "Cerai Hidup": 1.5, "Cerai Mati": 0.5},
    {"Belum Kawin": 12, "Kawin": 84, "Cerai Hidup": 3, "Cerai Mati": 1},
    {"Belum Kawin": 4, "Kawin": 89, "Cerai Hidup": 4, "Cerai Mati": 3},
    {"Belum Kawin": 2, "Kawin": 87, "Cerai Hidup": 4, "Cerai Mati": 7},
)

# --- Performance and discipline (§5a, §9). -------------------------------------------------
PREDIKAT: Final = {"Sangat Baik": 15, "Baik": 72, "Butuh Perbaikan": 9, "Kurang": 3,
                   "Sangat Kurang": 1}  # fmt: skip
PREDIKAT_PERSISTENCE: Final = 0.55  # chance the later year simply repeats the earlier one
HUKUMAN_DISIPLIN: Final = ("Tidak Ada", "Ringan", "Sedang", "Berat")  # column vocabulary
# Sanctions cluster among people rated Kurang / Sangat Kurang ("Kurang/misconduct").
HUKUMAN_IF_RATED_WELL: Final = {"Tidak Ada": 96.2, "Ringan": 2.5, "Sedang": 1.0, "Berat": 0.3}
HUKUMAN_IF_RATED_POORLY: Final = {"Tidak Ada": 65, "Ringan": 15, "Sedang": 12, "Berat": 8}

# Training hours (JP) in the year: gamma-shaped, median about 24, fewer in remote units.
JP_GAMMA_SHAPE: Final = 2.0
JP_GAMMA_SCALE: Final = 15.5
JP_REMOTE_FACTOR: Final = 0.6
JP_ZERO_SHARE: Final = 0.05
JP_MAX: Final = 120

# Superior's rank relative to the person's: steps above (<= 0 makes the "not above the
# superior" gate bite). Superiors hold at least III/a when they are above the person.
ATASAN_STEPS: Final = {-1: 1, 0: 4, 1: 26, 2: 35, 3: 22, 4: 12}
ATASAN_MIN_ORDINAL: Final = 9
ATASAN_BLANK_SHARE: Final = 0.08

# --- Names (synthetic; independent of religion and unit, so they carry no protected data). --
FIRST_NAMES_MALE: Final = (
    "Agus", "Ahmad", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Dodi", "Eko", "Fajar",
    "Hadi", "Hendra", "Heru", "Irfan", "Iwan", "Joko", "Lukman", "Made", "Muhammad", "Rahmat",
    "Rizki", "Rudi", "Sigit", "Slamet", "Suparman", "Teguh", "Wahyu", "Yudi", "Yusuf", "Asep",
    "Dadang", "Ujang", "Cecep", "Ilham", "Fikri", "Gilang", "Hasan", "Imam", "Ketut", "Wayan",
    "Nyoman", "Yohanes", "Stefanus", "Antonius", "Fransiskus", "Samuel", "Daniel", "Adi",
    "Bayu", "Dimas", "Galih", "Taufik", "Zainal", "Syarif", "Ridwan", "Firman", "Anton",
    "Yosef", "Rahmadi", "Sutrisno",
)  # fmt: skip
FIRST_NAMES_FEMALE: Final = (
    "Siti", "Sri", "Dewi", "Ani", "Ayu", "Desi", "Dian", "Eka", "Endang", "Fitri",
    "Indah", "Intan", "Kartini", "Lina", "Maya", "Mega", "Nia", "Novi", "Nur", "Puji",
    "Putri", "Rina", "Rini", "Ratna", "Sari", "Suci", "Tuti", "Wati", "Wulan", "Yanti",
    "Yuli", "Yuni", "Nining", "Euis", "Neneng", "Imas", "Lilis", "Cucu", "Tati", "Komang",
    "Kadek", "Maria", "Theresia", "Agnes", "Veronika", "Elisabeth", "Rahma", "Nurul",
    "Aisyah", "Fatimah", "Annisa", "Laila", "Hana", "Dina", "Vina", "Retno", "Wahyuni",
    "Susanti", "Oktaviani", "Kurniasih",
)  # fmt: skip
SECOND_NAMES_MALE: Final = (
    "Pratama", "Saputra", "Hidayat", "Santoso", "Wijaya", "Setiawan", "Kurniawan", "Nugroho",
    "Susanto", "Gunawan", "Hakim", "Rahman", "Wibowo", "Prasetyo", "Permana", "Suryadi",
    "Firmansyah", "Ramadhan", "Maulana", "Fauzi", "Hermawan", "Supriyadi", "Sulistyo",
    "Susilo", "Wahyudi", "Irawan", "Syahputra", "Suherman", "Sudrajat", "Effendi",
)  # fmt: skip
SECOND_NAMES_FEMALE: Final = (
    "Rahayu", "Wulandari", "Lestari", "Anggraini", "Puspitasari", "Handayani", "Hidayati",
    "Mulyani", "Yulianti", "Fitriani", "Safitri", "Rachmawati", "Saputri", "Kusumawati",
    "Purnamasari", "Novitasari", "Permatasari", "Utami", "Pertiwi", "Maharani", "Anjani",
    "Damayanti", "Oktavia", "Ningsih", "Suryani", "Astuti", "Indriani", "Marlina", "Fauziah",
    "Nurhasanah",
)  # fmt: skip
FAMILY_NAMES: Final = (
    "Hasibuan", "Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Sitompul", "Pohan",
    "Sinaga", "Tarigan", "Ginting", "Purba", "Panjaitan", "Manurung", "Sembiring", "Pardede",
    "Sihombing", "Tanjung", "Chaniago", "Piliang", "Sikumbang", "Kusuma", "Wirawan",
    "Mandagi", "Lumban Tobing", "Pattiasina", "Latuconsina", "Matondang", "Situmorang",
    "Daulay",
)  # fmt: skip
SINGLE_NAME_SHARE: Final = 0.12
TITLE_SHARE: Final = 0.40  # share of graduates whose academic title is written in Nama
TITLE_SUFFIX_BY_EDUCATION: Final = {
    "D-III": ("A.Md.", "A.Md.Kep.", "A.Md.Keb.", "A.Md.Kes."),
    "S-1": ("S.Pd.", "S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.Kep., Ns.", "S.AP.", "S.Si."),
    "D-IV": ("S.Tr.Keb.", "S.ST.", "S.Tr.Kes."),
    "S-2": ("M.Pd.", "M.Si.", "M.M.", "M.A.P.", "M.Kes."),
    "S-3": ("M.Si.", "M.Pd.", "M.Kes."),
}
DOCTOR_PREFIX: Final = {"Dokter": "dr.", "Dokter Gigi": "drg."}
DOCTORATE_PREFIX: Final = "Dr."
