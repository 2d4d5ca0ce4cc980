"""Releases, their environments, and the definitions they run."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine.spec import EnvironmentSpec, Trigger
from releasegraph.engine.specs import cached_spec, release_spec
from releasegraph.engine.states import EnvironmentStatus, ReleaseExecutionStatus, ReleaseStatus
from releasegraph.schema.execution import DeploymentAttempt
from releasegraph.schema.nodes import LoadedNode
from releasegraph.schema.permissions import EnvironmentActions, ReleaseActions
from releasegraph.schema.scalars import KeyValue, Progress, key_values


@strawberry.type
class DefinitionEnvironment:
    name: str
    trigger: Trigger
    depends_on: list[str]
    critical: bool


@strawberry.type
class ReleaseDefinition(LoadedNode):
    loader = "definition"
    id: relay.NodeID[str]
    name: str
    revision: int
    source: str
    release_count: int
    created_by: str
    created_on: datetime
    modified_by: str
    modified_on: datetime
    row: strawberry.Private[models.ReleaseDefinitionRow]

    @classmethod
    def from_row(cls, row: models.ReleaseDefinitionRow) -> ReleaseDefinition:
        return cls.by_name(row, row=row)

    @strawberry.field(description="Its variables with their defaults; a release may set others.")
    def variables(self) -> list[KeyValue]:
        return key_values(cached_spec(self.row.id, self.row.revision, self.row.spec).variables)

    @strawberry.field
    def environments(self) -> list[DefinitionEnvironment]:
        spec = cached_spec(self.row.id, self.row.revision, self.row.spec)
        return [
            DefinitionEnvironment(
                name=env.name,
                trigger=env.trigger,
                depends_on=list(env.depends_on),
                critical=env.critical,
            )
            for env in spec.environments
        ]


@strawberry.type
class ReleaseEnvironment(LoadedNode):
    """A stage of the release ("phase" in 000_…)."""

    loader = "environment"
    id: relay.NodeID[str]
    name: str
    rank: int
    status: EnvironmentStatus
    skipped: bool
    next_scheduled_time: datetime | None
    release_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.ReleaseEnvironment) -> ReleaseEnvironment:
        return cls.by_name(row)

    @strawberry.field(description="What the viewer may do to it now (the engine decides).")
    def viewer_can(self) -> EnvironmentActions:
        return EnvironmentActions(release_id=self.release_id, environment_id=self.id)

    @strawberry.field
    def attempts(self, info: Info) -> list[DeploymentAttempt]:
        rows = info.context.loaders.attempts_by_environment.get(self.id)
        return [DeploymentAttempt.from_row(a) for a in rows]

    @strawberry.field
    def latest_attempt(self, info: Info) -> DeploymentAttempt | None:
        rows = info.context.loaders.attempts_by_environment.get(self.id)
        return DeploymentAttempt.from_row(rows[-1]) if rows else None

    @strawberry.field
    def trigger(self, info: Info) -> Trigger:
        return self._spec(info).trigger

    @strawberry.field
    def depends_on(self, info: Info) -> list[str]:
        return list(self._spec(info).depends_on)

    @strawberry.field
    def critical(self, info: Info) -> bool:
        return self._spec(info).critical

    def _spec(self, info: Info) -> EnvironmentSpec:
        release = info.context.loaders.release.get(self.release_id)
        assert release is not None
        return release_spec(release).environment(self.name)


@strawberry.type
class Release(LoadedNode):
    loader = "release"

    @strawberry.field(description="What the viewer may do to it now (the engine decides).")
    def viewer_can(self) -> ReleaseActions:
        return ReleaseActions(release_id=self.id)

    id: relay.NodeID[str]
    name: str
    number: int
    status: ReleaseStatus
    execution_status: ReleaseExecutionStatus
    description: str
    artifacts: list[KeyValue]
    variables: list[KeyValue]
    created_by: str
    created_on: datetime
    modified_by: str
    modified_on: datetime
    scheduled_start_time: datetime | None
    started_on: datetime | None
    completed_on: datetime | None
    input_required_count: int
    version: int
    definition_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Release) -> Release:
        return cls.by_name(
            row, artifacts=key_values(row.artifacts), variables=key_values(row.variables)
        )

    @strawberry.field
    def definition(self, info: Info) -> ReleaseDefinition:
        return ReleaseDefinition.load(info, self.definition_id)

    @strawberry.field
    def environments(self, info: Info) -> list[ReleaseEnvironment]:
        rows = info.context.loaders.environments_by_release.get(self.id)
        return [ReleaseEnvironment.from_row(e) for e in rows]

    @strawberry.field(description="Tasks of every environment's latest attempt: ended of all.")
    def progress(self, info: Info) -> Progress:
        done, total = info.context.loaders.progress_by_release.get(self.id)
        return Progress(done=done, total=total)
