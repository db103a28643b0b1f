"""Large runs: past DETAIL_LIMIT people the per-person detail lives in people.parquet.

A run of a whole ministry (100k–4M people) cannot carry a dict per person in result.json and a
row per person and criterion in Excel: building and writing them took 80 % of `score`. Above
the limit the people table (one row per person, one column per gate, points line, input…) is
written once as parquet, result.json keeps everything else and names the file, ranking.xlsx and
report.html hold what a person reads (the summary, the ranking, the selected and the people
just below the cut line) and say where the rest is. `asn-merit explain RUN NIP` reads one row
back. The mode changes where the detail is written, never a number: the audit is computed from
the same columns either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

if TYPE_CHECKING:
    from asn_merit.scoring.people_table import TraceMeta

DETAIL_LIMIT = 20_000
"""People in a run above which the per-person detail goes to people.parquet (README: Large
runs). 20,000 people is about 28 MB of result.json and 80,000 rows of points in Excel (KP
reguler: four criteria): still usable in Excel and a few seconds of traces; 100,000 people was
141 MB and half of a two-minute run."""
NEIGHBOURHOOD = 100
"""Eligible people below the cut line whose points and gates ranking.xlsx still shows (the
selected, above it, are all shown): who just missed out is who objects."""
RANKING_LIMIT = 100_000
"""Rows of the ranking sheet in a large run: the first 100,000 of the ranking, with every selected
person and the cut-line neighbourhood always among them. Writing a million rows to Excel took
70 of a 108-second run (benchmarks/RESULTS.md) for a sheet nobody reads to the end; the rest
are in people.parquet."""
PEOPLE_FILE = "people.parquet"
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd", "compression_level": 3, "use_dictionary": True,
    "write_statistics": True, "version": "2.6", "data_page_version": "1.0",
    "row_group_size": 65_536,
}
"""Fixed so the same table gives the same bytes (the file's hash is in SHA256SUMS)."""
_STRING = pd.StringDtype("pyarrow")
_READ_TYPES = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
               pa.string(): _STRING, pa.large_string(): _STRING}

NOTES = {
    "id": ("Run besar: {n} orang, di atas batas rincian {limit}. Rincian lengkap setiap "
           "orang (gerbang, poin, masukan) ada di {file}; lembar Peringkat memuat paling "
           "banyak 100.000 orang teratas, lembar Rincian Poin dan Gerbang hanya yang terpilih "
           "dan {k} orang layak tepat di bawah garis batas. Penjelasan satu orang: asn-merit "
           "explain DIREKTORI_RUN NIP."),
    "en": ("Large run: {n} people, above the detail limit of {limit}. Every person's full "
           "detail (gates, points, inputs) is in {file}; the ranking sheet holds up to the top "
           "100,000, the points and gates sheets only the selected and the {k} eligible people "
           "just below the cut line. One person's explanation: asn-merit explain RUN_DIR NIP."),
}
RANKING_NOTES = {
    "id": ("Lembar ini memuat {shown} dari {n} orang: bagian atas peringkat, semua yang "
           "terpilih dan yang tepat di bawah garis batas. Semua orang ada di {file}; penjelasan "
           "satu orang: asn-merit explain DIREKTORI_RUN NIP."),
    "en": ("This sheet lists {shown} of {n} people: the top of the ranking, everyone selected "
           "and those just below the cut line. Everyone is in {file}; one person's explanation: "
           "asn-merit explain RUN_DIR NIP."),
}
HTML_NOTES = {
    "id": ("Run besar: {n} orang, di atas batas rincian {limit}. Laporan ini memuat "
           "ringkasan dan bagian atas peringkat; rincian lengkap setiap orang ada di {file}, dan "
           "penjelasan satu orang tersedia lewat asn-merit explain DIREKTORI_RUN NIP."),
    "en": ("Large run: {n} people, above the detail limit of {limit}. This report shows "
           "the summaries and the top of the ranking; every person's full detail is in {file}, "
           "and one person's explanation is available through asn-merit explain RUN_DIR NIP."),
}


def is_large(people: int, limit: int = DETAIL_LIMIT) -> bool:
    return people > limit


