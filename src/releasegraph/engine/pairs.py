"""The deployment attempt's ``(status, operationStatus)`` pairs and the moves between them.

The 26 pairs come from 003_… (ARCHITECTURE.md §2). ``TRANSITIONS`` is the whole
state machine of an attempt: the engine moves an attempt only through
``check_attempt_move``, so no other pair, and no other move, can ever be observed.

Pre-deploy runs approvals, then gates, then the phases; post-deploy runs
approvals, then gates, then completes.
"""

from __future__ import annotations

from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St

Pair = tuple[St, Op]

ND, IP = St.NOT_DEPLOYED, St.IN_PROGRESS

PAIRS: frozenset[Pair] = frozenset(
    [
        *(
            (ND, op)
            for op in (
                Op.QUEUED,
                Op.SCHEDULED,
                Op.PENDING,
                Op.APPROVED,
                Op.REJECTED,
                Op.DEFERRED,
                Op.QUEUED_FOR_AGENT,
                Op.QUEUED_FOR_PIPELINE,
                Op.CANCELED,
                Op.EVALUATING_GATES,
                Op.GATES_FAILED,
            )
        ),
        *(
            (IP, op)
            for op in (
                Op.PHASE_IN_PROGRESS,
                Op.MANUAL_INTERVENTION_PENDING,
                Op.PHASE_SUCCEEDED,
                Op.PENDING,
                Op.QUEUED_FOR_AGENT,
                Op.QUEUED_FOR_PIPELINE,
                Op.CANCELLING,
                Op.EVALUATING_GATES,
                Op.GATES_FAILED,
            )
        ),
        (St.SUCCEEDED, Op.APPROVED),
        (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED),
        (St.FAILED, Op.PHASE_FAILED),
        (St.FAILED, Op.CANCELED),
        (St.FAILED, Op.REJECTED),
        (St.FAILED, Op.GATES_FAILED),
    ]
)

SUCCESS: frozenset[Pair] = frozenset(
    {(St.SUCCEEDED, Op.APPROVED), (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)}
)
STARTING: frozenset[Pair] = frozenset(
    {(ND, Op.SCHEDULED), (ND, Op.QUEUED), (ND, Op.PENDING), (ND, Op.APPROVED)}
)
"""Where a new attempt may begin."""

_RUN = ((ND, Op.QUEUED_FOR_AGENT), (ND, Op.QUEUED_FOR_PIPELINE), (IP, Op.PHASE_IN_PROGRESS))
_IP_RUN = ((IP, Op.QUEUED_FOR_AGENT), (IP, Op.QUEUED_FOR_PIPELINE), (IP, Op.PHASE_IN_PROGRESS))
_POST = ((IP, Op.PENDING), (IP, Op.EVALUATING_GATES), *SUCCESS)
_ND_CANCEL = (ND, Op.CANCELED)
_IP_CANCEL = ((IP, Op.CANCELLING), (St.FAILED, Op.CANCELED))

TRANSITIONS: dict[Pair, frozenset[Pair]] = {
    pair: frozenset(targets)
    for pair, targets in {
        (ND, Op.SCHEDULED): [(ND, Op.QUEUED), (ND, Op.PENDING), (ND, Op.APPROVED), _ND_CANCEL],
        (ND, Op.QUEUED): [(ND, Op.PENDING), (ND, Op.APPROVED), _ND_CANCEL],
        (ND, Op.PENDING): [
            (ND, Op.APPROVED),
            (ND, Op.DEFERRED),
            (ND, Op.REJECTED),
            _ND_CANCEL,
        ],
        (ND, Op.DEFERRED): [(ND, Op.APPROVED), _ND_CANCEL],
        (ND, Op.APPROVED): [(ND, Op.EVALUATING_GATES), *_RUN, _ND_CANCEL],
        (ND, Op.EVALUATING_GATES): [(ND, Op.GATES_FAILED), *_RUN, _ND_CANCEL],
        (ND, Op.GATES_FAILED): [(ND, Op.APPROVED), (ND, Op.REJECTED), _ND_CANCEL],
        (ND, Op.QUEUED_FOR_AGENT): [*_RUN, _ND_CANCEL],
        (ND, Op.QUEUED_FOR_PIPELINE): [*_RUN, _ND_CANCEL],
        (IP, Op.PHASE_IN_PROGRESS): [
            # The phase's remote agent was lost and no other is free yet.
            (IP, Op.QUEUED_FOR_AGENT),
            (IP, Op.MANUAL_INTERVENTION_PENDING),
            (IP, Op.PHASE_SUCCEEDED),
            (St.FAILED, Op.PHASE_FAILED),
            *_IP_CANCEL,
        ],
        (IP, Op.MANUAL_INTERVENTION_PENDING): [
            (IP, Op.PHASE_IN_PROGRESS),
            (IP, Op.PHASE_SUCCEEDED),
            (St.FAILED, Op.PHASE_FAILED),
            *_IP_CANCEL,
        ],
        (IP, Op.PHASE_SUCCEEDED): [*_IP_RUN, *_POST, (St.FAILED, Op.CANCELED)],
        (IP, Op.QUEUED_FOR_AGENT): [*_IP_RUN, (St.FAILED, Op.CANCELED)],
        (IP, Op.QUEUED_FOR_PIPELINE): [*_IP_RUN, (St.FAILED, Op.CANCELED)],
        (IP, Op.PENDING): [
            (IP, Op.EVALUATING_GATES),
            *SUCCESS,
            (St.FAILED, Op.REJECTED),
            (St.FAILED, Op.CANCELED),
        ],
        (IP, Op.EVALUATING_GATES): [
            (IP, Op.GATES_FAILED),
            (St.FAILED, Op.GATES_FAILED),
            *SUCCESS,
            (St.FAILED, Op.CANCELED),
        ],
        (IP, Op.GATES_FAILED): [*SUCCESS, (St.FAILED, Op.REJECTED), (St.FAILED, Op.CANCELED)],
        (IP, Op.CANCELLING): [(St.FAILED, Op.CANCELED)],
    }.items()
}


class IllegalMoveError(AssertionError):
    """An engine bug: a move the state machine does not declare."""


def check_attempt_move(current: Pair | None, target: Pair) -> None:
    """Refuse any move that ``TRANSITIONS`` does not declare (``None``: a new attempt)."""
    if target not in PAIRS:
        raise IllegalMoveError(f"{target} is not a deployment pair")
    allowed = STARTING if current is None else TRANSITIONS.get(current, frozenset())
    if target not in allowed:
        raise IllegalMoveError(f"attempt may not move from {current} to {target}")
