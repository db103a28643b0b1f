"""ranking.xlsx: summary, ranking, points in long format, gate matrix, data findings, the policy
and the reproducible part of the manifest. Past the detail limit (large_run.py) the ranking
lists the first RANKING_LIMIT people (everyone is in people.parquet), and points and gates cover
the selected and the cut-line neighbourhood.

Byte-stable like every workbook here (see xlsx.py): the same result, policy rows, manifest and
`created` give the same bytes, so ranking.xlsx can be compared between two runs. For that
reason the manifest sheet leaves out what changes on every run (run id, clock times, output
hashes, the command line); those stay in manifest.json.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from asn_merit.diagnostics import RosterFinding
from asn_merit.reports import large_run, selection_view
from asn_merit.reports.columns_view import columns_rows, headings
from asn_merit.reports.dates import long_date
from asn_merit.reports.fairness_view import label, text_in
from asn_merit.reports.i18n import t
from asn_merit.reports.overrides_view import status_text, write_overrides_sheet
from asn_merit.reports.vocabulary import Vocabulary
from asn_merit.reports.xlsx import Book, Column, Table

STATUS_TONES = {"eligible": "good", "ineligible": "bad", "not_evaluated": "warn",
                "out_of_scope": "muted"}
SEVERITY_TONES = {"error": "bad", "warning": "warn", "info": "info"}
VOLATILE_MANIFEST_KEYS = frozenset({"run_id", "started_at", "finished_at", "ledger", "outputs",
                                    "invocation.argv"})
_PLAIN_NUMBER = re.compile(r"-?\d{1,12}(\.\d{1,6})?")
"""A raw value that is safely a number: short enough that a float keeps every digit."""


def write_ranking_xlsx(document: dict[str, Any], findings: Sequence[RosterFinding], path: Path,
                       created: datetime, lang: str, *,
                       policy_rows: Sequence[tuple[str, str]] | None = None,
                       manifest: Mapping[str, Any] | None = None,
                       table: pd.DataFrame | None = None,
                       detail: Sequence[dict[str, Any]] | None = None,
                       vocab: Vocabulary | None = None) -> None:
    """Write the workbook. `policy_rows` (from policy_doc.policy_rows) replace the policy
    sheet built from the result document with the full policy; `manifest` (manifest.json's
    content, complete or not) adds the manifest sheet.

    A large run (result.json without "people", see large_run.py) passes its people `table`,
    written to the ranking sheet up to large_run.RANKING_LIMIT rows, and the `detail` traces
    (the selected and the cut-line neighbourhood) for the points and gates sheets; a note on
    the summary and those sheets says the rest is in people.parquet. `vocab` (from the loaded
    policy) puts the policy's labels in the headers and its sentences in the cells."""
    vocab = vocab or Vocabulary(lang, rules=document["rules"])
    policy = document["policy"]
    book = Book(path, created, policy["id"], header=f"{policy['id']} {policy['version']}",
                lang=lang)
    note = large_run.note(document, lang)
    people = document["people"] if detail is None else list(detail)
    _summary(book, document, lang, note)
    if table is None:
        _ranking(book, document, lang, vocab)
    else:
        _ranking_table(book, table, lang, vocab)
    _selection_sheets(book, document, table, lang)
    _points(book, document, people, lang, note, vocab)
    _gates(book, people, lang, note, vocab)
    _findings(book, findings, lang, vocab, {p["id"]: p for p in people})
    if manifest is not None and manifest.get("columns_used"):
        _columns(book, manifest["columns_used"], lang)
    write_overrides_sheet(book, document, lang)  # only when the run has manual overrides
    _item_sheet(book, t("sheet.policy", lang), lang,
                policy_rows if policy_rows is not None else document_policy_rows(document, lang))
    if manifest is not None:
        _item_sheet(book, t("sheet.manifest", lang), lang, manifest_rows(manifest, lang))
    book.close()


