"""What waits for a person in a release, and answering it for ``run --auto-approve``.

Answers go as the actor when the actor may give them, otherwise in the name of the
approvers the definition names, one after the other (so a definition that bars the
creator from approving still runs through, and the tree shows whose name was used).
A failed task that asks for a decision is retried once, then failed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass

from releasegraph.cli.tree import node_labels
from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.answerers import answerable_now, groups_named
from releasegraph.engine.errors import DomainError, PermissionDeniedError
from releasegraph.engine.states import (
    ManualInterventionKind,
    ManualInterventionStatus,
)
from releasegraph.models import Approval, ManualIntervention
from releasegraph.runtime.service import Runtime

log = logging.getLogger("releasegraph")

COMMENT = "answered by releasegraph run --auto-approve"


@dataclass(frozen=True)
class Waiting:
    """Something a person must answer before the release goes on."""

    id: str
    who: tuple[str, ...]
    """The approvers the definition names; empty = anyone."""
    what: str
    answer: Callable[..., commands.Command]
    """Makes the answering command, given ``actor=`` and ``groups=``."""
    retry_of: str | None = None
    """The failed task that this answer runs again."""


def waiting_items(state: ReleaseState, retried: set[str]) -> list[Waiting]:
    """Approvals that may be answered now, then pending manual interventions."""
    labels = node_labels(state)
    items = [_approval(row, labels) for row in answerable_now(state)]
    for row in state.interventions:
        if row.status == ManualInterventionStatus.PENDING:
            items.append(_intervention(row, labels, retried))
    return items


def _approval(row: Approval, labels: dict[str, str]) -> Waiting:
    make = functools.partial(commands.Approve, approval_id=row.id, comment=COMMENT)
    return Waiting(row.id, (row.approver,), f"approve {labels[row.id]}", make)


def _intervention(row: ManualIntervention, labels: dict[str, str], retried: set[str]) -> Waiting:
    who, about = tuple(row.approvers), f"{labels[row.id]}: {row.instructions}"
    if row.kind == ManualInterventionKind.TASK:
        resume = functools.partial(
            commands.ResumeManualIntervention, intervention_id=row.id, comment=COMMENT
        )
        return Waiting(row.id, who, f"resume or reject {about}", resume)
    what = f"retry, ignore, fix or fail {about}"
    if row.task_id in retried:
        fail = functools.partial(
            commands.RejectManualIntervention, intervention_id=row.id, comment=COMMENT
        )
        return Waiting(row.id, who, what, fail)
    retry = functools.partial(commands.RetryTask, task_id=row.task_id)
    return Waiting(row.id, who, what, retry, retry_of=row.task_id)


def answer(runtime: Runtime, release_id: str, item: Waiting, actor: str) -> bool:
    """Answer as the actor (an operator, in the named groups), else as each named approver."""
    groups = groups_named(item.who)
    candidates = [(actor, groups)] + [(who, frozenset[str]()) for who in item.who if who != actor]
    for who, who_groups in candidates:
        command = item.answer(actor=who, groups=who_groups, operator=who == actor)
        try:
            runtime.execute(release_id, command)
        except PermissionDeniedError:
            continue
        except DomainError as error:
            log.warning("could not answer %s: %s", item.what, error.message)
            return False
        return True
    return False
