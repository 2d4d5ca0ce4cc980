"""The attempt's ``(status, operationStatus)`` state machine, as declared in ``engine.pairs``.

Every move ``TRANSITIONS`` does not declare is refused, a refused move changes
nothing, and the table hangs together: every pair is reachable from a start and
either leads somewhere or is final. That each pair is reached by the public
operations is shown in ``test_pairs_reached.py``.
"""

from __future__ import annotations

import itertools
from collections import deque
from datetime import UTC, datetime

import pytest

from releasegraph.engine.commands import CreateRelease
from releasegraph.engine.context import Ctx, Resources
from releasegraph.engine.definition import parse_definition
from releasegraph.engine.lifecycle import new_release
from releasegraph.engine.pairs import (
    PAIRS,
    STARTING,
    SUCCESS,
    TRANSITIONS,
    IllegalMoveError,
    Pair,
    check_attempt_move,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentReason
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.models import DeploymentAttempt
from tests.support import definition_row

ND, IP = St.NOT_DEPLOYED, St.IN_PROGRESS
NOW = datetime(2026, 1, 1, tzinfo=UTC)

ARCHITECTURE_PAIRS: frozenset[Pair] = frozenset(
    {
        *((ND, op) for op in (Op.QUEUED, Op.SCHEDULED, Op.PENDING, Op.APPROVED, Op.REJECTED)),
        *((ND, op) for op in (Op.DEFERRED, Op.QUEUED_FOR_AGENT, Op.QUEUED_FOR_PIPELINE)),
        *((ND, op) for op in (Op.CANCELED, Op.EVALUATING_GATES, Op.GATES_FAILED)),
        *((IP, op) for op in (Op.PHASE_IN_PROGRESS, Op.MANUAL_INTERVENTION_PENDING)),
        *((IP, op) for op in (Op.PHASE_SUCCEEDED, Op.PENDING, Op.QUEUED_FOR_AGENT)),
        *((IP, op) for op in (Op.QUEUED_FOR_PIPELINE, Op.CANCELLING, Op.EVALUATING_GATES)),
        (IP, Op.GATES_FAILED),
        (St.SUCCEEDED, Op.APPROVED),
        (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED),
        *((St.FAILED, op) for op in (Op.PHASE_FAILED, Op.CANCELED, Op.REJECTED, Op.GATES_FAILED)),
    }
)
"""ARCHITECTURE.md §2, written out again so that a change of ``PAIRS`` has to be deliberate."""

FINAL: frozenset[Pair] = frozenset(
    {
        *SUCCESS,
        (ND, Op.CANCELED),
        (ND, Op.REJECTED),
        *((St.FAILED, op) for op in (Op.PHASE_FAILED, Op.CANCELED, Op.REJECTED, Op.GATES_FAILED)),
    }
)
"""Pairs no attempt leaves (003_…). (NOT_DEPLOYED, GATES_FAILED) ends an attempt only
under ``onFailure: REJECT``; under ``ASK_APPROVAL`` an approval moves it on, so it has moves."""

MOVES: list[tuple[Pair | None, Pair]] = list(
    itertools.product([None, *sorted(PAIRS)], sorted(PAIRS))
)


def label(value: object) -> str:
    if value is None:
        return "new"
    if isinstance(value, tuple):
        return "/".join(label(part) for part in value)
    return str(value)


def declared(current: Pair | None) -> frozenset[Pair]:
    return STARTING if current is None else TRANSITIONS.get(current, frozenset())


# --- the table ----------------------------------------------------------------------


def test_pairs_are_the_26_of_the_architecture() -> None:
    assert len(PAIRS) == 26
    assert PAIRS == ARCHITECTURE_PAIRS


def test_the_table_names_only_pairs() -> None:
    assert set(TRANSITIONS) <= PAIRS
    assert all(targets <= PAIRS for targets in TRANSITIONS.values())
    assert STARTING <= PAIRS


def test_check_attempt_move_refuses_exactly_the_undeclared_moves() -> None:
    refused: set[tuple[Pair | None, Pair]] = set()
    for current, target in MOVES:
        try:
            check_attempt_move(current, target)
        except IllegalMoveError:
            refused.add((current, target))

    undeclared = {(current, target) for current, target in MOVES if target not in declared(current)}
    assert refused == undeclared
    assert len(MOVES) - len(refused) == len(STARTING) + sum(map(len, TRANSITIONS.values()))


def test_a_new_attempt_begins_scheduled_queued_pending_or_approved() -> None:
    begins = {(ND, Op.SCHEDULED), (ND, Op.QUEUED), (ND, Op.PENDING), (ND, Op.APPROVED)}
    assert begins == STARTING


def test_a_target_outside_the_pairs_is_refused() -> None:
    with pytest.raises(IllegalMoveError, match="is not a deployment pair"):
        check_attempt_move((ND, Op.PENDING), (St.SUCCEEDED, Op.PENDING))


def test_every_pair_leads_somewhere_or_is_final() -> None:
    for current in PAIRS:
        if current in FINAL:
            assert not declared(current), f"final pair {current} has moves"
        else:
            assert declared(current), f"pair {current} is a dead end"


def test_every_pair_is_reachable_from_a_start() -> None:
    assert reachable(STARTING) == PAIRS


def test_every_pair_can_still_end() -> None:
    for current in PAIRS:
        assert reachable({current}) & FINAL, f"no final pair is reachable from {current}"


def reachable(starts: frozenset[Pair] | set[Pair]) -> set[Pair]:
    seen = set(starts)
    todo = deque(starts)
    while todo:
        for target in declared(todo.popleft()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


# --- Ctx.move_attempt: the only way the engine moves an attempt ----------------------


def decision() -> Ctx:
    ids = (f"id-{n}" for n in itertools.count())
    spec = parse_definition(
        '{"name": "d", "environments": [{"name": "prod", "phases": [{"name": "deploy",'
        ' "tasks": [{"name": "t", "kind": "simulate"}]}]}]}'
    )
    definition = definition_row("definition", {}, actor="alice", now=NOW)
    command = CreateRelease(actor="alice", definition_id=definition.id)
    state = new_release(command, definition, spec, now=NOW, new_id=lambda: next(ids))
    return Ctx(state=state, now=NOW, actor="bob", new_id=lambda: next(ids), resources=Resources())


def attempt_at(ctx: Ctx, current: Pair) -> DeploymentAttempt:
    env = ctx.state.environments[0]
    attempt = DeploymentAttempt(
        id="attempt",
        release_id=env.release_id,
        environment_id=env.id,
        definition_id=env.definition_id,
        environment_name=env.name,
        release_number=1,
        attempt=1,
        status=current[0],
        operation_status=current[1],
        reason=DeploymentReason.MANUAL,
        requested_by="alice",
        last_modified_by="alice",
        queued_on=NOW,
    )
    ctx.state.attempts.append(attempt)
    return attempt


@pytest.mark.parametrize("current", sorted(PAIRS), ids=label)
def test_move_attempt_refuses_an_undeclared_move_and_changes_nothing(current: Pair) -> None:
    for target in sorted(PAIRS - declared(current) - {current}):
        ctx = decision()
        attempt = attempt_at(ctx, current)
        before = attempt.model_dump()

        with pytest.raises(IllegalMoveError):
            ctx.move_attempt(attempt, target)

        assert attempt.model_dump() == before, f"{current} -> {target}"
        assert ctx.effects.events == []


@pytest.mark.parametrize("current", sorted(TRANSITIONS), ids=label)
def test_move_attempt_takes_a_declared_move_and_records_it(current: Pair) -> None:
    for target in sorted(TRANSITIONS[current] - {current}):
        ctx = decision()
        attempt = attempt_at(ctx, current)

        ctx.move_attempt(attempt, target)

        assert (attempt.status, attempt.operation_status) == target
        assert attempt.last_modified_by == "alice", "a move alone is no one's action"
        [event] = ctx.effects.events
        assert (event.kind, event.entity_id, event.actor) == ("attempt.status", "attempt", "bob")
        moved = (event.from_status, event.from_operation_status)
        assert (moved, (event.to_status, event.to_operation_status)) == (current, target)


def test_move_attempt_to_the_same_pair_is_no_move() -> None:
    ctx = decision()
    attempt = attempt_at(ctx, (IP, Op.PHASE_IN_PROGRESS))

    ctx.move_attempt(attempt, (IP, Op.PHASE_IN_PROGRESS))

    assert (attempt.last_modified_by, ctx.effects.events) == ("alice", [])


def test_a_new_attempt_may_not_begin_past_the_start() -> None:
    for target in sorted(PAIRS - STARTING):
        ctx = decision()
        attempt = attempt_at(ctx, (ND, Op.SCHEDULED))
        before = attempt.model_dump()

        with pytest.raises(IllegalMoveError):
            ctx.move_attempt(attempt, target, new=True)

        assert attempt.model_dump() == before, f"new -> {target}"
        assert ctx.effects.events == []
