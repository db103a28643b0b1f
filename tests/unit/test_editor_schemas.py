"""The schemas editors use: shipped in the package, up to date with the models, named by every
shipped file's modeline, and written beside a fresh `init` copy so VS Code validates it."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import REPO
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from asn_merit import schemas
from asn_merit.cli import app
from asn_merit.rules.fixtures import EXPECT_KEYS
from asn_merit.scoring.overrides import KEYS as OVERRIDE_KEYS

SHIPPED = sorted((REPO / "asn_merit" / "policies").rglob("*.yaml"))
EXAMPLES = [*SHIPPED, *sorted((REPO / "policies").glob("*.yaml")),
            REPO / "sample_data" / "overrides-example.yaml"]


def as_json(value: object) -> object:
    """YAML dates become the strings an editor's JSON view holds."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(
        v, date) else str(v)))


def modeline_target(path: Path) -> Path:
    """What the VS Code YAML extension opens: the first line's $schema, relative to the file."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(schemas.MODELINE), f"{path}: no modeline on the first line"
    target = first.removeprefix(schemas.MODELINE).strip()
    assert "://" not in target, "a URL the editor cannot reach"
    return path.parent / target  # the symlinked policies/ folder is not resolved, as an editor


def errors_against_modeline(path: Path) -> list[str]:
    schema = json.loads(modeline_target(path).read_text(encoding="utf-8"))
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [f"{'/'.join(map(str, e.path))}: {e.message}"
            for e in Draft7Validator(schema).iter_errors(data)]


@pytest.mark.parametrize("name", list(schemas.BUILDERS))
def test_shipped_files_are_current_and_valid_draft_07(name: str) -> None:
    shipped = (schemas.FOLDER / name).read_text(encoding="utf-8")
    assert shipped == schemas.schema_text(name), "run: python -m asn_merit.schemas"
    Draft7Validator.check_schema(json.loads(shipped))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_file_validates_against_its_modeline(path: Path) -> None:
    assert errors_against_modeline(path) == []


def test_schemas_know_every_key_the_loaders_accept() -> None:
    overrides = schemas.overrides_json_schema()
    entry = overrides["properties"]["overrides"]["items"]["properties"]
    assert {*entry, *overrides["properties"]} == set(OVERRIDE_KEYS)
    fixtures = schemas.fixtures_json_schema()
    expect = fixtures["properties"]["people"]["items"]["properties"]["expect"]["properties"]
    assert set(expect) == EXPECT_KEYS


def test_overrides_schema_rejects_what_the_loader_rejects() -> None:
    schema = schemas.overrides_json_schema()
    bad = {"overrides": [{"nip": "1", "action": "force_pass", "reason": "r",
                          "approved_by": "a"}]}  # no decree_ref
    assert list(Draft7Validator(schema).iter_errors(bad))
    bad = {"overrides": [{"nip": "1", "action": "force_pas", "reason": "r",
                          "approved_by": "a", "decree_ref": "d"}]}
    assert list(Draft7Validator(schema).iter_errors(bad))


def test_fresh_init_gives_a_policy_its_local_schema_validates(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init", "--template", "kenaikan-pangkat-reguler"])
    assert result.exit_code == 0, result.output
    policy = tmp_path / "kenaikan-pangkat-reguler-lokal.yaml"
    assert modeline_target(policy) == tmp_path / "./policy.v1.schema.json"
    assert errors_against_modeline(policy) == []
    fixtures = tmp_path / "kenaikan-pangkat-reguler-lokal.tests.yaml"
    assert modeline_target(fixtures) == tmp_path / "./fixtures.v1.schema.json"
    assert errors_against_modeline(fixtures) == []
    # an edit the loader refuses is flagged by the editor too
    policy.write_text(policy.read_text(encoding="utf-8").replace("  weight:", "  wieght:", 1),
                      encoding="utf-8")
    assert errors_against_modeline(policy)


def test_policy_schema_out_writes_the_file_a_modeline_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["policy", "schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / schemas.POLICY).read_text(encoding="utf-8") == (
        schemas.FOLDER / schemas.POLICY).read_text(encoding="utf-8")
    assert f"{schemas.MODELINE}./{schemas.POLICY}" in result.stderr
    done = CliRunner().invoke(app, ["policy", "schema", "--kind", "overrides"])
    assert json.loads(done.stdout) == schemas.overrides_json_schema()


def test_descriptions_are_in_indonesian_and_english() -> None:
    for name, build in schemas.BUILDERS.items():
        found: list[str] = []

        def walk(node: object, found: list[str] = found) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("description"), str):
                    found.append(node["description"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(build())
        single = [d for d in found if " / " not in d]
        assert found and not single, f"{name}: {len(single)} English-only, e.g. {single[:2]}"


def test_package_data_matches_real_files_and_the_wheel_has_the_schemas(tmp_path: Path) -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for pattern in config["tool"]["setuptools"]["package-data"]["asn_merit"]:
        assert list((REPO / "asn_merit").glob(pattern)), f"package-data '{pattern}' matches nothing"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                            "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
                           capture_output=True, text=True, timeout=600, check=False)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("asn_merit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in schemas.BUILDERS:
        assert f"asn_merit/schemas/{name}" in names
    assert "asn_merit/policies/kenaikan-pangkat-reguler.yaml" in names
