"""A definition's text whose strings hold NUL (U+0000), refused as a whole with each place.

PostgreSQL text cannot hold NUL: a definition named "a\\0" used to reach psycopg, whose
DataError was masked as "Unexpected error." and logged with a traceback. YAML writes it
"\\0" or "\\x00", JSON "\\u0000"; a raw NUL is no YAML nor JSON at all.
"""

from __future__ import annotations

import json

from tests.engine.definitions import TASK_0, definition, environment, issues_of, phase, task

HOLDS_NUL = "holds a NUL character (U+0000)"


def test_every_string_that_holds_nul_is_listed_with_its_path_and_nothing_else() -> None:
    # given NUL in a name, a list item, a variable's name and value, and an unknown field
    document = definition(
        environment(
            "e\x00",
            phases=[phase(tasks=[task(approvers=["ann", "b\x00b"])])],
            preDeployApprovals="not a mapping",
        ),
        variables={"region": "eu", "k\x00": "v\x00"},
    )

    assert issues_of(json.dumps(document)) == [
        "environments[0].name: " + HOLDS_NUL,
        f"{TASK_0}.approvers[1]: {HOLDS_NUL}",
        "variables.k\\u0000: a key that " + HOLDS_NUL,
        "variables.k\\u0000: " + HOLDS_NUL,
    ]


def test_yaml_escapes_of_nul_are_refused() -> None:
    text = 'name: "a\\0"\nvariables: {x: "\\x00"}\nenvironments: []\n'

    assert issues_of(text) == ["name: " + HOLDS_NUL, "variables.x: " + HOLDS_NUL]


def test_a_document_that_is_one_string_with_nul_is_refused() -> None:
    assert issues_of('"\\u0000"') == [HOLDS_NUL]


def test_nul_is_found_however_deep_the_document_nests() -> None:
    # walked with a stack of its own, not by recursion
    text = '{"name": "d", "variables": ' + "[" * 500 + '"\\u0000"' + "]" * 500 + "}"

    [issue] = issues_of(text)

    assert issue == "variables" + "[0]" * 500 + ": " + HOLDS_NUL
