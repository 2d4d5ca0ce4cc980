"""Release definitions: parsing, validation with paths, and the canonical dict form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from releasegraph.engine.definition import definition_to_dict, load_definition, parse_definition
from releasegraph.engine.errors import ErrorCode, ValidationError
from releasegraph.engine.spec import (
    ApprovalOrder,
    ApprovalSpec,
    DefinitionSpec,
    EnvironmentSpec,
    GateCheckSpec,
    GateFailure,
    GatesSpec,
    GateStage,
    InterventionTimeout,
    OnTaskFailure,
    PhaseSpec,
    QueuePolicy,
    QueueSpec,
    RunOn,
    SimulatedOutcome,
    TaskKind,
    TaskSpec,
    Trigger,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

ARCHITECTURE_EXAMPLE = """\
name: web-shop                      # unique per server
allowPartialSuccess: false
variables: {region: eu-west}
environments:
  - name: staging
    trigger: AFTER_RELEASE          # AFTER_RELEASE | AFTER_DEPENDENCIES | MANUAL
    dependsOn: []
    critical: true
    onTaskFailure: FAIL             # FAIL | PROMPT
    queue: {maxParallel: 1, policy: SEQUENTIAL}   # SEQUENTIAL | LATEST_ONLY; 0 = unlimited
    preDeployApprovals: {approvers: [alice, group:release-managers], requiredCount: 1,
                         order: ANY, timeoutMinutes: 1440, creatorCanApprove: false}
    postDeployApprovals: null
    gates: {stage: PRE_DEPLOY, samplingIntervalSeconds: 60, minimumSuccessSeconds: 0,
            timeoutMinutes: 15, onFailure: REJECT,   # REJECT | ASK_APPROVAL
            checks: [{name: health, kind: http, url: "http://127.0.0.1:9000/ok"}]}
    phases:
      - name: deploy
        runOn: AGENT                # AGENT | SERVER
        pool: default
        tasks:
          - {name: migrate, kind: script, run: "./migrate.sh", timeoutSeconds: 600}
          - {name: smoke, kind: http, url: "http://127.0.0.1:9000/smoke", continueOnError: true}
          - {name: sign-off, kind: manualIntervention, instructions: "Check the dashboard",
             approvers: [bob], timeoutMinutes: 60, onTimeout: REJECT}
          - {name: notify, kind: simulate, durationSeconds: 0.5, outcome: SUCCEEDED, alwaysRun: true}
