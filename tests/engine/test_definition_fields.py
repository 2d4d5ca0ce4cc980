"""Release definitions refused for their form, each with its exact issues and paths.

Text that is not YAML or not a mapping at the top level, unknown fields at every level,
values of the wrong type or not finite, unknown enum values (listing the allowed ones),
unknown task and gate check kinds, and missing kinds.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest

from releasegraph.engine import spec
from releasegraph.engine.definition import parse_definition
from releasegraph.engine.definition_fields import MAXIMUM, camel_case
from tests.engine.definitions import TASK_0, definition, environment, issues_of, phase, task

# --- documents that cannot be read ---


def test_unparseable_yaml_names_the_line() -> None:
    assert issues_of("name: x\n  bad: [1\n") == [
        "invalid YAML at line 2, column 6: mapping values are not allowed here"
    ]


def test_unparseable_json_names_the_line() -> None:
    assert issues_of('{"name": "x",\n "environments": [\n') == [
        "invalid YAML at line 3, column 1: expected the node content, but found '<stream end>'"
    ]


DIGITS = "9" * 5000
TOO_MANY_DIGITS = (
    "a value that cannot be read: Exceeds the limit (4300 digits) for integer string"
    " conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 5000 + "]" * 5000, "nested too deeply to be read"),
        ("name: " + "[" * 5000, "nested too deeply to be read"),
        (
            "name: x\nvariables: {a: 2020-13-45}",
            "a value that cannot be read: month must be in 1..12",
        ),
        ("name: " + DIGITS, TOO_MANY_DIGITS),
        ('{"name": ' + DIGITS + "}", TOO_MANY_DIGITS),
        ("name: !!bool x", "a value that cannot be read: 'x'"),
    ],
    ids=[
        "RecursionError-json",
        "RecursionError-yaml",
        "ValueError-date",
        "ValueError-yaml-digits",
        "ValueError-json-digits",
        "KeyError-tag",
    ],
)
def test_text_the_parsers_cannot_turn_into_values_is_refused(text: str, message: str) -> None:
    # Each used to escape parse_definition as the exception of its id.
    assert issues_of(text) == [message]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a mapping at the top level, got null"),
        ("- a\n- b\n", "expected a mapping at the top level, got a list"),
        ("just text", "expected a mapping at the top level, got 'just text'"),
        ("42", "expected a mapping at the top level, got 42"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, message: str) -> None:
    assert issues_of(text) == [message]


# --- fields of the wrong shape ---


def test_unknown_fields_anywhere() -> None:
    # given a misspelt field at every level
    document = definition(
        environment(
            queue={"maxParalel": 1},
            preDeployApprovals={"approvers": ["a"], "quorum": 1},
            gates={"checks": [{"name": "c", "kind": "simulate", "retries": 1}], "when": "x"},
            phases=[phase(runsOn="AGENT", tasks=[task(), task("u", retrys=2)])],
            colour="blue",
        ),
        nmae="x",
    )
    assert issues_of(document) == [
        "nmae: unknown field",
        "environments[0].colour: unknown field",
        "environments[0].queue.maxParalel: unknown field",
        "environments[0].preDeployApprovals.quorum: unknown field",
        "environments[0].gates.when: unknown field",
        "environments[0].gates.checks[0].retries: unknown field",
        "environments[0].phases[0].runsOn: unknown field",
        "environments[0].phases[0].tasks[1].retrys: unknown field",
    ]


def test_wrong_types_are_reported_with_the_value() -> None:
    document = definition(
        environment(
            critical="yes",
            dependsOn="a",
            queue={"maxParallel": "2"},
            phases=[
                phase(
                    pool=3,
                    tasks=[
                        task(retries=1.5, timeoutSeconds="10", alwaysRun=1, approvers=["a", 2]),
                        task("u", failTimes=True, inputs=[], instructions=["x"]),
                        "not a task",
                    ],
                )
            ],
        ),
        allowPartialSuccess="no",
        variables={"ok": "1", "bad": {"nested": 1}},
    )
    assert issues_of(document) == [
        "allowPartialSuccess: expected a boolean, got 'no'",
        "variables.bad: expected a string, got a mapping",
        "environments[0].dependsOn: expected a list, got 'a'",
        "environments[0].critical: expected a boolean, got 'yes'",
        "environments[0].queue.maxParallel: expected an integer, got '2'",
        "environments[0].phases[0].pool: expected a string, got 3",
        "environments[0].phases[0].tasks[0].alwaysRun: expected a boolean, got 1",
        "environments[0].phases[0].tasks[0].timeoutSeconds: expected a number, got '10'",
        "environments[0].phases[0].tasks[0].retries: expected an integer, got 1.5",
        "environments[0].phases[0].tasks[0].approvers[1]: expected a string, got 2",
        "environments[0].phases[0].tasks[1].failTimes: expected an integer, got true",
        "environments[0].phases[0].tasks[1].instructions: expected a string, got a list",
        "environments[0].phases[0].tasks[1].inputs: expected a mapping, got a list",
        "environments[0].phases[0].tasks[2]: expected a mapping, got 'not a task'",
    ]


def test_non_finite_numbers_are_refused() -> None:
    text = json.dumps(definition(environment(phases=[phase(tasks=[task(seconds=float("nan"))])])))
    assert issues_of(text) == [f"{TASK_0}.seconds: expected a number, got nan"]


@pytest.mark.parametrize(
    ("document", "issue"),
    [
        (
            definition(environment(trigger="SOMETIMES")),
            "environments[0].trigger: unknown trigger 'SOMETIMES'"
            " (allowed: AFTER_RELEASE, AFTER_DEPENDENCIES, MANUAL)",
        ),
        (
            definition(environment(onTaskFailure="RETRY")),
            "environments[0].onTaskFailure: unknown onTaskFailure 'RETRY' (allowed: FAIL, PROMPT)",
        ),
        (
            definition(environment(queue={"policy": "NEWEST"})),
            "environments[0].queue.policy: unknown policy 'NEWEST'"
            " (allowed: SEQUENTIAL, LATEST_ONLY)",
        ),
        (
            definition(environment(preDeployApprovals={"approvers": ["a"], "order": "ALL"})),
            "environments[0].preDeployApprovals.order: unknown order 'ALL'"
            " (allowed: ANY, SEQUENTIAL)",
        ),
        (
            definition(environment(gates={"stage": "DURING"})),
            "environments[0].gates.stage: unknown stage 'DURING'"
            " (allowed: PRE_DEPLOY, POST_DEPLOY)",
        ),
        (
            definition(environment(gates={"onFailure": "IGNORE"})),
            "environments[0].gates.onFailure: unknown onFailure 'IGNORE'"
            " (allowed: REJECT, ASK_APPROVAL)",
        ),
        (
            definition(environment(phases=[phase(runOn="CLOUD")])),
            "environments[0].phases[0].runOn: unknown runOn 'CLOUD' (allowed: AGENT, SERVER)",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(outcome="PASSED")])])),
            f"{TASK_0}.outcome: unknown outcome 'PASSED' (allowed: SUCCEEDED, FAILED)",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(onTimeout="WAIT")])])),
            f"{TASK_0}.onTimeout: unknown onTimeout 'WAIT' (allowed: RESUME, REJECT)",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(method="PATCH")])])),
            f"{TASK_0}.method: unknown method 'PATCH' (allowed: GET, POST, PUT, DELETE, HEAD)",
        ),
        (
            definition(environment(trigger=1)),
            "environments[0].trigger: expected a string, got 1",
        ),
    ],
)
def test_unknown_enum_values_list_the_allowed_ones(document: dict[str, object], issue: str) -> None:
    assert issues_of(document) == [issue]


def test_unknown_task_kind() -> None:
    # given the misspelt kind of the architecture document, on the third task of a second env
    document = definition(
        environment("a"),
        environment(
            "b",
            phases=[phase(tasks=[task("x"), task("y"), task("z", kind="scirpt")])],
        ),
    )
    assert issues_of(document) == [
        "environments[1].phases[0].tasks[2].kind: unknown kind 'scirpt'"
        " (allowed: script, http, wait, manualIntervention, simulate)"
    ]


def test_unknown_gate_check_kind() -> None:
    document = definition(environment(gates={"checks": [{"name": "c", "kind": "tcp"}]}))
    assert issues_of(document) == [
        "environments[0].gates.checks[0].kind: unknown kind 'tcp' (allowed: http, simulate)"
    ]


def test_missing_kinds_are_required() -> None:
    document = definition(
        environment(gates={"checks": [{"name": "c"}]}, phases=[phase(tasks=[{"name": "t"}])])
    )
    assert issues_of(document) == [
        "environments[0].gates.checks[0].kind: required",
        f"{TASK_0}.kind: required",
    ]


# --- numbers past their bounds ---

A_YEAR = 365 * 24 * 60 * 60
Document = Callable[[int], dict[str, object]]


def _in_task(key: str) -> Document:
    return lambda value: definition(environment(phases=[phase(tasks=[task("t", **{key: value})])]))


def _in_environment(block: str, **fields: object) -> Callable[[str], Document]:
    return lambda key: lambda value: definition(environment("e", **{block: {**fields, key: value}}))


_queue = _in_environment("queue")
_approvals = _in_environment("preDeployApprovals", approvers=["a"] * 1_001)
_gates = _in_environment("gates")


BOUNDS = [
    ("environments[0].queue.maxParallel", 1_000, _queue("maxParallel")),
    ("environments[0].preDeployApprovals.requiredCount", 1_000, _approvals("requiredCount")),
    (
        "environments[0].preDeployApprovals.timeoutMinutes",
        A_YEAR // 60,
        _approvals("timeoutMinutes"),
    ),
    ("environments[0].gates.timeoutMinutes", A_YEAR // 60, _gates("timeoutMinutes")),
    ("environments[0].gates.samplingIntervalSeconds", A_YEAR, _gates("samplingIntervalSeconds")),
    ("environments[0].gates.minimumSuccessSeconds", A_YEAR, _gates("minimumSuccessSeconds")),
    (
        "environments[0].gates.checks[0].failTimes",
        1_000,
        lambda value: definition(
            environment(gates={"checks": [{"name": "c", "kind": "simulate", "failTimes": value}]})
        ),
    ),
    (f"{TASK_0}.retries", 100, _in_task("retries")),
    (f"{TASK_0}.failTimes", 1_000, _in_task("failTimes")),
    (f"{TASK_0}.timeoutSeconds", A_YEAR, _in_task("timeoutSeconds")),
    (f"{TASK_0}.seconds", A_YEAR, _in_task("seconds")),
    (f"{TASK_0}.durationSeconds", A_YEAR, _in_task("durationSeconds")),
    (f"{TASK_0}.timeoutMinutes", A_YEAR // 60, _in_task("timeoutMinutes")),
]
"""Each numeric field of the format where it appears: the issue's path, its bound, and a
document with the field set to a value."""


@pytest.mark.parametrize(("path", "maximum", "document"), BOUNDS, ids=[b[0] for b in BOUNDS])
def test_a_number_up_to_its_bound_is_taken(path: str, maximum: int, document: Document) -> None:
    parse_definition(json.dumps(document(maximum)))


@pytest.mark.parametrize(("path", "maximum", "document"), BOUNDS, ids=[b[0] for b in BOUNDS])
@pytest.mark.parametrize("excess", [1, 10**30, 10**400], ids=["one-more", "10**30", "10**400"])
def test_a_number_past_its_bound_is_refused_with_its_path(
    path: str, maximum: int, document: Document, excess: int
) -> None:
    # 10**30 minutes overflowed timedelta as a release started; 10**400 overflowed float as
    # the definition was read (OverflowError, out of parse_definition).
    value = maximum + excess

    assert issues_of(document(value)) == [f"{path}: must be at most {maximum}, got {value}"]


def test_a_float_past_its_bound_is_refused_as_written() -> None:
    text = json.dumps(_in_task("timeoutSeconds")(0)).replace(
        '"timeoutSeconds": 0', '"timeoutSeconds": 1e300'
    )

    assert issues_of(text) == [f"{TASK_0}.timeoutSeconds: must be at most {A_YEAR}, got 1e+300"]


def test_every_number_of_the_format_has_a_bound() -> None:
    blocks = [value for value in vars(spec).values() if dataclasses.is_dataclass(value)]
    numbers = {
        camel_case(field.name)
        for block in blocks
        for field in dataclasses.fields(block)
        if field.type in ("int", "float", "float | None")
    }

    assert numbers == set(MAXIMUM)
