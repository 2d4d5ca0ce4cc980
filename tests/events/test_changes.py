"""Following the event log: a follower cancelled as an event wakes it stays cancelled."""

from __future__ import annotations

import asyncio

import pytest

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.events.changes import changed
from releasegraph.runtime.service import Runtime
from tests.support import definition

DRAFT = definition(
    """
    name: followed
    environments:
      - name: only
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: simulate}]}]
    """
)


async def test_a_follower_cancelled_as_an_event_wakes_it_is_cancelled(runtime: Runtime) -> None:
    # A client completes its subscription just as a change is published: its task must end,
    # not go on to send the change for an id that is no longer the client's.
    definition_id = runtime.create_definition(CreateReleaseDefinition(actor="ann", source=DRAFT)).id
    follower = asyncio.create_task(changed(runtime, runtime.bus.latest))
    for _ in range(3):  # into its wait on the bus
        await asyncio.sleep(0)

    runtime.create_release(CreateRelease(actor="ann", definition_id=definition_id))
    follower.cancel()

    with pytest.raises(asyncio.CancelledError):
        await follower
