"""Remote agents as the server serves them: registration, held claims, leases, logs, reports.

A ``releasegraph agent`` process registers its slots, then each slot holds a claim
request open until a run of its phase is offered to it (``engine.agents.offered_to``).
Claiming takes the run's lease under a fencing token; every renewal, log batch and report
carries the token, and one whose lease was taken over is refused with ``STALE_LEASE``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import Session, col, select

from releasegraph import __version__
from releasegraph.engine import agents, commands
from releasegraph.engine.errors import (
    NotFoundError,
    StaleLeaseError,
    ValidationError,
    ValidationIssue,
)
from releasegraph.engine.states import AgentStatus, RunStatus
from releasegraph.models import Agent, TaskRun
from releasegraph.runtime.run_executor import RunOrder, run_order, store_lines

if TYPE_CHECKING:
    from releasegraph.runtime.service import Runtime

log = logging.getLogger(__name__)

GONE_CHECK_SECONDS = 1.0
"""How often a held claim looks whether its asker hung up or the server stops."""
MAX_CAPACITY = 64
MAX_LOG_BATCH = 1000
"""Lines one log batch may carry."""


def compatible(version: str) -> bool:
    """An agent of the server's major and minor version speaks its API."""
    return version.split(".")[:2] == __version__.split(".")[:2]


def slot_names(name: str, capacity: int) -> list[str]:
    """The slots of an agent process: its name, or ``NAME/1`` … ``NAME/N``."""
    return [name] if capacity == 1 else [f"{name}/{k}" for k in range(1, capacity + 1)]


@dataclass(frozen=True, kw_only=True)
class Registration:
    name: str
    pool: str
    capacity: int
    capabilities: dict[str, str]
    version: str
    actor: str


@dataclass(frozen=True, kw_only=True)
class Job:
    """A claimed run: what to run and the token that fences every write about it."""

    order: RunOrder
    token: str
    lease_seconds: float


@dataclass(frozen=True, kw_only=True)
class Renewal:
    expires_at: datetime
    stop: bool
    """The server ended the run (a cancel, its timeout): kill it and report nothing."""


