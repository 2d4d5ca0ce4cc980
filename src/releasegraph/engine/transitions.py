"""The allowed moves of every status but the attempt's pair (that one is ``pairs.py``).

Written from 003_… (the states), 000_… (how a release executes) and ARCHITECTURE.md
§2 and §3, not from what the code happens to do: a move missing here is an engine bug,
refused at once by ``check_move``. A row created as a copy of another (a task
carried over into a retry attempt) is born in the copy's status; that is not a move.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from releasegraph.engine import states
from releasegraph.engine.pairs import IllegalMoveError

Moves = Mapping[enum.StrEnum, frozenset[enum.StrEnum]]


def _table(moves: Mapping[enum.StrEnum, tuple[enum.StrEnum, ...]]) -> Moves:
    return {status: frozenset(targets) for status, targets in moves.items()}


_Rel = states.ReleaseStatus
RELEASE: Moves = _table(
    # 003: a draft is started (or abandoned unstarted); abandoned is terminal.
    {_Rel.DRAFT: (_Rel.ACTIVE, _Rel.ABANDONED), _Rel.ACTIVE: (_Rel.ABANDONED,), _Rel.ABANDONED: ()}
)

_Ex = states.ReleaseExecutionStatus
_UNDER_WAY = (_Ex.SCHEDULED, _Ex.RUNNING, _Ex.ON_HOLD)
_OUTCOMES = (_Ex.SUCCEEDED, _Ex.PARTIAL_SUCCESS, _Ex.FAILED, _Ex.CANCELED)


def _after(outcome: _Ex) -> tuple[_Ex, ...]:
    return (*_UNDER_WAY, *(other for other in _OUTCOMES if other != outcome))


RELEASE_EXECUTION: Moves = _table(
    # Derived from the environments (000), so one decision may pass several steps
    # at once. Nothing goes back to NOT_STARTED but a schedule taken back; an
    # outcome is left only for new work (a redeploy, a retry, ARCHITECTURE §2) or
    # for CANCELED (the release abandoned). New work whose tasks end at once ends
    # within the decision that started it: the release goes from one outcome to
    # another (FAILED to SUCCEEDED after a retry) without showing RUNNING.
    {
        _Ex.NOT_STARTED: (*_UNDER_WAY, *_OUTCOMES),
        _Ex.SCHEDULED: (_Ex.NOT_STARTED, _Ex.RUNNING, _Ex.ON_HOLD, *_OUTCOMES),
        _Ex.RUNNING: (_Ex.SCHEDULED, _Ex.ON_HOLD, *_OUTCOMES),
        _Ex.ON_HOLD: (_Ex.SCHEDULED, _Ex.RUNNING, *_OUTCOMES),
        **{outcome: _after(outcome) for outcome in _OUTCOMES},
    }
)

_Env = states.EnvironmentStatus
_ENDS = (_Env.SUCCEEDED, _Env.PARTIALLY_SUCCEEDED, _Env.FAILED, _Env.REJECTED, _Env.CANCELED)
_NEW_ATTEMPT = (_Env.SCHEDULED, _Env.QUEUED, _Env.IN_PROGRESS)
ENVIRONMENT: Moves = _table(
    # 003: an environment is scheduled or queued before it starts, in progress from
    # its pre-deploy approval on (back to SCHEDULED only while a deferral holds it),
    # and leaves an end only for a new attempt (redeploy, retry). It shows its
    # latest attempt, read once per settling step, and one step may carry an attempt
    # through several pairs (an approval whose timeout is 0, tasks that end at once):
    # so it may skip ahead, even from one end to another, but never goes back.
    {
        _Env.NOT_STARTED: (*_NEW_ATTEMPT, *_ENDS),
        _Env.SCHEDULED: (_Env.QUEUED, _Env.IN_PROGRESS, *_ENDS),
        _Env.QUEUED: (_Env.IN_PROGRESS, *_ENDS),
        _Env.IN_PROGRESS: (_Env.SCHEDULED, *_ENDS),
        **{end: (*_NEW_ATTEMPT, *(other for other in _ENDS if other != end)) for end in _ENDS},
    }
)

_Ph = states.DeployPhaseStatus
PHASE: Moves = _table(
    # A phase runs once per attempt; a cancel while it runs passes through
    # CANCELLING while its alwaysRun tasks finish (003 <InProgress, Cancelling>).
    {
        _Ph.NOT_STARTED: (_Ph.IN_PROGRESS, _Ph.SKIPPED, _Ph.CANCELED),
        _Ph.IN_PROGRESS: (
            _Ph.SUCCEEDED,
            _Ph.PARTIALLY_SUCCEEDED,
            _Ph.FAILED,
            _Ph.CANCELLING,
            _Ph.CANCELED,
        ),
        _Ph.CANCELLING: (_Ph.CANCELED,),
        **{end: () for end in (_Ph.SUCCEEDED, _Ph.PARTIALLY_SUCCEEDED, _Ph.FAILED)},
        **{end: () for end in (_Ph.CANCELED, _Ph.SKIPPED)},
    }
)

_T = states.TaskStatus
TASK: Moves = _table(
    # 000: an activity runs, and is run again after a failed run with retries
    # left or a run cut short by a restart (back to PENDING); a failure waiting
    # for a person is retried or fixed-and-continued (run again) or ignored.
    {
        _T.PENDING: (_T.IN_PROGRESS, _T.SKIPPED, _T.CANCELED),
        _T.IN_PROGRESS: (_T.PENDING, _T.SUCCEEDED, _T.FAILED, _T.CANCELED),
        _T.FAILED: (_T.IN_PROGRESS, _T.IGNORED),
        **{end: () for end in (_T.SUCCEEDED, _T.CANCELED, _T.SKIPPED, _T.IGNORED)},
    }
)

_R = states.RunStatus
RUN: Moves = _table(
    # One run is one execution: it ends once, however it ends.
    {
        _R.IN_PROGRESS: (
            _R.SUCCEEDED,
            _R.FAILED,
            _R.TIMED_OUT,
            _R.CANCELED,
            _R.INTERRUPTED,
            _R.LOST,
        ),
        **{end: () for end in (_R.SUCCEEDED, _R.FAILED, _R.TIMED_OUT)},
        **{end: () for end in (_R.CANCELED, _R.INTERRUPTED, _R.LOST)},
    }
)

_A = states.ApprovalStatus
APPROVAL: Moves = _table(
    # Answered once; a deferral counts as an approval once its time has come, and
    # is canceled with its deployment before then.
    {
        _A.PENDING: (
            _A.APPROVED,
            _A.REJECTED,
            _A.DEFERRED,
            _A.REASSIGNED,
            _A.CANCELED,
            _A.SKIPPED,
            _A.TIMED_OUT,
        ),
        _A.DEFERRED: (_A.APPROVED, _A.CANCELED),
        **{end: () for end in (_A.APPROVED, _A.REJECTED, _A.REASSIGNED)},
        **{end: () for end in (_A.CANCELED, _A.SKIPPED, _A.TIMED_OUT)},
    }
)

_M = states.ManualInterventionStatus
INTERVENTION: Moves = _table(
    {
        _M.PENDING: (_M.APPROVED, _M.REJECTED, _M.CANCELED, _M.TIMED_OUT),
        **{end: () for end in (_M.APPROVED, _M.REJECTED, _M.CANCELED, _M.TIMED_OUT)},
    }
)

_G = states.GateStatus
GATE: Moves = _table(
    # Sampled until it passes, fails or times out (003 "gates options"); a
    # failed gate overridden by an approval stays FAILED: the approval decides.
    {
        _G.PENDING: (_G.IN_PROGRESS, _G.CANCELED),
        _G.IN_PROGRESS: (_G.SUCCEEDED, _G.FAILED, _G.CANCELED),
        **{end: () for end in (_G.SUCCEEDED, _G.FAILED, _G.CANCELED)},
    }
)

TABLES: Mapping[type[enum.StrEnum], Moves] = {
    _Rel: RELEASE,
    _Ex: RELEASE_EXECUTION,
    _Env: ENVIRONMENT,
    _Ph: PHASE,
    _T: TASK,
    _R: RUN,
    _A: APPROVAL,
    _M: INTERVENTION,
    _G: GATE,
}


def check_move(current: enum.StrEnum, target: enum.StrEnum) -> None:
    """Refuse a status change its enum's table does not declare."""
    if target not in TABLES[type(current)][current]:
        raise IllegalMoveError(f"{type(current).__name__} may not move from {current} to {target}")
