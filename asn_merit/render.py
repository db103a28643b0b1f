"""Text renderings of outcomes for the terminal: summaries, diagnostics, explanations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from asn_merit.diagnostics import Diagnostic, RosterFinding, Severity
from asn_merit.reports import selection_view
from asn_merit.reports.columns_view import columns_rows, headings
from asn_merit.reports.dates import long_date
from asn_merit.reports.i18n import t
from asn_merit.reports.numbers import in_text, number

if TYPE_CHECKING:
    from asn_merit.reports.vocabulary import Vocabulary

TOP_ROWS = 10
NAME_WIDTH = 40


def diagnostics(console: Console, items: list[Diagnostic]) -> None:
    for item in items:
        console.print(item.render(), markup=False)
    errors = sum(1 for d in items if d.severity == Severity.ERROR)
    warnings = sum(1 for d in items if d.severity == Severity.WARNING)
    console.print(f"{errors} error(s), {warnings} warning(s).", markup=False)


def findings(console: Console, items: list[RosterFinding], limit: int = 200) -> None:
    items = sorted(items, key=lambda f: f.excel_row or 0)  # stable: a row's problems together
    for item in items[:limit]:
        console.print(item.render(), markup=False)
    if len(items) > limit:
        console.print(f"… {len(items) - limit} more (see the report)", markup=False)
    errors = sum(1 for f in items if f.severity == Severity.ERROR)
    warnings = sum(1 for f in items if f.severity == Severity.WARNING)
    console.print(f"{errors} error(s), {warnings} warning(s).", markup=False)


def finding_summary(console: Console, items: list[RosterFinding], document: dict[str, Any],
                    lang: str, loaded: Any = None, limit: int = 5) -> None:
    """The data findings of a run, grouped: "88 pegawai: syarat … tidak dapat diuji …"."""
    if not items:
        return
    from asn_merit.reports.vocabulary import Vocabulary

    vocab = Vocabulary(lang, loaded, document.get("rules") or [])
    groups = vocab.group_findings([f.to_dict() for f in items],
                                  {p["id"]: p for p in document.get("people") or []})
    console.print(t("cli.findings_summary", lang, n=number(len(items), lang),
                    kinds=number(len(groups), lang), sheet=t("sheet.findings", lang)),
                  markup=False)
    for group in groups[:limit]:
        console.print("  " + vocab.group_line(group), markup=False)


def columns_used(console: Console, entries: list[dict[str, Any]], lang: str) -> None:
    """field <- header (sheet!column, how matched): what was read, before the ranking."""
    rows = columns_rows(entries, lang)
    if not rows:
        return
    if console.is_terminal:
        table = Table(title=t("columns.title", lang))
        for heading in headings(lang):
            table.add_column(heading)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    console.print(t("columns.title", lang) + ":", markup=False)
    for name, header, sheet, column, how, note in rows:
        where = f"{sheet}!{column}" if sheet and column else (column or sheet)
        place = f" [{where}]" if where else ""
        extra = f" — {note}" if note else ""
        console.print(f"  {name} <- {header}{place} ({how}){extra}", markup=False)


def score_summary(console: Console, document: dict[str, Any], out_dir: str, lang: str,
                  columns: list[dict[str, Any]] | None = None) -> None:
    counts = {k: number(v, lang) for k, v in document["counts"].items()}
    policy = document["policy"]
    lines = [
        (t("summary.policy", lang), f"{policy['id']}@{policy['version']}"),
        (t("summary.as_of", lang), long_date(document["as_of"], lang)),
        (t("summary.rows", lang), counts["rows"]),
        (t("summary.evaluated", lang), counts["evaluated"]),
        (t("summary.eligible", lang), counts["eligible"]),
        (t("summary.ineligible", lang), counts["ineligible"]),
        (t("summary.not_evaluated", lang), counts["not_evaluated"]),
        (t("summary.out_of_scope", lang), counts["out_of_scope"]),
        *selection_view.summary_lines(document, lang),
    ]
    details = selection_view.summary_details(document, lang)
    top = _top(document, out_dir)
    columns_used(console, columns or [], lang)
    if console.is_terminal:
        table = Table(title=t("summary.top", lang))
        for header in ("col.rank", "col.id", "col.name", "col.total", "col.selected"):
            table.add_column(t(header, lang))
        for p in top:
            table.add_row(number(p["rank"], lang), p["id"], (p["display"] or "")[:NAME_WIDTH],
                          number(p["total"], lang),
                          t("yes" if p["selected"] else "no", lang))
        for label, value in lines:
            console.print(f"{label}: {value}", markup=False)
        for line in details:
            console.print(line, markup=False)
        console.print(table)
    else:
        for label, value in lines:
            console.print(f"{label}: {value}", markup=False)
        for line in details:
            console.print(line, markup=False)
        console.print(t("summary.top", lang) + ":", markup=False)
        for p in top:
            mark = "*" if p["selected"] else " "
            name = (p["display"] or "")[:NAME_WIDTH]
            console.print(f"{mark}{number(p['rank'], lang):>4}  {p['id']}  "
                          f"{number(p['total'], lang):>7}  {name}",
                          markup=False)
    console.print(f"{t('summary.out_dir', lang)}: {out_dir}", markup=False)


def _top(document: dict[str, Any], out_dir: str) -> list[dict[str, Any]]:
    """The first TOP_ROWS of the ranking: from result.json, or for a large run (no "people"
    list) the rows of people.parquet ranked 1..TOP_ROWS, read without loading the rest."""
    if "people" in document:
        return [p for p in document["people"] if "rank" in p][:TOP_ROWS]
    from asn_merit.reports.large_run import read_people  # pyarrow: only for large runs

    rows = read_people(Path(out_dir) / document["people_table"]["file"],
                       ["rank", "id", "display", "total", "selected"],
                       [("rank", "<=", TOP_ROWS)]).sort_values("rank")
    return [{"rank": int(r["rank"]), "id": r["id"], "display": None if r.isna()["display"]
             else r["display"], "total": r["total"], "selected": bool(r["selected"])}
            for _, r in rows.iterrows()]


def explanation(document: dict[str, Any], person: dict[str, Any], vocab: Vocabulary,
                population: str = "", ahead: list[dict[str, Any]] | None = None) -> list[str]:
    """One person's trace as sentences an employee can read, in the policy's words (`vocab`);
    `population` (the policy's population condition, when the policy is at hand) says what left
    someone out; `ahead`: the people ranked above them in their selection group
    (selection_view.run_group_ahead)."""
    lang, titles = vocab.lang, vocab.titles
    name = f" ({person['display']})" if person.get("display") else ""
    policy = document["policy"]
    out = [
        t("explain.header", lang, id=person["id"], name=name),
        t("explain.policy", lang, policy=policy["id"], version=policy["version"],
          as_of=long_date(document["as_of"], lang)),
        t("explain.status", lang, status=t(f"status.{person['status']}", lang)),
    ]
    if person["status"] == "out_of_scope":
        return [*out, t("explain.out_of_scope", lang)] + (
            [t("explain.population", lang, condition=population)] if population else [])
    from asn_merit.reports.overrides_view import (  # xlsxwriter: load on use
        excluded_by_override,
        override_value,
    )

    manual = [t("explain.override", lang, action=t(f"override.{o['action']}", lang),
                rule=t("override.all_rules", lang) if o["rule"] == "*" else
                titles.get(o["rule"], o["rule"]), before=override_value(o["from"], lang),
                after=override_value(o["to"], lang), reason=o["reason"],
                approved_by=o["approved_by"], decree_ref=o["decree_ref"])
              for o in person.get("overrides", [])]  # manual overrides (scoring/overrides.py)
    out += manual
    if person["status"] == "not_evaluated":
        if manual and excluded_by_override(person["excluded_because"]):
            out[2] = t("explain.status", lang, status=t("override.not_evaluated", lang))
            return out
        return [*out, t("explain.not_evaluated", lang, why="; ".join(person["excluded_because"]))]
    derived = {name: item for name, item in (person.get("derived") or {}).items()
               if item.get("value") is not None}
    if derived:  # every computed value the gates and categories read (Decision 5)
        out.append(t("explain.derived", lang))
        out += [t("explain.derived_line", lang, name=name, value=item["value"], how=item["how"])
                for name, item in derived.items()]
    out.append(t("explain.gates", lang))
    for gate in person["gates"]:
        key = "explain.gate_pass" if gate["passed"] else "explain.gate_fail"
        test = vocab.gate_test(gate) + (f" [{gate['note']}]" if "note" in gate else "")
        out.append(t(key, lang, title=titles.get(gate["rule"], gate["rule"]), test=test))
    if person["failed"]:
        out.append(t("explain.failed_count", lang, n=len(person["failed"]),
                     rules="; ".join(vocab.rule(r) for r in person["failed"])))
        return out
    out.append(t("explain.points", lang))
    for line in person["points"]:
        raw = number(line["raw"], lang) if line["raw"] is not None else \
            vocab.inputs(line["inputs"])
        title = titles.get(line["rule"], line["rule"])
        if line["points"] is None:  # TOPSIS and WP are not sums of points: show the method
            out.append(t("explain.method_line", lang, title=title, raw=raw,
                         method=vocab.method(line["method"]),
                         weight=number(line["weight"], lang)))
            continue
        out.append(t("explain.point_line", lang, title=title, raw=raw,
                     normalised=number(line["normalised"], lang),
                     method=vocab.method(line["method"]), weight=number(line["weight"], lang),
                     points=number(line["points"], lang)))
        if "rounding" in line:
            out.append(t("explain.rounding", lang, text=in_text(line["rounding"], lang)))
        if "override" in line.get("note", ""):
            out.append(f"    [{line['note']}]")
    for name, value in person.get("method", {}).items():
        out.append(f"  {name}: {value}")
    out.append(t("explain.total", lang, total=number(person["total"], lang),
                 rank=number(person["rank"], lang),
                 n=number(document["counts"]["eligible"], lang)))
    out += selection_view.explain_lines(document, person, lang, ahead)
    if person.get("decided_by") and person["decided_by"] != "total":
        out.append(t("explain.decided_by", lang, key=vocab.field(person["decided_by"])))
    return out


def entry_kind(kind: str, summary: dict[str, Any]) -> str:
    """The command that recorded a ledger entry: `check` runs are stored with kind "audit"
    (the ledger's schema knows four kinds) and are told apart by their summary."""
    return "check" if kind == "audit" and "checks_fired" in summary else kind


def history_lines(rows: list[dict[str, Any]], lang: str) -> list[str]:
    """One line per recorded run: sequence, time, kind, policy (or what was audited), run id
    and the headline figures in words."""
    out = []
    for row in rows:
        counts = row.get("counts") or {}
        if row["kind"] == "score":
            figures = t("history.score", lang, evaluated=number(counts.get("evaluated", "-"), lang),
                        eligible=number(counts.get("eligible", "-"), lang),
                        selected=number(counts.get("selected", "-"), lang))
        elif row["kind"] == "check":
            fired = row.get("checks_fired") or {}
            figures = t("history.check", lang, errors=fired.get("error", 0),
                        warnings=fired.get("warning", 0), info=fired.get("info", 0))
        else:
            figures = t("history.audit", lang, findings=row.get("findings", "-"),
                        watch=row.get("watch", "-"))
        worst = row.get("worst_impact_ratio") or {}
        if worst:
            figures += "; " + t("history.worst", lang, ratios=", ".join(
                f"{k} {number(round(v, 3), lang) if isinstance(v, float) else v}"
                for k, v in worst.items()))
        subject = row["policy"] or t("history.no_policy", lang)
        out.append(f"{row['seq']:>5}  {row['recorded_at']}  "
                   f"{t('history.kind.' + row['kind'], lang):<8} {subject}  {row['run_id']}  "
                   f"{figures}")
    return out or [t("history.empty", lang)]


def ledger_entry_lines(entry: Any, lang: str) -> list[str]:
    """One ledger entry as labelled lines (no personal data is ever in the ledger)."""
    kind = entry_kind(entry.kind, entry.summary_data)
    policy = f"{entry.policy_id}@{entry.policy_version}" if entry.policy_id else \
        t("history.no_policy", lang)
    rows = [("ledger.seq", entry.seq), ("ledger.run_id", entry.run_id),
            ("ledger.kind", t("history.kind." + kind, lang)),
            ("ledger.recorded_at", entry.recorded_at), ("ledger.policy", policy),
            ("ledger.policy_sha256", entry.policy_sha256), ("ledger.input_sha256",
                                                            entry.input_sha256),
            ("ledger.result_sha256", entry.result_sha256),
            ("ledger.manifest_sha256", entry.manifest_sha256),
            ("ledger.prev_hash", entry.prev_hash), ("ledger.entry_hash", entry.entry_hash),
            ("ledger.summary", json.dumps(entry.summary_data, ensure_ascii=False,
                                          sort_keys=True))]
    width = max(len(t(key, lang)) for key, _ in rows)
    return [f"{t(key, lang):<{width}}  {'-' if value is None else value}" for key, value in rows]
