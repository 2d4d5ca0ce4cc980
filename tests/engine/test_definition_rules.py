"""Release definitions refused by the validation rules, each with its exact issues and paths.

Names required, non-empty and unique; dependencies known, not on itself, acyclic and in
agreement with the trigger; numbers in range; approvers enough for the required count;
the fields each task and gate check kind needs; lists that must not be empty; and every
problem of a document reported together.
"""

from __future__ import annotations

import pytest

from releasegraph.engine.definition import parse_definition
from releasegraph.engine.errors import ValidationError
from tests.engine.definitions import TASK_0, definition, environment, issues_of, phase, task


def test_names_are_required_non_empty_strings() -> None:
    # given a nameless definition, and a missing, empty, blank or non-string name at each level
    document = definition(
        {"phases": [phase()]},
        environment(
            "",
            gates={"checks": [{"kind": "simulate"}]},
            phases=[
                {"name": "  ", "tasks": [task()]},
                phase(tasks=[{"kind": "simulate"}, {"name": 7, "kind": "simulate"}]),
            ],
        ),
        name=None,
    )
    assert issues_of(document) == [
        "name: required",
        "environments[0].name: required",
        "environments[1].name: must not be empty",
        "environments[1].gates.checks[0].name: required",
        "environments[1].phases[0].name: must not be empty",
        "environments[1].phases[1].tasks[0].name: required",
        "environments[1].phases[1].tasks[1].name: expected a string, got 7",
    ]


def test_duplicate_names_are_reported_at_the_duplicate() -> None:
    document = definition(
        environment("a"),
        environment(
            "b",
            gates={"checks": [{"name": "c", "kind": "simulate"}] * 2},
            phases=[phase("p", tasks=[task("t"), task("u"), task("t")]), phase("p")],
        ),
        environment("a"),
    )
    assert issues_of(document) == [
        "environments[1].gates.checks[1].name: duplicate check name 'c'",
        "environments[1].phases[0].tasks[2].name: duplicate task name 't'",
        "environments[1].phases[1].name: duplicate phase name 'p'",
        "environments[2].name: duplicate environment name 'a'",
    ]


def test_depends_on_must_name_other_known_environments_once() -> None:
    document = definition(
        environment("a"),
        environment("b", trigger="AFTER_DEPENDENCIES", dependsOn=["a", "b", "nope", "a"]),
    )
    assert issues_of(document) == [
        "environments[1].dependsOn: environment 'b' cannot depend on itself",
        "environments[1].dependsOn: unknown environment 'nope'",
        "environments[1].dependsOn: duplicate dependency 'a'",
    ]


def test_dependency_cycle_is_named() -> None:
    # given a -> b -> c -> a, and d outside the cycle depending on it
    document = definition(
        environment("a", trigger="AFTER_DEPENDENCIES", dependsOn=["b"]),
        environment("b", trigger="AFTER_DEPENDENCIES", dependsOn=["c"]),
        environment("c", trigger="AFTER_DEPENDENCIES", dependsOn=["a"]),
        environment("d", trigger="AFTER_DEPENDENCIES", dependsOn=["c"]),
    )
    assert issues_of(document) == ["environments: dependency cycle a -> b -> c -> a"]


def test_each_separate_cycle_is_named_once() -> None:
    document = definition(
        environment("a", trigger="AFTER_DEPENDENCIES", dependsOn=["b"]),
        environment("b", trigger="AFTER_DEPENDENCIES", dependsOn=["a"]),
        environment("x", trigger="MANUAL", dependsOn=["y"]),
        environment("y", trigger="MANUAL", dependsOn=["x"]),
    )
    assert issues_of(document) == [
        "environments: dependency cycle a -> b -> a",
        "environments: dependency cycle x -> y -> x",
    ]


def test_trigger_and_depends_on_must_agree() -> None:
    document = definition(
        environment("a"),
        environment("b", trigger="AFTER_DEPENDENCIES"),
        environment("c", dependsOn=["a"]),
        environment("d", trigger="AFTER_RELEASE", dependsOn=["a"]),
    )
    assert issues_of(document) == [
        "environments[1].dependsOn: required when trigger is AFTER_DEPENDENCIES",
        "environments[2].dependsOn: must be empty when trigger is AFTER_RELEASE",
        "environments[3].dependsOn: must be empty when trigger is AFTER_RELEASE",
    ]


@pytest.mark.parametrize(
    ("document", "issue"),
    [
        (
            definition(environment(queue={"maxParallel": -1})),
            "environments[0].queue.maxParallel: must not be negative, got -1",
        ),
        (
            definition(environment(preDeployApprovals={"approvers": ["a"], "requiredCount": -1})),
            "environments[0].preDeployApprovals.requiredCount: must not be negative, got -1",
        ),
        (
            definition(environment(postDeployApprovals={"approvers": ["a"], "timeoutMinutes": -5})),
            "environments[0].postDeployApprovals.timeoutMinutes: must not be negative, got -5",
        ),
        (
            definition(environment(gates={"minimumSuccessSeconds": -0.5})),
            "environments[0].gates.minimumSuccessSeconds: must not be negative, got -0.5",
        ),
        (
            definition(environment(gates={"timeoutMinutes": -1})),
            "environments[0].gates.timeoutMinutes: must not be negative, got -1",
        ),
        (
            definition(environment(gates={"samplingIntervalSeconds": 0})),
            "environments[0].gates.samplingIntervalSeconds: must be greater than 0, got 0",
        ),
        (
            definition(environment(gates={"samplingIntervalSeconds": -1})),
            "environments[0].gates.samplingIntervalSeconds: must be greater than 0, got -1",
        ),
        (
            definition(
                environment(gates={"checks": [{"name": "c", "kind": "simulate", "failTimes": -1}]})
            ),
            "environments[0].gates.checks[0].failTimes: must not be negative, got -1",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(timeoutSeconds=-1)])])),
            f"{TASK_0}.timeoutSeconds: must not be negative, got -1",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(retries=-2)])])),
            f"{TASK_0}.retries: must not be negative, got -2",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(seconds=-3)])])),
            f"{TASK_0}.seconds: must not be negative, got -3",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(durationSeconds=-0.1)])])),
            f"{TASK_0}.durationSeconds: must not be negative, got -0.1",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(failTimes=-1)])])),
            f"{TASK_0}.failTimes: must not be negative, got -1",
        ),
        (
            definition(environment(phases=[phase(tasks=[task(timeoutMinutes=-1)])])),
            f"{TASK_0}.timeoutMinutes: must not be negative, got -1",
        ),
    ],
)
def test_numbers_out_of_range(document: dict[str, object], issue: str) -> None:
    assert issues_of(document) == [issue]


