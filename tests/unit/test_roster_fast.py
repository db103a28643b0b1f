"""The column-at-a-time readers (fastexcel for workbooks, pandas' C parser for CSV) give what the
cell-by-cell reference reader (`_from_grid` over python-calamine) gives."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from helpers import MINI_HEADERS, MINI_POLICY, load_text, nip, write_xlsx
from python_calamine import CalamineWorkbook

from asn_merit.pipeline import load_roster
from asn_merit.roster import reader
from asn_merit.roster.types import normalise_key_text

TITLE = ["DAFTAR NOMINATIF PEGAWAI", "PEMERINTAH KABUPATEN CONTOH", ""]
WANTED = {normalise_key_text(h) for h in [*MINI_HEADERS, "TMT", "Nilai", "Aktif"]}


def reference(path: Path, wanted: set[str] = WANTED, sheet: str | None = None,
              header_row: int | None = None, every_column: bool = False) -> reader.RawRoster:
    """The cell-by-cell reader: python-calamine grid, then `_from_grid`."""
    data = path.read_bytes()
    source = {"path": str(path), "sha256": hashlib.sha256(data).hexdigest(),
              "bytes": len(data)}
    if path.suffix == ".csv":
        grid = reader._csv_grid(data, path, [])
    else:
        book = CalamineWorkbook.from_path(str(path))
        source["sheet"] = sheet or book.sheet_names[0]
        grid = book.get_sheet_by_name(source["sheet"]).to_python(skip_empty_area=False)
    return reader._from_grid(grid, wanted, header_row, every_column, source, [])


def assert_same(fast: reader.RawRoster, slow: reader.RawRoster) -> None:
    assert fast.source == slow.source
    assert fast.headers == slow.headers
    assert fast.repeated_headers == slow.repeated_headers
    assert list(fast.cells) == list(slow.cells)
    for header in slow.cells:
        assert fast.cells[header].tolist() == slow.cells[header].tolist(), header
        assert fast.numeric[header].tolist() == slow.numeric[header].tolist(), header
    assert fast.rows.tolist() == slow.rows.tolist()


def test_title_block_text_nip_dates_and_numbers_as_before(tmp_path: Path) -> None:
    headers = [*MINI_HEADERS, "TMT", "Nilai", "Aktif"]
    rows = [
        [nip(1), "  Ani  ", 50, "III/a", "X", "P", date(2020, 1, 1), 87.25, True],
        [nip(2), "Budi", 0.1 + 0.2, "III/b", "Y", "L", datetime(2020, 3, 4, 13, 5), 1e20, False],
        [None, None, None, None, None, None, None, None, None],  # blank row: dropped
        [nip(3), "Cici", 12.5, "IV/e", "Z", "P", date(1999, 12, 31), 1234567890123456789, True],
        [nip(4), "", 2e-05, "II/a", "X", "L", None, -0.5, None],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", headers, rows, TITLE)
    fast = reader.read_roster(path, WANTED)
    assert fast.source.header_row == 4
    assert fast.cells["NIP"].tolist()[0] == nip(1)  # text NIP stays text, all 18 digits
    assert fast.cells["TMT"].tolist()[:2] == ["2020-01-01", "2020-03-04 13:05:00"]
    assert_same(fast, reference(path))


def test_leading_empty_rows_and_columns_keep_excel_positions(tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_row(2, 2, MINI_HEADERS)  # header at C3, columns A and B empty
    sheet.write_row(3, 2, [nip(1), "Ani", 50, "III/a", "X", "P"])
    sheet.write_row(5, 2, [nip(2), "Budi", 60, "III/b", "Y", "L"])
    book.close()
    fast = reader.read_roster(path, WANTED, every_column=True)
    assert fast.headers[:3] == ["(column 1)", "(column 2)", "NIP"]
    assert fast.rows.tolist() == [4, 6]
    assert_same(fast, reference(path, every_column=True))


def test_numeric_nip_is_flagged_through_the_exact_reader(tmp_path: Path) -> None:
    rows = [[198001012005011001, "Ani", 50, "III/a", "X", "P"],
            [nip(2), "Budi", 60, "III/b", "Y", "L"]]
    path = write_xlsx(tmp_path / "r.xlsx", MINI_HEADERS, rows, TITLE)
    fast = reader.read_roster(path, WANTED)
    assert fast.numeric["NIP"].tolist() == [True, False]
    assert fast.cells["NIP"].tolist()[0] == "1.98001012005011e+17"
    assert_same(fast, reference(path))


def test_hidden_sheet_is_not_a_candidate(tmp_path: Path) -> None:
    path = tmp_path / "hidden.xlsx"
    book = xlsxwriter.Workbook(str(path))
    notes = book.add_worksheet("Catatan")
    notes.write_string(0, 0, "catatan")
    for name in ("Salinan", "Pegawai"):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, MINI_HEADERS)
        sheet.write_row(1, 0, [nip(1), "Ani", "50", "III/a", "X", "P"])
        if name == "Salinan":
            sheet.hide()
    book.close()
    assert reader.read_roster(path, WANTED).source.sheet == "Pegawai"
    assert reader.read_roster(path, WANTED, sheet="Salinan").source.sheet == "Salinan"


def test_header_row_option_and_past_the_end(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", MINI_HEADERS, [[nip(1), "Ani", 50, "III/a", "X", "P"]],
                      TITLE)
    assert_same(reader.read_roster(path, WANTED, header_row=4),
                reference(path, header_row=4))
    with pytest.raises(reader.InputOutputError, match="header row 40 is past the last row"):
        reader.read_roster(path, WANTED, header_row=40)


def test_csv_columns_match_the_reference(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    lines = ["DAFTAR PEGAWAI", "", ";".join([*MINI_HEADERS, "TMT"]),
             ";".join([nip(1), " Ani ", "50,5", "III/a", "X", "P", "04/03/2020"]),
             "", ";".join([nip(2), '"Budi; S.Kom"', "60", "III/b", "Y", "L", ""])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast = reader.read_roster(path, WANTED)
    assert fast.cells["Nama"].tolist() == ["Ani", "Budi; S.Kom"]
    assert_same(fast, reference(path))


def test_typed_roster_through_both_readers_is_identical(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    policy = load_text(MINI_POLICY.replace(
        "  unit:", '  tmt: { header: "TMT", type: date }\n  unit:'))
    rows = [[nip(i), f"N{i}", 40 + i, "III/a", "X", "PL"[i % 2], date(2020, 1, i)]
            for i in range(1, 9)]
    path = write_xlsx(tmp_path / "r.xlsx", [*MINI_HEADERS, "TMT"], rows, TITLE)
    fast = load_roster(path, policy, None, None)
    monkeypatch.setattr(reader, "_typed_table", lambda *args: None)  # force the exact reader
    slow = load_roster(path, policy, None, None)
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    assert fast.findings == slow.findings


def test_a_column_with_every_cell_empty_types_to_missing(tmp_path: Path) -> None:
    """An optional column left entirely blank (no distinct values to parse) is all missing,
    not an internal error."""
    policy = load_text(MINI_POLICY.replace(
        "  unit:", '  tmt: { header: "TMT", type: date, required: false }\n  unit:'))
    rows = [[nip(i), f"N{i}", 40 + i, "III/a", "X", "PL"[i % 2], None] for i in range(1, 4)]
    path = write_xlsx(tmp_path / "r.xlsx", [*MINI_HEADERS, "TMT"], rows, TITLE)
    roster = load_roster(path, policy, None, None)
    assert roster.frame["tmt"].isna().all()
    assert len(roster.frame) == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("body", [
    '198001012005011001;Ani Müller;50;III/a;X;P\r\n'
    '198001012005011002;"Budi; S.Kom";60;III/b;Y;L\r\n',
    '198001012005011001;"Ani\nBaris";50;III/a;X;P\n\n198001012005011002;"Bu""di";;III/b;Y;\n',
], ids=["crlf-quoted-delimiter", "quoted-newline-blank-row"])
def test_arrow_csv_reader_matches_the_exact_reader(tmp_path: Path, encoding: str,
                                                   body: str) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(("NIP;Nama;Skor;Gol;Unit;JK\n" + body).encode(encoding))
    assert_same(reader.read_roster(path, WANTED), reference(path))


def test_sheets_sharing_a_header_are_one_roster_and_a_copy_is_refused(tmp_path: Path) -> None:
    from asn_merit.errors import RosterError

    def workbook(name: str, same_person: bool) -> Path:
        path = tmp_path / name
        with xlsxwriter.Workbook(path) as book:
            for n, unit in enumerate(("Kecamatan A", "Kecamatan B"), start=1):
                sheet = book.add_worksheet(unit)
                sheet.write_row(0, 0, MINI_HEADERS)
                sheet.write_row(1, 0, [nip(1 if same_person else n), "Ani", "50", "III/a", "X",
                                       "P"])
        return path

    ids = {normalise_key_text("NIP")}
    both = reader.read_roster(workbook("two.xlsx", False), WANTED, id_headers=ids)
    assert [s.sheet for s in both.sources] == ["Kecamatan A", "Kecamatan B"]
    assert both.file_of_row.tolist() == [0, 1] and both.rows.tolist() == [2, 2]
    copy = workbook("copy.xlsx", True)
    with pytest.raises(RosterError) as caught:
        reader.read_roster(copy, WANTED, id_headers=ids)
    assert caught.value.findings[0].code == "roster.ambiguous-sheet"
    assert "Kecamatan A, Kecamatan B" in caught.value.findings[0].message
    assert "choose one with --sheet" in caught.value.findings[0].message
    chosen = reader.read_roster(copy, WANTED, sheet="Kecamatan B", id_headers=ids)
    assert chosen.source.sheet == "Kecamatan B"
