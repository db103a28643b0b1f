"""`policy show`: sentences a head of agency can sign, every format, new keys never crash it."""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import KP_POLICY

from asn_merit.reports.i18n import LANGUAGES, MESSAGES
from asn_merit.reports.policy_doc import TEXT_WIDTH, policy_rows, render_policy
from asn_merit.rules import model
from asn_merit.rules.loader import LoadedPolicy, load_policy

FORMATS = ("html", "md", "text")
SENTENCES = {
    "id": ["Masa dalam pangkat (bulan penuh) sekurang-kurangnya 48",
           "Predikat Kinerja 2025 salah satu dari: Sangat Baik, Baik",
           "Gol/Ruang lebih rendah dari Pangkat tertinggi menurut pendidikan",
           "Hukuman Disiplin salah satu dari: Tidak Ada, Ringan", "Jenis Jabatan adalah Pelaksana",
           "20 sampai kurang dari 40", "paling banyak 35 dari 100 poin", "25 tempat",
           "Ditetapkan di", "pada tanggal", "1 Oktober 2026"],
    "en": ["Time in rank (completed months) is at least 48",
           "Predikat Kinerja 2025 is one of: Sangat Baik, Baik",
           "Gol/Ruang is below Highest rank for the education level",
           "Hukuman Disiplin is one of: Tidak Ada, Ringan", "Jenis Jabatan is Pelaksana",
           "20 to less than 40", "at most 35 of 100 points", "25 places",
           "Adopted at", "1 October 2026"],
}


@pytest.fixture(scope="module")
def loaded() -> LoadedPolicy:
    return load_policy(KP_POLICY)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_says_what_the_policy_means(loaded: LoadedPolicy, fmt: str,
                                                 lang: str) -> None:
    text = render_policy(loaded, fmt, lang)  # type: ignore[arg-type]
    flat = " ".join(text.split())
    for sentence in SENTENCES[lang]:
        assert sentence in flat, sentence
    assert loaded.canonical_sha256 in text and loaded.file_sha256 in text
    for key in ("policy.section.gates", "policy.section.criteria", "policy.section.ranking",
                "policy.section.fairness", "policy.section.confidence"):
        assert MESSAGES[key][lang] in text
    assert "PP 15/1979" in text  # the NIP tie-breaker's note
    assert "C (pn-rantau.go.id; bkpsdm.malakakab.go.id)" in flat  # confidence per rule


def test_html_is_self_contained_and_printable(loaded: LoadedPolicy) -> None:
    page = render_policy(loaded, "html", "id")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<script|<link|<img|(src|href)\s*=\s*[\"']?https?:", page, re.I)
    assert "size: A4" in page and 'class="sign"' in page
    assert render_policy(loaded, "html", "id") == page  # no clock, same bytes


SHIPPED = sorted(p for p in (Path(model.__file__).parent.parent / "policies").glob("*.yaml")
                 if not p.name.endswith(".tests.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_policy_renders_and_plain_text_fits_the_page(path: Path) -> None:
    loaded = load_policy(path)
    for lang in LANGUAGES:
        for fmt in FORMATS:
            assert loaded.canonical_sha256 in render_policy(loaded, fmt, lang)  # type: ignore[arg-type]
        lines = render_policy(loaded, "text", lang).splitlines()
        assert max(map(len, lines)) <= TEXT_WIDTH


def test_rows_for_the_policy_sheet(loaded: LoadedPolicy) -> None:
    rows = policy_rows(loaded, "en")
    headings = [item for item, value in rows if value == ""]
    assert "Requirements (gates)" in headings and "The version approved" in headings
    assert ("Policy SHA-256 (canonical)", loaded.canonical_sha256) in rows
    assert any("is at least 48" in value for _, value in rows)


def test_unknown_format_is_refused(loaded: LoadedPolicy) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_policy(loaded, "pdf", "id")  # type: ignore[arg-type]


@dataclasses.dataclass(frozen=True)
class _Dumped:
    """Stands in for a policy model with keys this renderer has never seen."""

    data: dict[str, Any]

    def model_dump(self, **_: Any) -> dict[str, Any]:
        return copy.deepcopy(self.data)


def test_keys_added_to_the_policy_language_are_shown_not_fatal(loaded: LoadedPolicy) -> None:
    data = loaded.policy.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scoring"] |= {"method": "topsis", "ahp": {"criteria": ["poin-kinerja"],
                                                    "matrix": [[1]], "max_cr": 0.1}}
    data["rules"][0]["when"] = {"field": "masa_pangkat_bulan", "op": "near", "value": 48}
    data["rules"][4]["target"] = 4
    data["rules"].append({"id": "poin-baru", "kind": "magic", "spell": {"power": 9},
                          "weight": 0.1, "title": {"id": "Baru", "en": "New"}})
    data["rules"][7]["bands"][0]["label"] = {"id": "rendah", "en": "low"}
    data["derived"].append({"id": "kode", "split": {"field": "nip", "at": 8}})
    data["population"]["exclude_ids"] = ["1"]
    data["categories"] = [{"id": "kotak", "field": "total", "grid": {"rows": "a"},
                           "bands": [{"lt": 50, "value": "C", "label": {"id": "c", "en": "c"}}]}]
    data["audit_trail"] = {"keep_years": 10}
    changed = dataclasses.replace(loaded, policy=_Dumped(data))
    for fmt in FORMATS:
        text = render_policy(changed, fmt, "en")  # type: ignore[arg-type]
        flat = " ".join(text.replace("\\", "").split())  # Markdown escapes "_"
        for shown in ("TOPSIS", "AHP", "1. poin-kinerja", "near", "target", "spell",
                      "power: 9", "split", "exclude_ids", "keep_years",
                      "Other settings: audit_trail", "low", "Result categories"):
            assert shown in flat, (fmt, shown)
    assert any("keep_years" in item for item, _ in policy_rows(changed, "id"))


def test_markdown_escapes_what_it_prints(loaded: LoadedPolicy) -> None:
    data = loaded.policy.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["policy"]["owner"] = "Bidang | Mutasi *dan* `Promosi`"
    text = render_policy(dataclasses.replace(loaded, policy=_Dumped(data)), "md", "id")
    assert r"Bidang \| Mutasi \*dan\* \`Promosi\`" in text
