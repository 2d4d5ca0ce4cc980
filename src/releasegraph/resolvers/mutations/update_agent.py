from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.resolvers.mutations.common import decode, mutation, require
from releasegraph.schema.agents import Agent
from releasegraph.schema.errors import NotFoundError, PermissionDeniedError, ValidationError


@strawberry.input(description="Enable an agent, or disable it to drain it.")
class UpdateAgentInput:
    agent_id: relay.GlobalID
    enabled: bool


@strawberry.type
class UpdateAgentPayload:
    agent: Agent


@mutation(UpdateAgentPayload, NotFoundError, PermissionDeniedError, ValidationError)
def update_agent(info: Info, input: UpdateAgentInput) -> UpdateAgentPayload:
    require(info, Role.ADMIN)
    agent_id = decode(input.agent_id, "Agent", "agentId")
    row = info.context.runtime.remote_agents.set_enabled(agent_id, input.enabled)
    return UpdateAgentPayload(agent=Agent.from_row(row))
