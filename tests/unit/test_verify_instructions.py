"""Whatever tells a reader to check SHA256SUMS tells a Windows reader how too, and no document
gives only the Linux venv path."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO

from asn_merit.ledger.sums import CHECK_CERTUTIL, CHECK_LINUX, CHECK_POWERSHELL
from asn_merit.reports.templating import verify_sums

TEMPLATES = REPO / "asn_merit" / "reports" / "templates"


def reader_texts() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")),
            *sorted(TEMPLATES.glob("*.j2")), REPO / "asn_merit" / "reports" / "i18n.py"]


@pytest.mark.parametrize("path", reader_texts(), ids=lambda p: p.name)
def test_sha256sum_never_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if "sha256sum -c" in text:
        assert "Get-FileHash" in text and "certutil -hashfile" in text
    if ".venv/bin/" in text:
        assert ".venv\\Scripts\\" in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_report_footer_names_every_platform(lang: str) -> None:
    text = str(verify_sums("RUN_DIR", lang))
    for command in (CHECK_LINUX, CHECK_POWERSHELL, CHECK_CERTUTIL, "asn-merit verify RUN_DIR"):
        assert str(command).replace('"', "&#34;").replace("'", "&#39;") in text


def test_templates_that_mention_the_sums_use_the_shared_footer() -> None:
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert "sha256sum" not in text, template.name
        if "html.verify" in text:
            raise AssertionError(f"{template.name}: call verify_sums(), not html.verify")

