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
    """Each test starts with an empty ledger, so earlier identical runs don't short-circuit."""
    monkeypatch.setenv("ASN_MERIT_LEDGER", str(tmp_path / "ledger.sqlite"))
