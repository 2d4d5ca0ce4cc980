"""Releases and their environments."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from releasegraph.engine.states import EnvironmentStatus, ReleaseExecutionStatus, ReleaseStatus
from releasegraph.models.types import UTCDateTime, enum_type


class Release(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    number: int
    """Counts the releases of its definition: 1, 2, 3 …; orders queues where times tie."""
    definition_id: str = Field(index=True)
    definition_revision: int
    spec: dict[str, object] = Field(sa_type=sa.JSON)
    """The definition as it was when the release was created."""
    status: ReleaseStatus = Field(sa_type=enum_type(ReleaseStatus), index=True)
    execution_status: ReleaseExecutionStatus = Field(
        sa_type=enum_type(ReleaseExecutionStatus), index=True
    )
    description: str = ""
    artifacts: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    variables: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    created_by: str = Field(index=True)
    created_on: datetime = Field(sa_type=UTCDateTime, index=True)
    modified_by: str
    modified_on: datetime = Field(sa_type=UTCDateTime)
    scheduled_start_time: datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    input_required_count: int = 0
    next_wakeup_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    version: int = 0


class ReleaseEnvironment(SQLModel, table=True):
    __tablename__ = "release_environment"

    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    definition_id: str
    name: str
    rank: int
    status: EnvironmentStatus = Field(sa_type=enum_type(EnvironmentStatus))
    skipped: bool = False
    """Not started because a dependency ended unsuccessfully."""
    next_scheduled_time: datetime | None = Field(default=None, sa_type=UTCDateTime)
    modified_on: datetime = Field(sa_type=UTCDateTime)
