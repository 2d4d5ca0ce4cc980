"""The limit: the GraphQL API's answer for the whole tree, from plain SQLAlchemy Core SELECTs.

``GET /releases/{id}`` reads every row of one release in one transaction and json-encodes
the same document as the GraphQL query of ``api_graphql.RELEASE_TREE``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, request_response

from api_graphql import Json, global_id
from api_plain_json import (
    Row,
    approval_json,
    definition_json,
    gate_json,
    intervention_json,
    iso,
    pairs,
    run_json,
)
from releasegraph import models
from releasegraph.auth import DEMO_USERS, TokenStore, User
from releasegraph.engine.specs import cached_spec
from releasegraph.engine.states import TERMINAL_TASK, ApprovalStage, TaskStatus
from releasegraph.http import BearerAuth, BodyLimit
from releasegraph.runtime.db import make_engine

ADA = next(user for user in DEMO_USERS if user.name == "ada")
"""The user both servers answer."""

_DONE = TERMINAL_TASK | {TaskStatus.FAILED}


def _grouped(rows: Iterable[Row], key: str) -> defaultdict[str, list[Row]]:
    groups: defaultdict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return groups


def _group_approvals(approvals: list[models.Approval]) -> defaultdict[str, list[models.Approval]]:
    groups: defaultdict[str, list[models.Approval]] = defaultdict(list)
    for approval in approvals:
        groups[approval.attempt_id].append(approval)
    return groups


@dataclass(kw_only=True)
class PlainTree:
    """Every row of one release, read in one transaction, and the document built from them."""

    release: Row
    definition: Row
    environments: list[Row]
    attempts: defaultdict[str, list[Row]]
    phases: defaultdict[str, list[Row]]
    tasks: defaultdict[str, list[Row]]
    runs: defaultdict[str, list[Row]]
    log: defaultdict[str, list[Row]]
    approvals: defaultdict[str, list[models.Approval]]
    gates: defaultdict[str, list[Row]]
    interventions: defaultdict[str, list[Row]]
    user: User

    @classmethod
    def read(cls, connection: sa.Connection, release_id: str, user: User) -> PlainTree | None:
        tables = SQLModel.metadata.tables
        release = connection.execute(
            sa.select(tables["release"]).where(tables["release"].c.id == release_id)
        ).first()
        if release is None:
            return None
        definitions = tables["release_definition"]
        task_ids = sa.select(tables["task"].c.id).where(tables["task"].c.release_id == release_id)

        def rows(name: str, *order: str, where: sa.ColumnElement[bool] | None = None) -> list[Row]:
            table = tables[name]
            condition = table.c.release_id == release_id if where is None else where
            query = sa.select(table).where(condition).order_by(*(table.c[o] for o in order))
            return list(connection.execute(query))

        log_table = tables["task_log_line"]
        approvals = [models.Approval(**r._mapping) for r in rows("approval", "rank", "created_on")]
        return cls(
            release=release,
            definition=connection.execute(
                sa.select(definitions).where(definitions.c.id == release.definition_id)
            ).one(),
            environments=rows("release_environment", "rank"),
            attempts=_grouped(rows("deployment_attempt", "attempt"), "environment_id"),
            phases=_grouped(rows("deploy_phase", "rank"), "attempt_id"),
            tasks=_grouped(rows("task", "rank"), "phase_id"),
            runs=_grouped(rows("task_run", "number"), "task_id"),
            log=_grouped(
                rows("task_log_line", "line", where=log_table.c.task_id.in_(task_ids)), "task_id"
            ),
            approvals=_group_approvals(approvals),
            gates=_grouped(rows("gate", "started_on"), "attempt_id"),
            interventions=_grouped(rows("manual_intervention", "created_on"), "phase_id"),
            user=user,
        )

    def document(self) -> Json:
        r = self.release
        return {
            "data": {
                "release": {
                    "id": global_id("Release", r.id),
                    "name": r.name,
                    "number": r.number,
                    "status": r.status,
                    "executionStatus": r.execution_status,
                    "description": r.description,
                    "artifacts": pairs(r.artifacts),
                    "variables": pairs(r.variables),
                    "createdBy": r.created_by,
                    "createdOn": iso(r.created_on),
                    "modifiedBy": r.modified_by,
                    "modifiedOn": iso(r.modified_on),
                    "scheduledStartTime": iso(r.scheduled_start_time),
                    "startedOn": iso(r.started_on),
                    "completedOn": iso(r.completed_on),
                    "inputRequiredCount": r.input_required_count,
                    "version": r.version,
                    "definition": definition_json(self.definition),
                    "progress": self._progress(),
                    "environments": [self._environment(e) for e in self.environments],
                }
            }
        }

    def _progress(self) -> Json:
        latest = {attempts[-1].id for attempts in self.attempts.values() if attempts}
        tasks = [t for attempt in latest for p in self.phases[attempt] for t in self.tasks[p.id]]
        done, total = sum(t.status in _DONE for t in tasks), len(tasks)
        return {
            "done": done,
            "total": total,
            "percent": 100.0 if total == 0 else round(100.0 * done / total, 1),
        }

    def _environment(self, e: Row) -> Json:
        r = self.release
        spec = cached_spec(r.definition_id, r.definition_revision, r.spec).environment(e.name)
        attempts = self.attempts[e.id]
        return {
            "id": global_id("ReleaseEnvironment", e.id),
            "name": e.name,
            "rank": e.rank,
            "status": e.status,
            "skipped": e.skipped,
            "nextScheduledTime": iso(e.next_scheduled_time),
            "trigger": spec.trigger,
            "dependsOn": list(spec.depends_on),
            "critical": spec.critical,
            "latestAttempt": (
                {
                    "id": global_id("DeploymentAttempt", attempts[-1].id),
                    "attempt": attempts[-1].attempt,
                }
                if attempts
                else None
            ),
            "attempts": [self._attempt(a) for a in attempts],
        }

    def _attempt(self, a: Row) -> Json:
        approvals = self.approvals[a.id]
        return {
            "id": global_id("DeploymentAttempt", a.id),
            "attempt": a.attempt,
            "environmentName": a.environment_name,
            "status": a.status,
            "operationStatus": a.operation_status,
            "reason": a.reason,
            "requestedBy": a.requested_by,
            "lastModifiedBy": a.last_modified_by,
            "queuedOn": iso(a.queued_on),
            "scheduledAt": iso(a.scheduled_at),
            "deferredUntil": iso(a.deferred_until),
            "startedOn": iso(a.started_on),
            "completedOn": iso(a.completed_on),
            "preDeployApprovals": [
                approval_json(self.release, self.user, a, x, approvals)
                for x in approvals
                if x.stage == ApprovalStage.PRE_DEPLOY
            ],
            "postDeployApprovals": [
                approval_json(self.release, self.user, a, x, approvals)
                for x in approvals
                if x.stage == ApprovalStage.POST_DEPLOY
            ],
            "gates": [gate_json(g) for g in self.gates[a.id]],
            "phases": [self._phase(p) for p in self.phases[a.id]],
        }

    def _phase(self, p: Row) -> Json:
        return {
            "id": global_id("ReleaseDeployPhase", p.id),
            "name": p.name,
            "rank": p.rank,
            "runOn": p.run_on,
            "pool": p.pool,
            "status": p.status,
            "agent": p.agent_name,
            "startedOn": iso(p.started_on),
            "completedOn": iso(p.completed_on),
            "manualInterventions": [
                intervention_json(i, self.user) for i in self.interventions[p.id]
            ],
            "tasks": [self._task(t) for t in self.tasks[p.id]],
        }

    def _task(self, t: Row) -> Json:
        runs = self.runs[t.id]
        numbers = {run.id: run.number for run in runs}
        return {
            "id": global_id("Task", t.id),
            "name": t.name,
            "kind": t.kind,
            "rank": t.rank,
            "status": t.status,
            "carriedOver": t.carried_over,
            "inputs": pairs(t.inputs),
            "logLineCount": t.log_lines,
            "startedOn": iso(t.started_on),
            "completedOn": iso(t.completed_on),
            "runs": [run_json(run) for run in runs],
            "log": [
                {
                    "line": line.line,
                    "stream": line.stream,
                    "text": line.text,
                    "at": iso(line.at),
                    "runNumber": numbers.get(line.run_id),
                }
                for line in self.log[t.id][:10_000]
                if line.line > 0
            ],
        }


def plain_app(database: Path, tokens: TokenStore) -> Starlette:
    """``GET /releases/{id}``: the limit, behind the same auth and middleware as /graphql."""
    engine = make_engine(f"sqlite:///{database}", read_only=True)

    async def release_tree(request: Request) -> Response:
        user = request.scope.get("user") or ADA
        with engine.connect() as connection:
            tree = PlainTree.read(connection, request.path_params["release_id"], user)
        document = {"data": {"release": None}} if tree is None else tree.document()
        body = json.dumps(document, separators=(",", ":"))
        return Response(body, media_type="application/json")

    middleware = [
        Middleware(BodyLimit),
        Middleware(CORSMiddleware, allow_methods=["GET", "POST"]),
    ]
    routes = [
        Route("/releases/{release_id}", BearerAuth(request_response(release_tree), tokens)),
        Route("/healthz", lambda request: Response("ok")),
    ]
    return Starlette(routes=routes, middleware=middleware)