class RemoteAgents:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._closing = threading.Event()

    # -- registration ----------------------------------------------------------

    def register(self, reg: Registration) -> list[Agent]:
        """Bring the process's slots online; refuse a name or version it may not have."""
        _check(reg)
        now = self.runtime.clock.now()
        names = slot_names(reg.name, reg.capacity)
        with self.runtime.session() as session:
            rows = {a.name: a for a in session.exec(select(Agent).where(_of_process(reg.name)))}
            for name in names:
                row = rows.get(name) or Agent(
                    id=name, name=name, pool=reg.pool, status=AgentStatus.ONLINE
                )
                if row.name not in rows and session.get(Agent, name) is not None:
                    raise ValidationError([ValidationIssue("name", f"{name!r} is taken")])
                session.add(_registered(row, reg, now))
            for name, row in rows.items():
                if name not in names and row.phase_id is None:
                    row.status = AgentStatus.OFFLINE
                    session.add(row)
            session.commit()
            registered = [session.get(Agent, name) for name in names]
        log.info(
            "agent %s (%s, as %s) registered %d slots in pool %s",
            reg.name,
            reg.version,
            reg.actor,
            reg.capacity,
            reg.pool,
        )
        self.runtime.agents_changed()
        return [row for row in registered if row is not None]

    # -- claims ----------------------------------------------------------------

    async def claim(
        self, slot: str, wait_seconds: float, *, gone: Callable[[], Awaitable[bool]]
    ) -> Job | None:
        """The run offered to ``slot``, claimed; waits up to ``wait_seconds`` for one.

        A claim whose asker is ``gone`` (it hung up: a dead agent's request) takes nothing,
        nor does one held while the server stops (``close``): nobody would get the run.
        """
        bus = self.runtime.bus
        async with bus.subscribe() as waiter:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + wait_seconds
            while not self._closing.is_set() and not await gone():
                seen = bus.latest
                job = self._try_claim(slot)
                remaining = deadline - loop.time()
                if job is not None or remaining <= 0:
                    return job
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(min(remaining, GONE_CHECK_SECONDS)):
                        await waiter.wait(seen)
            return None

    def close(self) -> None:
        """The server stops: held claims end, taking nothing. Safe from a signal handler."""
        self._closing.set()

    def _try_claim(self, slot: str) -> Job | None:
        """Claim the run offered to ``slot``, if any. Each commit anywhere wakes every held
        claim, so a claim first only reads: it writes when it has a run to take, or when the
        slot was last marked seen a renewal period ago."""
        now = self.runtime.clock.now()
        with self.runtime.read_session() as session:
            agent = session.get(Agent, slot)
            offered = _offered(session, slot)
        if agent is None or not agent.remote:
            raise NotFoundError("Agent", slot)
        fresh = now - timedelta(seconds=self.runtime.settings.lease_renewal)
        seen_lately = agent.last_seen is not None and agent.last_seen > fresh
        if (offered is None or not agent.enabled) and seen_lately:
            return None
        token = f"{agents.offered_to(slot)}:{uuid.uuid4().hex}"
        with self.runtime.session() as session:
            agent = self._seen(session, slot, now)
            offered = _offered(session, slot) if agent.enabled else None
            claimed = offered is not None and _take(session, offered[0], slot, token, self._until())
            session.commit()
        if offered is None or not claimed:
            return None
        order = run_order(self.runtime.load(offered[1]), offered[0])
        return Job(order=order, token=token, lease_seconds=self.runtime.settings.lease_seconds)

    def _seen(self, session: Session, slot: str, now: datetime) -> Agent:
        """The slot, marked seen now; an agent back after an absence wakes waiting phases."""
        agent = session.get(Agent, slot)
        if agent is None or not agent.remote:
            raise NotFoundError("Agent", slot)
        away = agent.last_seen is None or agent.last_seen < now - self._lease()
        agent.last_seen = now
        agent.status = AgentStatus.ONLINE
        session.add(agent)
        if away:
            self.runtime.agents_changed()
        return agent

    # -- a claimed run ---------------------------------------------------------

    def renew(self, run_id: str, token: str) -> Renewal:
        """Extend the claim's lease; ``stop`` once the server ended the run."""
        until = self._until()
        with self._holding(run_id, token, "renewal") as (session, run):
            self._seen(session, agents.slot_of(token), self.runtime.clock.now())
            stop = run.status != RunStatus.IN_PROGRESS
            if not stop:
                run.lease_expires_at = until
                session.add(run)
            session.commit()
        return Renewal(expires_at=until, stop=stop)

    def append_log(self, run_id: str, token: str, first: int, lines: list[tuple[str, str]]) -> int:
        """Store the batch's lines not stored yet (a batch sent again is not stored twice);
        the index of the next line the run's agent should send."""
        if len(lines) > MAX_LOG_BATCH:
            issue = ValidationIssue("lines", f"at most {MAX_LOG_BATCH} lines per batch")
            raise ValidationError([issue])
        with self._holding(run_id, token, "log") as (session, run):
            if first > run.log_received:
                issue = ValidationIssue(
                    "firstLine", f"line {run.log_received} is the next the server needs"
                )
                raise ValidationError([issue])
            new = lines[run.log_received - first :]
            if new:
                store_lines(session, run.task_id, run_id, new, self.runtime.clock.now())
                run.log_received += len(new)
                session.add(run)
            received = run.log_received
            session.commit()
        if new:
            self.runtime.log_bus.publish(self.runtime.log_bus.latest + 1)
        return received

    def report(
        self, run_id: str, token: str, *, exit_code: int | None, error: str | None, actor: str
    ) -> None:
        """The run's outcome: success when it has no error."""
        with self.runtime.read_session() as session:
            run = session.get(TaskRun, run_id)
        if run is None:
            raise NotFoundError("TaskRun", run_id)
        finished = commands.RunFinished(
            actor=actor,
            run_id=run_id,
            succeeded=error is None,
            exit_code=exit_code,
            error=error,
            lease_owner=token,
        )
        try:
            self.runtime.execute(run.release_id, finished)
        except StaleLeaseError:
            self._refused(run.release_id, run_id, token, "report")
            raise

    @contextlib.contextmanager
    def _holding(self, run_id: str, token: str, what: str) -> Iterator[tuple[Session, TaskRun]]:
        """A write session and the run, locked, if ``token`` still holds it; else, the
        session closed, the refusal recorded and ``STALE_LEASE`` raised."""
        with self.runtime.session() as session:
            run = session.get(TaskRun, run_id, with_for_update=True)
            if run is None:
                raise NotFoundError("TaskRun", run_id)
            if run.lease_owner == token:
                yield session, run
                return
            release_id = run.release_id
        self._refused(release_id, run_id, token, what)
        raise StaleLeaseError(run_id, token)

    def _refused(self, release_id: str, run_id: str, token: str, what: str) -> None:
        error = StaleLeaseError(run_id, token)
        log.warning("%s: %s (%s refused)", error.code.value, error.message, what)
        slot = agents.slot_of(token)
        lost = commands.LeaseLost(actor=slot, run_id=run_id, owner=token, refused=what)
        self.runtime.execute(release_id, lost)
        with self.runtime.session() as session:
            session.execute(
                sa.update(Agent)
                .where(col(Agent.name) == slot)
                .values(stale_refusals=col(Agent.stale_refusals) + 1)
            )
            session.commit()

    # -- operating -------------------------------------------------------------

    def set_enabled(self, agent_id: str, enabled: bool) -> Agent:
        with self.runtime.session() as session:
            agent = session.get(Agent, agent_id)
            if agent is None:
                raise NotFoundError("Agent", agent_id)
            agent.enabled = enabled
            session.add(agent)
            session.commit()
        self.runtime.agents_changed()
        return agent

    def _lease(self) -> timedelta:
        return timedelta(seconds=self.runtime.settings.lease_seconds)

    def _until(self) -> datetime:
        return self.runtime.clock.now() + self._lease()