"""  # noqa: E501 - verbatim from ARCHITECTURE.md

ARCHITECTURE_SPEC = DefinitionSpec(
    name="web-shop",
    allow_partial_success=False,
    variables={"region": "eu-west"},
    environments=(
        EnvironmentSpec(
            name="staging",
            trigger=Trigger.AFTER_RELEASE,
            depends_on=(),
            critical=True,
            on_task_failure=OnTaskFailure.FAIL,
            queue=QueueSpec(max_parallel=1, policy=QueuePolicy.SEQUENTIAL),
            pre_deploy_approvals=ApprovalSpec(
                approvers=("alice", "group:release-managers"),
                required_count=1,
                order=ApprovalOrder.ANY,
                timeout_minutes=1440,
                creator_can_approve=False,
            ),
            post_deploy_approvals=None,
            gates=GatesSpec(
                stage=GateStage.PRE_DEPLOY,
                sampling_interval_seconds=60,
                minimum_success_seconds=0,
                timeout_minutes=15,
                on_failure=GateFailure.REJECT,
                checks=(GateCheckSpec(name="health", kind="http", url="http://127.0.0.1:9000/ok"),),
            ),
            phases=(
                PhaseSpec(
                    name="deploy",
                    run_on=RunOn.AGENT,
                    pool="default",
                    tasks=(
                        TaskSpec(
                            name="migrate",
                            kind=TaskKind.SCRIPT,
                            run="./migrate.sh",
                            timeout_seconds=600,
                        ),
                        TaskSpec(
                            name="smoke",
                            kind=TaskKind.HTTP,
                            url="http://127.0.0.1:9000/smoke",
                            continue_on_error=True,
                        ),
                        TaskSpec(
                            name="sign-off",
                            kind=TaskKind.MANUAL_INTERVENTION,
                            instructions="Check the dashboard",
                            approvers=("bob",),
                            timeout_minutes=60,
                            on_timeout=InterventionTimeout.REJECT,
                        ),
                        TaskSpec(
                            name="notify",
                            kind=TaskKind.SIMULATE,
                            duration_seconds=0.5,
                            outcome=SimulatedOutcome.SUCCEEDED,
                            always_run=True,
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- builders of raw documents: the smallest valid pieces, overridden per test ---


def task(name: str = "t", **fields: object) -> dict[str, object]:
    return {"name": name, "kind": "simulate", **fields}


def phase(name: str = "p", **fields: object) -> dict[str, object]:
    return {"name": name, "tasks": [task()], **fields}


def environment(name: str = "e", **fields: object) -> dict[str, object]:
    return {"name": name, "phases": [phase()], **fields}


def definition(*environments: dict[str, object], **fields: object) -> dict[str, object]:
    return {"name": "d", "environments": list(environments) or [environment()], **fields}


def parse(document: dict[str, object]) -> DefinitionSpec:
    return parse_definition(json.dumps(document))


def issues_of(document: str | dict[str, object]) -> list[str]:
    text = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(ValidationError) as caught:
        parse_definition(text)
    assert caught.value.code is ErrorCode.VALIDATION_FAILED
    return [str(issue) for issue in caught.value.issues]


MINIMAL_SPEC = DefinitionSpec(
    name="d",
    environments=(
        EnvironmentSpec(
            name="e",
            phases=(PhaseSpec(name="p", tasks=(TaskSpec(name="t", kind=TaskKind.SIMULATE),)),),
        ),
    ),
)

TASK_0 = "environments[0].phases[0].tasks[0]"


# --- valid documents ---


def test_architecture_example_parses_into_the_exact_spec() -> None:
    # given the example of ARCHITECTURE.md §4 as YAML
    # when it is parsed
    spec = parse_definition(ARCHITECTURE_EXAMPLE)
    # then every field is read, and the absent ones take the spec's defaults
    assert spec == ARCHITECTURE_SPEC


def test_json_text_parses_like_yaml() -> None:
    # given the same definition as JSON
    text = json.dumps(definition_to_dict(ARCHITECTURE_SPEC), indent=2)
    # when it is parsed
    spec = parse_definition(text)
    # then it is the same spec
    assert spec == ARCHITECTURE_SPEC


def test_absent_fields_take_the_defaults() -> None:
    assert parse(definition()) == MINIMAL_SPEC


def test_null_means_absent() -> None:
    # given optional blocks and fields written as null
    document = definition(
        environment(
            preDeployApprovals=None,
            postDeployApprovals=None,
            gates=None,
            queue=None,
            dependsOn=None,
            phases=[phase(tasks=[task(timeoutSeconds=None, retries=None, inputs=None)])],
        ),
        variables=None,
    )
    # when parsed, then they are the defaults
    assert parse(document) == MINIMAL_SPEC


def test_numbers_and_booleans_in_variables_and_inputs_become_strings() -> None:
    # given scalar values that are not strings
    document = definition(
        environment(phases=[phase(tasks=[task(inputs={"count": 3, "dry": False})])]),
        variables={"replicas": 2, "ratio": 0.5, "debug": True, "region": "eu"},
    )
    # when parsed
    spec = parse(document)
    # then they are kept as text, as written
    assert spec.variables == {"replicas": "2", "ratio": "0.5", "debug": "true", "region": "eu"}
    assert spec.environments[0].phases[0].tasks[0].inputs == {"count": "3", "dry": "false"}


def test_manual_trigger_may_depend_on_another_environment() -> None:
    document = definition(environment("a"), environment("b", trigger="MANUAL", dependsOn=["a"]))
    assert parse(document).environment("b").depends_on == ("a",)


def test_load_definition_reads_a_file(tmp_path: Path) -> None:
    # given a definition file
    path = tmp_path / "web-shop.yaml"
    path.write_text(ARCHITECTURE_EXAMPLE, encoding="utf-8")
    # when loaded, then it is the parsed spec
    assert load_definition(path) == ARCHITECTURE_SPEC


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda path: path.name)
def test_every_example_file_parses(path: Path) -> None:
    spec = load_definition(path)
    assert spec.name == path.stem


def test_the_examples_are_there() -> None:
    names = sorted(path.name for path in EXAMPLES.glob("*.yaml"))
    assert names == ["approvals.yaml", "dag.yaml", "flaky.yaml", "web-shop.yaml"]


# --- the canonical dict form ---


def test_definition_to_dict_writes_every_field_in_camel_case() -> None:
    assert definition_to_dict(MINIMAL_SPEC) == {
        "name": "d",
        "allowPartialSuccess": False,
        "variables": {},
        "environments": [
            {
                "name": "e",
                "trigger": "AFTER_RELEASE",
                "dependsOn": [],
                "critical": True,
                "onTaskFailure": "FAIL",
                "queue": {"maxParallel": 0, "policy": "SEQUENTIAL"},
                "preDeployApprovals": None,
                "postDeployApprovals": None,
                "gates": None,
                "phases": [
                    {
                        "name": "p",
                        "runOn": "AGENT",
                        "pool": "default",
                        "tasks": [
                            {
                                "name": "t",
                                "kind": "simulate",
                                "continueOnError": False,
                                "alwaysRun": False,
                                "timeoutSeconds": None,
                                "retries": 0,
                                "run": None,
                                "url": None,
                                "method": "GET",
                                "seconds": 0,
                                "durationSeconds": 0,
                                "outcome": "SUCCEEDED",
                                "failTimes": 0,
                                "instructions": "",
                                "approvers": [],
                                "timeoutMinutes": None,
                                "onTimeout": "REJECT",
                                "inputs": {},
                            }
                        ],
                    }
                ],
            }
        ],
    }


NON_DEFAULT_SPEC = DefinitionSpec(
    name="everything",
    allow_partial_success=True,
    variables={"a": "1"},
    environments=(
        EnvironmentSpec(
            name="first",
            trigger=Trigger.MANUAL,
            critical=False,
            on_task_failure=OnTaskFailure.PROMPT,
            queue=QueueSpec(max_parallel=3, policy=QueuePolicy.LATEST_ONLY),
            post_deploy_approvals=ApprovalSpec(
                approvers=("carol",), order=ApprovalOrder.SEQUENTIAL, creator_can_approve=True
            ),
            gates=GatesSpec(
                stage=GateStage.POST_DEPLOY,
                sampling_interval_seconds=0.25,
                minimum_success_seconds=5,
                timeout_minutes=1.5,
                on_failure=GateFailure.ASK_APPROVAL,
                checks=(GateCheckSpec(name="sim", kind="simulate", fail_times=2),),
            ),
            phases=(
                PhaseSpec(
                    name="server",
                    run_on=RunOn.SERVER,
                    pool="big",
                    tasks=(
                        TaskSpec(name="w", kind=TaskKind.WAIT, seconds=2.5),
                        TaskSpec(
                            name="h",
                            kind=TaskKind.HTTP,
                            url="https://example.org/x",
                            method="POST",
                            retries=4,
                            inputs={"k": "v"},
                        ),
                        TaskSpec(
                            name="s",
                            kind=TaskKind.SIMULATE,
                            outcome=SimulatedOutcome.FAILED,
                            fail_times=1,
                            on_timeout=InterventionTimeout.RESUME,
                        ),
                    ),
                ),
            ),
        ),
        EnvironmentSpec(
            name="second",
            trigger=Trigger.AFTER_DEPENDENCIES,
            depends_on=("first",),
            phases=(PhaseSpec(name="p", tasks=(TaskSpec(name="t", kind=TaskKind.SIMULATE),)),),
        ),
    ),
)


def test_definition_to_dict_round_trips_through_json() -> None:
    specs = [MINIMAL_SPEC, ARCHITECTURE_SPEC, NON_DEFAULT_SPEC]
    specs += [load_definition(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    for spec in specs:
        # given a valid spec, when it is written as JSON and parsed back
        again = parse_definition(json.dumps(definition_to_dict(spec)))
        # then nothing is lost
        assert again == spec, spec.name


# --- documents that cannot be read ---


def test_unparseable_yaml_names_the_line() -> None:
    assert issues_of("name: x\n  bad: [1\n") == [
        "invalid YAML at line 2, column 6: mapping values are not allowed here"
    ]


def test_unparseable_json_names_the_line() -> None:
    assert issues_of('{"name": "x",\n "environments": [\n') == [
        "invalid YAML at line 3, column 1: expected the node content, but found '<stream end>'"
    ]


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


# --- validation rules, each with its exact issues ---


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
