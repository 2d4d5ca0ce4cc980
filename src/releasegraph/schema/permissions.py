"""What the viewer may do to a release and its rows, decided by the engine's own rules.

Each ``viewerCan`` field decides the command its button would send on a copy of the
release (``runtime/dry_run.py``), after the role its mutation requires: a page shows a button
exactly when the server would accept it, and decides nothing itself.
"""

from __future__ import annotations

from datetime import timedelta

import strawberry

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.engine.states import TaskStatus

DRIVES_RELEASES = Role.OPERATOR
"""The role of every command on a release but an answer to an approval or intervention."""
SCHEDULE_AHEAD = timedelta(days=1)
"""``schedule`` asks whether the release could be scheduled a day from now."""


def _may(info: Info, release_id: str, command: commands.Command) -> bool:
    if not info.context.user.has(DRIVES_RELEASES):
        return False
    return info.context.loaders.dry_runs.allows(release_id, command)


@strawberry.type(description="What the viewer may do to a release now.")
class ReleaseActions:
    release_id: strawberry.Private[str]

    @strawberry.field
    def start(self, info: Info) -> bool:
        return _may(info, self.release_id, commands.StartRelease(**info.context.user.acting()))

    @strawberry.field
    def schedule(self, info: Info) -> bool:
        at = info.context.runtime.clock.now() + SCHEDULE_AHEAD
        command = commands.ScheduleRelease(**info.context.user.acting(), start_at=at)
        return _may(info, self.release_id, command)

    @strawberry.field
    def abandon(self, info: Info) -> bool:
        return _may(info, self.release_id, commands.AbandonRelease(**info.context.user.acting()))


@strawberry.type(description="What the viewer may do to an environment now.")
class EnvironmentActions:
    release_id: strawberry.Private[str]
    environment_id: strawberry.Private[str]

    @strawberry.field(description="Deploy it, or deploy it again.")
    def deploy(self, info: Info) -> bool:
        command = commands.DeployEnvironment(
            **info.context.user.acting(), environment_id=self.environment_id
        )
        return _may(info, self.release_id, command)

    @strawberry.field(description="Cancel its deployment under way.")
    def cancel(self, info: Info) -> bool:
        command = commands.CancelDeployment(
            **info.context.user.acting(), environment_id=self.environment_id
        )
        return _may(info, self.release_id, command)


@strawberry.type(description="What the viewer may do to a failed task now.")
class TaskActions:
    release_id: strawberry.Private[str]
    task_id: strawberry.Private[str]
    status: strawberry.Private[TaskStatus]

    def _may(
        self,
        info: Info,
        kind: type[commands.RetryTask | commands.IgnoreTaskFailure | commands.FixAndContinue],
    ) -> bool:
        # Each acts only on a failure still waiting for a decision: a task not FAILED has
        # none, and is not decided on at all.
        if self.status != TaskStatus.FAILED:
            return False
        return _may(info, self.release_id, kind(**info.context.user.acting(), task_id=self.task_id))

    @strawberry.field
    def retry(self, info: Info) -> bool:
        return self._may(info, commands.RetryTask)

    @strawberry.field
    def ignore(self, info: Info) -> bool:
        return self._may(info, commands.IgnoreTaskFailure)

    @strawberry.field
    def fix_and_continue(self, info: Info) -> bool:
        return self._may(info, commands.FixAndContinue)