def test_approvals_need_approvers_and_a_reachable_count() -> None:
    document = definition(
        environment(
            preDeployApprovals={"approvers": []},
            postDeployApprovals={"approvers": ["a", "group:ops"], "requiredCount": 3},
        ),
        environment("f", postDeployApprovals={"requiredCount": 0}),
    )
    assert issues_of(document) == [
        "environments[0].preDeployApprovals.approvers: must contain at least one approver",
        "environments[0].postDeployApprovals.requiredCount: 3 exceeds the number of approvers (2)",
        "environments[1].postDeployApprovals.approvers: must contain at least one approver",
    ]


def test_task_kinds_need_their_own_fields() -> None:
    document = definition(
        environment(
            phases=[
                phase(
                    tasks=[
                        task("s", kind="script"),
                        task("s2", kind="script", run="  "),
                        task("h", kind="http"),
                        task("h2", kind="http", url="ftp://example.org/file"),
                        task("h3", kind="http", url="http://"),
                        task("sim", url="not checked for other kinds"),
                    ]
                )
            ]
        )
    )
    tasks = "environments[0].phases[0].tasks"
    assert issues_of(document) == [
        f"{tasks}[0].run: required for a script task",
        f"{tasks}[1].run: required for a script task",
        f"{tasks}[2].url: required for an http task",
        f"{tasks}[3].url: expected an http or https URL, got 'ftp://example.org/file'",
        f"{tasks}[4].url: expected an http or https URL, got 'http://'",
    ]


def test_http_gate_check_needs_a_url() -> None:
    document = definition(
        environment(
            gates={
                "checks": [{"name": "c", "kind": "http"}, {"name": "d", "kind": "http", "url": "x"}]
            }
        )
    )
    assert issues_of(document) == [
        "environments[0].gates.checks[0].url: required for an http check",
        "environments[0].gates.checks[1].url: expected an http or https URL, got 'x'",
    ]


def test_lists_that_must_not_be_empty() -> None:
    # given an empty list of phases, an empty list of tasks, and no phases at all
    document = definition(
        environment("a", phases=[]), environment("b", phases=[phase(tasks=[])]), {"name": "c"}
    )
    assert issues_of(document) == [
        "environments[0].phases: must contain at least one phase",
        "environments[1].phases[0].tasks: must contain at least one task",
        "environments[2].phases: must contain at least one phase",
    ]


@pytest.mark.parametrize("environments", [[], None])
def test_at_least_one_environment(environments: list[object] | None) -> None:
    assert issues_of({"name": "d", "environments": environments}) == [
        "environments: must contain at least one environment"
    ]


def test_every_problem_in_every_place_is_reported_together() -> None:
    # given a YAML document wrong in many unrelated places
    text = """\
name: shop
allowPartialSuccess: "yes"
environments:
  - name: staging
    trigger: SOMETIMES
    queue: {maxParallel: -1}
    phases:
      - name: deploy
        tasks:
          - {name: migrate, kind: script}
          - {name: smoke, kind: http, url: "http://x/smoke", retrys: 2}
          - {name: smoke, kind: scirpt}
  - name: prod
    trigger: AFTER_DEPENDENCIES
    dependsOn: [stagin]
    preDeployApprovals: {approvers: [alice], requiredCount: 2}
    gates: {samplingIntervalSeconds: 0, checks: [{name: health, kind: http}]}
    phases: []
"""
    # when parsed, then one error lists every problem with its path
    with pytest.raises(ValidationError) as caught:
        parse_definition(text)
    assert [str(issue) for issue in caught.value.issues] == [
        "allowPartialSuccess: expected a boolean, got 'yes'",
        "environments[0].trigger: unknown trigger 'SOMETIMES'"
        " (allowed: AFTER_RELEASE, AFTER_DEPENDENCIES, MANUAL)",
        "environments[0].queue.maxParallel: must not be negative, got -1",
        "environments[0].phases[0].tasks[0].run: required for a script task",
        "environments[0].phases[0].tasks[1].retrys: unknown field",
        "environments[0].phases[0].tasks[2].kind: unknown kind 'scirpt'"
        " (allowed: script, http, wait, manualIntervention, simulate)",
        "environments[0].phases[0].tasks[2].name: duplicate task name 'smoke'",
        "environments[1].preDeployApprovals.requiredCount: 2 exceeds the number of approvers (1)",
        "environments[1].gates.samplingIntervalSeconds: must be greater than 0, got 0",
        "environments[1].gates.checks[0].url: required for an http check",
        "environments[1].phases: must contain at least one phase",
        "environments[1].dependsOn: unknown environment 'stagin'",
    ]
    assert str(caught.value).startswith("allowPartialSuccess: expected a boolean, got 'yes'; ")
