"""Agents: workers in pools, each running one job (a deploy phase) at a time.

A row is one slot: a local agent of a server (``local-N``), or one of the ``--capacity``
slots of a remote ``releasegraph agent`` process (its ``--name``, or ``NAME/K`` when it has
several).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
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
    remote: bool = False
    """A slot of a ``releasegraph agent`` process, not of a server."""
    process: str | None = None
    """The ``--name`` of the remote agent process the slot belongs to."""
    capacity: int = 1
    """Slots of its process."""
    capabilities: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    version: str | None = None
    stale_refusals: int = 0
    """Writes of the slot refused with STALE_LEASE: it sent them after its lease was lost."""
