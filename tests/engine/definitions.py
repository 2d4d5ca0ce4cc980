"""Raw release-definition documents for the definition tests, and reading their issues.

The builders make the smallest valid piece at each level (definition, environment, phase,
task), with any field overridden per test; ``issues_of`` parses a document that must be
refused and returns its issues, each with its path.
"""

from __future__ import annotations

import json

import pytest

from releasegraph.engine.definition import parse_definition
from releasegraph.engine.errors import ErrorCode, ValidationError

TASK_0 = "environments[0].phases[0].tasks[0]"


def task(name: str = "t", **fields: object) -> dict[str, object]:
    return {"name": name, "kind": "simulate", **fields}


def phase(name: str = "p", **fields: object) -> dict[str, object]:
    return {"name": name, "tasks": [task()], **fields}


def environment(name: str = "e", **fields: object) -> dict[str, object]:
    return {"name": name, "phases": [phase()], **fields}


def definition(*environments: dict[str, object], **fields: object) -> dict[str, object]:
    return {"name": "d", "environments": list(environments) or [environment()], **fields}


def issues_of(document: str | dict[str, object]) -> list[str]:
    text = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(ValidationError) as caught:
        parse_definition(text)
    assert caught.value.code is ErrorCode.VALIDATION_FAILED
    return [str(issue) for issue in caught.value.issues]
