"""asn-merit.toml: found in the user's config folder and the current directory, every key
checked, so a typo never silently scores with the shipped policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.config import ledger_path, load_config
from asn_merit.errors import UsageError
from asn_merit.folders import config_folder

runner = CliRunner()
SAMPLE = REPO / "sample_data" / "roster.xlsx"


def test_a_misspelt_key_is_an_error_with_did_you_mean(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "asn-merit.toml").write_text('[score]\npolcy = "mine.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["score", "roster.xlsx"])
    assert result.exit_code == 2, result.output
    assert "unknown key 'score.polcy'; did you mean 'score.policy'?" in result.stderr
    assert "shipped default" not in result.stderr
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize(("text", "message"), [
    ('[scor]\npolicy = "p.yaml"\n', "unknown key 'scor.policy'; did you mean 'score.policy'?"),
    ('[ledger]\npaht = "l.sqlite"\n', "did you mean 'ledger.path'?"),
    ('[report]\nlang = "en"\n', "known keys: ledger.path, score.policy"),
    ('policy = "p.yaml"\n', "did you mean 'score.policy' (under [score])?"),
    ("[score]\npolicy = 3\n", "'score.policy' must be a file path in quotes, not 3"),
    ('[score]\npolicy = ""\n', "'score.policy' must be a file path"),
    ('[score\npolicy = "p.yaml"\n', "asn-merit.toml: "),
])
def test_every_key_is_checked(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "asn-merit.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_config(tmp_path, folder=tmp_path / "none")
    assert message in str(caught.value)


def test_user_folder_then_current_directory_key_by_key(tmp_path: Path) -> None:
    user, here = tmp_path / "user", tmp_path / "here"
    user.mkdir()
    here.mkdir()
    (user / "asn-merit.toml").write_text('[score]\npolicy = "kp.yaml"\n[ledger]\n'
                                         'path = "ledger.sqlite"\n', encoding="utf-8")
    assert load_config(here, folder=user).path("score.policy") == user / "kp.yaml"
    (here / "asn-merit.toml").write_text('[score]\npolicy = "lokal/kp.yaml"\n', encoding="utf-8")
    config = load_config(here, folder=user)
    assert config.path("score.policy") == here / "lokal" / "kp.yaml"
    assert config.path("ledger.path") == user / "ledger.sqlite"
    assert config.files == (user / "asn-merit.toml", here / "asn-merit.toml")


def test_the_platform_config_folder_is_read(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = config_folder()
    assert str(folder).startswith(str(tmp_path))  # conftest: never the developer's own folder
    folder.mkdir(parents=True)
    (folder / "kp.yaml").write_bytes(KP_POLICY.read_bytes())
    (folder / "asn-merit.toml").write_text('[score]\npolicy = "kp.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["score", str(SAMPLE), "--out", "o", "--no-html"])
    assert result.exit_code == 0, result.output
    assert str(folder / "kp.yaml") in result.stderr.replace("\n", "")


def test_ledger_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "asn-merit.toml").write_text('[ledger]\npath = "data/l.sqlite"\n',
                                             encoding="utf-8")
    assert ledger_path(tmp_path / "x.sqlite", tmp_path) == tmp_path / "x.sqlite"
    monkeypatch.setenv("ASN_MERIT_LEDGER", str(tmp_path / "env.sqlite"))
    assert ledger_path(None, tmp_path) == tmp_path / "env.sqlite"
    monkeypatch.delenv("ASN_MERIT_LEDGER")
    assert ledger_path(None, tmp_path) == tmp_path / "data" / "l.sqlite"
