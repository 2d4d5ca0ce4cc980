"""The runtime's own duties: a broken release must not starve the others."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from sqlmodel import col

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.specs import clear_spec_cache
from releasegraph.engine.states import ReleaseExecutionStatus
from releasegraph.models import Release
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import definition
from tests.waiting import DEADLINE

TWO_SECOND_TASK = definition(
    """
    name: {name}
    environments:
      - name: only
        phases:
          - name: p
            runOn: SERVER
            tasks:
              - {{name: t, kind: simulate, durationSeconds: 2}}
    """
)


async def test_a_release_whose_tick_fails_is_set_aside_and_the_others_go_on(
    opened: Runtime, clock: ManualClock
) -> None:
    runtime = opened
    healthy = runtime.create_definition(
        CreateReleaseDefinition(actor="ann", source=TWO_SECOND_TASK.format(name="healthy"))
    )
    broken = runtime.create_definition(
        CreateReleaseDefinition(actor="ann", source=TWO_SECOND_TASK.format(name="broken"))
    )
    healthy_id = runtime.create_release(
        CreateRelease(actor="ann", definition_id=healthy.id, start=True)
    )
    broken_id = runtime.create_release(
        CreateRelease(actor="ann", definition_id=broken.id, start=True)
    )
    with runtime.session() as session:
        session.execute(
            sa.update(Release).where(col(Release.id) == broken_id).values(spec={"name": 7})
        )
        session.commit()
    clear_spec_cache()

    clock.advance(5)
    # In a thread: were the broken release ticked again and again, this would time out.
    ticks = await asyncio.wait_for(asyncio.to_thread(runtime.run_due), DEADLINE)
    ticks_again = await asyncio.wait_for(asyncio.to_thread(runtime.run_due), DEADLINE)

    assert (ticks, ticks_again) == (2, 0)
    assert runtime.load(healthy_id).release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    with runtime.read_session() as session:
        broken_release = session.get(Release, broken_id)
    assert broken_release is not None
    assert broken_release.execution_status == ReleaseExecutionStatus.RUNNING
