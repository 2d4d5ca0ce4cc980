"""A release definition's text, read into a document: YAML or JSON values that can be kept.

Text the parsers cannot read, or whose strings hold what no stored text may, is refused as
a whole here, before any field is looked at.
"""

from __future__ import annotations

import json

import yaml

from releasegraph.engine.definition_fields import join
from releasegraph.engine.errors import ValidationError, ValidationIssue

_NUL = "\x00"
_HOLDS_NUL = "holds a NUL character (U+0000)"


def read_document(text: str) -> object:
    """The values of YAML or JSON ``text``; a ``ValidationError`` where it cannot be read, or
    where a string holds NUL (PostgreSQL text cannot: each such string is listed)."""
    try:
        document = _json_or_yaml(text)
    except yaml.YAMLError as error:
        problem = _yaml_problem(error)
    except RecursionError:  # both parsers recurse once a level of nesting
        problem = "nested too deeply to be read"
    except (ValueError, LookupError, AttributeError) as error:
        # What PyYAML's constructors raise for a value they cannot build: a time in month 13,
        # more digits than Python converts, "!!bool x" (KeyError), "!!timestamp x".
        problem = f"a value that cannot be read: {error}"
    else:
        if issues := _nul_issues(document):
            raise ValidationError(issues)
        return document
    raise ValidationError([ValidationIssue("", problem)]) from None


def _json_or_yaml(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass  # not JSON; YAML reads the rest, and names the line when it cannot
    return yaml.safe_load(text)


def _yaml_problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}"
        problem = error.problem or ""
        if error.context and (not problem or problem.startswith("but ")):
            # PyYAML splits some messages: "expected a single document" / "but found another"
            problem = f"{error.context} {problem}".strip()
        return f"invalid YAML at {where}: {problem}"
    return f"invalid YAML: {error}"


def _nul_issues(document: object) -> list[ValidationIssue]:
    """Each string of ``document``, key or value, that holds NUL, at its path (a NUL in a key
    written ``\\u0000`` there). Walked with a stack of its own: the parsers read nesting deeper
    than a recursive walk could follow."""
    issues: list[ValidationIssue] = []
    pending: list[tuple[str, object]] = [("", document)]
    while pending:
        path, value = pending.pop()
        if value is _KEY_WITH_NUL:
            issues.append(ValidationIssue(path, f"a key that {_HOLDS_NUL}"))
        elif isinstance(value, str) and _NUL in value:
            issues.append(ValidationIssue(path, _HOLDS_NUL))
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                at = join(path, str(key).replace(_NUL, "\\u0000"))
                pending.append((at, item))
                if _NUL in str(key):
                    pending.append((at, _KEY_WITH_NUL))
        elif isinstance(value, list):
            pending.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return issues


_KEY_WITH_NUL = object()
"""Stands, in the walk, for the issue of a key that holds NUL, met before its value."""
