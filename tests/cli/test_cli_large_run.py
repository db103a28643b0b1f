"""A large run end to end: the 1,000-person sample scored with --detail-limit 100 writes its
people to people.parquet, and every consumer (explain, verify, audit, replay) still works."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.reports.large_run import NEIGHBOURHOOD, PEOPLE_FILE, read_people, table_problem

runner = CliRunner()
ROSTER = REPO / "sample_data" / "roster.xlsx"
NOTE = "people.parquet"


def _score(out: Path, *extra: str) -> Path:
    result = runner.invoke(app, ["score", str(ROSTER), "--policy", str(KP_POLICY), "--out",
                                 str(out), "--quiet", "--force", *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("large")
    return _score(base / "large", "--detail-limit", "100"), _score(base / "small")


def test_people_go_to_parquet_and_result_json_names_it(runs: tuple[Path, Path]) -> None:
    large, small = runs
    document = json.loads((large / "result.json").read_text(encoding="utf-8"))
    assert "people" not in document
    ref = document["people_table"]
    table = read_people(large / PEOPLE_FILE)
    assert ref["file"] == PEOPLE_FILE and ref["rows"] == len(table) == 1000
    assert ref["columns"] == list(table.columns) and ref["detail_limit"] == 100
    assert table["id"].is_unique
    people = json.loads((small / "result.json").read_text(encoding="utf-8"))["people"]
    assert table["id"].tolist() == [p["id"] for p in people]
    sums = (large / "SHA256SUMS").read_text(encoding="utf-8")
    assert PEOPLE_FILE in sums
    manifest = json.loads((large / "manifest.json").read_text(encoding="utf-8"))
    assert PEOPLE_FILE in {o["path"] for o in manifest["outputs"]}
    assert manifest["invocation"]["options"]["detail_limit"]["value"] == 100


def test_the_fairness_numbers_do_not_depend_on_the_mode(runs: tuple[Path, Path]) -> None:
    large, small = runs
    assert (large / "audit.json").read_bytes() == (small / "audit.json").read_bytes()


def test_the_html_gate_failure_counts_do_not_depend_on_the_mode(
        runs: tuple[Path, Path]) -> None:
    def gate_failures(run: Path) -> str:
        html = (run / "report.html").read_text(encoding="utf-8")
        start = html.index("<h3>Syarat yang tidak terpenuhi</h3>")
        return html[start:html.index("</table>", start)]

    large, small = runs
    assert gate_failures(large) == gate_failures(small)
    assert "Sekurang-kurangnya 4 tahun" in gate_failures(large)


def test_ranking_xlsx_has_everyone_ranked_and_the_neighbourhood_detailed(
        runs: tuple[Path, Path]) -> None:
    large, small = runs
    book = openpyxl.load_workbook(large / "ranking.xlsx", read_only=True)
    plain = openpyxl.load_workbook(small / "ranking.xlsx", read_only=True)
    sheets = book.sheetnames
    summary, ranking, points, gates = (list(book[s].iter_rows(values_only=True))
                                       for s in sheets[:4])
    assert NOTE in summary[0][0]
    assert ranking == list(plain[sheets[1]].iter_rows(values_only=True))
    assert len(ranking) == 1 + 1000
    assert NOTE in points[0][0] and NOTE in gates[0][0]
    table = read_people(large / PEOPLE_FILE)
    selected = int(table["selected"].fillna(False).sum())
    detailed = {row[0] for row in points[2:]}
    # the neighbourhood below the cut line ends at the last eligible person
    shown = min(selected + NEIGHBOURHOOD, int(table["rank"].notna().sum()))
    assert len(detailed) == shown
    assert {row[0] for row in gates[2:]} == detailed
    ranks = table.set_index("id").loc[sorted(detailed), "rank"]
    assert ranks.max() == shown
    every_points_row = list(plain[sheets[2]].iter_rows(values_only=True))[1:]
    assert [r for r in every_points_row if r[0] in detailed] == points[2:]


def test_report_html_says_where_the_rest_is(runs: tuple[Path, Path]) -> None:
    large, _ = runs
    html = (large / "report.html").read_text(encoding="utf-8")
    assert NOTE in html and "asn-merit explain" in html


def test_explain_reads_one_row_far_from_the_cut_line(runs: tuple[Path, Path]) -> None:
    large, small = runs
    table = read_people(large / PEOPLE_FILE, ["id", "rank", "status"])
    far = table.loc[table["rank"] == table["rank"].max(), "id"].iloc[0]
    ineligible = table.loc[table["status"] == "ineligible", "id"].iloc[-1]
    for nip in (far, ineligible):
        got = runner.invoke(app, ["explain", str(large), nip, "--format", "json"])
        want = runner.invoke(app, ["explain", str(small), nip, "--format", "json"])
        assert got.exit_code == 0, got.output
        assert json.loads(got.output) == json.loads(want.output)
    text = runner.invoke(app, ["explain", str(large), far, "--lang", "en"])
    assert text.exit_code == 0 and f"rank {table['rank'].max()} of" in text.output
    missing = runner.invoke(app, ["explain", str(large), "199901012020011999"])
    assert missing.exit_code == 2


def test_audit_of_a_large_run(runs: tuple[Path, Path]) -> None:
    large, small = runs
    got = runner.invoke(app, ["audit", str(large), "--format", "json"])
    want = runner.invoke(app, ["audit", str(small), "--format", "json"])
    assert got.exit_code == want.exit_code
    assert json.loads(got.output) == json.loads(want.output)


def test_verify_passes_then_fails_after_tampering(runs: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    large, _ = runs
    ok = runner.invoke(app, ["verify", str(large)])
    assert ok.exit_code == 0, ok.output
    assert "invariants" in ok.output
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in large.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    table = pq.read_table(copy / PEOPLE_FILE).to_pandas()
    first = table.index[table["rank"] == 1][0]
    table.loc[first, "total"] = "99.99"
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), copy / PEOPLE_FILE)
    bad = runner.invoke(app, ["verify", str(copy)])
    assert bad.exit_code == 5
    assert "people.parquet" in bad.output
    document = json.loads((copy / "result.json").read_text(encoding="utf-8"))
    assert "points add up to" in (table_problem(copy, document) or "")


def test_replay_of_a_large_run(runs: tuple[Path, Path]) -> None:
    large, _ = runs
    result = runner.invoke(app, ["verify", str(large), "--replay", "--roster", str(ROSTER),
                                 "--policy", str(KP_POLICY)])
    assert result.exit_code == 0, result.output
    assert "ok   replay" in result.output


def test_terminal_summary_reads_the_top_from_parquet(runs: tuple[Path, Path]) -> None:
    from rich.console import Console

    from asn_merit import render

    large, small = runs
    outputs = []
    for run in (large, small):
        console = Console(record=True, width=120, force_terminal=False)
        document = json.loads((run / "result.json").read_text(encoding="utf-8"))
        render.score_summary(console, document, str(run), "en")
        outputs.append(console.export_text().replace(str(run), "RUN"))
    assert outputs[0] == outputs[1]
    top = read_people(large / PEOPLE_FILE, ["id", "rank"])
    assert str(top.loc[top["rank"] == 1, "id"].iloc[0]) in outputs[0]
    assert isinstance(top, pd.DataFrame)


def test_a_large_run_is_reproducible_to_the_byte(runs: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    large, _ = runs
    again = _score(tmp_path / "again", "--detail-limit", "100")
    for name in ("result.json", PEOPLE_FILE, "ranking.xlsx", "audit.json"):
        assert (large / name).read_bytes() == (again / name).read_bytes(), name


def test_overrides_in_a_large_run(tmp_path: Path) -> None:
    overrides = REPO / "sample_data" / "overrides-example.yaml"
    large = _score(tmp_path / "large", "--detail-limit", "100", "--overrides", str(overrides))
    small = _score(tmp_path / "small", "--overrides", str(overrides))
    assert (large / "audit.json").read_bytes() == (small / "audit.json").read_bytes()
    assert runner.invoke(app, ["verify", str(large)]).exit_code == 0
    document = json.loads((large / "result.json").read_text(encoding="utf-8"))
    assert document["overrides"]
    for nip in {o["nip"] for o in document["overrides"]}:
        got = runner.invoke(app, ["explain", str(large), nip, "--format", "json"])
        want = runner.invoke(app, ["explain", str(small), nip, "--format", "json"])
        assert got.exit_code == 0, got.output
        assert json.loads(got.output) == json.loads(want.output)
