"""Release definitions as stored: the source document and its canonical form."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from releasegraph.models.types import UTCDateTime


class ReleaseDefinitionRow(SQLModel, table=True):
    __tablename__ = "release_definition"

    id: str = Field(primary_key=True)
    name: str = Field(unique=True, index=True)
    revision: int = 1
    source: str
    spec: dict[str, object] = Field(sa_type=sa.JSON)
    release_count: int = 0
    created_by: str
    created_on: datetime = Field(sa_type=UTCDateTime)
    modified_by: str
    modified_on: datetime = Field(sa_type=UTCDateTime)
