"""The command line, run as a real process: validate, and run one release to its end."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.waiting import PROCESS_DEADLINE, lines_until

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EVENT_FIELDS = {
    "seq",
    "entity",
    "entityId",
    "kind",
    "fromStatus",
    "toStatus",
    "fromOperationStatus",
    "toOperationStatus",
    "actor",
    "at",
    "data",
}
Json = dict[str, Any]
"""Parsed JSON output: its shape is what the tests check."""


def releasegraph(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "releasegraph.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=PROCESS_DEADLINE,
        check=False,
    )


def quick(text: str) -> str:
    """The definition with every duration cut short, so that a run takes well under a second."""
    return re.sub(r"\b(durationSeconds|seconds): [0-9.]+", r"\1: 0.05", text)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return path


def human_tree(stdout: str) -> Json:
    """The release of the pretty tree printed after the event lines."""
    release: Json = json.loads(stdout[stdout.index("\n{\n") + 1 :])["release"]
    return release


def environments(release: Json) -> dict[str, Json]:
    return {env["name"]: env for env in release["environments"]}


def only_attempt(env: Json) -> Json:
    attempts: list[Json] = env["attempts"]
    assert len(attempts) == 1
    return attempts[0]


def tasks(release: Json) -> dict[str, Json]:
    """Every task of the release by name (names are unique in these definitions)."""
    return {
        task["name"]: task
        for env in release["environments"]
        for phase in only_attempt(env)["phases"]
        for task in phase["tasks"]
    }


# -- validate -----------------------------------------------------------------------


def test_validate_accepts_an_example(tmp_path: Path) -> None:
    result = releasegraph("validate", str(EXAMPLES / "dag.yaml"), cwd=tmp_path)

    assert (result.returncode, result.stdout, result.stderr) == (0, "ok: dag\n", "")


def test_validate_lists_every_issue_on_stderr(tmp_path: Path) -> None:
    broken = write(
        tmp_path,
        "broken.yaml",
        """
        name: broken
        environments:
          - name: build
            phases:
              - name: compile
                tasks:
                  - {name: compile, kind: scirpt}
          - name: prod
            trigger: AFTER_DEPENDENCIES
            dependsOn: [nowhere]
            phases:
              - name: deploy
                tasks:
                  - {name: deploy, kind: simulate, durationSeconds: -1}
        """,
    )

    result = releasegraph("validate", str(broken), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "environments[0].phases[0].tasks[0].kind: unknown kind 'scirpt'"
        " (allowed: script, http, wait, manualIntervention, simulate)",
        "environments[1].phases[0].tasks[0].durationSeconds: must not be negative, got -1",
        "environments[1].dependsOn: unknown environment 'nowhere'",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["run", "missing.yaml"],
        ["validate", "missing.yaml"],
        ["run", "dag.yaml", "--var", "no-equals-sign"],
        ["run", "dag.yaml", "--agents", "-1"],
        ["deploy"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = releasegraph(*args, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr != ""


def test_run_of_an_invalid_definition_exits_2(tmp_path: Path) -> None:
    broken = write(
        tmp_path, "broken.yaml", "name: broken\nenvironments: [{name: a, trigger: NEVER}]"
    )

    result = releasegraph("run", str(broken), cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "environments[0].trigger: unknown trigger 'NEVER'"
        " (allowed: AFTER_RELEASE, AFTER_DEPENDENCIES, MANUAL)",
        "environments[0].phases: must contain at least one phase",
    ]


# -- run ----------------------------------------------------------------------------


def test_run_carries_the_dag_through_in_order(tmp_path: Path) -> None:
    dag = write(tmp_path, "dag.yaml", quick((EXAMPLES / "dag.yaml").read_text()))

    result = releasegraph("run", str(dag), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    release = human_tree(result.stdout)
    assert (release["status"], release["executionStatus"]) == ("ACTIVE", "SUCCEEDED")
    assert release["progress"] == {"done": 4, "total": 4}
    envs = environments(release)
    assert {name: env["status"] for name, env in envs.items()} == {
        "build": "SUCCEEDED",
        "test-a": "SUCCEEDED",
        "test-b": "SUCCEEDED",
        "prod": "SUCCEEDED",
    }
    attempts = {name: only_attempt(env) for name, env in envs.items()}
    for before, after in [("build", "test-a"), ("build", "test-b"), ("test-a", "prod")]:
        assert str(attempts[before]["completedOn"]) <= str(attempts[after]["startedOn"])
    assert str(attempts["test-b"]["completedOn"]) <= str(attempts["prod"]["startedOn"])
    lines = result.stdout[: result.stdout.index("\n{\n")].splitlines()
    assert lines[0] == f"[1] Release {release['name']}: (new) -> DRAFT"
    assert "[3] DeploymentAttempt build #1: (new) -> NOT_DEPLOYED/APPROVED" in lines
    assert lines[-1].endswith(f"Release {release['name']}: RUNNING -> SUCCEEDED")


def test_run_json_prints_gap_free_events_then_the_tree(tmp_path: Path) -> None:
    dag = write(tmp_path, "dag.yaml", quick((EXAMPLES / "dag.yaml").read_text()))

    result = releasegraph("run", str(dag), "--json", "--actor", "ci", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    *event_lines, tree_line = result.stdout.splitlines()
    events = [json.loads(line) for line in event_lines]
    assert all(set(event) == EVENT_FIELDS for event in events)
    assert [event["seq"] for event in events] == list(range(1, len(events) + 1))
    assert events[0]["kind"] == "release.created"
    assert events[0]["actor"] == "ci"
    assert events[-1]["kind"] == "release.executionStatus"
    assert events[-1]["toStatus"] == "SUCCEEDED"
    release = json.loads(tree_line)["release"]
    assert release["id"] == events[0]["entityId"]
    assert release["executionStatus"] == "SUCCEEDED"


def test_a_failing_task_fails_the_run(tmp_path: Path) -> None:
    definition = write(
        tmp_path,
        "failing.yaml",
        """
        name: failing
        environments:
          - name: staging
            phases:
              - name: deploy
                tasks:
                  - {name: broken, kind: script, run: "echo about to fail; exit 3"}
                  - {name: never, kind: simulate}
        """,
    )

    result = releasegraph("run", str(definition), cwd=tmp_path)

    assert result.returncode == 1, result.stderr
    release = human_tree(result.stdout)
    assert release["executionStatus"] == "FAILED"
    broken = tasks(release)["broken"]
    assert broken["status"] == "FAILED"
    assert broken["log"] == ["about to fail"]
    assert [(r["status"], r["exitCode"]) for r in broken["runs"]] == [("FAILED", 3)]
    assert tasks(release)["never"]["status"] == "SKIPPED"


def test_continue_on_error_is_a_partial_success(tmp_path: Path) -> None:
    definition = write(
        tmp_path,
        "partial.yaml",
        """
        name: partial
        environments:
          - name: staging
            phases:
              - name: deploy
                tasks:
                  - {name: lint, kind: simulate, outcome: FAILED, continueOnError: true}
                  - {name: deploy, kind: simulate}
        """,
    )

    result = releasegraph("run", str(definition), cwd=tmp_path)

    assert result.returncode == 3, result.stderr
    release = human_tree(result.stdout)
    assert release["executionStatus"] == "PARTIAL_SUCCESS"
    assert environments(release)["staging"]["status"] == "PARTIALLY_SUCCEEDED"


def test_auto_approve_answers_every_approval_and_intervention(tmp_path: Path) -> None:
    definition = write(tmp_path, "approvals.yaml", quick((EXAMPLES / "approvals.yaml").read_text()))

    result = releasegraph("run", str(definition), "--auto-approve", "--actor", "dana", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    release = human_tree(result.stdout)
    assert release["executionStatus"] == "SUCCEEDED"
    attempt = only_attempt(environments(release)["production"])

    def answers(key: str) -> list[tuple[object, object, object]]:
        rows = attempt[key]
        assert isinstance(rows, list)
        return [(a["approver"], a["status"], a["approvedBy"]) for a in rows]

    # The creator may not approve the pre-deploy stage: it is approved in alice's name.
    assert answers("preDeployApprovals") == [
        ("alice", "APPROVED", "alice"),
        ("bob", "SKIPPED", None),
    ]
    # dana is no carol, but answers for the group.
    assert answers("postDeployApprovals") == [
        ("carol", "APPROVED", "carol"),
        ("group:release-managers", "APPROVED", "dana"),
    ]
    verify = attempt["phases"][1]
    assert [(i["task"], i["status"], i["actedBy"]) for i in verify["manualInterventions"]] == [
        ("check-dashboard", "APPROVED", "alice")
    ]
    assert "waiting for" not in result.stdout


def test_auto_approve_retries_a_failure_once_then_fails(tmp_path: Path) -> None:
    definition = write(
        tmp_path,
        "prompting.yaml",
        """
        name: prompting
        environments:
          - name: staging
            onTaskFailure: PROMPT
            phases:
              - name: deploy
                tasks:
                  - {name: broken, kind: simulate, outcome: FAILED}
        """,
    )

    result = releasegraph("run", str(definition), "--auto-approve", "--actor", "dana", cwd=tmp_path)

    assert result.returncode == 1, result.stderr
    phase = only_attempt(environments(human_tree(result.stdout))["staging"])["phases"][0]
    assert [(i["kind"], i["resolution"], i["actedBy"]) for i in phase["manualInterventions"]] == [
        ("FAILURE", "retry", "dana"),
        ("FAILURE", "fail", "dana"),
    ]
    assert [r["status"] for r in phase["tasks"][0]["runs"]] == ["FAILED", "FAILED"]


def test_without_auto_approve_the_run_waits_and_says_for_what(tmp_path: Path) -> None:
    definition = write(tmp_path, "approvals.yaml", quick((EXAMPLES / "approvals.yaml").read_text()))
    process = subprocess.Popen(
        [sys.executable, "-m", "releasegraph.cli", "run", str(definition), "--actor", "dana"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        lines = lines_until(
            process,
            lambda read: sum(line.startswith("waiting for") for line in read) >= 2,
            "two lines waiting for…",
        )
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=PROCESS_DEADLINE)
    finally:
        process.kill()
        process.wait()

    assert process.returncode == 130
    assert [line for line in lines if line.startswith("waiting for")] == [
        "waiting for alice: approve production pre-deploy (alice)",
        "waiting for bob: approve production pre-deploy (bob)",
    ]
    assert "waiting for" not in rest
    release = human_tree("\n" + rest)
    assert (release["executionStatus"], release["inputRequiredCount"]) == ("ON_HOLD", 2)


def test_variables_reach_a_script(tmp_path: Path) -> None:
    definition = write(
        tmp_path,
        "greet.yaml",
        """
        name: greet
        variables: {greeting: hello, target: world}
        environments:
          - name: staging
            phases:
              - name: deploy
                tasks:
                  - {name: greet, kind: script, run: 'echo "$GREETING, $target"'}
        """,
    )

    result = releasegraph("run", str(definition), "--var", "greeting=good morning", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    release = human_tree(result.stdout)
    assert release["variables"] == {"greeting": "good morning", "target": "world"}
    assert tasks(release)["greet"]["log"] == ["good morning, world"]


def test_a_second_run_on_one_database_updates_the_definition(
    tmp_path: Path, database_url: str
) -> None:
    database = ["--database", database_url]
    definition = write(
        tmp_path,
        "one.yaml",
        """
        name: one
        environments: [{name: a, phases: [{name: p, tasks: [{name: t, kind: simulate}]}]}]
        """,
    )

    first = releasegraph("run", str(definition), *database, "--json", cwd=tmp_path)
    second = releasegraph("run", str(definition), *database, "--json", cwd=tmp_path)

    assert (first.returncode, second.returncode) == (0, 0), second.stderr
    assert json.loads(second.stdout.splitlines()[-1])["release"]["name"] == "Release-2"
    first_seqs = [json.loads(line)["seq"] for line in first.stdout.splitlines()[:-1]]
    second_seqs = [json.loads(line)["seq"] for line in second.stdout.splitlines()[:-1]]
    assert second_seqs[0] == first_seqs[-1] + 1