def _summary(book: Book, document: dict[str, Any], lang: str, note: str | None = None) -> None:
    counts, policy, selection = document["counts"], document["policy"], document["selection"]
    sheet = Table(book, t("sheet.summary", lang),
                  [Column(t("col.item", lang)), Column(t("col.value", lang), "int")], note=note)
    cut = selection.get("cut_line")
    for key, value, kind in (
        ("summary.policy", f"{policy['id']}@{policy['version']}", None),
        ("summary.as_of", long_date(document["as_of"], lang), None),
        ("summary.rows", counts["rows"], None),
        ("summary.evaluated", counts["evaluated"], None),
        ("summary.eligible", counts["eligible"], None),
        ("summary.ineligible", counts["ineligible"], None),
        ("summary.not_evaluated", counts["not_evaluated"], None),
        ("summary.out_of_scope", counts["out_of_scope"], None),
    ):
        sheet.add([t(key, lang), value], kinds=[None, kind])
    if selection_view.mode(document) == "quota":
        sheet.add([t("summary.quota", lang), selection.get("quota")])
        sheet.add([selection_view.selected_word(document, lang), counts["selected"]])
        sheet.add([t("summary.cut_line", lang), None if cut is None else float(cut)],
                  kinds=[None, "num"])
    else:
        for name, value in selection_view.summary_lines(document, lang):
            sheet.add([name, value], kinds=[None, "text"])
    sheet.add([t("html.policy_sha256", lang), policy.get("canonical_sha256")])
    sheet.finish()


def _competitors(document: dict[str, Any], table: pd.DataFrame | None) -> pd.DataFrame:
    """The eligible people with what the selection sheets show, from result.json's people or
    a large run's people table (every eligible person either way: these lists are complete)."""
    ids = [c["id"] for c in document.get("categories") or []]
    if table is not None:
        rows = table[table["status"] == "eligible"]
        out = pd.DataFrame({"id": rows["id"], "display": rows["display"],
                            "total": rows["total"], "rank": rows["rank"],
                            "selected": rows["selected"].fillna(False).astype(bool)})
        for name in ("selection_group", "rank_in_group"):
            out[name] = rows.get(name)
        for name in ids:
            out[f"category:{name}"] = rows[f"category:{name}"]
        return out.astype(object).where(out.notna(), None)
    people = [p for p in document["people"] if p["status"] == "eligible"]
    return pd.DataFrame([{"id": p["id"], "display": p["display"], "total": p["total"],
                          "rank": p["rank"], "selected": bool(p["selected"]),
                          "selection_group": p.get("selection_group"),
                          "rank_in_group": p.get("rank_in_group"),
                          **{f"category:{n}": (p.get("categories") or {}).get(n) for n in ids}}
                         for p in people],
                        columns=["id", "display", "total", "rank", "selected",
                                 "selection_group", "rank_in_group",
                                 *(f"category:{n}" for n in ids)])


def _selection_sheets(book: Book, document: dict[str, Any], table: pd.DataFrame | None,
                      lang: str) -> None:
    """Per-group selection (each group's places, competitors, selected, cut line, then every
    competitor by group and place) and categories (the count per value, then every eligible
    person's values): complete lists, where report.html shows counts and the first few."""
    per_group = selection_view.mode(document) == "per_group"
    if not per_group and not document.get("categories"):
        return
    people = _competitors(document, table)
    word = selection_view.selected_word(document, lang)
    if per_group:
        groups = selection_view.groups(document)
        sheet = Table(book, t("sheet.selection_groups", lang), [
            Column(t("sel.col.group", lang)), Column(t("sel.col.quota", lang), "int"),
            Column(t("sel.col.competing", lang), "int"), Column(word, "int"),
            Column(t("sel.col.cut_line", lang), "num")])
        for g in groups:
            sheet.add([g["group"], g["quota"], g["eligible"], g["selected"],
                       _number(g["cut_line"])])
        sheet.finish()
        cuts = {g["group"]: g["cut_line"] for g in groups}
        sheet = Table(book, t("sheet.selection_people", lang), [
            Column(t("sel.col.group", lang)), Column(t("sel.col.place", lang), "int"),
            Column(t("col.id", lang), "nip"), Column(t("col.name", lang)),
            Column(t("col.total", lang), "num"), Column(word),
            Column(t("sel.col.cut_line", lang), "num"), Column(t("col.rank", lang), "int")],
            freeze_columns=3)
        ordered = people[people["selection_group"].notna()].sort_values(
            ["selection_group", "rank_in_group"], kind="mergesort")
        for row in ordered.itertuples(index=False):
            sheet.add([row.selection_group, row.rank_in_group, row.id, row.display,
                       _number(row.total), t("yes" if row.selected else "no", lang),
                       _number(cuts.get(row.selection_group)), row.rank])
        sheet.tone(5, {t("yes", lang): "info"})
        sheet.finish()
    categories = document.get("categories") or []
    if not categories:
        return
    sheet = Table(book, t("sheet.category_counts", lang), [
        Column(t("sel.col.category", lang)), Column(t("col.value", lang)),
        Column(t("sel.col.count", lang), "int")])
    for entry in categories:
        title = selection_view.text_of(entry.get("title"), lang)
        for value in entry.get("values") or []:
            sheet.add([title, selection_view.value_label(entry, value["value"], lang),
                       (entry.get("counts") or {}).get(value["value"])])
    sheet.finish()
    sheet = Table(book, t("sheet.category_people", lang), [
        Column(t("col.rank", lang), "int"), Column(t("col.id", lang), "nip"),
        Column(t("col.name", lang)), Column(t("col.total", lang), "num"),
        *(Column(selection_view.text_of(c.get("title"), lang)) for c in categories)],
        freeze_columns=3)
    for row in people.sort_values("rank", kind="mergesort").to_dict("records"):
        sheet.add([row["rank"], row["id"], row["display"], _number(row["total"]),
                   *(selection_view.value_label(c, row[f"category:{c['id']}"], lang)
                     if row[f"category:{c['id']}"] is not None else None
                     for c in categories)])
    sheet.finish()


