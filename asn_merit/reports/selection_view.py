"""Selection and categories as the policy defines them, in words, for every output.

A policy selects in one of four ways (result.json `selection.mode`): one quota over everyone,
a quota per group (unit, formation, route) with a cut line per group, by a category's
favourable labels (the 9-box talent pool), or not at all (an index that ranks and bands). The
terminal summary, `explain`, report.html and ranking.xlsx all read the same facts from here, so
no output prints one global cut line for a per-group policy, "None" for a quota it does not
have, or a promotion's "usulan" for a recruitment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from asn_merit.reports.i18n import MESSAGES, t
from asn_merit.reports.numbers import number

DASH = "–"
AHEAD_SHOWN = 5
"""People named in `explain` as ranked above a not-selected person of the same group."""
SUMMARY_GROUPS = 15
"""Groups listed in the terminal summary; the rest are in report.html and ranking.xlsx."""
KINDS = ("promotion", "recruitment", "reward", "training", "talent", "index")


def text_of(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("id") or value.get("en") or "")
    return "" if value is None else str(value)


def mode(document: Mapping[str, Any]) -> str:
    """quota, per_group, category or none (older result.json files: inferred)."""
    selection = document.get("selection") or {}
    if selection.get("mode"):
        return str(selection["mode"])
    if selection.get("category"):
        return "category"
    if selection.get("per_group"):
        return "per_group"
    return "quota" if selection.get("quota") is not None else "none"


def kind(document: Mapping[str, Any]) -> str:
    value = (document.get("policy") or {}).get("kind")
    return value if value in KINDS else "promotion"


def selected_word(document: Mapping[str, Any], lang: str) -> str:
    """The column header for 'selected' in this kind of policy (Diusulkan, Lulus, …)."""
    return t(f"sel.word.{kind(document)}", lang)


def outcome_sentence(document: Mapping[str, Any], selected: bool, lang: str,
                     by_category: bool = False) -> str:
    """The outcome in the policy kind's words; selected by category, a kind whose quota
    sentence would mention a quota says it without one."""
    outcome = "selected" if selected else "not_selected"
    key = f"sel.category.{outcome}.{kind(document)}"
    return t(key if by_category and key in MESSAGES else f"sel.{outcome}.{kind(document)}", lang)


def group_noun(document: Mapping[str, Any], lang: str) -> str:
    """What a selection group is called in a sentence: the field's title up to a colon,
    lower case ("Formasi: jabatan / …" → "formasi", "Unit Kerja" → "unit kerja")."""
    selection = document.get("selection") or {}
    title = text_of(selection.get("group_title"), lang) or str(selection.get("per_group") or "")
    return title.split(":")[0].strip().lower() or t("sel.col.group", lang).lower()


def cut_text(value: Any, lang: str) -> str:
    return DASH if value is None else number(value, lang)


def groups(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each selection group: name, quota, competing (eligible), selected, cut line."""
    out = []
    for name, facts in sorted(((document.get("selection") or {}).get("groups") or {}).items()):
        out.append({"group": name, "quota": facts.get("quota"),
                    "eligible": facts.get("eligible"), "selected": facts.get("selected"),
                    "cut_line": facts.get("cut_line")})
    return out


def category(document: Mapping[str, Any], category_id: str | None) -> dict[str, Any] | None:
    return next((c for c in document.get("categories") or [] if c["id"] == category_id), None)


def value_label(entry: Mapping[str, Any], value: Any, lang: str) -> str:
    found = next((v for v in entry.get("values") or [] if v["value"] == value), None)
    return text_of(found["label"], lang) if found else str(value if value is not None else DASH)


