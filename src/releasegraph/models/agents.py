"""Agents: workers in pools, each running one job (a deploy phase) at a time."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from releasegraph.engine.states import AgentStatus
from releasegraph.models.types import UTCDateTime, enum_type


class Agent(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str = Field(unique=True)
    pool: str = Field(index=True)
    status: AgentStatus = Field(sa_type=enum_type(AgentStatus))
    enabled: bool = True
    phase_id: str | None = Field(default=None, index=True)
    release_id: str | None = None
    last_seen: datetime | None = Field(default=None, sa_type=UTCDateTime)
