"""Commands on ids that name nothing, and definitions that cannot be stored.

An unknown approval, task, environment, intervention, release or definition is
``NOT_FOUND`` naming its entity; a taken name is a conflict and an invalid definition
a validation error. Each leaves every table, the events and the sequence counter as
they were (``refuse`` and ``snapshot`` from ``tests.runtime.refusals``), and all but
the unknown definition are followed by a legal command.
"""

from __future__ import annotations

import pytest

from releasegraph.engine.commands import (
    AbandonRelease,
    Approve,
    CancelDeployment,
    Command,
    CreateRelease,
    CreateReleaseDefinition,
    DeployEnvironment,
    FixAndContinue,
    IgnoreTaskFailure,
    ReassignApproval,
    Reject,
    RejectManualIntervention,
    ResumeManualIntervention,
    RetryTask,
    Tick,
)
from releasegraph.engine.errors import ConflictError, ErrorCode, NotFoundError, ValidationError
from releasegraph.engine.states import ReleaseStatus
from releasegraph.runtime.service import Runtime
from tests.runtime.refusals import (
    QUICK,
    SUCCEEDED,
    UNKNOWN_RELEASE,
    approve,
    one_environment,
    prod_pair,
    refuse,
    run,
    snapshot,
)
from tests.support import start

# --- unknown ids ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "entity"),
    [
        (Approve(actor="alice", approval_id="no-such-approval"), "Approval"),
        (ReassignApproval(actor="alice", approval_id="no-such-approval", to="bob"), "Approval"),
        (Reject(actor="alice", approval_id="no-such-approval"), "Approval"),
        (RetryTask(actor="erin", task_id="no-such-task"), "Task"),
        (FixAndContinue(actor="erin", task_id="no-such-task"), "Task"),
        (IgnoreTaskFailure(actor="erin", task_id="no-such-task"), "Task"),
        (DeployEnvironment(actor="erin", environment_id="no-such-env"), "ReleaseEnvironment"),
        (CancelDeployment(actor="erin", environment_id="no-such-env"), "ReleaseEnvironment"),
        (ResumeManualIntervention(actor="erin", intervention_id="nope"), "ManualIntervention"),
        (RejectManualIntervention(actor="erin", intervention_id="nope"), "ManualIntervention"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Command) else str(value),
)
async def test_an_unknown_id_is_not_found(runtime: Runtime, command: Command, entity: str) -> None:
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice]}", tasks=QUICK)
    )

    error = refuse(runtime, release_id, command, ErrorCode.NOT_FOUND)

    assert isinstance(error, NotFoundError)
    assert error.entity == entity
    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_an_unknown_release_is_not_found(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK))

    error = refuse(runtime, UNKNOWN_RELEASE, Tick(actor="erin"), ErrorCode.NOT_FOUND)
    assert isinstance(error, NotFoundError)
    assert (error.entity, error.entity_id) == ("Release", UNKNOWN_RELEASE)
    refuse(runtime, UNKNOWN_RELEASE, AbandonRelease(actor="erin"), ErrorCode.NOT_FOUND)

    await run(runtime, release_id, AbandonRelease(actor="erin"))
    assert runtime.load(release_id).release.status == ReleaseStatus.ABANDONED


async def test_a_release_of_an_unknown_definition_is_not_found(runtime: Runtime) -> None:
    await start(runtime, one_environment(tasks=QUICK))
    before = snapshot(runtime)

    with pytest.raises(NotFoundError) as refused:
        runtime.create_release(
            CreateRelease(actor="dave", definition_id="no-such-definition", start=True)
        )

    assert (refused.value.code, refused.value.entity) == (ErrorCode.NOT_FOUND, "ReleaseDefinition")
    assert snapshot(runtime) == before


# --- definitions ------------------------------------------------------------------------


async def test_a_definition_with_a_taken_name_is_refused(runtime: Runtime) -> None:
    source = one_environment(tasks=QUICK)
    runtime.create_definition(CreateReleaseDefinition(actor="dave", source=source))
    before = snapshot(runtime)

    with pytest.raises(ConflictError) as refused:
        runtime.create_definition(CreateReleaseDefinition(actor="erin", source=source))

    assert refused.value.code == ErrorCode.CONFLICT
    assert snapshot(runtime) == before
    renamed = source.replace("name: illegal", "name: illegal-2")
    assert (
        runtime.create_definition(CreateReleaseDefinition(actor="erin", source=renamed)).name
        == "illegal-2"
    )


async def test_an_invalid_definition_is_refused_and_nothing_stored(runtime: Runtime) -> None:
    source = one_environment(tasks="[{name: deploy, kind: scirpt}]", extra="trigger: SOMETIMES")
    before = snapshot(runtime)

    with pytest.raises(ValidationError) as refused:
        runtime.create_definition(CreateReleaseDefinition(actor="dave", source=source))

    assert refused.value.code == ErrorCode.VALIDATION_FAILED
    assert [issue.path for issue in refused.value.issues] == [
        "environments[0].trigger",
        "environments[0].phases[0].tasks[0].kind",
    ]
    assert snapshot(runtime) == before
    assert before.rows["release_definition"] == []
    fixed = runtime.create_definition(
        CreateReleaseDefinition(actor="dave", source=one_environment(tasks=QUICK))
    )
    assert fixed.name == "illegal"
