"""Every status enum's declared moves: each move outside its table is refused, changing nothing."""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import Ctx, Resources
from releasegraph.engine.pairs import IllegalMoveError
from releasegraph.engine.spec import DefinitionSpec
from releasegraph.engine.states import (
    ApprovalStatus,
    DeployPhaseStatus,
    EnvironmentStatus,
    ReleaseExecutionStatus,
    ReleaseStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.status import carry_status, set_status
from releasegraph.engine.transitions import TABLES, check_move
from releasegraph.models import Release

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Row:
    id: str
    status: enum.StrEnum


def _ctx() -> Ctx:
    release = Release(
        id="r1",
        name="d-1",
        number=1,
        definition_id="d",
        definition_revision=1,
        spec={},
        status=ReleaseStatus.ACTIVE,
        execution_status=ReleaseExecutionStatus.RUNNING,
        created_by="carol",
        created_on=NOW,
        modified_by="carol",
        modified_on=NOW,
    )
    state = ReleaseState(release=release, spec=DefinitionSpec(name="d"))
    return Ctx(state=state, now=NOW, actor="carol", new_id=lambda: "x", resources=Resources())


def _moves(table_enum: type[enum.StrEnum]) -> list[tuple[enum.StrEnum, enum.StrEnum]]:
    return [(a, b) for a, b in itertools.product(table_enum, table_enum) if a != b]


ENUMS = sorted(TABLES, key=lambda e: e.__name__)


@pytest.mark.parametrize("status_enum", ENUMS, ids=lambda e: e.__name__)
def test_each_table_names_every_status_and_moves_only_within_its_enum(
    status_enum: type[enum.StrEnum],
) -> None:
    table = TABLES[status_enum]

    assert set(table) == set(status_enum)
    assert all(type(t) is status_enum for targets in table.values() for t in targets)
    assert all(status not in targets for status, targets in table.items())


@pytest.mark.parametrize("status_enum", ENUMS, ids=lambda e: e.__name__)
def test_set_status_makes_exactly_the_declared_moves(status_enum: type[enum.StrEnum]) -> None:
    for current, target in _moves(status_enum):
        ctx, row = _ctx(), Row(id="e1", status=current)
        declared = target in TABLES[status_enum][current]

        if declared:
            set_status(ctx, row, target)
            assert (row.status, [e.to_status for e in ctx.effects.events]) == (target, [target])
        else:
            with pytest.raises(IllegalMoveError, match=f"from {current} to {target}"):
                set_status(ctx, row, target)
            assert (row.status, ctx.effects.events) == (current, [])


def test_a_final_status_is_never_left() -> None:
    finals = {
        ReleaseStatus.ABANDONED,
        DeployPhaseStatus.SUCCEEDED,
        TaskStatus.SUCCEEDED,
        TaskStatus.IGNORED,
        RunStatus.SUCCEEDED,
        RunStatus.INTERRUPTED,
        ApprovalStatus.APPROVED,
        ApprovalStatus.REJECTED,
    }

    assert {status: TABLES[type(status)][status] for status in finals} == dict.fromkeys(
        finals, frozenset()
    )


def test_an_outcome_is_left_only_for_new_work_or_cancellation() -> None:
    ex = ReleaseExecutionStatus

    assert TABLES[ex][ex.FAILED] == {
        *(ex.SCHEDULED, ex.RUNNING, ex.ON_HOLD),
        *(ex.SUCCEEDED, ex.PARTIAL_SUCCESS, ex.CANCELED),  # new work that ended at once
    }
    with pytest.raises(IllegalMoveError):
        check_move(ex.FAILED, ex.NOT_STARTED)
    with pytest.raises(IllegalMoveError):
        check_move(ex.RUNNING, ex.NOT_STARTED)


def test_an_environment_never_goes_back() -> None:
    env = EnvironmentStatus

    assert [status for status in env if env.NOT_STARTED in TABLES[env][status]] == []
    assert TABLES[env][env.IN_PROGRESS] == {
        env.SCHEDULED,
        env.SUCCEEDED,
        env.PARTIALLY_SUCCEEDED,
        env.FAILED,
        env.REJECTED,
        env.CANCELED,
    }


def test_a_carried_over_copy_is_born_in_its_originals_status_without_a_move() -> None:
    ctx, row = _ctx(), Row(id="t2", status=TaskStatus.PENDING)

    carry_status(ctx, row, TaskStatus.FAILED)

    event = ctx.effects.events[0]
    assert (row.status, event.from_status, event.to_status, event.data) == (
        TaskStatus.FAILED,
        "PENDING",
        "FAILED",
        {"carriedOver": True},
    )
