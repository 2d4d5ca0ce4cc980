"""Refusing a command, checked: the typed error, its code, and a database left as it was.

Used by the ``test_illegal_*`` modules; the helpers build one-environment releases on
the ``runtime`` fixture and read their state back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import Approve, Command
from releasegraph.engine.decide import decide
from releasegraph.engine.errors import (
    ConflictError,
    DomainError,
    ErrorCode,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from releasegraph.engine.pairs import Pair
from releasegraph.engine.states import ApprovalStatus
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.models import Event, SequenceCounter
from releasegraph.runtime.db import EVENT_SEQUENCE
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.store import Limits, load_resources
from tests.support import definition, latest, pair, settle

SUCCEEDED = (St.SUCCEEDED, Op.APPROVED)
UNKNOWN_RELEASE = "no-such-release"

Row = dict[str, object]


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, list[Row]]
    events: int
    sequence: int


def snapshot(runtime: Runtime) -> Snapshot:
    """Every row of every table, in primary-key order, with the event count and counter."""
    with runtime.read_session() as session:
        rows = {
            table.name: [
                dict(row)
                for row in session.execute(
                    sa.select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in SQLModel.metadata.sorted_tables
        }
        events = session.execute(sa.select(sa.func.count()).select_from(Event)).scalar_one()
        counter = session.get(SequenceCounter, EVENT_SEQUENCE)
        assert counter is not None
        return Snapshot(rows=rows, events=events, sequence=counter.value)


TYPED: dict[ErrorCode, type[DomainError]] = {
    ErrorCode.NOT_FOUND: NotFoundError,
    ErrorCode.VALIDATION_FAILED: ValidationError,
    ErrorCode.INVALID_TRANSITION: InvalidTransitionError,
    ErrorCode.PERMISSION_DENIED: PermissionDeniedError,
    ErrorCode.CONFLICT: ConflictError,
}
"""The typed error that carries each code."""


def refuse(runtime: Runtime, release_id: str, command: Command, code: ErrorCode) -> DomainError:
    """Execute ``command``, expect the error typed for ``code``, and check nothing changed."""
    if release_id != UNKNOWN_RELEASE:
        engine_refuses(runtime, release_id, command, code)
    before = snapshot(runtime)
    assert before.events > 0

    with pytest.raises(TYPED[code]) as refused:
        runtime.execute(release_id, command)

    assert refused.value.code == code
    assert snapshot(runtime) == before
    return refused.value


def engine_refuses(runtime: Runtime, release_id: str, command: Command, code: ErrorCode) -> None:
    """``decide`` raises before it changes, adds or removes a single row of the release."""
    state = runtime.load(release_id)
    before = rows_of(state)

    with pytest.raises(TYPED[code]):
        decide_now(runtime, state, command)

    assert rows_of(state) == before


def decide_now(runtime: Runtime, state: ReleaseState, command: Command) -> None:
    """Let the engine decide ``command`` on ``state`` in memory; nothing is saved."""
    with runtime.read_session() as session:
        resources = load_resources(session, state.spec, state.release.definition_id, Limits())
    decide(state, command, now=runtime.clock.now(), new_id=runtime.new_id, resources=resources)


def rows_of(state: ReleaseState) -> list[Row]:
    rows = [state.release, *state.environments, *state.attempts, *state.phases, *state.tasks]
    rows += [*state.runs, *state.approvals, *state.gates, *state.interventions]
    return [row.model_dump() for row in rows]


async def run(runtime: Runtime, release_id: str, command: Command) -> None:
    runtime.execute(release_id, command)
    await settle(runtime)


def one_environment(
    *, approvals: str = "null", post: str = "null", tasks: str, extra: str = ""
) -> str:
    """A definition ``illegal`` with one environment ``prod`` and one server phase."""
    return definition(
        f"""
        name: illegal
        environments:
          - name: prod
            {extra or "trigger: AFTER_RELEASE"}
            preDeployApprovals: {approvals}
            postDeployApprovals: {post}
            phases:
              - name: deploy
                runOn: SERVER
                tasks: {tasks}
        """
    )


QUICK = "[{name: deploy, kind: simulate}]"
SLOW = "[{name: deploy, kind: simulate, durationSeconds: 60}]"


def pending_of(runtime: Runtime, release_id: str, approver: str) -> str:
    state = runtime.load(release_id)
    return next(
        a.id
        for a in state.approvals
        if a.approver == approver and a.status == ApprovalStatus.PENDING
    )


async def approve(
    runtime: Runtime, release_id: str, approver: str, *, by: str | None = None
) -> None:
    """``by`` (the approver, by default) approves the approval pending for ``approver``."""
    approval_id = pending_of(runtime, release_id, approver)
    groups = frozenset({approver.removeprefix("group:")}) if by else frozenset()
    await run(
        runtime, release_id, Approve(actor=by or approver, groups=groups, approval_id=approval_id)
    )


def prod_pair(runtime: Runtime, release_id: str) -> Pair:
    return pair(latest(runtime.load(release_id), "prod"))


def prod_id(runtime: Runtime, release_id: str) -> str:
    return runtime.load(release_id).environment_named("prod").id


def task_id(runtime: Runtime, release_id: str) -> str:
    return runtime.load(release_id).tasks[0].id
