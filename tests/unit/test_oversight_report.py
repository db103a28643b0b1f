"""The check report's JSON and working paper, panel-file edge cases, and the NIP reading."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from asn_merit.oversight import (
    CHECKS,
    FAIL_ON,
    run_checks,
    summary_lines,
    to_dict,
    write_checks_xlsx,
)
from asn_merit.oversight.columns import load_roster
from asn_merit.oversight.context import Context
from asn_merit.roster.types import nip_birth_date, nip_sex, nip_tmt_cpns
from asn_merit.sample import DEFAULT_AS_OF, generate_roster, write_roster

CREATED = datetime(2026, 10, 1)


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    frame = generate_roster(300, seed=5)
    frame.loc[0, "Unit Kerja"] = "=HYPERLINK(\"http://x\")"  # must stay text in the workbook
    path = tmp_path_factory.mktemp("report") / "roster.csv"
    write_roster(frame, path)
    return path


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_every_check_is_documented_in_both_languages() -> None:
    for check_id, check in CHECKS.items():
        info = check.info
        assert info.id == check_id and info.severity in ("error", "warning", "info")
        assert all(info.title[lang] and len(info.explanation[lang]) > 150 for lang in ("id", "en"))
        assert info.legal_basis and info.confidence[0] in "CSN" and info.needs


def test_json_is_safe_sorted_and_repeatable(roster: Path) -> None:
    first = to_dict(run_checks(roster, as_of=DEFAULT_AS_OF))
    second = to_dict(run_checks(roster, as_of=DEFAULT_AS_OF))
    text = json.dumps(first, allow_nan=False, sort_keys=True)
    assert text == json.dumps(second, allow_nan=False, sort_keys=True)
    assert list(first) == sorted(first)
    counts = first["counts"]
    assert sum(counts["fired"].values()) + counts["clear"] + counts["skipped"] == len(CHECKS)
    assert first["roster"]["rows_read"] == 300 and "Nama" not in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_working_paper_is_byte_stable_and_keeps_text_as_text(
        roster: Path, tmp_path: Path, lang: str) -> None:
    report = run_checks(roster, as_of=DEFAULT_AS_OF)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_checks_xlsx(report, a, CREATED, lang)
    write_checks_xlsx(report, b, CREATED, lang)
    assert a.read_bytes() == b.read_bytes()
    book = openpyxl.load_workbook(a)
    shown = [r.info.id for r in report.results if r.status != "skipped"]
    assert book.sheetnames[2:-1] == shown
    formulas = [c for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert not formulas
    summary = book.worksheets[0]
    assert summary["B2"].value == DEFAULT_AS_OF.isoformat()
    with pytest.raises(ValueError):
        write_checks_xlsx(report, a, CREATED, "fr")


def test_fail_on_levels_and_terminal_summary(roster: Path) -> None:
    report = run_checks(roster, as_of=DEFAULT_AS_OF)
    lines = summary_lines(report, "en")
    heads = [line for line in lines if not line.startswith(" ")]
    assert len(heads) == len(CHECKS) and heads[0].startswith("FIRED (warning)")
    assert heads[-1].startswith("skipped ")
    fired = [r for r in report.results if r.status == "fired" and r.rows]
    examples = [line for line in lines if line.lstrip().startswith("Example NIPs: ")]
    assert len(examples) == len(fired)  # a check that fired names the people concerned
    assert "[overdue-promotion]" in heads[0]  # the id beside the title, for --only
    assert not report.fails("error") and report.fails("warning") and not report.fails("never")
    assert set(FAIL_ON) == {"error", "warning", "info", "never"}
    with pytest.raises(ValueError):
        report.fails("finding")


def test_panel_without_outcomes_or_relations(roster: Path, tmp_path: Path) -> None:
    nips = pd.read_csv(roster, sep=";", dtype=str)["NIP"].tolist()
    panel = _csv(tmp_path / "panel.csv", [["Keputusan", "NIP Penilai", "NIP Kandidat"],
                                          ["K1", nips[0], nips[1]], ["K1", nips[0], nips[2]]])
    report = run_checks(roster, as_of=DEFAULT_AS_OF, panel=panel,
                        only=["conflict-declared", "conflict-outcomes"])
    declared, outcomes = report.results
    assert declared.status == "clear"
    assert outcomes.status == "skipped" and "Hasil" in outcomes.reason["en"]


def test_declarations_alone_do_not_make_decisions(roster: Path, tmp_path: Path) -> None:
    declarations = _csv(tmp_path / "d.csv", [["NIP Penilai", "NIP Kandidat", "Hubungan"],
                                            ["1" * 18, "2" * 18, "ipar"],
                                            ["12345", "2" * 18, "ipar"]])
    report = run_checks(roster, as_of=DEFAULT_AS_OF, declarations=declarations,
                        only=["conflict-declared"])
    assert report.results[0].status == "skipped"
    assert report.invalid_cells == {"declarations:assessor": 1}
    assert len(report.inputs) == 1


def test_nip_parts_read_like_the_roster_parsers(roster: Path) -> None:
    ctx = Context(load_roster(roster), pd.Timestamp(DEFAULT_AS_OF))
    nip = ctx.frame["nip"]
    pd.testing.assert_series_equal(ctx.nip_birth, nip_birth_date(nip), check_names=False)
    pd.testing.assert_series_equal(ctx.nip_tmt_cpns, nip_tmt_cpns(nip), check_names=False)
    pd.testing.assert_series_equal(ctx.nip_sex, nip_sex(nip), check_names=False)


def test_retirement_age_by_eselon_and_header_variants(tmp_path: Path) -> None:
    people = [  # born, jenis, eselon, post, should be reported on 1 Oct 2026
        ("1967-08-10", "Struktural", "II.b", "Kepala Dinas Sosial", False),  # 59 < 60
        ("1967-08-10", "Struktural", "III.a", "Sekretaris", True),  # 59 >= 58
        ("1966-08-10", "JPT", "", "Asisten Pemerintahan", True),  # 60, retired 1 Sep 2026
        ("1967-08-10", "Fungsional", "", "Dokter Ahli Madya", False),  # 59 < 60
        ("1969-08-10", "Pelaksana", "", "Pengadministrasi Perkantoran", False),  # 57
    ]
    rows = [["NIP Baru", "OPD", "Tanggal Lahir", "Jenis Jabatan", "Eselon", "Nama Jabatan",
             "Predikat SKP 2025"]]
    for n, (born, jenis, eselon, post, _) in enumerate(people, start=1):
        nip = f"{born.replace('-', '')}2000011{n:03d}"
        rows.append([nip, "Unit A", born, jenis, eselon, post, "Kurang/Misconduct"])
    path = _csv(tmp_path / "small.csv", rows)
    report = run_checks(path, as_of=DEFAULT_AS_OF, only=["retirement-age", "rating-inflation"])
    inflation, retirement = report.results  # registry order, whatever the order asked
    assert inflation.status == "clear" and inflation.summary["units_too_small"] == ["Unit A"]
    expected = {r[0] for r, person in zip(rows[1:], people, strict=True) if person[4]}
    assert {row["nip"] for row in retirement.rows} == expected
    assert report.columns["unit"] == "OPD" and report.columns["predikat_2025"] == (
        "Predikat SKP 2025")
    assert report.invalid_cells == {}
