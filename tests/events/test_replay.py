"""Replaying the event log: the latest status per entity, and gap-free sequence numbers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from releasegraph.engine.context import EventDraft
from releasegraph.events.replay import (
    EventGapError,
    ReplayedStatus,
    apply_event,
    check_gap_free,
    replay,
)
from releasegraph.models import Event

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def draft(
    entity: str,
    entity_id: str,
    kind: str,
    to_status: str | None = None,
    to_operation_status: str | None = None,
) -> EventDraft:
    return EventDraft(
        release_id="r1",
        entity=entity,
        entity_id=entity_id,
        kind=kind,
        actor="alice",
        at=NOW,
        to_status=to_status,
        to_operation_status=to_operation_status,
    )


RELEASE_LOG = [
    draft("Release", "r1", "release.created", "DRAFT"),
    draft("Release", "r1", "release.status", "ACTIVE"),
    draft("DeploymentAttempt", "a1", "attempt.created", "NOT_DEPLOYED", "PENDING"),
    draft("Approval", "p1", "approval.created", "PENDING"),
    draft("ReleaseEnvironment", "e1", "releaseEnvironment.status", "IN_PROGRESS"),
    draft("Release", "r1", "release.executionStatus", "ON_HOLD"),
    draft("Approval", "p1", "approval.status", "APPROVED"),
    draft("DeploymentAttempt", "a1", "attempt.status", "NOT_DEPLOYED", "APPROVED"),
    draft("DeploymentAttempt", "a1", "attempt.cancel"),
    draft("DeploymentAttempt", "a1", "attempt.status", "NOT_DEPLOYED", "CANCELED"),
    draft("ReleaseEnvironment", "e1", "releaseEnvironment.status", "CANCELED"),
    draft("ReleaseEnvironment", "e1", "environment.skipped"),
    draft("Release", "r1", "release.executionStatus", "CANCELED"),
]


def test_replay_keeps_the_latest_status_of_every_entity() -> None:
    # given the log of a release whose only deployment was approved, then canceled
    # when it is replayed whole
    statuses = replay(RELEASE_LOG)

    # then every entity has its last status; the release keeps both of its statuses
    assert statuses == {
        ("Release", "r1"): ReplayedStatus(status="ACTIVE", execution_status="CANCELED"),
        ("DeploymentAttempt", "a1"): ReplayedStatus(
            status="NOT_DEPLOYED", operation_status="CANCELED"
        ),
        ("Approval", "p1"): ReplayedStatus(status="APPROVED"),
        ("ReleaseEnvironment", "e1"): ReplayedStatus(status="CANCELED"),
    }


def test_replay_of_a_prefix_is_the_status_as_of_that_event() -> None:
    # given the same log, when only its first six events are replayed
    statuses = replay(RELEASE_LOG[:6])

    # then the statuses are those after event six
    assert statuses == {
        ("Release", "r1"): ReplayedStatus(status="ACTIVE", execution_status="ON_HOLD"),
        ("DeploymentAttempt", "a1"): ReplayedStatus(
            status="NOT_DEPLOYED", operation_status="PENDING"
        ),
        ("Approval", "p1"): ReplayedStatus(status="PENDING"),
        ("ReleaseEnvironment", "e1"): ReplayedStatus(status="IN_PROGRESS"),
    }


def test_replay_leaves_out_entities_without_a_status_event() -> None:
    # given events that carry no status at all
    events = [
        draft("Release", "r1", "release.updated"),
        draft("Gate", "g1", "gate.sampled"),
    ]

    # when replayed, then nothing is known about those entities
    assert replay(events) == {}


def test_apply_event_folds_a_live_stream_one_event_at_a_time() -> None:
    # given a subscriber that keeps one attempt's status as its events arrive
    status = ReplayedStatus()
    attempt_events = [e for e in RELEASE_LOG if e.entity_id == "a1"]

    # when it applies each event in turn
    seen = []
    for event in attempt_events:
        status = apply_event(status, event)
        seen.append((status.status, status.operation_status))

    # then it passes through every pair, the cancel request changing nothing
    assert seen == [
        ("NOT_DEPLOYED", "PENDING"),
        ("NOT_DEPLOYED", "APPROVED"),
        ("NOT_DEPLOYED", "APPROVED"),
        ("NOT_DEPLOYED", "CANCELED"),
    ]
    assert status == replay(RELEASE_LOG)[("DeploymentAttempt", "a1")]


def test_replay_reads_stored_event_rows() -> None:
    # given stored rows, as the API reads them from the event table
    rows = [
        Event(
            seq=seq,
            release_id="r1",
            entity=e.entity,
            entity_id=e.entity_id,
            kind=e.kind,
            to_status=e.to_status,
            to_operation_status=e.to_operation_status,
            actor=e.actor,
            at=e.at,
        )
        for seq, e in enumerate(RELEASE_LOG, start=1)
    ]

    # when replayed, then the result is the same as for the drafts
    assert replay(rows) == replay(RELEASE_LOG)


@pytest.mark.parametrize(
    ("seqs", "after"),
    [([], None), ([], 7), ([1, 2, 3], None), ([5, 6], None), ([8, 9, 10], 7)],
)
def test_check_gap_free_accepts_consecutive_numbers(seqs: list[int], after: int | None) -> None:
    check_gap_free(seqs, after=after)


@pytest.mark.parametrize(
    ("seqs", "after", "message"),
    [
        ([1, 2, 4], None, "expected event 3, got 4"),
        ([1, 1], None, "expected event 2, got 1"),
        ([3, 2], None, "expected event 4, got 2"),
        ([9], 7, "expected event 8, got 9"),
    ],
)
def test_check_gap_free_names_the_first_missing_event(
    seqs: list[int], after: int | None, message: str
) -> None:
    with pytest.raises(EventGapError, match=f"^{message}$"):
        check_gap_free(seqs, after=after)