def summary_lines(document: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, value) lines of the selection for the terminal summary."""
    counts = document.get("counts") or {}
    selection = document.get("selection") or {}
    how = mode(document)
    if how == "quota":
        return [(t("sel.summary.selected", lang),
                 t("sel.summary.quota", lang, selected=counts.get("selected", 0),
                   quota=selection.get("quota"))),
                (t("summary.cut_line", lang), cut_text(selection.get("cut_line"), lang))]
    if how == "per_group":
        rows = groups(document)
        noun = group_noun(document, lang)
        return [(t("sel.summary.selected", lang),
                 t("sel.summary.groups", lang, selected=counts.get("selected", 0),
                   places=sum(int(r["quota"] or 0) for r in rows), groups=len(rows), noun=noun))]
    if how == "category":
        entry = category(document, selection.get("category")) or {}
        values = ", ".join(map(str, entry.get("favourable") or []))
        return [(t("sel.summary.category", lang, title=text_of(entry.get("title"), lang),
                   values=values), str(counts.get("selected", 0)))]
    return [(t("sel.summary.none", lang), t("sel.summary.none_value", lang))]


def summary_details(document: Mapping[str, Any], lang: str) -> list[str]:
    """Lines under the summary: the groups (their places, competitors, selected and cut line)
    and the count of people per category value."""
    lines: list[str] = []
    if mode(document) == "per_group":
        rows = groups(document)
        noun = group_noun(document, lang)
        lines.append(t("sel.summary.group_head", lang, noun=noun))
        for row in rows[:SUMMARY_GROUPS]:
            lines.append(t("sel.summary.group_row", lang, group=row["group"], quota=row["quota"],
                           n=row["eligible"] if row["eligible"] is not None else DASH,
                           selected=row["selected"], cut=cut_text(row["cut_line"], lang)))
        if len(rows) > SUMMARY_GROUPS:
            lines.append(t("sel.summary.groups_more", lang, n=len(rows) - SUMMARY_GROUPS,
                           noun=noun))
    for entry in document.get("categories") or []:
        counts = entry.get("counts") or {}
        if not counts:
            continue
        parts = [f"{value_label(entry, v['value'], lang)} {counts.get(v['value'], 0)}"
                 for v in entry.get("values") or []]
        lines.append(f"{text_of(entry.get('title'), lang)}: " + " · ".join(parts))
    return lines


def explain_lines(document: Mapping[str, Any], person: Mapping[str, Any], lang: str,
                  ahead: list[dict[str, Any]] | None = None) -> list[str]:
    """What the selection says about one eligible person: their category or box (and how far
    the next one is), then the outcome in the policy's words with the cut line that applies
    to them (their group's, for a per-group quota) and, when not selected in a group, who was
    ranked above them."""
    lines = category_lines(document, person, lang)
    how = mode(document)
    selection = document.get("selection") or {}
    selected = bool(person.get("selected"))
    if how == "none":
        return [*lines, t("sel.no_selection", lang)]
    if how == "category":
        entry = category(document, selection.get("category")) or {}
        values = ", ".join(map(str, entry.get("favourable") or []))
        label = (person.get("categories") or {}).get(entry.get("id")) or DASH
        key = "cat.favourable" if selected else "cat.not_favourable"
        return [*lines, f"{outcome_sentence(document, selected, lang, by_category=True)} "
                        f"{t(key, lang, label=label, values=values)}"]
    if how == "quota":
        counts = document.get("counts") or {}
        return [*lines, outcome_sentence(document, selected, lang),
                t("sel.quota_place", lang, rank=person.get("rank"), n=counts.get("eligible"),
                  quota=selection.get("quota"), cut=cut_text(selection.get("cut_line"), lang))]
    group = person.get("selection_group")
    facts = ((selection.get("groups") or {}).get(group) or {}) if group is not None else {}
    out = [*lines, outcome_sentence(document, selected, lang),
           t("sel.group_place", lang, place=person.get("rank_in_group") or DASH,
             n=facts.get("eligible", DASH), noun=group_noun(document, lang),
             group=group if group is not None else DASH, quota=facts.get("quota", 0),
             cut=cut_text(facts.get("cut_line"), lang) if facts.get("cut_line") is not None
             else t("sel.no_cut", lang))]
    above = [p for p in ahead or [] if p.get("selected")]
    if not selected and above:
        shown = ", ".join(f"{p['id']} ({number(p['total'], lang)})" for p in above[:AHEAD_SHOWN])
        if len(above) > AHEAD_SHOWN:
            shown += " " + t("sel.group_more", lang, n=len(above) - AHEAD_SHOWN)
        out.append(t("sel.group_above", lang, people=shown))
    return out


def group_ahead(people: Iterable[Mapping[str, Any]], person: Mapping[str, Any]
                ) -> list[dict[str, Any]]:
    """The people of `person`'s selection group ranked above them, best first."""
    group, place = person.get("selection_group"), person.get("rank_in_group")
    if group is None or place is None:
        return []
    found = [{"id": p["id"], "total": p.get("total"), "selected": bool(p.get("selected")),
              "place": p["rank_in_group"]} for p in people
             if p.get("selection_group") == group and p.get("rank_in_group") is not None
             and p["rank_in_group"] < place]
    return sorted(found, key=lambda p: p["place"])


def run_group_ahead(run_dir: Path, document: Mapping[str, Any], person: Mapping[str, Any]
                    ) -> list[dict[str, Any]]:
    """group_ahead over a run: result.json's people, or the matching rows of a large run's
    people table (read with a filter, never whole)."""
    if "people_table" not in document:
        return group_ahead(document.get("people") or [], person)
    if person.get("selection_group") is None or person.get("rank_in_group") is None:
        return []
    from asn_merit.reports.large_run import read_people, table_path  # pyarrow: large runs

    rows = read_people(table_path(run_dir, dict(document)),
                       ["id", "total", "selected", "rank_in_group", "selection_group"],
                       [("selection_group", "==", person["selection_group"]),
                        ("rank_in_group", "<", int(person["rank_in_group"]))])
    people = [{"id": r["id"], "total": r["total"], "selected": bool(r["selected"]),
               "selection_group": r["selection_group"], "rank_in_group": int(r["rank_in_group"])}
              for r in rows.to_dict("records")]
    return group_ahead(people, person)


def _decimal(value: Any) -> Decimal | None:
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def _field_value(person: Mapping[str, Any], name: str) -> Decimal | None:
    """The value a band cuts: the total, or the field as the trace records it."""
    if name == "total":
        return _decimal(person.get("total"))
    derived = (person.get("derived") or {}).get(name)
    if derived is not None:
        return _decimal(derived.get("value"))
    if name in (person.get("show") or {}):
        return _decimal(person["show"][name])
    for line in [*(person.get("points") or []), *(person.get("gates") or [])]:
        inputs = line.get("inputs")
        if isinstance(inputs, Mapping) and name in inputs:
            return _decimal(inputs[name])
    return None


def _bounds(band: Mapping[str, Any], field: str) -> str:
    low, high = band.get("gte"), band.get("lt")
    if low is not None and high is not None:
        return f"{low} ≤ {field} < {high}"
    return f"{field} ≥ {low}" if low is not None else f"{field} < {high}"


def category_lines(document: Mapping[str, Any], person: Mapping[str, Any], lang: str
                   ) -> list[str]:
    """Each category of an eligible person: band and the distance to the next band up, or the
    box of a grid with the row and column it crosses."""
    out: list[str] = []
    values = person.get("categories") or {}
    for entry in document.get("categories") or []:
        title = text_of(entry.get("title"), lang)
        value = values.get(entry["id"])
        if value is None:
            out.append(t("cat.no_value", lang, title=title))
            continue
        label = value_label(entry, value, lang)
        grid = entry.get("grid")
        if grid is not None:
            axes = [_axis(document, grid[k], values.get(grid[k]), lang)
                    for k in ("rows", "columns")]
            out.append(t("cat.grid", lang, title=title, label=label, rows=axes[0],
                         columns=axes[1]))
            continue
        bands = entry.get("bands") or []
        band = next((b for b in bands if b["value"] == value), None)
        field = entry.get("field") or "total"
        if band is None:  # a decision table's case: its label and the id an analyst filters by
            out.append(f"{title}: {label} ({value}).")
            continue
        out.append(t("cat.band", lang, title=title, label=label, bounds=_bounds(band, field)))
        upper = next((b for b in bands if band.get("lt") is not None
                      and b.get("gte") == band["lt"]), None)
        have = _field_value(person, field)
        if upper is None:
            out.append("  " + t("cat.top", lang))
        elif have is not None:
            gap = Decimal(str(upper["gte"])) - have
            out.append("  " + t("cat.next", lang, gap=_plain(gap), label=value_label(
                entry, upper["value"], lang), bound=upper["gte"]))
    return out


def _axis(document: Mapping[str, Any], name: str, value: Any, lang: str) -> str:
    """One axis of a grid as "Kinerja Di atas ekspektasi"."""
    entry = category(document, name) or {}
    return f"{text_of(entry.get('title'), lang) or name} {value_label(entry, value, lang)}"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


PEOPLE_PER_BOX = 10
"""NIPs listed per group, band or box on the html page (the xlsx lists everyone)."""


def html_groups(document: Mapping[str, Any], ranked: list[Mapping[str, Any]], lang: str
                ) -> list[dict[str, Any]]:
    """Each selection group with its selected people (best first) and the first person below
    its cut line, from the ranked people the page holds."""
    members: dict[str, list[Mapping[str, Any]]] = {}
    for person in ranked:
        group = person.get("selection_group")
        if group is not None:
            members.setdefault(group, []).append(person)
    out = []
    for row in groups(document):
        people = sorted(members.get(row["group"], []),
                        key=lambda p: p.get("rank_in_group") or 0)
        chosen = [p for p in people if p.get("selected")]
        below = next((p for p in people if not p.get("selected")), None)
        out.append({**row, "cut_line": cut_text(row["cut_line"], lang),
                    "people": chosen + ([below] if below is not None else [])})
    return out


def html_categories(document: Mapping[str, Any], ranked: list[Mapping[str, Any]], lang: str
                    ) -> list[dict[str, Any]]:
    """Each category: count per value with the first NIPs by rank (bands), or for a grid the
    rows × columns of boxes (rows highest first, as the 9-box is drawn)."""
    out = []
    for entry in document.get("categories") or []:
        counts = entry.get("counts") or {}
        by_value: dict[str, list[str]] = {}
        for person in ranked:
            value = (person.get("categories") or {}).get(entry["id"])
            if value is not None:
                by_value.setdefault(value, []).append(str(person["id"]))

        def cell(value: str, entry: Mapping[str, Any] = entry,
                 by_value: dict[str, list[str]] = by_value,
                 counts: Mapping[str, int] = counts) -> dict[str, Any]:
            ids = by_value.get(value, [])
            return {"value": value, "label": value_label(entry, value, lang),
                    "count": counts.get(value, len(ids)), "ids": ids[:PEOPLE_PER_BOX],
                    "favourable": value in (entry.get("favourable") or [])}

        view: dict[str, Any] = {"id": entry["id"], "title": text_of(entry.get("title"), lang),
                                "cells": [cell(v["value"]) for v in entry.get("values") or []],
                                "grid": None}
        grid = entry.get("grid")
        if grid is not None:
            rows, columns = (category(document, grid[k]) or {} for k in ("rows", "columns"))
            row_values = [v["value"] for v in rows.get("values") or []]
            column_values = list(reversed([v["value"] for v in columns.get("values") or []]))
            view["grid"] = {
                "rows_title": text_of(rows.get("title"), lang) or grid["rows"],
                "columns_title": text_of(columns.get("title"), lang) or grid["columns"],
                "columns": [value_label(columns, c, lang) for c in column_values],
                "rows": [(value_label(rows, r, lang),
                          [cell(grid["cells"][r][c]) if c in grid["cells"].get(r, {}) else None
                           for c in column_values]) for r in row_values]}
        out.append(view)
    return out
