"""docs/panduan.md stays true: every command in its `sh` blocks runs, in order, in one folder.

`asn-merit …` lines go through typer's runner (the ledger is the test's own), other lines
(sha256sum) through bash. A line may declare its exit code in a trailing comment:
`# kode keluar 1 = …`; otherwise it must exit 0.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from helpers import REPO
from typer.testing import CliRunner

from asn_merit.cli import app

GUIDE = REPO / "docs" / "panduan.md"
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
DECLARED = re.compile(r"#\s*kode keluar (\d+)")


def guide_commands() -> list[tuple[str, int]]:
    commands = []
    for block in BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        for line in block.replace("\\\n", " ").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            declared = DECLARED.search(line)
            command = line.split("  #")[0].strip()
            commands.append((command, int(declared.group(1)) if declared else 0))
    return commands


def test_the_guide_has_the_whole_path() -> None:
    text = " ".join(c for c, _ in guide_commands())
    for step in ("sample", "init", "policy check", "score", "explain", "audit", "verify",
                 "ledger anchor", "sha256sum -c"):
        assert step in text, f"the guide lost its '{step}' step"
    guide = GUIDE.read_text(encoding="utf-8")
    assert "Get-FileHash" in guide and "certutil -hashfile" in guide and "sanggah" in guide.lower()


def test_every_command_in_the_guide_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command, expected in guide_commands():
        if command.startswith("asn-merit "):
            args = shlex.split(command)[1:]
            target = None
            if ">" in args:  # `… > file`: the runner's stdout is what the file receives
                args, target = args[:args.index(">")], args[args.index(">") + 1]
            result = runner.invoke(app, args)
            code, output = result.exit_code, result.output
            if target is not None:
                Path(target).write_text(result.stdout, encoding="utf-8")
                assert result.stdout.strip(), f"{command}: nothing written"
        else:
            done = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                                  timeout=120, check=False)
            code, output = done.returncode, done.stdout + done.stderr
        assert code == expected, f"{command}\nexit {code}, expected {expected}\n{output[-3000:]}"


def test_what_the_guide_says_about_the_sanggah_examples(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The prose of section 7 quotes the explanations: they must still say it."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command, _ in guide_commands():
        if command.startswith(("asn-merit sample", "asn-merit init", "asn-merit score")):
            assert runner.invoke(app, shlex.split(command)[1:]).exit_code == 0
    below = runner.invoke(app, ["explain", "runs/kp-2026-10", "197705222004032001"]).stdout
    assert "Total: 55,00 poin, peringkat 26" in below and "nilai batas 56,00" in below
    failed = runner.invoke(app, ["explain", "runs/kp-2026-10", "196909091993052001"]).stdout
    assert failed.count("[GAGAL]") == 2 and "14" in failed
    guide = GUIDE.read_text(encoding="utf-8")
    assert "total 55,00, peringkat 26" in guide and "56,00" in guide and "14 bulan" in guide
