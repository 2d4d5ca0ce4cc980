"""Agents: the workers of a pool, each running one deploy phase at a time."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine.states import AgentStatus
from releasegraph.schema.execution import ReleaseDeployPhase
from releasegraph.schema.nodes import LoadedNode


@strawberry.type
class AgentCapability:
    name: str
    value: str


@strawberry.type
class Agent(LoadedNode):
    loader = "agent"
    id: relay.NodeID[str]
    name: str
    pool: str
    status: AgentStatus
    enabled: bool = strawberry.field(
        description="A disabled agent finishes its current phase and takes no other."
    )
    last_seen: datetime | None
    remote: bool = strawberry.field(
        description="A slot of a `releasegraph agent` process; else a local agent of a server."
    )
    process: str | None = strawberry.field(
        description="The name of the agent process the slot belongs to (remote agents)."
    )
    capacity: int = strawberry.field(description="Slots of its process.")
    version: str | None
    stale_refusals: int = strawberry.field(
        description="Its writes refused with STALE_LEASE: sent after its lease was lost."
    )
    phase_id: strawberry.Private[str | None]
    capabilities_map: strawberry.Private[dict[str, str]]

    @strawberry.field(description="What it offers, matched against a phase's `demands`.")
    def capabilities(self) -> list[AgentCapability]:
        return [AgentCapability(name=k, value=v) for k, v in sorted(self.capabilities_map.items())]

    @classmethod
    def from_row(cls, row: models.Agent) -> Agent:
        return cls.by_name(row, capabilities_map=dict(row.capabilities))

    @strawberry.field(description="Whether it runs a phase now.")
    def busy(self) -> bool:
        return self.phase_id is not None

    @strawberry.field(description="The phase it runs now.")
    def current_phase(self, info: Info) -> ReleaseDeployPhase | None:
        if self.phase_id is None:
            return None
        row = info.context.loaders.phase.get(self.phase_id)
        return None if row is None else ReleaseDeployPhase.from_row(row)
