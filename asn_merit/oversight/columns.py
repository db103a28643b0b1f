"""The checks' column contract: logical name -> accepted headers and type, every column optional.

Unlike a scoring policy, the checks never refuse a roster for a missing column: each check
names what it needs and is skipped without it. Cells that do not parse become blank (and are
counted), because an oversight report should still cover the rows that are readable.

Yearly columns (``predikat_<YYYY>``, ``jp_<YYYY>``) are found by header pattern, so a roster
exported in any year works without configuration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from asn_merit.diagnostics import RosterFinding
from asn_merit.errors import InputOutputError, RosterError
from asn_merit.fairness.outcomes import parse_outcome
from asn_merit.oversight import rules as r
from asn_merit.roster.reader import InputFile, RawRoster, read_roster
from asn_merit.roster.types import PARSERS, Parsed, normalise_key_text, parse_category

ROW = "_row"  # Excel row of the person, for the working paper


def as_written(name: str) -> str:
    """Column holding an id cell as written, shown when it is not a valid 18-digit NIP."""
    return f"_{name}_text"


@dataclass(frozen=True)
class Column:
    headers: tuple[str, ...]
    type: str  # a roster.types parser name, "category" or "outcome"
    allowed: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)


def _category(headers: tuple[str, ...], allowed: tuple[str, ...],
              aliases: Mapping[str, str] | None = None) -> Column:
    return Column(headers, "category", allowed, aliases or {})


JENIS_JABATAN = ("JPT", "Administrator", "Pengawas", "Struktural", "Fungsional", "Pelaksana")
STRUCTURAL = ("JPT", "Administrator", "Pengawas", "Struktural")
JF_LEVELS = tuple(r.JF_LEVEL_RANKS)

ROSTER_COLUMNS: dict[str, Column] = {
    # --- in the sample roster (and a typical SIMPEG export) ---
    "nip": Column(("NIP", "NIP Baru"), "nip18"),
    "unit": Column(("Unit Kerja", "Unit Organisasi", "OPD", "Satuan Kerja", "Satker"), "text"),
    "sex": _category(("Jenis Kelamin", "JK", "L/P"), ("L", "P"),
                     {"Laki-laki": "L", "Pria": "L", "Perempuan": "P", "Wanita": "P"}),
    "birth_date": Column(("Tanggal Lahir", "Tgl Lahir"), "date"),
    "religion": Column(("Agama",), "text"),
    "marital": Column(("Status Perkawinan", "Status Kawin"), "text"),
    "education": _category(("Pendidikan Terakhir", "Pendidikan", "Tingkat Pendidikan"),
                           tuple(r.EDUCATION_CEILING), r.EDUCATION_ALIASES),
    "status": _category(("Status Pegawai", "Status Kepegawaian"), ("PNS", "CPNS", "PPPK"),
                        {"P3K": "PPPK"}),
    "gol": Column(("Gol/Ruang", "Golongan", "Pangkat/Gol", "Golongan/Ruang"), "golongan"),
    "tmt_gol": Column(("TMT Golongan", "TMT Pangkat"), "date"),
    "tmt_cpns": Column(("TMT CPNS",), "date"),
    "jabatan": Column(("Jabatan", "Nama Jabatan"), "text"),
    "jenis_jabatan": _category(("Jenis Jabatan",), JENIS_JABATAN, {
        "Jabatan Pimpinan Tinggi": "JPT", "JPT Pratama": "JPT", "JPT Madya": "JPT",
        "JPT Utama": "JPT", "Fungsional Tertentu": "Fungsional", "JFT": "Fungsional",
        "JF": "Fungsional", "Fungsional Umum": "Pelaksana", "JFU": "Pelaksana",
    }),
    "sanction": _category(("Hukuman Disiplin", "Hukuman Disiplin Berjalan",
                           "Tingkat Hukuman Disiplin"),
                          ("Tidak Ada", "Ringan", "Sedang", "Berat", r.UNDER_EXAMINATION),
                          {"-": "Tidak Ada", "Tidak": "Tidak Ada", "Nihil": "Tidak Ada",
                           "Dalam Pemeriksaan": r.UNDER_EXAMINATION}),
    "gol_superior": Column(("Gol/Ruang Atasan", "Gol/Ruang Atasan Langsung", "Golongan Atasan"),
                           "golongan"),
    # --- optional columns the sample roster does not have ---
    "unit_predikat": _category(("Predikat Unit Kerja", "Predikat Kinerja Unit",
                                "Predikat Kinerja Organisasi", "Predikat Organisasi",
                                "Predikat Unit"), r.UNIT_PREDIKAT, r.PREDIKAT_ALIASES),
    "jf_level": _category(("Jenjang Jabatan", "Jenjang Jabatan Fungsional", "Jenjang"),
                          JF_LEVELS),
    "eselon": Column(("Eselon",), "text"),
    "sanction_start": Column(("TMT Hukuman Disiplin", "Tanggal Mulai Hukuman Disiplin",
                              "Mulai Hukuman Disiplin", "TMT Hukdis"), "date"),
    "sanction_end": Column(("Akhir Hukuman Disiplin", "Tanggal Selesai Hukuman Disiplin",
                            "Selesai Hukuman Disiplin", "Akhir Hukdis"), "date"),
    "sanction_months": Column(("Lama Hukuman Disiplin (Bulan)", "Masa Hukuman (Bulan)",
                               "Lama Hukuman (Bulan)"), "integer"),
    "reward_date": Column(("Tanggal Penghargaan", "TMT Penghargaan", "Tgl Penghargaan"),
                          "date"),
    "superior_nip": Column(("NIP Atasan", "NIP Atasan Langsung"), "nip18"),
    "ujian_dinas": Column(("Ujian Dinas", "Lulus Ujian Dinas"), "bool"),
    "under_examination": Column(("Sedang Diperiksa", "Dalam Pemeriksaan Hukuman Disiplin",
                                 "Sedang Diperiksa Hukuman Disiplin"), "bool"),
    # the level of leadership training, not the sample's Belum/Sudah "Diklat Kepemimpinan"
    "diklatpim": _category(("Jenjang Diklat Kepemimpinan", "Diklatpim Tertinggi",
                            "Pelatihan Kepemimpinan Tertinggi"),
                           r.DIKLATPIM, r.DIKLATPIM_ALIASES),
    "region": Column(("Wilayah", "Region", "Lokasi Kerja", "Kabupaten/Kota"), "text"),
    "disability": Column(("Disabilitas", "Penyandang Disabilitas", "Berkebutuhan Khusus"),
                         "text"),
    "origin": Column(("Asal Daerah", "Daerah Asal"), "text"),
}

# Yearly columns: "{year}" stands for four digits.
YEARLY_COLUMNS: dict[str, Column] = {
    "predikat": _category(("Predikat Kinerja {year}", "Predikat SKP {year}", "Predikat {year}"),
                          r.PREDIKAT, r.PREDIKAT_ALIASES),
    "jp": Column(("JP Pengembangan Kompetensi {year}", "JP Diklat {year}",
                  "Jam Pelajaran Pengembangan Kompetensi {year}"), "number"),
}

# The panel / declarations file: one row per assessor and candidate (a blank candidate means
# the assessor sat on the decision's panel for every candidate).
PANEL_COLUMNS: dict[str, Column] = {
    "decision": Column(("ID Keputusan", "Keputusan", "Kode Seleksi", "Seleksi"), "text"),
    "assessor": Column(("NIP Penilai", "NIP Panitia", "NIP Anggota Panitia", "NIP Pansel"),
                       "nip18"),
    "candidate": Column(("NIP Kandidat", "NIP Peserta", "NIP Calon"), "nip18"),
    "relation": Column(("Hubungan", "Hubungan dengan Kandidat", "Relasi"), "text"),
    "score": Column(("Nilai", "Skor"), "number"),
    "outcome": Column(("Hasil", "Lulus", "Terpilih"), "outcome"),
}


def _yearly_pattern(template: str) -> re.Pattern[str]:
    key = re.escape(normalise_key_text(template)).replace(r"\{year\}", "([0-9]{4})")
    return re.compile(key + "$")


_YEARLY = {name: [_yearly_pattern(h) for h in spec.headers] for name, spec in
           YEARLY_COLUMNS.items()}


def accepted_headers(name: str) -> tuple[str, ...]:
    """Header spellings for a logical name, including yearly ones such as ``predikat_2025``."""
    if name in ROSTER_COLUMNS:
        return ROSTER_COLUMNS[name].headers
    if name in PANEL_COLUMNS:
        return PANEL_COLUMNS[name].headers
    base, _, year = name.rpartition("_")
    return tuple(h.replace("{year}", year) for h in YEARLY_COLUMNS[base].headers)


def _parse(spec: Column, cells: pd.Series) -> Parsed:
    if spec.type == "category":
        return parse_category(cells, list(spec.allowed), spec.aliases)
    return PARSERS[spec.type](cells)


@dataclass
class Table:
    """Typed logical columns found in one file, with what could not be read."""

    frame: pd.DataFrame
    headers: dict[str, str]
    invalid: dict[str, int]
    source: InputFile


def _match(raw: RawRoster, specs: Mapping[str, Column], yearly: bool) -> dict[str, str]:
    by_key: dict[str, str] = {}
    for header in raw.headers:
        by_key.setdefault(normalise_key_text(header), header)
    found = {}
    for name, spec in specs.items():
        header = next((by_key[k] for k in map(normalise_key_text, spec.headers) if k in by_key),
                      None)
        if header is not None:
            found[name] = header
    if yearly:
        for key, header in sorted(by_key.items()):
            for base, patterns in _YEARLY.items():
                hit = next((m for p in patterns if (m := p.match(key))), None)
                if hit:
                    found.setdefault(f"{base}_{hit.group(1)}", header)
    return found


def _typed(raw: RawRoster, specs: Mapping[str, Column], yearly: bool) -> Table:
    headers = _match(raw, specs, yearly)
    frame = pd.DataFrame(index=pd.RangeIndex(len(raw.rows)))
    invalid: dict[str, int] = {}
    for name, header in headers.items():
        spec = specs[name] if name in specs else YEARLY_COLUMNS[name.rpartition("_")[0]]
        cells = raw.cells[header].reset_index(drop=True)
        if spec.type == "outcome":
            try:
                frame[name] = parse_outcome(cells)
            except ValueError as exc:
                raise RosterError([RosterFinding(
                    "roster.bad-outcome", str(exc), file=raw.source.path, column=header,
                    log_message=getattr(exc, "log_message", ""))]) from None
            continue
        parsed = _parse(spec, cells)
        frame[name] = parsed.values
        bad = parsed.invalid
        if spec.type == "nip18":
            # a NIP stored as a number has lost digits (decision 8): treat it as unreadable
            numeric = raw.numeric[header].reset_index(drop=True)
            frame[name] = frame[name].mask(numeric)
            frame[as_written(name)] = cells.str.strip()
            bad = bad | numeric
        if bad.any():
            invalid[name] = int(bad.sum())
    frame[ROW] = raw.rows.to_numpy()
    return Table(frame, headers, invalid, raw.source)


def _wanted(specs: Mapping[str, Column]) -> set[str]:
    return {normalise_key_text(h) for spec in specs.values() for h in spec.headers}


def _read(path: Path, specs: Mapping[str, Column], sheet: str | None,
          header_row: int | None) -> RawRoster:
    if not path.is_file():
        raise InputOutputError(f"{path} does not exist")
    # yearly columns are found by pattern after reading, so every column is needed
    return read_roster(path, _wanted(specs), sheet, header_row, every_column=True)


def load_roster(path: Path, sheet: str | None = None, header_row: int | None = None) -> Table:
    return _typed(_read(path, ROSTER_COLUMNS, sheet, header_row), ROSTER_COLUMNS, yearly=True)


def load_panel(path: Path) -> Table:
    """A panel or declarations file; it must at least name assessor and candidate (exit 4)."""
    table = _typed(_read(path, PANEL_COLUMNS, None, None), PANEL_COLUMNS, yearly=False)
    missing = [n for n in ("assessor", "candidate") if n not in table.headers]
    if missing:
        raise RosterError([RosterFinding(
            "roster.missing-column",
            f"'{n}' column not found (expected header: {' / '.join(PANEL_COLUMNS[n].headers)})",
            file=str(path)) for n in missing])
    return table
