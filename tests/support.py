"""Helpers shared by the tests: a runtime on a real SQLite file with a hand-moved clock."""

from __future__ import annotations

import asyncio
import textwrap
from datetime import datetime

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.pairs import Pair
from releasegraph.models import DeploymentAttempt, ReleaseDefinitionRow, ReleaseEnvironment
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.waiting import DEADLINE


async def settle(runtime: Runtime) -> None:
    """Run everything due now and wait for running executors, within a deadline."""
    async with asyncio.timeout(DEADLINE):
        await runtime.idle()


async def start(runtime: Runtime, source: str, *, creator: str = "dave") -> str:
    """A release of the definition ``source``, created and started by ``creator``, settled."""
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor=creator, source=source)
    ).id
    release_id = runtime.create_release(
        CreateRelease(actor=creator, definition_id=definition_id, start=True)
    )
    await settle(runtime)
    return release_id


async def advance(runtime: Runtime, clock: ManualClock, seconds: float) -> None:
    clock.advance(seconds)
    await settle(runtime)


def definition(text: str) -> str:
    return textwrap.dedent(text).strip() + "\n"


def definition_row(
    definition_id: str, snapshot: dict[str, object], *, actor: str, now: datetime, releases: int = 0
) -> ReleaseDefinitionRow:
    """A stored definition (revision 1, ``releases`` made of it), to make a release of in memory."""
    return ReleaseDefinitionRow(
        id=definition_id,
        name=definition_id,
        source="",
        spec=snapshot,
        release_count=releases,
        created_by=actor,
        created_on=now,
        modified_by=actor,
        modified_on=now,
    )


def pair(attempt: DeploymentAttempt) -> Pair:
    return (attempt.status, attempt.operation_status)


def env(state: ReleaseState, name: str) -> ReleaseEnvironment:
    return state.environment_named(name)


def latest(state: ReleaseState, name: str) -> DeploymentAttempt:
    attempt = state.latest_attempt(state.environment_named(name))
    assert attempt is not None, f"environment {name} has no attempt"
    return attempt
