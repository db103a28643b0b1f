import functools
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Timing is measured in benchmarks/, never asserted: no per-example deadline on a busy machine.
settings.register_profile("asn-merit", deadline=None)
settings.load_profile("asn-merit")

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Tests never write to the user's real ledger (module-scoped fixtures included).
os.environ["ASN_MERIT_LEDGER"] = str(Path(tempfile.mkdtemp(prefix="asn-merit-")) / "l.sqlite")


@pytest.fixture(autouse=True)
def _fresh_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty ledger, so earlier identical runs don't short-circuit;
    and no asn-merit.toml in the developer's own config folder is read."""
    monkeypatch.setenv("ASN_MERIT_LEDGER", str(tmp_path / "ledger.sqlite"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--console-encoding", default=os.environ.get("ASN_MERIT_TEST_CONSOLE_ENCODING", "utf-8"),
        help="Encoding of the CliRunner's stdout/stderr; cp1252 simulates Python on Windows "
             "writing redirected output in the ANSI code page (stdout strict)")


def pytest_configure(config: pytest.Config) -> None:
    """Runners are built at import time (module level), so their default charset is set here."""
    encoding = config.getoption("--console-encoding")
    if encoding != "utf-8":
        from typer.testing import CliRunner

        CliRunner.__init__ = functools.partialmethod(CliRunner.__init__, charset=encoding)
