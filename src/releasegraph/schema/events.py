"""Events: the log of every state change, one row each, numbered without gaps."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from releasegraph import models
from releasegraph.context import Info
from releasegraph.schema.releases import Release

_NODE_TYPE = {"DeployPhase": "ReleaseDeployPhase"}
"""Tables whose node type has another name; the others share theirs."""


@strawberry.type(description="One state change of a release.")
class Event:
    seq: int
    entity: str = strawberry.field(description="The table of the row that changed.")
    entity_id: relay.GlobalID = strawberry.field(
        description="The global id of the node that changed."
    )
    kind: str
    from_status: str | None
    to_status: str | None
    from_operation_status: str | None
    to_operation_status: str | None
    actor: str
    at: datetime
    data: JSON
    release_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Event) -> Event:
        return cls(
            seq=row.seq,
            entity=row.entity,
            entity_id=relay.GlobalID(_NODE_TYPE.get(row.entity, row.entity), row.entity_id),
            kind=row.kind,
            from_status=row.from_status,
            to_status=row.to_status,
            from_operation_status=row.from_operation_status,
            to_operation_status=row.to_operation_status,
            actor=row.actor,
            at=row.at,
            data=JSON(row.data),
            release_id=row.release_id,
        )

    @strawberry.field
    def release(self, info: Info) -> Release:
        return Release.load(info, self.release_id)
