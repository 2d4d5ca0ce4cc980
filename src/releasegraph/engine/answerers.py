"""Who may answer an approval or a manual intervention, decided here and nowhere else.

The engine's own commands, the API's ``canApprove`` and ``canAct``, the
``approvals``/``manualInterventions`` ``forViewer`` filters and the ``inputRequired``
inbox all ask these functions, so they cannot disagree.

An approver is a user name, ``group:NAME`` (any member), or ``*`` (any operator: the
approval that overrides failed gates). A manual intervention that names nobody is
any operator's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM
from releasegraph.engine.errors import (
    ConflictError,
    DomainError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from releasegraph.engine.spec import ApprovalOrder, ApprovalSpec, EnvironmentSpec
from releasegraph.engine.states import (
    ApprovalStage,
    ApprovalStatus,
    ManualInterventionKind,
    ManualInterventionStatus,
)
from releasegraph.models import Approval, ManualIntervention

ANYONE = "*"
GROUP = "group:"
COUNTED = (ApprovalStatus.APPROVED, ApprovalStatus.DEFERRED)


@dataclass(frozen=True, kw_only=True)
class Answerer:
    """Someone who may answer: their name, their groups, and whether they drive releases."""

    name: str
    groups: frozenset[str] = frozenset()
    operator: bool = False
    """An OPERATOR or ADMIN: answers ``*`` approvals and interventions that name nobody."""


def acts_as(answerer: Answerer, approver: str) -> bool:
    """Whether ``answerer`` is the approver named ``approver``."""
    if approver == ANYONE:
        return answerer.operator
    if approver == answerer.name:
        return True
    return approver.startswith(GROUP) and approver.removeprefix(GROUP) in answerer.groups


def approver_names(answerer: Answerer) -> list[str]:
    """Every approver name ``answerer`` may stand for (a narrowing for queries)."""
    names = [answerer.name, *(f"{GROUP}{group}" for group in sorted(answerer.groups))]
    return [*names, ANYONE] if answerer.operator else names


def groups_named(approvers: Iterable[str]) -> frozenset[str]:
    """The groups among ``approvers``."""
    return frozenset(a.removeprefix(GROUP) for a in approvers if a.startswith(GROUP))


def stage_spec(env_spec: EnvironmentSpec, stage: ApprovalStage) -> ApprovalSpec | None:
    """The environment's pre- or post-deploy approvals."""
    if stage == ApprovalStage.PRE_DEPLOY:
        return env_spec.pre_deploy_approvals
    return env_spec.post_deploy_approvals


def same_round(rows: Iterable[Approval], *, stage: ApprovalStage, override: bool) -> list[Approval]:
    """The approvals of one round: one stage, and either the approvers' or a gate override."""
    return [a for a in rows if a.stage == stage and a.gate_override == override]


def actionable(rows: list[Approval], spec: ApprovalSpec | None) -> list[Approval]:
    """The pending approvals of a round someone may answer now (the first only, in order)."""
    # By rank: a reassigned approval's replacement keeps its place, though created last.
    pending = sorted((a for a in rows if a.status == ApprovalStatus.PENDING), key=lambda a: a.rank)
    if spec and spec.order == ApprovalOrder.SEQUENTIAL:
        return pending[:1]
    return pending


def approval_refusal(
    approval: Approval,
    *,
    attempt_approvals: Iterable[Approval],
    env_spec: EnvironmentSpec,
    creator: str,
    answerer: Answerer,
) -> DomainError | None:
    """Why ``answerer`` may not answer ``approval`` now, or None when they may."""
    if approval.status != ApprovalStatus.PENDING:
        return _answered(approval, answerer)
    if not acts_as(answerer, approval.approver):
        return PermissionDeniedError(f"{answerer.name!r} is not the approver {approval.approver!r}")
    spec = stage_spec(env_spec, approval.stage)
    if spec and not spec.creator_can_approve and answerer.name == creator:
        return PermissionDeniedError("the creator of the release may not approve it")
    rows = same_round(attempt_approvals, stage=approval.stage, override=approval.gate_override)
    if any(a.approved_by == answerer.name and a.status in COUNTED for a in rows):
        return PermissionDeniedError(f"{answerer.name!r} has already approved this stage")
    if approval.id not in {a.id for a in actionable(rows, spec)}:
        return InvalidTransitionError(
            "approval waits for an earlier approver (sequential order)",
            current_status=approval.status.value,
        )
    return None


def _answered(approval: Approval, answerer: Answerer) -> DomainError:
    if approval.approved_by not in (None, answerer.name):
        # Two people acting at once: the other one won.
        return ConflictError(
            f"approval was already answered by {approval.approved_by!r} ({approval.status.value})"
        )
    return InvalidTransitionError("approval is not pending", current_status=approval.status.value)


def intervention_refusal(
    intervention: ManualIntervention,
    answerer: Answerer,
    *,
    kind: ManualInterventionKind | None = None,
) -> DomainError | None:
    """Why ``answerer`` may not answer ``intervention`` now (as ``kind``), or None."""
    if intervention.status != ManualInterventionStatus.PENDING:
        if intervention.acted_by not in (None, answerer.name, SYSTEM):
            return ConflictError(
                f"manual intervention was already answered by {intervention.acted_by!r}"
                f" ({intervention.status.value})"
            )
        return InvalidTransitionError(
            "manual intervention is not pending", current_status=intervention.status.value
        )
    if kind is not None and intervention.kind != kind:
        action = (
            "resume or reject" if kind == ManualInterventionKind.TASK else "retry, ignore or fix"
        )
        return InvalidTransitionError(
            f"a {intervention.kind.value} intervention cannot {action}",
            current_status=intervention.status.value,
        )
    if not any(acts_as(answerer, who) for who in intervention.approvers or [ANYONE]):
        return PermissionDeniedError(
            f"{answerer.name!r} may not act on this manual intervention"
            + ("" if intervention.approvers else ": one that names no approvers is for operators")
        )
    return None


def answerable_now(state: ReleaseState) -> list[Approval]:
    """Every approval of the release that someone may answer now."""
    found: list[Approval] = []
    for attempt in state.active_attempts():
        env_spec = state.spec.environment(attempt.environment_name)
        for stage in ApprovalStage:
            for override in (False, True):
                rows = same_round(state.approvals_of(attempt), stage=stage, override=override)
                found += actionable(rows, stage_spec(env_spec, stage))
    return found