def _ranking(book: Book, document: dict[str, Any], lang: str, vocab: Vocabulary) -> None:
    people = document["people"]
    show = list(people[0]["show"]) if people else []
    sheet = Table(book, t("sheet.ranking", lang), [
        Column(t("col.rank", lang), "int"), Column(t("col.id", lang), "nip"),
        Column(t("col.name", lang)), *(Column(vocab.field(f)) for f in show),
        Column(t("col.total", lang), "num"), Column(t("col.selected", lang)),
        Column(t("col.decided_by", lang)), Column(t("col.status", lang)),
        Column(t("col.failed", lang))], freeze_columns=3)
    for p in people:
        sheet.add([p.get("rank"), p["id"], p["display"], *(p["show"][f] for f in show),
                   _number(p.get("total")),
                   t("yes" if p.get("selected") else "no", lang) if "rank" in p else None,
                   vocab.field(p["decided_by"]) if p.get("decided_by") else None,
                   status_text(p["status"], p.get("excluded_because", []), lang),
                   "; ".join(vocab.rule(r) for r in p.get("failed", []))])
    selected = len(show) + 4
    sheet.tone(selected, {t("yes", lang): "info"})
    sheet.tone(selected + 2, _status_tones(lang))
    sheet.finish()


def _ranking_table(book: Book, table: pd.DataFrame, lang: str, vocab: Vocabulary) -> None:
    """The ranking sheet of a large run: the same columns as _ranking, written column by column
    from the people table (text stays text: Table.add_columns writes strings as strings), cut to
    large_run.ranking_mask with a note when the run is bigger than RANKING_LIMIT."""
    everyone = table
    table = table[large_run.ranking_mask(table, large_run.RANKING_LIMIT)]
    show = [str(c)[5:] for c in table.columns if str(c).startswith("show:")]
    sheet = Table(book, t("sheet.ranking", lang), [
        Column(t("col.rank", lang), "int"), Column(t("col.id", lang), "nip"),
        Column(t("col.name", lang)), *(Column(vocab.field(f)) for f in show),
        Column(t("col.total", lang), "num"), Column(t("col.selected", lang)),
        Column(t("col.decided_by", lang)), Column(t("col.status", lang)),
        Column(t("col.failed", lang))], freeze_columns=3,
        note=large_run.ranking_note(everyone, len(table), lang))
    sheet.overflow_file = large_run.PEOPLE_FILE
    ranked = table["rank"].notna()
    selected = table["selected"].fillna(False).astype(bool)
    yes_no = pd.Series(t("no", lang), index=table.index, dtype=object)
    yes_no[selected] = t("yes", lang)
    statuses = {s: t(f"status.{s}", lang) for s in table["status"].unique()}
    status = table["status"].map(statuses)
    left_out = table["status"] == "not_evaluated"  # few: the per-person check is cheap
    status[left_out] = [status_text("not_evaluated", str(r).split("; "), lang)
                        for r in table.loc[left_out, "excluded_because"].fillna("")]
    sheet.add_columns([
        _cells(table["rank"]), _cells(table["id"]), _cells(table["display"]),
        *(_cells(table[f"show:{f}"]) for f in show),
        _cells(pd.to_numeric(table["total"], errors="coerce")),
        _cells(yes_no.where(ranked)),
        _cells(table["decided_by"].map(lambda f: vocab.field(f) if isinstance(f, str) else f)),
        _cells(status), _cells(_failed_titles(table["failed"], vocab)),
    ])
    column = len(show) + 4
    sheet.tone(column, {t("yes", lang): "info"})
    sheet.tone(column + 2, _status_tones(lang))
    sheet.finish()


