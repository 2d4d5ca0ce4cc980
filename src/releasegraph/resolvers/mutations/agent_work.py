"""The agent protocol: the mutations a ``releasegraph agent`` process calls, and only it.

``registerAgent`` brings its slots online; each slot then holds ``claimJob`` open until a
run of its phase is offered to it, and works under the claim's token: ``renewJobLease``
(which also says when the server ended the run), ``appendJobLog`` and ``reportJob``. A
token whose lease was taken over gets ``STALE_LEASE``. Only users with role AGENT may call
them, and such users may call nothing else (``schema.agent_scope``).
"""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine.errors import ValidationError as DomainValidationError
from releasegraph.engine.errors import ValidationIssue as DomainValidationIssue
from releasegraph.resolvers.mutations.common import decode, held_mutation, mutation, require
from releasegraph.runtime.remote_agents import Job, Registration
from releasegraph.schema.agents import Agent
from releasegraph.schema.errors import (
    NotFoundError,
    PermissionDeniedError,
    StaleLeaseError,
    ValidationError,
)

MAX_WAIT_SECONDS = 60.0
LEASED_ERRORS = (NotFoundError, PermissionDeniedError, StaleLeaseError, ValidationError)


@strawberry.input
class AgentCapabilityInput:
    name: str
    value: str


@strawberry.input(description="An agent process's slots: one per --capacity.")
class RegisterAgentInput:
    name: str
    version: str = strawberry.field(description="The agent's releasegraph version.")
    pool: str = "default"
    capacity: int = 1
    capabilities: list[AgentCapabilityInput] = strawberry.field(default_factory=list)


@strawberry.type
class RegisterAgentPayload:
    agents: list[Agent] = strawberry.field(description="Its slots, each an agent of the pool.")
    lease_seconds: float = strawberry.field(
        description="A claim's lease: renew it well within this, or the run is LOST."
    )


@mutation(RegisterAgentPayload, PermissionDeniedError, ValidationError)
def register_agent(info: Info, input: RegisterAgentInput) -> RegisterAgentPayload:
    require(info, Role.AGENT)
    capabilities = {c.name: c.value for c in input.capabilities}
    registration = Registration(
        name=input.name,
        pool=input.pool,
        capacity=input.capacity,
        capabilities=capabilities,
        version=input.version,
        actor=info.context.user.name,
    )
    rows = info.context.runtime.remote_agents.register(registration)
    return RegisterAgentPayload(
        agents=[Agent.from_row(row) for row in rows],
        lease_seconds=info.context.runtime.settings.lease_seconds,
    )


@strawberry.input(description="Wait for the next run offered to a slot, and claim it.")
class ClaimJobInput:
    agent: str = strawberry.field(description="The slot's name, as registerAgent gave it.")
    wait_seconds: float = strawberry.field(
        default=0.0,
        description=f"How long to hold the request for work; at most {MAX_WAIT_SECONDS:g}.",
    )


@strawberry.type
class JobVariable:
    name: str
    value: str


@strawberry.type(description="A claimed run of a script or http task.")
class AgentJob:
    run_id: relay.GlobalID
    token: str = strawberry.field(description="Fences every later write about this claim.")
    task_name: str
    kind: str
    script: str | None
    url: str | None
    method: str
    environment: list[JobVariable]
    lease_seconds: float

    @classmethod
    def of(cls, job: Job) -> AgentJob:
        spec = job.order.spec
        return cls(
            run_id=relay.GlobalID("TaskRun", job.order.run_id),
            token=job.token,
            task_name=job.order.task_name,
            kind=spec.kind.value,
            script=spec.run,
            url=spec.url,
            method=spec.method,
            environment=[JobVariable(name=k, value=v) for k, v in sorted(job.order.env.items())],
            lease_seconds=job.lease_seconds,
        )


@strawberry.type
class ClaimJobPayload:
    job: AgentJob | None = strawberry.field(description="None when no work came in time.")


@held_mutation(ClaimJobPayload, NotFoundError, PermissionDeniedError, ValidationError)
async def claim_job(info: Info, input: ClaimJobInput) -> ClaimJobPayload:
    require(info, Role.AGENT)
    if not 0 <= input.wait_seconds <= MAX_WAIT_SECONDS:
        issue = DomainValidationIssue("waitSeconds", f"from 0 to {MAX_WAIT_SECONDS:g}")
        raise DomainValidationError([issue])
    remote = info.context.runtime.remote_agents
    job = await remote.claim(input.agent, input.wait_seconds, gone=info.context.hung_up)
    return ClaimJobPayload(job=None if job is None else AgentJob.of(job))


@strawberry.input
class RenewJobLeaseInput:
    run_id: relay.GlobalID
    token: str


@strawberry.type
class RenewJobLeasePayload:
    lease_expires_at: datetime
    stop: bool = strawberry.field(
        description="The server ended the run (a cancel, its timeout): kill it, report nothing."
    )


@mutation(RenewJobLeasePayload, *LEASED_ERRORS)
def renew_job_lease(info: Info, input: RenewJobLeaseInput) -> RenewJobLeasePayload:
    require(info, Role.AGENT)
    run_id = decode(input.run_id, "TaskRun", "runId")
    renewal = info.context.runtime.remote_agents.renew(run_id, input.token)
    return RenewJobLeasePayload(lease_expires_at=renewal.expires_at, stop=renewal.stop)


@strawberry.input
class JobLogLineInput:
    text: str
    stream: str = "stdout"


@strawberry.input(description="Lines of a run's output, numbered from 0 per run.")
class AppendJobLogInput:
    run_id: relay.GlobalID
    token: str
    first_line: int = strawberry.field(
        description="The number of the batch's first line; a batch sent again is stored once."
    )
    lines: list[JobLogLineInput]


@strawberry.type
class AppendJobLogPayload:
    next_line: int = strawberry.field(description="The number of the next line to send.")


@mutation(AppendJobLogPayload, *LEASED_ERRORS)
def append_job_log(info: Info, input: AppendJobLogInput) -> AppendJobLogPayload:
    require(info, Role.AGENT)
    run_id = decode(input.run_id, "TaskRun", "runId")
    lines = [(line.stream, line.text) for line in input.lines]
    received = info.context.runtime.remote_agents.append_log(
        run_id, input.token, input.first_line, lines
    )
    return AppendJobLogPayload(next_line=received)


@strawberry.input(description="A run's outcome: it succeeded unless `error` says why not.")
class ReportJobInput:
    run_id: relay.GlobalID
    token: str
    exit_code: int | None = None
    error: str | None = None


@strawberry.type
class ReportJobPayload:
    run_id: relay.GlobalID


@mutation(ReportJobPayload, *LEASED_ERRORS)
def report_job(info: Info, input: ReportJobInput) -> ReportJobPayload:
    require(info, Role.AGENT)
    run_id = decode(input.run_id, "TaskRun", "runId")
    info.context.runtime.remote_agents.report(
        run_id,
        input.token,
        exit_code=input.exit_code,
        error=input.error,
        actor=info.context.user.name,
    )
    return ReportJobPayload(run_id=input.run_id)
