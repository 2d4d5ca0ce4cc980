"""Valid release definitions: parsing, the example files, and the canonical dict form.

YAML and JSON text parse into the exact spec, absent and null fields take the defaults,
scalars in variables and inputs become strings, every example file parses, and
``definition_to_dict`` writes every field in camel case and round-trips through JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from releasegraph.engine.definition import definition_to_dict, load_definition, parse_definition
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
from tests.engine.definitions import definition, environment, phase, task

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


def parse(document: dict[str, object]) -> DefinitionSpec:
    return parse_definition(json.dumps(document))


MINIMAL_SPEC = DefinitionSpec(
    name="d",
    environments=(
        EnvironmentSpec(
            name="e",
            phases=(PhaseSpec(name="p", tasks=(TaskSpec(name="t", kind=TaskKind.SIMULATE),)),),
        ),
    ),
)


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
                        "demands": {},
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
