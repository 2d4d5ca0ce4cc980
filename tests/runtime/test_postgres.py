"""The same runtime on PostgreSQL: a whole release, its events gap-free, its rows intact."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlmodel import col, select

from releasegraph.engine import commands
from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.errors import ErrorCode, PermissionDeniedError
from releasegraph.engine.states import ReleaseExecutionStatus, RunStatus
from releasegraph.models import Event, ReleaseDefinitionRow
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.postgres import fresh_database
from tests.support import advance, settle

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_database() as url:
        yield url


@pytest.fixture
async def pg_runtime(postgres_url: str, clock: ManualClock) -> AsyncIterator[Runtime]:
    rt = Runtime(Settings(database_url=postgres_url, agents=2), clock=clock)
    await rt.start()
    yield rt
    await rt.stop()


async def test_a_dag_release_runs_to_success_on_postgres(
    pg_runtime: Runtime, clock: ManualClock
) -> None:
    definition = pg_runtime.create_definition(
        CreateReleaseDefinition(actor="ann", source=(EXAMPLES / "dag.yaml").read_text())
    )
    release_id = pg_runtime.create_release(
        CreateRelease(actor="ann", definition_id=definition.id, start=True)
    )

    for _ in range(60):
        await advance(pg_runtime, clock, 1)
        if pg_runtime.load(release_id).release.completed_on is not None:
            break

    state = pg_runtime.load(release_id)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    assert {run.status for run in state.runs} == {RunStatus.SUCCEEDED}
    with pg_runtime.session() as session:
        seqs = list(session.exec(select(Event.seq).order_by(col(Event.seq))))
    assert seqs == list(range(1, len(seqs) + 1))


async def test_an_illegal_command_on_postgres_changes_nothing(
    pg_runtime: Runtime, clock: ManualClock
) -> None:
    definition = pg_runtime.create_definition(
        CreateReleaseDefinition(actor="ann", source=(EXAMPLES / "approvals.yaml").read_text())
    )
    release_id = pg_runtime.create_release(
        CreateRelease(actor="ann", definition_id=definition.id, start=True)
    )
    await settle(pg_runtime)
    before = pg_runtime.load(release_id)
    approval = before.approvals[0]

    with pytest.raises(PermissionDeniedError) as refused:
        pg_runtime.execute(release_id, commands.Approve(actor="mallory", approval_id=approval.id))

    after = pg_runtime.load(release_id)
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert after.release.version == before.release.version
    assert [a.model_dump() for a in after.approvals] == [a.model_dump() for a in before.approvals]


def test_a_read_on_postgres_sees_one_snapshot(postgres_url: str, clock: ManualClock) -> None:
    runtime = Runtime(Settings(database_url=postgres_url, agents=0), clock=clock)
    runtime.open()
    source = (EXAMPLES / "dag.yaml").read_text()
    try:
        with runtime.read_session() as reading:
            before = reading.exec(select(Event.seq)).all()
            runtime.create_definition(CreateReleaseDefinition(actor="ann", source=source))
            runtime.create_release(
                CreateRelease(actor="ann", definition_id=only_definition(runtime))
            )
            again = reading.exec(select(Event.seq)).all()
        with runtime.read_session() as later:
            after = later.exec(select(Event.seq)).all()
    finally:
        runtime.db.dispose()

    assert again == before
    assert len(after) > len(before)


def only_definition(runtime: Runtime) -> str:
    with runtime.read_session() as session:
        (definition_id,) = session.exec(select(ReleaseDefinitionRow.id)).all()
        return definition_id
