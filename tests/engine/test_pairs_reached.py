"""Each of the 26 ``(status, operationStatus)`` pairs, reached through the public operations.

One scenario per pair: a definition, a release, commands and the clock moved by
hand. Each asserts where the attempt is now, the environment and release
statuses that go with it, and the pairs the attempt went through, as the event
log recorded them. Two pairs only ever pass by within one decision
((NOT_DEPLOYED, APPROVED) and (IN_PROGRESS, PHASE_SUCCEEDED)); the event log is
where a client sees them.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from releasegraph.engine.pairs import PAIRS, Pair
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import EnvironmentStatus as Env
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.runtime.clock import ManualClock
from tests.engine import pairs_deploying, pairs_not_deployed
from tests.engine.pairs_world import ND, SCENARIOS, Seen, World, environment, gates

SCENARIO_MODULES = (pairs_not_deployed, pairs_deploying)
"""Imported for their ``@reaches`` registrations."""

IN_ORDER: list[Pair] = [target for target in itertools.product(St, Op) if target in PAIRS]


def label(target: Pair) -> str:
    return f"{target[0].value}/{target[1].value}"


@pytest.fixture
async def world(clock: ManualClock, database_url: str) -> AsyncIterator[World]:
    async with AsyncExitStack() as stack:
        yield World(clock=clock, database_url=database_url, stack=stack)


def test_every_pair_has_its_scenario() -> None:
    assert set(SCENARIOS) == PAIRS


@pytest.mark.parametrize("target", IN_ORDER, ids=label)
async def test_pair_is_reached(target: Pair, world: World) -> None:
    await SCENARIOS[target](world)

    observed = {moved_to for _, moved_to in world.moves()}
    assert target in observed
    assert observed <= PAIRS


async def test_pre_deploy_gates_that_reject_end_the_attempt(world: World) -> None:
    release_id = await world.run(environment(gates=gates("PRE_DEPLOY", fail_times=9)))

    await world.advance(60)

    assert world.seen(release_id) == Seen(
        (ND, Op.GATES_FAILED),
        Env.REJECTED,
        Exec.FAILED,
        [(ND, Op.APPROVED), (ND, Op.EVALUATING_GATES), (ND, Op.GATES_FAILED)],
    )