def table_reference(table: pd.DataFrame, meta: TraceMeta, limit: int) -> dict[str, Any]:
    """What result.json says in place of the "people" list: the file, its shape, the limit,
    and the per-policy facts (`trace`) that turn a row back into a person's trace, so explain
    and verify need nothing but the run directory."""
    return {"file": PEOPLE_FILE, "rows": len(table), "columns": [str(c) for c in table.columns],
            "detail_limit": limit, "trace": _given(meta)}


def _given(value: Any) -> Any:
    """A dataclass as JSON-ready data, keeping only the fields its constructor takes (the rest,
    column names worked out in __post_init__, follow from them)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _given(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.init}
    if isinstance(value, list | tuple):
        return [_given(v) for v in value]
    if isinstance(value, dict):
        return {k: _given(v) for k, v in value.items()}
    return value


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def trace_meta(document: dict[str, Any]) -> TraceMeta:
    """The TraceMeta recorded in a large run's result.json (JSON lists back to tuples)."""
    from asn_merit.scoring.people_table import GateMeta, PointsMeta, TraceMeta

    recorded = document["people_table"]["trace"]
    plain = {k: _tuples(v) for k, v in recorded.items() if k not in ("gates", "points")}
    return TraceMeta(
        **plain,
        gates=tuple(GateMeta(**{k: _tuples(v) for k, v in g.items()})
                    for g in recorded["gates"]),
        points=tuple(PointsMeta(**{k: _tuples(v) for k, v in p.items()})
                     for p in recorded["points"]))


def note(document: dict[str, Any], lang: str, html: bool = False) -> str | None:
    """The "where the rest is" sentence, or None for a run with people in result.json."""
    ref = document.get("people_table")
    if ref is None:
        return None
    texts = HTML_NOTES if html else NOTES
    return texts.get(lang, texts["en"]).format(
        n=_count(ref["rows"], lang), limit=_count(ref["detail_limit"], lang), file=ref["file"],
        k=NEIGHBOURHOOD)


def _count(n: int, lang: str) -> str:
    """1,000 in English, 1.000 in Indonesian."""
    return f"{n:,}".replace(",", ".") if lang == "id" else f"{n:,}"


def write_people_parquet(table: pd.DataFrame, path: Path) -> None:
    """The people table as parquet with no pandas index or pandas metadata (which records the
    pandas version), so the bytes depend only on the table and the pyarrow version."""
    arrow = pa.Table.from_pandas(table, preserve_index=False).replace_schema_metadata(None)
    pq.write_table(arrow, path, **PARQUET_OPTIONS)


def read_people(path: Path, columns: Sequence[str] | None = None,
                filters: list[tuple[str, str, Any]] | None = None) -> pd.DataFrame:
    """people.parquet (or the named columns, or the rows matching `filters`) as pandas with
    nullable dtypes, the same dtypes the table had when it was written."""
    arrow = pq.read_table(path, columns=list(columns) if columns is not None else None,
                          filters=filters or None)
    return arrow.to_pandas(types_mapper=_READ_TYPES.get)


def detail_mask(table: pd.DataFrame, below: int = NEIGHBOURHOOD) -> pd.Series:
    """The rows whose points and gates a large run still puts in ranking.xlsx: every selected
    person and the `below` best-ranked eligible people who were not selected."""
    selected = table["selected"].fillna(False).astype(bool)
    ranked = table["rank"].notna() & ~selected
    near = table.loc[ranked, "rank"].astype("int64").nsmallest(below).index
    mask = selected.copy()
    mask.loc[near] = True
    return mask


def traces(table: pd.DataFrame, document: dict[str, Any]) -> list[dict[str, Any]]:
    """The trace dict of each row (as result.json would hold it), for the few people a report
    shows in full; built with the TraceMeta recorded in the document, as explain does."""
    from asn_merit.scoring.people_table import person_from_row

    meta = trace_meta(document)
    people = [person_from_row(row, meta) for _, row in table.iterrows()]
    _attach_overrides(people, document.get("overrides", []))
    return people


