"""The engine's purity is enforced: a SQL statement issued while it decides is refused."""

from __future__ import annotations

import pytest

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition, Tick
from releasegraph.engine.context import Resources
from releasegraph.runtime import store
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.purity import EngineIOError, decide_purely
from releasegraph.runtime.service import Runtime, new_id
from tests.support import definition

ONE_TASK = definition(
    """
    name: pure
    environments:
      - name: only
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: simulate, durationSeconds: 5}]}]
    """
)


def _started(runtime: Runtime) -> str:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="ann", source=ONE_TASK)
    ).id
    return runtime.create_release(
        CreateRelease(actor="ann", definition_id=definition_id, start=True)
    )


async def test_a_decision_on_loaded_rows_issues_no_sql(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = _started(runtime)

    with runtime.session() as session:
        state = store.load_release(session, release_id, lock=False)
        version = state.release.version
        decide_purely(
            state, Tick(actor="ann"), now=clock.now(), new_id=new_id, resources=Resources()
        )

    assert state.release.version == version + 1


async def test_a_decision_that_would_read_the_database_is_refused(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = _started(runtime)

    with runtime.session() as session:
        state = store.load_release(session, release_id, lock=False)
        version = state.release.version
        # An expired attribute reloads itself on access: a query the engine did not ask for.
        session.expire(state.release)
        with pytest.raises(EngineIOError, match="the engine issued SQL while deciding"):
            decide_purely(
                state, Tick(actor="ann"), now=clock.now(), new_id=new_id, resources=Resources()
            )

    with runtime.session() as session:
        assert store.load_release(session, release_id).release.version == version
