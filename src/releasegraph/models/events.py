"""The append-only event log: one row per state change, gap-free sequence numbers."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from releasegraph.models.types import UTCDateTime


class Event(SQLModel, table=True):
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    release_id: str = Field(index=True)
    entity: str
    entity_id: str
    kind: str
    from_status: str | None = None
    to_status: str | None = None
    from_operation_status: str | None = None
    to_operation_status: str | None = None
    actor: str
    at: datetime = Field(sa_type=UTCDateTime)
    data: dict[str, object] = Field(default_factory=dict, sa_type=sa.JSON)


class SequenceCounter(SQLModel, table=True):
    """Hands out event sequence numbers; its row lock orders commits as it orders numbers."""

    __tablename__ = "sequence_counter"

    name: str = Field(primary_key=True)
    value: int = 0