def _registered(row: Agent, reg: Registration, now: datetime) -> Agent:
    row.pool = reg.pool
    row.remote = True
    row.process = reg.name
    row.capacity = reg.capacity
    row.capabilities = reg.capabilities
    row.version = reg.version
    row.status = AgentStatus.ONLINE
    row.last_seen = now
    return row


def _of_process(name: str) -> sa.ColumnElement[bool]:
    return col(Agent.process) == name


def _offered(session: Session, slot: str) -> tuple[str, str] | None:
    """The id and release of the run offered to ``slot``, not claimed yet."""
    row = session.exec(
        select(TaskRun.id, TaskRun.release_id).where(
            col(TaskRun.agent_name) == slot,
            col(TaskRun.lease_owner) == agents.offered_to(slot),
            col(TaskRun.status) == RunStatus.IN_PROGRESS,
        )
    ).first()
    return None if row is None else (row[0], row[1])


def _take(session: Session, run_id: str, slot: str, token: str, until: datetime) -> bool:
    """Claim the offered run: only one claim of it succeeds."""
    taken = session.execute(
        sa.update(TaskRun)
        .where(col(TaskRun.id) == run_id, col(TaskRun.lease_owner) == agents.offered_to(slot))
        .values(lease_owner=token, lease_expires_at=until)
    )
    return bool(taken.rowcount)  # type: ignore[attr-defined]


def _check(reg: Registration) -> None:
    issues = []
    if not compatible(reg.version):
        issues.append(
            ValidationIssue(
                "version",
                f"agent {reg.version} cannot work for server {__version__}:"
                " run an agent of the same major.minor version",
            )
        )
    if (
        not reg.name.strip()
        or reg.name.startswith(agents.LOCAL_PREFIX)
        or set("/:") & set(reg.name)
    ):
        issues.append(
            ValidationIssue(
                "name", f"a name not starting with {agents.LOCAL_PREFIX!r}, without '/' or ':'"
            )
        )
    if not 1 <= reg.capacity <= MAX_CAPACITY:
        issues.append(ValidationIssue("capacity", f"from 1 to {MAX_CAPACITY}"))
    if not reg.pool.strip():
        issues.append(ValidationIssue("pool", "a pool name"))
    if issues:
        raise ValidationError(issues)
