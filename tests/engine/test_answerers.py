"""Who may answer: approver names, groups, anyone-who-operates, and an intervention's state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from releasegraph.engine.answerers import (
    Answerer,
    acts_as,
    approver_names,
    groups_named,
    intervention_refusal,
)
from releasegraph.engine.errors import ErrorCode
from releasegraph.engine.states import ManualInterventionKind, ManualInterventionStatus
from releasegraph.models import ManualIntervention

NOW = datetime(2026, 3, 1, tzinfo=UTC)
BOB = Answerer(name="bob", groups=frozenset({"release-managers"}))
OLIVIA = Answerer(name="olivia", operator=True)


@pytest.mark.parametrize(
    ("answerer", "approver", "expected"),
    [
        (BOB, "bob", True),
        (BOB, "alice", False),
        (BOB, "group:release-managers", True),
        (BOB, "group:qa", False),
        (BOB, "release-managers", False),
        (BOB, "*", False),
        (OLIVIA, "*", True),
        (OLIVIA, "group:release-managers", False),
    ],
)
def test_acts_as(answerer: Answerer, approver: str, expected: bool) -> None:
    assert acts_as(answerer, approver) is expected


def test_approver_names_are_exactly_those_acts_as_accepts() -> None:
    assert approver_names(BOB) == ["bob", "group:release-managers"]
    assert approver_names(OLIVIA) == ["olivia", "*"]


def test_groups_named_reads_only_group_approvers() -> None:
    assert groups_named(["bob", "group:qa", "*", "group:ops"]) == {"qa", "ops"}


def intervention(approvers: list[str], **fields: object) -> ManualIntervention:
    row = ManualIntervention(
        id="mi",
        release_id="r",
        attempt_id="a",
        phase_id="p",
        task_id="t",
        kind=ManualInterventionKind.TASK,
        status=ManualInterventionStatus.PENDING,
        approvers=approvers,
        created_on=NOW,
        modified_on=NOW,
    )
    for name, value in fields.items():
        setattr(row, name, value)
    return row


@pytest.mark.parametrize(
    ("row", "answerer", "code"),
    [
        (intervention([]), OLIVIA, None),
        (intervention([]), BOB, ErrorCode.PERMISSION_DENIED),
        (intervention(["group:release-managers"]), BOB, None),
        (intervention(["victor"]), OLIVIA, ErrorCode.PERMISSION_DENIED),
        (
            intervention([], status=ManualInterventionStatus.APPROVED, acted_by="ada"),
            OLIVIA,
            ErrorCode.CONFLICT,
        ),
        (
            intervention([], status=ManualInterventionStatus.APPROVED, acted_by="olivia"),
            OLIVIA,
            ErrorCode.INVALID_TRANSITION,
        ),
    ],
    ids=["operator-unnamed", "viewer-unnamed", "group", "not-named", "taken", "answered-twice"],
)
def test_intervention_refusal(
    row: ManualIntervention, answerer: Answerer, code: ErrorCode | None
) -> None:
    refusal = intervention_refusal(row, answerer)

    assert (refusal.code if refusal else None) == code


def test_an_intervention_of_another_kind_is_refused() -> None:
    refusal = intervention_refusal(intervention([]), OLIVIA, kind=ManualInterventionKind.FAILURE)

    assert refusal is not None
    assert (
        refusal.message
        == "a TASK intervention cannot retry, ignore or fix (current status: PENDING)"
    )