def _attach_overrides(people: list[dict[str, Any]], overrides: list[dict[str, Any]]) -> None:
    """What overrides.attach_overrides adds to a person's trace, from result.json's list (the
    table holds the overridden values, not the notes saying why)."""
    by_id = {p["id"]: p for p in people}
    for item in overrides:
        person = by_id.get(item["nip"])
        if person is None:
            continue
        person.setdefault("overrides", []).append(
            {k: v for k, v in item.items() if k != "nip"})
        note = f"override {item['decree_ref']}"
        for line in [*person.get("gates", []), *person.get("points", [])]:
            if line["rule"] == item["rule"]:
                line["note"] = f"{line['note']}; {note}" if line.get("note") else note
                line.pop("rounding", None)


def ranking_mask(table: pd.DataFrame, limit: int) -> pd.Series:
    """The rows the ranking sheet lists: the first `limit` in ranking order, plus the selected
    and the cut-line neighbourhood wherever they fall."""
    first = pd.Series(range(len(table)), index=table.index) < limit
    return first | detail_mask(table)


def ranking_note(table: pd.DataFrame, shown: int, lang: str) -> str | None:
    """The line above a cut ranking sheet saying where everyone else is, or None if nobody was
    left out."""
    if shown == len(table):
        return None
    return RANKING_NOTES.get(lang, RANKING_NOTES["en"]).format(
        shown=_count(shown, lang), n=_count(len(table), lang), file=PEOPLE_FILE)


def html_mask(table: pd.DataFrame, cap: int) -> pd.Series:
    """The rows report.html lists: the first `cap` of each status and of the selected."""
    status = table["status"]
    selected = table["selected"].fillna(False).astype(bool)
    first = (status.groupby(status).cumcount() < cap) & (status != "out_of_scope")
    return first | (selected & (selected.cumsum() <= cap))


def table_path(run_dir: Path, document: dict[str, Any]) -> Path:
    return run_dir / document["people_table"]["file"]


def find_person(run_dir: Path, document: dict[str, Any], person_id: str
                ) -> dict[str, Any] | None:
    """One person's trace: from result.json, or from the one matching row of people.parquet."""
    if "people_table" not in document:
        return next((p for p in document["people"] if p["id"] == person_id), None)
    rows = read_people(table_path(run_dir, document), filters=[("id", "==", person_id)])
    return traces(rows, document)[0] if len(rows) else None


def table_problem(run_dir: Path, document: dict[str, Any]) -> str | None:
    """verify's invariants for a large run: people.parquet is the table result.json names
    (rows, columns) and its rows hold the trace invariants."""
    from asn_merit.scoring.people_table import table_invariant_problem

    ref = document["people_table"]
    path = table_path(run_dir, document)
    if not path.is_file():
        return f"{ref['file']} is missing"
    table = read_people(path)
    if len(table) != ref["rows"]:
        return f"{ref['file']} has {len(table)} rows, result.json says {ref['rows']}"
    if [str(c) for c in table.columns] != ref["columns"]:
        return f"{ref['file']} columns differ from those result.json names"
    return table_invariant_problem(table, trace_meta(document))


def first_table_difference(old: pd.DataFrame, new: pd.DataFrame) -> str:
    """The first person and column where two people tables differ (for replay)."""
    if list(old.columns) != list(new.columns):
        changed = sorted(set(old.columns) ^ set(new.columns))
        return f"{PEOPLE_FILE} differs: columns {', '.join(map(str, changed)) or 'reordered'}"
    if len(old) != len(new):
        return f"{PEOPLE_FILE} differs: {len(old)} rows became {len(new)}"
    for column in old.columns:
        a, b = old[column].astype(object), new[column].astype(object)
        same = (a == b).fillna(False).astype(bool) | (a.isna() & b.isna())
        if not same.all():
            row = int((~same).to_numpy().nonzero()[0][0])
            return (f"{PEOPLE_FILE} differs: {old['id'].iloc[row]}, {column}: "
                    f"{a.iloc[row]} became {b.iloc[row]}")
    return f"{PEOPLE_FILE} differs (same values, other bytes: a pyarrow version difference?)"
