"""Large-run outputs from hand-built people tables: fast xlsx columns stay safe, the detail
neighbourhood, deterministic parquet, and an audit frame equal to the document's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from helpers import KP_POLICY, REPO

from asn_merit.fairness.from_run import process_checks, run_frame, table_columns
from asn_merit.reports import large_run
from asn_merit.reports.xlsx import Book, Column, Table
from asn_merit.scoring.engine import ScoringResult

GATES = ["masa-kerja", "tidak-dihukum"]


def people(n: int = 6, selected: int = 2) -> pd.DataFrame:
    """A people table in document order: n-2 eligible (ranked), one ineligible, one
    not evaluated."""
    eligible = n - 2
    return pd.DataFrame({
        "id": pd.array([f"1980010120050110{i:02d}" for i in range(n)], dtype="string"),
        "display": pd.array([f"Orang {i}" for i in range(n - 1)] + [None], dtype="string"),
        "status": pd.array(["eligible"] * eligible + ["ineligible", "not_evaluated"],
                           dtype="string"),
        "rank": pd.array([*range(1, eligible + 1), None, None], dtype="Int64"),
        "selected": pd.array([i < selected for i in range(eligible)] + [None, None],
                             dtype="boolean"),
        "decided_by": pd.array(["total"] * eligible + [None, None], dtype="string"),
        "total": pd.array([f"{90 - i}.50" for i in range(eligible)] + [None, None],
                          dtype="string"),
        "failed": pd.array([""] * eligible + ["tidak-dihukum", None], dtype="string"),
        "missing_data": pd.array([False] * (n - 2) + [True, False], dtype="boolean"),
        "excluded_because": pd.array([None] * (n - 1) + ["nip: not 18 digits"],
                                     dtype="string"),
        "group:jenis_kelamin": pd.array([*(["P", "L"] * n)[: n - 1], None], dtype="string"),
        "gate:masa-kerja": pd.array([True] * (n - 1) + [None], dtype="boolean"),
        "gate:tidak-dihukum": pd.array([True] * (n - 2) + [False, None], dtype="boolean"),
    })


def document_of(table: pd.DataFrame) -> dict:
    """The result-document form of the same people (what run_frame read before tables)."""
    out = []
    for _, row in table.iterrows():
        person: dict = {"id": row["id"], "status": row["status"],
                        "groups": {"jenis_kelamin": None if pd.isna(row["group:jenis_kelamin"])
                                   else row["group:jenis_kelamin"]}}
        if row["status"] in ("eligible", "ineligible"):
            person["gates"] = [{"rule": g, "passed": bool(row[f"gate:{g}"])} for g in GATES]
            if row["missing_data"]:
                person["gates"][0]["missing"] = ["tmt"]
        if row["status"] == "eligible":
            person.update(total=row["total"], rank=int(row["rank"]),
                          selected=bool(row["selected"]), decided_by=row["decided_by"])
        out.append(person)
    return {"people": out,
            "rules": [{"id": g, "kind": "gate"} for g in GATES] + [{"id": "p", "kind": "x"}],
            "fairness": {"attributes": ["jenis_kelamin"], "intersections": [],
                         "protected_use": "none"},
            "selection": {"cut_line": "89.50", "quota": 2}, "ranking": {"proxy_fields": []}}


def test_run_frame_from_table_equals_the_documents() -> None:
    table = people(8, 3)
    document = document_of(table)
    pd.testing.assert_frame_equal(run_frame(document, table), run_frame(document))
    assert process_checks(document, table) == process_checks(document)
    wanted = table_columns(document, list(table.columns))
    assert "group:jenis_kelamin" in wanted and "gate:masa-kerja" in wanted
    assert "display" not in wanted


def test_detail_mask_is_the_selected_and_the_neighbourhood_below() -> None:
    table = people(300, 20)
    mask = large_run.detail_mask(table, below=100)
    ranks = sorted(table.loc[mask, "rank"].astype(int))
    assert ranks == list(range(1, 121))
    none_selected = large_run.detail_mask(people(50, 0), below=10)
    assert sorted(people(50, 0).loc[none_selected, "rank"].astype(int)) == list(range(1, 11))


def test_ranking_mask_keeps_the_head_and_every_selected_person() -> None:
    table = people(300, 150)
    mask = large_run.ranking_mask(table, limit=50)
    ranks = sorted(table.loc[mask, "rank"].astype(int))
    assert ranks == list(range(1, 251))  # 150 selected + 100 below the cut line, past 50
    small = large_run.ranking_mask(table, limit=1_000)
    assert bool(small.all())
    assert large_run.ranking_note(table, len(table), "en") is None
    note = large_run.ranking_note(table, 250, "id")
    assert note is not None and "250 dari 300 orang" in note and "people.parquet" in note


def test_ranking_sheet_of_a_big_run_is_cut_with_a_note(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from asn_merit.reports import ranking_excel
    from asn_merit.reports.vocabulary import Vocabulary

    monkeypatch.setattr(large_run, "RANKING_LIMIT", 10)
    table = people(40, 3)
    book = Book(tmp_path / "r.xlsx", datetime(2026, 1, 1), "t")
    ranking_excel._ranking_table(book, table, "en", Vocabulary("en"))
    book.close()
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert ws["A1"].value.startswith("This sheet lists 38 of 40 people")
    assert ws.max_row == 2 + 38  # note, header, ranks 1-38 (3 selected + 35 ≤ neighbourhood)


def test_html_mask_takes_the_head_of_each_status() -> None:
    table = people(30, 5)
    mask = large_run.html_mask(table, 10)
    assert list(table.loc[mask, "status"].value_counts().sort_index().items()) == [
        ("eligible", 10), ("ineligible", 1), ("not_evaluated", 1)]


def test_parquet_is_deterministic_and_reads_back_nullable(tmp_path: Path) -> None:
    table = people(40, 4)
    first, second = tmp_path / "a.parquet", tmp_path / "b.parquet"
    large_run.write_people_parquet(table, first)
    large_run.write_people_parquet(table.copy(), second)
    assert first.read_bytes() == second.read_bytes()
    back = large_run.read_people(first)
    pd.testing.assert_frame_equal(back, table)
    one = large_run.read_people(first, ["id", "rank"], [("id", "==", table["id"].iloc[7])])
    assert one["rank"].tolist() == [8]
    changed = table.copy()
    changed.loc[5, "total"] = "1.00"
    assert "column total" not in large_run.first_table_difference(table, changed)
    assert f"{table['id'].iloc[5]}, total: 85.50 became 1.00" in \
        large_run.first_table_difference(table, changed)


def test_add_columns_writes_text_as_text_below_a_note(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    book = Book(path, datetime(2026, 1, 1), "t")
    sheet = Table(book, "s", [Column("id", "nip"), Column("n", "int"), Column("x")],
                  note="the rest is in people.parquet")
    sheet.add_columns([["=HYPERLINK(\"http://x\")", "0812", None],
                       [1, None, 3.5], [True, "+1", "@SUM(A1)"]])
    sheet.finish()
    book.close()
    ws = openpyxl.load_workbook(path)["s"]
    assert ws["A1"].value == "the rest is in people.parquet"
    assert [c.value for c in ws[2]] == ["id", "n", "x"]
    assert ws["A3"].value == '=HYPERLINK("http://x")' and ws["A3"].data_type == "s"
    assert ws["A4"].value == "0812" and ws["A4"].data_type == "s"
    assert ws["A5"].value is None and ws["B3"].value == 1 and ws["B5"].value == 3.5
    assert ws["C3"].value is True and ws["C5"].data_type == "s"
    assert ws.auto_filter.ref == "A2:C5"
    assert ws.freeze_panes == "A3"


def test_add_columns_counts_rows_past_excels_limit(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("asn_merit.reports.xlsx.EXCEL_MAX_ROWS", 5)
    book = Book(tmp_path / "t.xlsx", datetime(2026, 1, 1), "t")
    sheet = Table(book, "s", [Column("a")])
    sheet.overflow_file = large_run.PEOPLE_FILE
    sheet.add_columns([[str(i) for i in range(10)]])
    assert sheet.row == 4 and sheet.dropped == 7
    sheet.finish()
    book.close()
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["s"]
    assert "7 more rows do not fit in Excel: see people.parquet" in ws["A5"].value


@pytest.fixture(scope="module")
def sample_result() -> ScoringResult:
    """The KP reguler policy scored on the sample roster."""
    from asn_merit.pipeline import load_roster, score
    from asn_merit.rules.loader import load_policy

    loaded = load_policy(KP_POLICY)
    roster = load_roster(REPO / "sample_data" / "roster.xlsx", loaded, None, None)
    assert loaded.policy.policy.as_of is not None
    return score(loaded, roster, loaded.policy.policy.as_of)


def test_result_document_without_people_is_the_full_document_minus_people(
        sample_result: ScoringResult) -> None:
    from asn_merit.scoring.trace import result_document

    result = sample_result
    full = result_document(result)
    del full["people"]
    assert result_document(result, people=False) == full


def test_trace_meta_survives_result_json(sample_result: ScoringResult) -> None:
    import json

    from asn_merit.ledger.hashing import canonical_json_bytes
    from asn_merit.scoring.people_table import people_table, person_from_row, trace_meta
    from asn_merit.scoring.trace import result_document

    result = sample_result
    meta = trace_meta(result)
    table = people_table(result)
    document = {"people_table": large_run.table_reference(table, meta, 10)}
    back = json.loads(canonical_json_bytes(document))
    assert large_run.trace_meta(back) == meta
    people = result_document(result)["people"]
    rows = table.iloc[[0, 30, 500, 999]]
    assert large_run.traces(rows, back) == [people[i] for i in (0, 30, 500, 999)]
    assert person_from_row(table.iloc[0], meta) == people[0]
