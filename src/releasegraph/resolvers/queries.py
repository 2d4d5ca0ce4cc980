"""Root query fields: each resolver lives in the module named after its field."""

from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.resolvers.agents import MAX_QUEUED, QueuedPhase, agent_queue, agents
from releasegraph.resolvers.approvals import MAX_APPROVALS, approvals
from releasegraph.resolvers.arguments import node_id
from releasegraph.resolvers.events import MAX_EVENTS, events
from releasegraph.resolvers.manual_interventions import MAX_INTERVENTIONS, manual_interventions
from releasegraph.resolvers.release_definitions import (
    DEFINITIONS_DESCRIPTION,
    ReleaseDefinitionConnection,
    release_definition,
    release_definitions,
)
from releasegraph.resolvers.releases import RELEASES_DESCRIPTION, ReleaseConnection, releases
from releasegraph.schema.agents import Agent
from releasegraph.schema.decisions import Approval, ManualIntervention
from releasegraph.schema.events import Event
from releasegraph.schema.releases import Release, ReleaseDefinition


@strawberry.type
class Viewer:
    name: str
    display_name: str
    groups: list[str]
    role: Role


def viewer(info: Info) -> Viewer:
    user = info.context.user
    return Viewer(
        name=user.name, display_name=user.display_name, groups=sorted(user.groups), role=user.role
    )


def release(info: Info, id: relay.GlobalID) -> Release | None:
    row = info.context.loaders.release.get(node_id(info, "id", id, "Release"))
    return None if row is None else Release.from_row(row)


@strawberry.type
class Query:
    node: relay.Node | None = relay.node(
        description="The node of this id; null when there is none (a malformed id is an error)."
    )
    nodes: list[relay.Node | None] = relay.node(
        description="The nodes of these ids, in their order; null for each id without one."
    )
    viewer: Viewer = strawberry.field(resolver=viewer)
    release: Release | None = strawberry.field(resolver=release)
    releases: ReleaseConnection = strawberry.field(
        resolver=releases, description=RELEASES_DESCRIPTION
    )
    release_definition: ReleaseDefinition | None = strawberry.field(resolver=release_definition)
    release_definitions: ReleaseDefinitionConnection = strawberry.field(
        resolver=release_definitions, description=DEFINITIONS_DESCRIPTION
    )
    approvals: list[Approval] = strawberry.field(
        resolver=approvals,
        description=f"Approvals, oldest first, at most `first` (up to {MAX_APPROVALS}).",
    )
    manual_interventions: list[ManualIntervention] = strawberry.field(
        resolver=manual_interventions,
        description=f"Manual interventions, oldest first, at most `first` (up to"
        f" {MAX_INTERVENTIONS}).",
    )
    agents: list[Agent] = strawberry.field(resolver=agents, description="Agents by name.")
    agent_queue: list[QueuedPhase] = strawberry.field(
        resolver=agent_queue,
        description=f"Phases waiting for an agent, oldest first (at most {MAX_QUEUED}).",
    )
    events: list[Event] = strawberry.field(
        resolver=events,
        description=f"The event log in sequence order, at most `first` (up to {MAX_EVENTS}).",
    )
