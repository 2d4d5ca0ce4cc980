"""constraints.txt pins every dependency a fresh install takes, inside pyproject's ranges."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]


def _pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    pairs = (line.split("==") for line in lines if line and not line.startswith("#"))
    return {canonicalize_name(name): version for name, version in pairs}


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [spec for specs in project["optional-dependencies"].values() for spec in specs]
    return [Requirement(spec) for spec in [*project["dependencies"], *extras]]


def test_every_line_of_the_constraints_is_an_exact_pin() -> None:
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    entries = [line for line in lines if line and not line.startswith("#")]

    assert [line for line in entries if line.count("==") != 1] == []


def test_every_dependency_is_pinned_to_a_version_its_range_admits() -> None:
    pins = _pins()

    unpinned = [str(req) for req in _requirements() if canonicalize_name(req.name) not in pins]
    outside = [
        f"{req} (pinned {pins[canonicalize_name(req.name)]})"
        for req in _requirements()
        if canonicalize_name(req.name) in pins
        and not req.specifier.contains(pins[canonicalize_name(req.name)], prereleases=True)
    ]

    assert unpinned == []
    assert outside == []


def test_the_readme_commands_and_ci_install_with_the_constraints() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()

    assert readme.count("pip install -q -c constraints.txt -e") >= 2
    assert "pip install -q -c constraints.txt -e '.[test]' && .venv/bin/pytest" in ci
