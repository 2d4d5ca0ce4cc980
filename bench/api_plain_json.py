"""One row of the release as the JSON object the GraphQL API answers for it, written by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from api_graphql import Json, global_id
from releasegraph import models
from releasegraph.auth import User
from releasegraph.engine import answerers
from releasegraph.engine.specs import cached_spec
from releasegraph.schema.decisions import may_act

Row = sa.Row[Any]


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def pairs(mapping: dict[str, str]) -> list[Json]:
    return [{"name": k, "value": v} for k, v in sorted(mapping.items())]


def definition_json(d: Row) -> Json:
    spec = cached_spec(d.id, d.revision, d.spec)
    return {
        "id": global_id("ReleaseDefinition", d.id),
        "name": d.name,
        "revision": d.revision,
        "source": d.source,
        "releaseCount": d.release_count,
        "createdBy": d.created_by,
        "createdOn": iso(d.created_on),
        "modifiedBy": d.modified_by,
        "modifiedOn": iso(d.modified_on),
        "environments": [
            {
                "name": e.name,
                "trigger": e.trigger,
                "dependsOn": list(e.depends_on),
                "critical": e.critical,
            }
            for e in spec.environments
        ],
    }


def approval_json(
    r: Row, user: User, attempt: Row, x: models.Approval, of_attempt: list[models.Approval]
) -> Json:
    """Approval ``x`` of ``attempt`` in release ``r``, with whether ``user`` may approve it."""
    environment = cached_spec(r.definition_id, r.definition_revision, r.spec).environment(
        attempt.environment_name
    )
    refusal = answerers.approval_refusal(
        x,
        attempt_approvals=of_attempt,
        env_spec=environment,
        creator=r.created_by,
        answerer=user.answerer(),
    )
    return {
        "id": global_id("Approval", x.id),
        "stage": x.stage,
        "rank": x.rank,
        "approver": x.approver,
        "status": x.status,
        "gateOverride": x.gate_override,
        "approvedBy": x.approved_by,
        "comment": x.comment,
        "createdOn": iso(x.created_on),
        "modifiedOn": iso(x.modified_on),
        "timeoutAt": iso(x.timeout_at),
        "deferUntil": iso(x.defer_until),
        "reassignedFrom": x.reassigned_from,
        "canApprove": refusal is None,
        "environmentName": attempt.environment_name,
    }


def gate_json(g: Row) -> Json:
    return {
        "id": global_id("Gate", g.id),
        "stage": g.stage,
        "status": g.status,
        "samples": g.samples,
        "lastResults": [{"name": k, "passed": v} for k, v in sorted(g.last_results.items())],
        "startedOn": iso(g.started_on),
        "completedOn": iso(g.completed_on),
        "nextSampleAt": iso(g.next_sample_at),
        "timeoutAt": iso(g.timeout_at),
        "succeedingSince": iso(g.succeeding_since),
    }


def intervention_json(i: Row, user: User) -> Json:
    can_act = may_act(user, models.ManualIntervention(**i._mapping))
    return {
        "id": global_id("ManualIntervention", i.id),
        "kind": i.kind,
        "status": i.status,
        "instructions": i.instructions,
        "approvers": list(i.approvers),
        "resolution": i.resolution,
        "values": pairs(i.values),
        "actedBy": i.acted_by,
        "comment": i.comment,
        "createdOn": iso(i.created_on),
        "modifiedOn": iso(i.modified_on),
        "timeoutAt": iso(i.timeout_at),
        "canAct": can_act,
    }


def run_json(run: Row) -> Json:
    return {
        "id": global_id("TaskRun", run.id),
        "number": run.number,
        "status": run.status,
        "agent": run.agent_name,
        "startedOn": iso(run.started_on),
        "completedOn": iso(run.completed_on),
        "exitCode": run.exit_code,
        "error": run.error,
    }
