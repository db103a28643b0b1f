"""What a Python user expects of a command-line tool: --version, shell completion, a clear
word on an old Python, dependencies that are used, a licence."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib

import pytest
from helpers import REPO
from typer.testing import CliRunner

from asn_merit import __version__
from asn_merit.cli import app

runner = CliRunner()
PACKAGE = REPO / "asn_merit"
IMPORT_NAMES = {"python-calamine": "python_calamine", "pyyaml": "yaml"}


def test_version_flag_and_command() -> None:
    for args in (["--version"], ["version"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"asn-merit {__version__}\n"


def test_shell_completion_can_be_installed() -> None:
    shown = subprocess.run([sys.executable, "-m", "asn_merit", "--show-completion", "bash"],
                           capture_output=True, text=True, timeout=120, check=False,
                           env={**os.environ, "SHELL": "/bin/bash"})
    assert shown.returncode == 0, shown.stderr
    assert "complete" in shown.stdout and "_ASN_MERIT_COMPLETE" in shown.stdout.upper()
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_an_old_python_gets_a_clear_message(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    ast.parse(source, feature_version=(3, 7))  # old interpreters must be able to read it
    monkeypatch.setattr(sys, "version_info", (3, 10, 12, "final", 0))
    with pytest.raises(SystemExit) as stopped:
        exec(compile(source, "asn_merit/__init__.py", "exec"), {"__name__": "asn_merit_old"})
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "needs Python 3.11 or newer; this is Python 3.10" in err
    assert "memerlukan Python 3.11" in err


def _runtime_imports() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_every_runtime_dependency_is_imported_by_the_package() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    imported = _runtime_imports()
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower()
        assert IMPORT_NAMES.get(name, name) in imported, f"{name} is never imported: test extra?"
    assert "openpyxl" not in imported


def test_licence_and_metadata() -> None:
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "Apache-2.0" and project["license-files"] == ["LICENSE"]
    assert any(c.startswith("Operating System :: Microsoft :: Windows")
               for c in project["classifiers"])