def _status_tones(lang: str) -> dict[str, str]:
    """Cell tone by status text; a person excluded by override is toned as not evaluated."""
    tones = {t(f"status.{s}", lang): tone for s, tone in STATUS_TONES.items()}
    tones[t("override.not_evaluated", lang)] = STATUS_TONES["not_evaluated"]
    return tones


def _cells(series: pd.Series) -> list[Any]:
    """Python values for add_columns: None where missing, int for integer columns."""
    if pd.api.types.is_integer_dtype(series.dtype):
        series = series.astype("Int64")
    values = series.astype(object)
    return values.where(series.notna(), None).tolist()


def _failed_titles(failed: pd.Series, vocab: Vocabulary) -> pd.Series:
    """"a, b" lists of gate ids as "; "-joined titles, translated once per distinct list."""
    distinct = {text: "; ".join(vocab.rule(r) for r in str(text).split(", ") if r)
                for text in failed.dropna().unique()}
    return failed.map(distinct).fillna("")


def _points(book: Book, document: dict[str, Any], people: Sequence[dict[str, Any]], lang: str,
            note: str | None, vocab: Vocabulary) -> None:
    titles = {r["id"]: text_in(r["title"], lang) for r in document["rules"]}
    sheet = Table(book, t("sheet.points", lang), [
        Column(t("col.id", lang), "nip"), Column(t("col.rule", lang)),
        Column(t("html.col.title", lang)), Column(t("col.inputs", lang)),
        Column(t("col.method", lang)), Column(t("col.raw", lang), "decimal"),
        Column(t("col.normalised", lang), "decimal"), Column(t("col.weight", lang), "decimal"),
        Column(t("col.points", lang), "num")], freeze_columns=1, note=note)
    for p in people:
        for line in p.get("points", []):
            raw = line["raw"]
            sheet.add([p["id"], line["rule"], titles.get(line["rule"], ""),
                       vocab.inputs(line["inputs"]), vocab.method(line["method"]),
                       float(raw) if isinstance(raw, str) and _PLAIN_NUMBER.fullmatch(raw)
                       else raw,
                       _number(line["normalised"]), _number(line["weight"]),
                       _number(line["points"])])
    sheet.finish()


def _gates(book: Book, people: Sequence[dict[str, Any]], lang: str,
           note: str | None, vocab: Vocabulary) -> None:
    gate_ids = [g["rule"] for g in next((p["gates"] for p in people if "gates" in p), [])]
    sheet = Table(book, t("sheet.gates", lang),
                  [Column(t("col.id", lang), "nip"),
                   *(Column(vocab.rule(g), "short") for g in gate_ids)],
                  freeze_columns=1, note=note)
    for p in people:
        if "gates" in p:
            sheet.add([p["id"], *(t("pass" if g["passed"] else "fail", lang)
                                  for g in p["gates"])])
    for col in range(1, len(gate_ids) + 1):
        sheet.tone(col, {t("fail", lang): "bad"})
    sheet.finish()


def _findings(book: Book, findings: Sequence[RosterFinding], lang: str, vocab: Vocabulary,
              people: Mapping[str, Mapping[str, Any]]) -> None:
    sheet = Table(book, t("sheet.findings", lang), [
        Column(t("col.row", lang), "int"), Column(t("col.column", lang)),
        Column(t("col.id", lang), "nip"), Column(t("col.value", lang)),
        Column(t("col.severity", lang)), Column(t("col.code", lang)),
        Column(t("col.message", lang), "long")])
    for f in sorted(findings, key=lambda f: (f.excel_row or 0, f.column or "", f.code)):
        sheet.add([f.excel_row, f.column, f.employee_id, f.value,
                   label("severity", f.severity.value, lang), f.code,
                   vocab.finding_text(f.to_dict(), people.get(f.employee_id or ""))])
    sheet.tone(4, {t(f"severity.{s}", lang): tone for s, tone in SEVERITY_TONES.items()})
    sheet.finish()


