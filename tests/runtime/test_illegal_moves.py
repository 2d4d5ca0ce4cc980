"""A move no table declares is an engine bug: that decision is undone and the release set aside."""

from __future__ import annotations

import asyncio
import logging

import pytest
import sqlalchemy as sa
from sqlmodel import col, func, select

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.states import ReleaseExecutionStatus
from releasegraph.models import Event, Release
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import definition
from tests.waiting import DEADLINE

DRAFT = definition(
    """
    name: drafted
    environments:
      - name: only
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: simulate, durationSeconds: 1}]}]
    """
)


def _snapshot(runtime: Runtime, release_id: str) -> tuple[int, ReleaseExecutionStatus, int]:
    with runtime.read_session() as session:
        release = session.get(Release, release_id)
        events = session.exec(
            select(func.count()).select_from(Event).where(col(Event.release_id) == release_id)
        ).one()
    assert release is not None
    return release.version, release.execution_status, events


async def test_a_refused_move_rolls_back_logs_one_line_and_waits_for_a_later_try(
    opened: Runtime, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    runtime = opened
    definition_id = runtime.create_definition(CreateReleaseDefinition(actor="ann", source=DRAFT)).id
    release_id = runtime.create_release(CreateRelease(actor="ann", definition_id=definition_id))
    with runtime.session() as session:
        # Edited by hand: the draft claims to run; the engine derives RUNNING -> NOT_STARTED.
        session.execute(
            sa.update(Release)
            .where(col(Release.id) == release_id)
            .values(execution_status=ReleaseExecutionStatus.RUNNING, next_wakeup_at=clock.now())
        )
        session.commit()
    before = _snapshot(runtime, release_id)

    with caplog.at_level(logging.ERROR, logger="releasegraph"):
        ticks = await asyncio.wait_for(asyncio.to_thread(runtime.run_due), DEADLINE)
        ticks_again = await asyncio.wait_for(asyncio.to_thread(runtime.run_due), DEADLINE)

    assert (ticks, ticks_again) == (1, 0)
    assert _snapshot(runtime, release_id) == before
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [(r.exc_info, release_id in r.getMessage()) for r in errors] == [(None, True)]
    assert (
        "ReleaseExecutionStatus may not move from RUNNING to NOT_STARTED" in errors[0].getMessage()
    )
