"""A release's own lifecycle: create, edit the draft, schedule, start, abandon."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.attempts import cancel_attempt, create_attempt
from releasegraph.engine.commands import CreateRelease
from releasegraph.engine.context import Ctx
from releasegraph.engine.errors import InvalidTransitionError, ValidationError, ValidationIssue
from releasegraph.engine.spec import DefinitionSpec, Trigger
from releasegraph.engine.states import (
    DeploymentReason,
    EnvironmentStatus,
    ReleaseExecutionStatus,
    ReleaseStatus,
)
from releasegraph.engine.status import set_status
from releasegraph.models import Release, ReleaseDefinitionRow, ReleaseEnvironment


def new_release(
    command: CreateRelease,
    definition: ReleaseDefinitionRow,
    spec: DefinitionSpec,
    *,
    now: datetime,
    new_id: Callable[[], str],
) -> ReleaseState:
    """A draft release of ``definition`` (``spec`` is its parsed form), counted on it.

    The release keeps the definition as it is now; its variables start as the
    definition's, overridden by the command's.
    """
    definition.release_count += 1
    number = definition.release_count
    release = Release(
        id=new_id(),
        name=f"Release-{number}",
        number=number,
        definition_id=definition.id,
        definition_revision=definition.revision,
        spec=definition.spec,
        status=ReleaseStatus.DRAFT,
        execution_status=ReleaseExecutionStatus.NOT_STARTED,
        description=command.description,
        artifacts=dict(command.artifacts),
        variables={**spec.variables, **command.variables},
        created_by=command.actor,
        created_on=now,
        modified_by=command.actor,
        modified_on=now,
    )
    return ReleaseState(
        release=release, spec=spec, environments=_environments(release, spec, now, new_id)
    )


def _environments(
    release: Release, spec: DefinitionSpec, now: datetime, new_id: Callable[[], str]
) -> list[ReleaseEnvironment]:
    return [
        ReleaseEnvironment(
            id=new_id(),
            release_id=release.id,
            definition_id=release.definition_id,
            name=env.name,
            rank=rank,
            status=EnvironmentStatus.NOT_STARTED,
            modified_on=now,
        )
        for rank, env in enumerate(spec.environments)
    ]


def require_status(ctx: Ctx, *allowed: ReleaseStatus, action: str) -> None:
    status = ctx.state.release.status
    if status not in allowed:
        raise InvalidTransitionError(
            f"cannot {action}: release is {status.value}", current_status=status.value
        )


def update_draft(
    ctx: Ctx,
    *,
    description: str | None,
    artifacts: dict[str, str] | None,
    variables: dict[str, str] | None,
) -> None:
    require_status(ctx, ReleaseStatus.DRAFT, action="edit the release")
    release = ctx.state.release
    changed: dict[str, object] = {}
    if description is not None:
        release.description = changed["description"] = description
    if artifacts is not None:
        release.artifacts = dict(artifacts)
        changed["artifacts"] = dict(artifacts)
    if variables is not None:
        release.variables = dict(variables)
        changed["variables"] = dict(variables)
    _touch(ctx)
    ctx.event(entity="Release", entity_id=release.id, kind="release.updated", data=changed)


def schedule(ctx: Ctx, start_at: datetime) -> None:
    require_status(ctx, ReleaseStatus.DRAFT, action="schedule the release")
    if start_at <= ctx.now:
        raise ValidationError([ValidationIssue("startAt", "must be in the future")])
    ctx.state.release.scheduled_start_time = start_at
    _touch(ctx)
    ctx.event(
        entity="Release",
        entity_id=ctx.state.release.id,
        kind="release.scheduled",
        data={"scheduledStartTime": start_at.isoformat()},
    )


def start(ctx: Ctx) -> None:
    """Start now, and deploy every environment triggered by the release itself."""
    require_status(ctx, ReleaseStatus.DRAFT, action="start the release")
    release = ctx.state.release
    release.started_on = ctx.now
    _touch(ctx)
    set_status(ctx, release, ReleaseStatus.ACTIVE)
    for env in ctx.state.environments:
        if ctx.state.env_spec(env).trigger == Trigger.AFTER_RELEASE:
            create_attempt(ctx, env, DeploymentReason.AUTOMATED)


def start_when_due(ctx: Ctx) -> bool:
    release = ctx.state.release
    due = release.scheduled_start_time
    if release.status != ReleaseStatus.DRAFT or due is None or due > ctx.now:
        return False
    start(ctx)
    return True


def abandon(ctx: Ctx) -> None:
    """Cancel everything still going on; the release takes no action after this."""
    require_status(ctx, ReleaseStatus.DRAFT, ReleaseStatus.ACTIVE, action="abandon the release")
    for attempt in ctx.state.active_attempts():
        cancel_attempt(ctx, attempt, reason="release abandoned", by=ctx.actor)
    _touch(ctx)
    set_status(ctx, ctx.state.release, ReleaseStatus.ABANDONED)


def _touch(ctx: Ctx) -> None:
    ctx.state.release.modified_by = ctx.actor
    ctx.state.release.modified_on = ctx.now


def refresh_environment(ctx: Ctx, env: ReleaseEnvironment, status: EnvironmentStatus) -> bool:
    if env.status == status:
        return False
    env.modified_on = ctx.now
    set_status(ctx, env, status)
    return True
