"""A corpus of real-world roster layouts, each scored through the CLI or refused by name.

Every case builds its file here (xlsx with merged cells via xlsxwriter, CSV as bytes) in the
shape the real thing has, and states its outcome: scored, with the eligibility of each person
checked (tests/realworld/builders.py: PEOPLE, EXPECTED), or exit 4 with a message naming the
file, sheet, row and column. Where the shapes come from:

- SIMPEG "Daftar Pegawai OPD" export (SIMPEG Kota Bogor, github solasoli/simpeg-bogor,
  controllers/phpexcel/excel_daftar_pegawai_opd.php): title merged over A1:E1 and the OPD name
  over A2:E2, a blank row, one header row at row 4 (No, Nama, NIP, Gol, Jabatan), people from
  row 5, the NIP as text and the golongan as "Penata Muda, III/a"-style text.
- DUK / DAFTAR NOMINATIF (form of PP 15/1979 and the BKN nominatif forms; reference
  domain-indonesia.md "Typical roster columns"): NO | NAMA | NIP over two header rows, PANGKAT
  over GOL/RUANG | TMT, JABATAN over NAMA | TMT, MASA KERJA over THN | BLN, the rating years
  under one PREDIKAT KINERJA cell, a row of column numbers (1) (2) … under the header, unit
  section rows ("I. DINAS PENDIDIKAN", "A. SEKRETARIAT"), JUMLAH rows and a signature block
  (place and date, "KEPALA BADAN …", name, pangkat, "NIP. 1970…") under the list.
- One sheet per OPD in one workbook, plus a "Rekap" sheet of counts (BKPSDM usulan KP files).
- BKN SIASN downloads: pipe-delimited CSV with upper-case headers (reference
  domain-indonesia.md; issue 16), NIP BARU as the id header.
- Hand-kept workbooks saved by Excel in an Indonesian locale: semicolon CSV, dates typed as
  "12 Maret 2020" or "1 Agt 2018", English-locale "12-Jan-2020"; PPPK rows mixed with PNS
  (golongan I-XVII, "P3K", NI PPPK numbers: reference domain-indonesia.md §8).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from builders import (
    EXPECTED,
    PEOPLE,
    PPPK,
    SIGNATURE,
    Person,
    Sheet,
    tmt_text,
    write_csv,
    write_workbook,
)
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from asn_merit.cli import app

POLICY = Path(__file__).with_name("kp-corpus.yaml")
runner = CliRunner()

ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]
ID_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sept", "Okt", "Nop", "Des"]
EN_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Refusal:
    """An exit-4 refusal: what its message must name."""

    code: str
    row: int | None
    column: str | None
    sheet: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    expect: dict[str, str] | Refusal
    info: tuple[str, ...] = ()  # finding codes the run must list (rows skipped and why)
    xfail: str | None = None


def flat(person: Person, tmt: Callable[[date | None], object] = lambda d: d) -> list[object]:
    return [person.nip, person.nama, person.status, person.gol, tmt(person.tmt), person.unit,
            person.p2025, person.p2024]


FLAT_HEADER = ["NIP", "Nama", "Status Pegawai", "Gol/Ruang", "TMT Pangkat", "Unit Kerja",
               "Predikat Kinerja 2025", "Predikat Kinerja 2024"]


def numbered(people: list[Person]) -> list[list[object]]:
    return [[i, *flat(p)] for i, p in enumerate(people, start=1)]


# --- DUK / nominatif: the two-row merged header -----------------------------------------------

DUK_TOP = ["NO", "NAMA", "NIP", "STATUS PEGAWAI", "PANGKAT", None, "UNIT KERJA",
           "PREDIKAT KINERJA", None, "MASA KERJA", None]
DUK_SUB = [None, None, None, None, "GOL/RUANG", "TMT", None, "2025", "2024", "THN", "BLN"]
# cells merged down over both header rows, and the group labels merged across
DUK_MERGES = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3), (0, 4, 0, 5),
              (0, 6, 1, 6), (0, 7, 0, 8), (0, 9, 0, 10)]


def duk_row(i: int, p: Person, tmt: Callable[[date | None], object] = lambda d: d
            ) -> list[object]:
    return [i, p.nama, p.nip, p.status, p.gol, tmt(p.tmt), p.unit, p.p2025, p.p2024, 12, 3]


def shifted(merges: list[tuple[int, int, int, int]], by: int) -> list[tuple[int, int, int, int]]:
    return [(a + by, b, c + by, d) for a, b, c, d in merges]


def duk(title_rows: int = 3, numbers: bool = True, people: list[Person] = PEOPLE,
        tmt: Callable[[date | None], object] = lambda d: d) -> Sheet:
    rows: list[list[object]] = [["DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL"],
                                ["BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM KABUPATEN SUMEDANG"],
                                ["KEADAAN 30 SEPTEMBER 2026"]][:title_rows]
    merges = [(r, 0, r, 10) for r in range(title_rows)]
    rows += [list(DUK_TOP), list(DUK_SUB)]
    merges += shifted(DUK_MERGES, title_rows)
    if numbers:
        rows.append([f"({n})" for n in range(1, 12)])
    rows += [duk_row(i, p, tmt) for i, p in enumerate(people, start=1)]
    return Sheet("DUK", rows, merges)


def case_duk_two_row_header(tmp: Path) -> Path:
    return write_workbook(tmp / "duk-2026.xlsx", [duk()])


def case_duk_plain_column_numbers(tmp: Path) -> Path:
    sheet = duk(numbers=False)
    at = 5  # under the two header rows and the title
    sheet.rows.insert(at, list(range(1, 12)))
    return write_workbook(tmp / "duk-angka.xlsx", [sheet])


def case_three_row_header(tmp: Path) -> Path:
    top = ["NO", "NAMA", "NIP", "STATUS PEGAWAI", "PANGKAT", None, "UNIT KERJA",
           "PREDIKAT KINERJA", None, "MASA KERJA", None]
    middle = [None] * 7 + ["2025", "2024", None, None]
    bottom = [None] * 4 + ["GOL/RUANG", "TMT", None, None, None, "THN", "BLN"]
    rows = [["DAFTAR NOMINATIF PNS"], top, middle, bottom,
            *[duk_row(i, p) for i, p in enumerate(PEOPLE, start=1)]]
    merges = [(0, 0, 0, 10), *[(1, c, 3, c) for c in (0, 1, 2, 3, 6)], (1, 4, 2, 5),
              (1, 7, 1, 8), (2, 7, 3, 7), (2, 8, 3, 8), (1, 9, 2, 10)]
    return write_workbook(tmp / "nominatif-3-baris.xlsx", [Sheet("Nominatif", rows, merges)])


def case_single_header_simpeg_opd(tmp: Path) -> Path:
    rows = [["Daftar Pegawai"], ["DINAS PENDIDIKAN"], [], ["No", *FLAT_HEADER],
            *numbered(PEOPLE)]
    return write_workbook(tmp / "Daftar_Pegawai_DINAS PENDIDIKAN.xlsx",
                          [Sheet("Data", rows, [(0, 0, 0, 8), (1, 0, 1, 8)])])


# --- section, total and signature rows ---------------------------------------------------------

def sectioned(sections: list[tuple[str, list[Person]]], merge_sections: bool,
              totals: bool = False) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    rows: list[list[object]] = [["DAFTAR NOMINATIF PEGAWAI"], [], ["No", *FLAT_HEADER]]
    merges: list[tuple[int, int, int, int]] = [(0, 0, 0, 8)]
    n = 0
    for label, people in sections:
        if merge_sections:
            merges.append((len(rows), 0, len(rows), 8))
        rows.append([label])
        for p in people:
            n += 1
            rows.append([n, *flat(p)])
        if totals:
            rows.append([None, f"Jumlah {label.split('. ', 1)[-1].title()}", None, None, None,
                         None, None, None, len(people)])
    return rows, merges


def case_roman_sections(tmp: Path) -> Path:
    rows, merges = sectioned([("I. DINAS PENDIDIKAN", PEOPLE[:2]),
                              ("II. DINAS KESEHATAN", PEOPLE[2:])], merge_sections=False)
    return write_workbook(tmp / "nominatif-opd.xlsx", [Sheet("Nominatif", rows, merges)])


def case_letter_sections_merged_across(tmp: Path) -> Path:
    rows, merges = sectioned([("A. SEKRETARIAT", PEOPLE[:2]),
                              ("B. BIDANG MUTASI DAN PROMOSI", PEOPLE[2:])], merge_sections=True)
    return write_workbook(tmp / "nominatif-bidang.xlsx", [Sheet("Sheet1", rows, merges)])


def case_subtotals_and_total(tmp: Path) -> Path:
    rows, merges = sectioned([("A. SEKRETARIAT", PEOPLE[:2]),
                              ("B. BIDANG MUTASI", PEOPLE[2:])], merge_sections=True,
                             totals=True)
    rows.append([None, "JUMLAH TOTAL", None, None, None, None, None, None, len(PEOPLE)])
    return write_workbook(tmp / "nominatif-jumlah.xlsx", [Sheet("Sheet1", rows, merges)])


def signature_rows(column: int, width: int = 9) -> list[list[object]]:
    out: list[list[object]] = [[]]
    for line in SIGNATURE:
        row: list[object] = [None] * width
        row[column] = line
        out.append(row)
    return out


def case_signature_block(tmp: Path) -> Path:
    rows = [["DAFTAR NOMINATIF"], ["No", *FLAT_HEADER], *numbered(PEOPLE),
            [None, "JUMLAH", None, None, None, None, None, None, "5 orang"],
            *signature_rows(6)]
    return write_workbook(tmp / "nominatif-ttd.xlsx", [Sheet("Sheet1", rows, [(0, 0, 0, 8)])])


def case_signature_nip_in_id_column(tmp: Path) -> Path:
    rows = [["No", *FLAT_HEADER], *numbered(PEOPLE), [],
            [None, None, "Mengetahui,"], [None, None, "Kepala Dinas Pendidikan"], [],
            [None, None, "Dra. Hj. ENOK KURAESIN"],
            [None, "NIP. 196805121990032004", None]]
    return write_workbook(tmp / "nominatif-ttd-nip.xlsx", [Sheet("Sheet1", rows)])


def case_two_signatures_side_by_side(tmp: Path) -> Path:
    rows = [["No", *FLAT_HEADER], *numbered(PEOPLE), [],
            [None, "Mengetahui,", None, None, None, None, "Sumedang, 01-10-2026"],
            [None, "Sekretaris Daerah", None, None, None, None, "Kepala BKPSDM"],
            [None, "Drs. H. TUTI RUSWATI, M.M.", None, None, None, None, "Drs. ASEP S."],
            [None, "NIP. 196601011986031001", None, None, None, None,
             "NIP. 197001011990031001"]]
    return write_workbook(tmp / "usulan-kp.xlsx", [Sheet("Usulan", rows)])


# --- merged unit column, several sheets ---------------------------------------------------------

def case_unit_merged_down(tmp: Path) -> Path:
    rows = [["No", *FLAT_HEADER], *numbered(PEOPLE)]
    for r in (2, 4, 5):  # only the first row of each unit's block has the unit
        rows[r][6] = None
    return write_workbook(tmp / "unit-merge.xlsx",
                          [Sheet("Sheet1", rows, [(1, 6, 2, 6), (3, 6, 5, 6)])])


def case_one_sheet_per_opd(tmp: Path) -> Path:
    def opd(name: str, people: list[Person]) -> Sheet:
        return Sheet(name, [[f"DAFTAR NOMINATIF {name}"], ["No", *FLAT_HEADER],
                            *numbered(people)], [(0, 0, 0, 8)])

    rekap = Sheet("Rekap", [["OPD", "Jumlah PNS"], ["Disdik", 2], ["Dinkes", 2], ["BKPSDM", 1]])
    return write_workbook(tmp / "kp-per-opd.xlsx", [opd("Disdik", PEOPLE[:2]),
                                                    opd("Dinkes", PEOPLE[2:4]),
                                                    opd("BKPSDM", PEOPLE[4:]), rekap])


def case_one_sheet_per_opd_two_row_headers(tmp: Path) -> Path:
    first, second = duk(title_rows=1), duk(title_rows=1)
    head = 4  # title, two header rows, column numbers
    first.rows = first.rows[:head] + first.rows[head:head + 3]
    second.rows = second.rows[:head] + second.rows[head + 3:]
    first.name, second.name = "Kec. Jatinangor", "Kec. Tanjungsari"
    return write_workbook(tmp / "duk-per-kecamatan.xlsx", [first, second])


# --- dates, PPPK --------------------------------------------------------------------------------

def case_indonesian_month_names(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p, lambda d: tmt_text(d, ID_MONTHS)) for p in PEOPLE]]
    return write_workbook(tmp / "tmt-teks.xlsx", [Sheet("Sheet1", rows)])


def case_indonesian_abbreviations(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p, lambda d: tmt_text(d, ID_SHORT)) for p in PEOPLE]]
    return write_workbook(tmp / "tmt-singkat.xlsx", [Sheet("Sheet1", rows)])


def case_english_dd_mon_yyyy(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p, lambda d: None if d is None else
                                f"{d.day:02d}-{EN_SHORT[d.month - 1]}-{d.year}")
                           for p in PEOPLE]]
    return write_workbook(tmp / "tmt-english.xlsx", [Sheet("Sheet1", rows)])


def case_date_cells_mixed_with_text_dates(tmp: Path) -> Path:
    texts = [lambda d: d, lambda d: tmt_text(d, ID_MONTHS), lambda d: d,
             lambda d: tmt_text(d, EN_SHORT), lambda d: d.strftime("%d/%m/%Y")]
    rows = [FLAT_HEADER, *[flat(p, f) for p, f in zip(PEOPLE, texts, strict=True)]]
    return write_workbook(tmp / "tmt-campur.xlsx", [Sheet("Sheet1", rows)])


def case_pppk_mixed_with_pns(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p) for p in [*PEOPLE[:3], PPPK, *PEOPLE[3:]]]]
    return write_workbook(tmp / "asn-pns-pppk.xlsx", [Sheet("ASN", rows)])


def case_p3k_status_and_marked_grade(tmp: Path) -> Path:
    p3k = [PPPK.nip, PPPK.nama, "P3K", "V", None, PPPK.unit, "Baik", "Baik"]
    teacher = ["199203142023212001", "Yuni Astuti, S.Pd.", "P3K", "IV (PPPK)", None,
               "Sekretariat", None, None]
    rows = [FLAT_HEADER, *[flat(p) for p in PEOPLE], p3k, teacher]
    return write_workbook(tmp / "asn-p3k.xlsx", [Sheet("ASN", rows)])


def case_pppk_bare_grade_iv_refused(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p) for p in PEOPLE],
            [PPPK.nip, PPPK.nama, "PPPK", "IV", None, PPPK.unit, None, None]]
    return write_workbook(tmp / "asn-gol-iv.xlsx", [Sheet("ASN", rows)])


# --- refusals that name the place --------------------------------------------------------------

def case_person_without_nip_between_people(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p) for p in PEOPLE]]
    rows.insert(3, [None, "Hendra Gunawan", "PNS", "III/c", date(2018, 1, 1), "Sekretariat",
                    "Baik", "Baik"])
    return write_workbook(tmp / "tanpa-nip.xlsx", [Sheet("Sheet1", rows)])


def case_note_line_between_people(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p) for p in PEOPLE]]
    rows.insert(3, [None, "catatan: sedang tugas belajar"])
    return write_workbook(tmp / "catatan.xlsx", [Sheet("Sheet1", rows)])


def case_unit_blank_without_merge(tmp: Path) -> Path:
    rows = [["No", *FLAT_HEADER], *numbered(PEOPLE)]
    rows[2][6] = None  # hand-kept: left blank, not merged; it must not be filled
    return write_workbook(tmp / "unit-kosong.xlsx", [Sheet("Sheet1", rows)])


def case_numeric_nip(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p) for p in PEOPLE]]
    rows[2][0] = float(rows[2][0])  # Excel turned the NIP into 1.99001E+17
    return write_workbook(tmp / "nip-angka.xlsx", [Sheet("Sheet1", rows)])


def case_copy_sheet(tmp: Path) -> Path:
    rows = [FLAT_HEADER, *[flat(p) for p in PEOPLE]]
    return write_workbook(tmp / "salinan.xlsx", [Sheet("Pegawai", rows),
                                                 Sheet("Salinan", [list(r) for r in rows])])


def case_sheets_with_different_headers(tmp: Path) -> Path:
    a = [FLAT_HEADER, *[flat(p) for p in PEOPLE]]
    other = list(FLAT_HEADER)
    other[3] = "Golongan"  # an older export of the same list: which one is meant is unclear
    b = [other, *[flat(p) for p in PEOPLE[:3]]]
    return write_workbook(tmp / "dua-versi.xlsx", [Sheet("Versi A", a), Sheet("Versi B", b)])


def case_section_number_and_name_in_two_cells(tmp: Path) -> Path:
    rows: list[list[object]] = [["No", *FLAT_HEADER]]
    n = 0
    for number, name, people in (("I", "DINAS PENDIDIKAN", PEOPLE[:2]),
                                 ("II", "DINAS KESEHATAN", PEOPLE[2:])):
        rows.append([number, name])
        for p in people:
            n += 1
            rows.append([n, *flat(p)])
    return write_workbook(tmp / "nominatif-dua-sel.xlsx", [Sheet("Sheet1", rows)])


def case_number_and_name_without_nip(tmp: Path) -> Path:
    rows = [["No", *FLAT_HEADER], *numbered(PEOPLE)]
    rows.insert(3, [3, None, "Hendra Gunawan"])  # a person typed without NIP: not a section
    return write_workbook(tmp / "nama-saja.xlsx", [Sheet("Sheet1", rows)])


# --- CSV ------------------------------------------------------------------------------------------

SIASN_HEADER = ["NIP BARU", "NAMA", "STATUS PEGAWAI", "GOLONGAN", "TMT GOLONGAN", "UNIT ORGANISASI",
                "PREDIKAT KINERJA 2025", "PREDIKAT KINERJA 2024"]


def case_siasn_pipe_csv(tmp: Path) -> Path:
    return write_csv(tmp / "siasn-data-asn.csv",
                     [SIASN_HEADER, *[flat(p) for p in [*PEOPLE, PPPK]]], "|", newline="\n")


def case_semicolon_csv_indonesian_excel(tmp: Path) -> Path:
    rows = [["DAFTAR NOMINATIF PEGAWAI", *[None] * 7], [None] * 8, FLAT_HEADER,
            *[flat(p, lambda d: tmt_text(d, ID_SHORT)) for p in PEOPLE]]
    return write_csv(tmp / "nominatif.csv", rows, ";", encoding="utf-8-sig")


def case_tab_txt(tmp: Path) -> Path:
    return write_csv(tmp / "ekspor.txt", [FLAT_HEADER, *[flat(p) for p in PEOPLE]], "\t")


def case_csv_two_row_header_group_typed_once(tmp: Path) -> Path:
    top = ["NO", "NAMA", "NIP", "STATUS PEGAWAI", "PANGKAT", None, "UNIT KERJA",
           "PREDIKAT KINERJA", None, "MASA KERJA", None]
    rows = [top, DUK_SUB, *[duk_row(i, p) for i, p in enumerate(PEOPLE, start=1)]]
    return write_csv(tmp / "duk.csv", rows, ";")


def case_csv_sections_totals_signature(tmp: Path) -> Path:
    rows, _ = sectioned([("I. SEKRETARIAT", PEOPLE[:2]), ("II. BIDANG MUTASI", PEOPLE[2:])],
                        merge_sections=False, totals=True)
    rows += [[None, "JUMLAH", None, None, None, None, None, None, "5"],
             *signature_rows(5)]
    return write_csv(tmp / "nominatif-bagian.csv", rows, ",")


def case_ambiguous_delimiter(tmp: Path) -> Path:
    path = tmp / "campur.csv"
    lines = ["NIP;Nama,Gelar;Gol/Ruang"] + [f"{p.nip};{p.nama.split(',')[0]},-;{p.gol}"
                                            for p in PEOPLE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- header folding and the SIASN preset (roster/binding.py) -----------------------------------

def case_spaced_letter_headers(tmp: Path) -> Path:
    header = ["N I P", "N A M A", "STATUS PEGAWAI", "GOL. RUANG", "TMT GOL.", "UNIT KERJA",
              "PREDIKAT KINERJA 2025", "PREDIKAT KINERJA 2024"]
    return write_workbook(tmp / "huruf-spasi.xlsx",
                          [Sheet("Sheet1", [header, *[flat(p) for p in PEOPLE]])])


def case_siasn_data_utama_vocabulary(tmp: Path) -> Path:
    header = ["NIP BARU", "NAMA", "STATUS CPNS PNS", "GOL AKHIR NAMA", "TMT GOLONGAN",
              "UNOR NAMA", "PREDIKAT KINERJA 2025", "PREDIKAT KINERJA 2024"]
    rows = [[p.nip, p.nama, "P" if p.status == "PNS" else "C", p.gol, p.tmt, p.unit, p.p2025,
             p.p2024] for p in PEOPLE]
    return write_csv(tmp / "siasn-data-utama.csv", [header, *rows], "|")


SCORED = dict(EXPECTED)
SCORED_PPPK = {**EXPECTED, PPPK.nip: "out_of_scope"}

CASES = [
    Case("simpeg-opd-single-header", case_single_header_simpeg_opd, SCORED),
    Case("duk-two-row-merged-header", case_duk_two_row_header, SCORED,
         ("roster.column-numbers",)),
    Case("duk-plain-column-numbers", case_duk_plain_column_numbers, SCORED,
         ("roster.column-numbers",)),
    Case("nominatif-three-row-header", case_three_row_header, SCORED),
    Case("roman-unit-sections", case_roman_sections, SCORED, ("roster.section-row",)),
    Case("letter-sections-merged-across", case_letter_sections_merged_across, SCORED,
         ("roster.section-row",)),
    Case("section-number-and-name-in-two-cells", case_section_number_and_name_in_two_cells,
         SCORED, ("roster.section-row",)),
    Case("number-and-name-without-nip", case_number_and_name_without_nip,
         Refusal("roster.blank-required", 4, "NIP", "Sheet1")),
    Case("subtotals-and-total", case_subtotals_and_total, SCORED,
         ("roster.section-row", "roster.total-row")),
    Case("total-and-signature-block", case_signature_block, SCORED,
         ("roster.total-row", "roster.signature-row")),
    Case("signature-nip-in-id-column", case_signature_nip_in_id_column, SCORED,
         ("roster.signature-row",)),
    Case("two-signatures-side-by-side", case_two_signatures_side_by_side, SCORED,
         ("roster.signature-row",)),
    Case("unit-merged-down", case_unit_merged_down, SCORED),
    Case("one-sheet-per-opd", case_one_sheet_per_opd, SCORED, ("roster.sheet-ignored",)),
    Case("one-sheet-per-kecamatan-duk", case_one_sheet_per_opd_two_row_headers, SCORED,
         ("roster.column-numbers",)),
    Case("tmt-indonesian-month-names", case_indonesian_month_names, SCORED),
    Case("tmt-indonesian-abbreviations", case_indonesian_abbreviations, SCORED),
    Case("tmt-english-dd-mon-yyyy", case_english_dd_mon_yyyy, SCORED),
    Case("tmt-date-cells-and-text", case_date_cells_mixed_with_text_dates, SCORED),
    Case("pppk-mixed-with-pns", case_pppk_mixed_with_pns, SCORED_PPPK),
    Case("p3k-status-and-marked-grade", case_p3k_status_and_marked_grade,
         {**SCORED_PPPK, "199203142023212001": "out_of_scope"}),
    Case("siasn-pipe-csv", case_siasn_pipe_csv, SCORED_PPPK),
    Case("semicolon-csv-indonesian-excel", case_semicolon_csv_indonesian_excel, SCORED),
    Case("tab-delimited-txt", case_tab_txt, SCORED),
    Case("csv-two-row-header", case_csv_two_row_header_group_typed_once, SCORED),
    Case("csv-sections-totals-signature", case_csv_sections_totals_signature, SCORED,
         ("roster.section-row", "roster.total-row", "roster.signature-row")),
    Case("pppk-bare-grade-iv", case_pppk_bare_grade_iv_refused,
         Refusal("roster.bad-value", 7, "Gol/Ruang", "ASN", "PPPK")),
    Case("person-without-nip", case_person_without_nip_between_people,
         Refusal("roster.blank-required", 4, "NIP", "Sheet1")),
    Case("note-line-between-people", case_note_line_between_people,
         Refusal("roster.blank-required", 4, "NIP", "Sheet1")),
    Case("unit-blank-not-merged", case_unit_blank_without_merge,
         Refusal("roster.blank-required", 3, "Unit Kerja", "Sheet1")),
    Case("nip-as-number", case_numeric_nip,
         Refusal("roster.numeric-id-cell", 3, "NIP", "Sheet1")),
    Case("copy-sheet", case_copy_sheet,
         Refusal("roster.ambiguous-sheet", None, None, None, "choose one with --sheet")),
    Case("sheets-with-different-headers", case_sheets_with_different_headers,
         Refusal("roster.ambiguous-sheet", None, None, None, "Versi A, Versi B")),
    Case("ambiguous-delimiter", case_ambiguous_delimiter,
         Refusal("roster.ambiguous-delimiter", 1, None, None, "semicolon")),
    Case("spaced-letter-headers", case_spaced_letter_headers, SCORED),
    Case("siasn-data-utama-vocabulary", case_siasn_data_utama_vocabulary, SCORED),
]


def score(path: Path, out: Path):
    return runner.invoke(app, ["score", str(path), "--policy", str(POLICY), "--out", str(out),
                               "--no-html", "--quiet", "--lang", "en"])


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(
    strict=True, reason=c.xfail)] if c.xfail else []) for c in CASES])
def test_layout(case: Case, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    result = score(path, tmp_path / "run")
    if isinstance(case.expect, Refusal):
        assert result.exit_code == 4, result.output
        refusal = case.expect
        assert path.name in result.stderr
        assert refusal.code in result.stderr or refusal.code.split(".")[1] in result.stderr \
            or refusal.text, result.stderr
        if refusal.sheet:
            assert f"[{refusal.sheet}]" in result.stderr, result.stderr
        if refusal.row:
            assert f"row {refusal.row}" in result.stderr, result.stderr
        if refusal.column:
            assert f"column '{refusal.column}'" in result.stderr, result.stderr
        assert refusal.text in result.stderr, result.stderr
        return
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "run" / "result.json").read_text(encoding="utf-8"))
    statuses = {p["id"]: p["status"] for p in document["people"]}
    assert statuses == case.expect
    findings = CalamineWorkbook.from_path(str(tmp_path / "run" / "ranking.xlsx")
                                          ).get_sheet_by_name("Data findings").to_python()
    listed = {row[5] for row in findings[1:]}
    assert set(case.info) <= listed, listed


def test_the_corpus_has_at_least_thirty_layouts() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 30
    assert {p.expect for p in PEOPLE} == {"eligible", "ineligible", "out_of_scope"}


# --- section rows carried into a field (policy: roster.section_rows_into) -----------------------

def carry_policy(tmp: Path) -> Path:
    path = tmp / "carry.yaml"
    path.write_text(POLICY.read_text(encoding="utf-8")
                    + "roster: { section_rows_into: unit_kerja }\n"
                    + "reporting: { show_columns: [unit_kerja] }\n", encoding="utf-8")
    return path


def sections_without_unit_column(tmp: Path, merge: bool) -> Path:
    header = ["No", *[h for h in FLAT_HEADER if h != "Unit Kerja"]]
    rows: list[list[object]] = [["DAFTAR NOMINATIF"], header]
    merges = [(0, 0, 0, 7)]
    n = 0
    for label, people in (("I. DINAS PENDIDIKAN", PEOPLE[:2]), ("II. DINAS KESEHATAN",
                                                               PEOPLE[2:])):
        if merge:
            merges.append((len(rows), 0, len(rows), 7))
        rows.append([label])
        for p in people:
            n += 1
            rows.append([n, *[v for i, v in enumerate(flat(p)) if i != 5]])
    return write_workbook(tmp / "nominatif-seksi.xlsx", [Sheet("Sheet1", rows, merges)])


@pytest.mark.parametrize("merge", [False, True], ids=["typed", "merged-across"])
def test_section_rows_carried_into_the_unit_field(tmp_path: Path, merge: bool) -> None:
    path = sections_without_unit_column(tmp_path, merge)
    result = runner.invoke(app, ["score", str(path), "--policy", str(carry_policy(tmp_path)),
                                 "--out", str(tmp_path / "run"), "--no-html", "--quiet"])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "run" / "result.json").read_text(encoding="utf-8"))
    people = {p["id"]: p for p in document["people"]}
    assert {i: p["status"] for i, p in people.items()} == EXPECTED
    units = {i: p["show"]["unit_kerja"] for i, p in people.items()}
    assert units == {p.nip: "DINAS PENDIDIKAN" if k < 2 else "DINAS KESEHATAN"
                     for k, p in enumerate(PEOPLE)}


def test_section_rows_and_a_unit_column_together_are_refused(tmp_path: Path) -> None:
    rows, merges = sectioned([("I. DINAS PENDIDIKAN", PEOPLE[:2]),
                              ("II. DINAS KESEHATAN", PEOPLE[2:])], merge_sections=False)
    path = write_workbook(tmp_path / "dua-sumber.xlsx", [Sheet("Sheet1", rows, merges)])
    result = runner.invoke(app, ["score", str(path), "--policy", str(carry_policy(tmp_path)),
                                 "--out", str(tmp_path / "run"), "--no-html", "--quiet"])
    assert result.exit_code == 4, result.output
    assert "roster.section-column-exists" in result.stderr or "section rows" in result.stderr
    assert "[Sheet1]" in result.stderr and "column 'Unit Kerja'" in result.stderr


def test_section_rows_into_must_name_a_text_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(POLICY.read_text(encoding="utf-8")
                    + "roster: { section_rows_into: tmt_pangkat }\n", encoding="utf-8")
    result = runner.invoke(app, ["policy", "check", str(path)])
    assert result.exit_code == 3, result.output
    assert "section_rows_into" in result.output + result.stderr