def _columns(book: Book, columns_used: Sequence[Mapping[str, Any]], lang: str) -> None:
    """field <- header, sheet, column letter, how matched, and what an absent column did."""
    sheet = Table(book, t("sheet.columns", lang), [
        *(Column(h) for h in headings(lang)[:-1]), Column(headings(lang)[-1], "long")])
    for row in columns_rows(columns_used, lang):
        sheet.add(row)
    sheet.finish()


def _item_sheet(book: Book, name: str, lang: str, rows: Sequence[tuple[str, str]]) -> None:
    """Item and value rows; a row with an empty value is a section heading."""
    sheet = Table(book, name, [Column(t("col.item", lang)), Column(t("col.value", lang),
                                                                   "long")])
    for item, value in rows:
        if value == "":
            sheet.heading(item)
        else:
            sheet.add([item, value])
    sheet.finish()


def document_policy_rows(document: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """The policy as far as the result document records it: rules, order, quota, audit."""
    policy, scoring = document["policy"], document.get("scoring") or {}
    rows = [(t("summary.policy", lang), ""),
            ("id", str(policy["id"])), (t("policy.version", lang), str(policy["version"])),
            (t("html.policy_sha256", lang), str(policy.get("canonical_sha256") or "–")),
            (t("policy.section.scoring", lang), "")]
    rows += [(key, str(value)) for key, value in scoring.items()]
    rows.append((t("policy.section.rules", lang), ""))
    for n, rule in enumerate(document["rules"], start=1):
        kind = label("kind", rule["kind"], lang)
        weight = f" · {t('col.weight', lang).lower()} {rule['weight']}" if rule.get("weight") \
            else ""
        rows.append((f"{n}. {text_in(rule['title'], lang)}", f"{rule['id']} · {kind}{weight}"))
    ranking = document.get("ranking") or {}
    proxies = set(ranking.get("proxy_fields") or [])
    rows.append((t("html.ranking_keys", lang), ""))
    for n, key in enumerate(ranking.get("keys") or [], start=1):
        notes = [label("html.direction", key.get("direction"), lang)]
        notes += [t("html.proxy", lang)] if key.get("field") in proxies else []
        notes += [key["note"]] if key.get("note") else []
        rows.append((f"{n}. {key.get('field')}", "; ".join(notes)))
    selection = document.get("selection") or {}
    rows += [(t("policy.section.quota", lang), ""),
             (t("summary.quota", lang), str(selection.get("quota"))),
             (t("html.per_group", lang), str(selection.get("per_group") or "–"))]
    fairness = document.get("fairness") or {}
    if fairness:
        rows.append((t("policy.section.fairness", lang), ""))
        rows += [(key, _flat(value)) for key, value in fairness.items()]
    return rows


def manifest_rows(manifest: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """manifest.json flattened to dotted keys, without what changes from run to run; each
    top-level block that holds more than one value gets a heading."""
    rows = [(t("manifest.stable_only", lang), "")]
    for key, value in manifest.items():
        if key in VOLATILE_MANIFEST_KEYS or key == "columns_used":  # its own sheet
            continue
        flat = [(path, text) for path, text in _flatten(key, value)
                if path not in VOLATILE_MANIFEST_KEYS]
        if len(flat) > 1:
            rows.append((key, ""))
        rows += flat
    return rows


def _flatten(prefix: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, Mapping) and value:
        return [row for k, v in value.items() for row in _flatten(f"{prefix}.{k}", v)]
    if isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value):
        return [row for i, v in enumerate(value) for row in _flatten(f"{prefix}[{i}]", v)]
    return [(prefix, _flat(value))]


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value) or "–"
    if isinstance(value, Mapping):
        return ", ".join(f"{k} = {_flat(v)}" for k, v in value.items()) or "–"
    return "–" if value is None else str(value)


def _number(text: str | None) -> float | None:
    return None if text is None else float(text)
