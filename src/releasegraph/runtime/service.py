"""The runtime: applies the engine's decisions in transactions and does the I/O they ask for."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import TypeVar

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM, Effects, EventDraft
from releasegraph.engine.pairs import IllegalMoveError
from releasegraph.engine.specs import cached_spec
from releasegraph.events.bus import Bus, MemoryBus
from releasegraph.events.log import last_seq
from releasegraph.events.notify import Listener
from releasegraph.models import ReleaseDefinitionRow
from releasegraph.runtime import agents, leases, releases, revisions, store, timers
from releasegraph.runtime.clock import Clock, SystemClock
from releasegraph.runtime.created import Created
from releasegraph.runtime.db import engines, is_sqlite
from releasegraph.runtime.purity import decide_purely
from releasegraph.runtime.remote_agents import RemoteAgents
from releasegraph.runtime.run_executor import RunExecutor
from releasegraph.runtime.settings import Settings
from releasegraph.runtime.timers import Quarantine

log = logging.getLogger(__name__)

_AGENT_RACES = 3
"""Decisions of one command that may lose their agent to another process's before the
last try, which gives up with the error."""

EventListener = Callable[[list[tuple[int, EventDraft]]], None]
M = TypeVar("M", bound=SQLModel)
T = TypeVar("T")


def new_id() -> str:
    return uuid.uuid4().hex


class Runtime:
    """One process's share of the work: every write goes through ``execute``."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        id_factory: Callable[[], str] = new_id,
    ) -> None:
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.new_id = id_factory
        self.owner = leases.new_owner()
        """This process's name on the runs it executes."""
        # A transaction of a stopped process is aborted within a renewal period, so the
        # locks it holds keep no other process from renewing its own leases in time.
        self.db, self.read_db = engines(
            settings.database_url, settings.pool_size, idle_in_transaction=settings.lease_renewal
        )
        self.listeners: list[EventListener] = []
        self.bus: Bus = MemoryBus()
        """Wakes whoever follows the event log."""
        self.log_bus: Bus = MemoryBus()
        """Wakes whoever follows task logs (log lines are not events)."""
        self.runs = RunExecutor(self)
        self.remote_agents = RemoteAgents(self)
        self._wake = asyncio.Event()
        self._changed_queues: set[tuple[str, str]] = set()
        self._agents_freed = False
        self._agents_changed = False
        self._loop_task: asyncio.Task[None] | None = None
        self._quarantine = Quarantine()
        self._next_lease_check: datetime | None = None
        self._listener_task: asyncio.Task[None] | None = None

    # -- lifecycle -------------------------------------------------------------

    def open(self) -> None:
        """Make the schema usable (``revisions.prepare``), register this process's local
        agents."""
        revisions.prepare(self.db)
        with self.session() as session:
            agents.register_local(session, self.settings, self.clock.now())
            session.commit()
        self.bus.publish(self._last_seq())

    async def start(self) -> None:
        """Open, recover what a crash left behind, and start the timer loop."""
        self.open()
        self._keep_leases()
        self._agents_freed = True
        self._loop_task = asyncio.create_task(self._loop(), name="releasegraph-timers")
        if not is_sqlite(self.db):
            self.listener = Listener(
                self.db, events=self.bus, logs=self.log_bus, head=self._last_seq
            )
            self._listener_task = asyncio.create_task(
                self.listener.run(), name="releasegraph-listen"
            )

    def _last_seq(self) -> int:
        with self.read_session() as session:
            return last_seq(session)

    async def stop(self) -> None:
        for task in (self._loop_task, self._listener_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await self.runs.stop_all()
        with contextlib.suppress(Exception), self.session() as session:  # the database may be gone
            leases.release_all(session, self.owner, self.clock.now())
            session.commit()
        self.db.dispose()
        self.read_db.dispose()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session for writing: on SQLite it holds the write lock from its first statement."""
        with Session(self.db, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only: one snapshot, no write lock."""
        with Session(self.read_db, expire_on_commit=False) as session:
            yield session

    # -- writes ----------------------------------------------------------------

    def execute(
        self, release_id: str, command: commands.Command, *, claim: bool = False
    ) -> Created:
        """Decide ``command`` on the release and commit it with its events, or change nothing.

        ``claim``: only if no other process holds the release now (``FOR UPDATE SKIP LOCKED``
        on PostgreSQL); else ``ReleaseBusyError``, having done nothing: that process decides for it.

        A transaction whose connection the server ended before the commit (this process was
        stopped past the idle-in-transaction timeout, say) saved nothing: the command is
        decided once more, on what the database holds now.
        """
        return self.decided(lambda: self._execute(release_id, command, claim=claim))

    def decided(self, decision: Callable[[], T]) -> T:
        """Run the transaction ``decision`` until it commits: again if the connection dropped
        before its commit, or if another process took an agent it took (a few times)."""
        for _ in range(_AGENT_RACES):
            try:
                return self.once_more_if_dropped(decision)
            except store.AgentTakenError as error:
                log.info("%s; deciding again", error)
        return self.once_more_if_dropped(decision)

    def once_more_if_dropped(self, transaction: Callable[[], T]) -> T:
        """Run ``transaction`` again, once, if the server ended its connection before the
        commit: nothing of it was saved."""
        try:
            return transaction()
        except sa.exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
            log.warning("the connection was lost mid-transaction (%s); again", error.orig)
            return transaction()

    def _execute(self, release_id: str, command: commands.Command, *, claim: bool) -> Created:
        with self.session() as session:
            if claim and not store.claim_release(session, release_id):
                raise store.ReleaseBusyError(release_id)
            state = store.load_release(session, release_id)
            resources = store.load_resources(
                session, state.spec, state.release.definition_id, self.limits()
            )
            effects = decide_purely(
                state, command, now=self.clock.now(), new_id=self.new_id, resources=resources
            )
            seqs = self._save(session, release_id, effects)
            session.commit()
        self._after_commit(release_id, effects, seqs)
        return Created(tuple(effects.created))

    def create_definition(self, command: commands.CreateReleaseDefinition) -> ReleaseDefinitionRow:
        with self.session() as session:
            row = releases.create_definition(
                session, command, now=self.clock.now(), new_id=self.new_id
            )
            session.commit()
            return row

    def update_definition(self, command: commands.UpdateReleaseDefinition) -> ReleaseDefinitionRow:
        with self.session() as session:
            row = releases.update_definition(session, command, now=self.clock.now())
            session.commit()
            return row

    def create_release(self, command: commands.CreateRelease) -> str:
        """The new release's id."""
        return self.decided(lambda: self._create_release(command))

    def _create_release(self, command: commands.CreateRelease) -> str:
        with self.session() as session:
            release_id, effects = releases.create_release(
                session,
                command,
                now=self.clock.now(),
                new_id=self.new_id,
                resources=lambda d: store.load_resources(
                    session, cached_spec(d.id, d.revision, d.spec), d.id, self.limits()
                ),
            )
            seqs = self._save(session, release_id, effects)
            session.commit()
        self._after_commit(release_id, effects, seqs)
        return release_id

    def agents_changed(self) -> None:
        """An agent came, left or was enabled: every phase waiting for one looks again."""
        self._agents_changed = True
        self._wake.set()

    def limits(self) -> store.Limits:
        """What a decision's resources depend on now."""
        return store.Limits(
            job_limit=self.settings.job_limit,
            lost_run_limit=self.settings.lost_run_limit,
            seen_since=self.clock.now() - timedelta(seconds=self.settings.lease_seconds),
        )

    def lease_until(self) -> datetime:
        """When a lease taken or renewed now expires."""
        return self.clock.now() + timedelta(seconds=self.settings.lease_seconds)

    def _save(self, session: Session, release_id: str, effects: Effects) -> list[int]:
        effects.start_runs = leases.grant(
            effects.created, effects.start_runs, self.owner, self.lease_until()
        )
        return store.save(
            session,
            created=effects.created,
            events=effects.events,
            agents_assigned=effects.agents_assigned,
            agents_freed=effects.agents_freed,
            release_id=release_id,
        )

    def _after_commit(self, release_id: str, effects: Effects, seqs: list[int]) -> None:
        for run_id in effects.stop_runs:
            self.runs.stop(run_id)
        for run_id in effects.start_runs:
            self.runs.start(release_id, run_id)
        for gate_id in effects.sample_gates:
            self.runs.sample_gate(release_id, gate_id)
        self._changed_queues |= effects.queue_changed
        self._agents_freed = self._agents_freed or bool(effects.agents_freed)
        self._wake.set()
        if seqs:
            self.bus.publish(seqs[-1])
        if effects.events:
            numbered = list(zip(seqs, effects.events, strict=True))
            for listener in self.listeners:
                try:
                    listener(numbered)
                except Exception:  # a listener's fault must not undo the committed change
                    log.exception("event listener %r failed", listener)

    # -- reads -----------------------------------------------------------------

    def load(self, release_id: str) -> ReleaseState:
        with self.read_session() as session:
            return store.load_release(session, release_id, lock=False)

    # -- time and waiting ------------------------------------------------------

    def run_due(self) -> int:
        """Tick every release whose time has come or whose resources freed; returns the ticks."""
        ticks = 0
        busy: set[str] = set()
        """Releases another process holds: it ticks them; looking again now would only spin."""
        while True:
            with self.read_session() as session:
                due = timers.due_releases(session, self.clock.now())
            waiting = self._take_waiting()
            runnable = [
                r
                for r in dict.fromkeys(due + waiting)
                if r not in busy and not self._quarantine.holds(r)
            ]
            if not runnable:
                return ticks
            for release_id in runnable:
                if self._tick(release_id):
                    ticks += 1
                else:
                    busy.add(release_id)

    def _take_waiting(self) -> list[str]:
        queues, self._changed_queues = self._changed_queues, set()
        freed, self._agents_freed = self._agents_freed, False
        changed, self._agents_changed = self._agents_changed, False
        with self.read_session() as session:
            waiting = timers.queued_releases(session, queues)
            if freed or changed:
                seen_since = self.limits().seen_since
                waiting += timers.agent_waiting_releases(session, seen_since, all_waiting=changed)
        return waiting

    def _tick(self, release_id: str) -> bool:
        """Tick the release; False if another process holds it."""
        try:
            self.execute(release_id, commands.Tick(actor=SYSTEM), claim=True)
        except store.ReleaseBusyError:
            return False
        except IllegalMoveError as error:
            delay = self._quarantine.add(release_id)
            log.error(  # one line: the move names the bug, and the rows are intact
                "release %s: the engine refused a move it made (%s); nothing was saved,"
                " next try in %.0f s",
                release_id,
                error,
                delay,
            )
        except Exception:
            delay = self._quarantine.add(release_id)
            log.exception("tick of release %s failed; next try in %.0f s", release_id, delay)
        else:
            self._quarantine.release(release_id)
        return True

    def _next_due(self) -> datetime | None:
        with self.read_session() as session:
            return timers.next_due(session, excluding=self._quarantine.ids())

    def _keep_leases(self) -> datetime:
        """Renew this process's leases and take over expired ones, each ``lease_renewal``
        seconds; when to do it next."""
        now = self.clock.now()
        if self._next_lease_check is None or self._next_lease_check <= now:
            self._next_lease_check = now + timedelta(seconds=self.settings.lease_renewal)
            self.runs.renew()
            self.runs.recover()
            self._mark_agents_away()
        return self._next_lease_check

    def _mark_agents_away(self) -> None:
        """Remote agents silent for a lease are offline (their runs are LOST meanwhile)."""
        with self.session() as session:
            away = agents.mark_away(session, self.limits().seen_since or self.clock.now())
            session.commit()
        if away:
            log.info("%d remote agent slot(s) went offline: not seen for a lease", away)

    async def _loop(self) -> None:
        while True:
            self._wake.clear()
            try:
                lease_check = self._keep_leases()
                self.run_due()
                next_due = min(filter(None, (self._next_due(), lease_check)))
            except Exception:  # the database may be away for a while: try again later
                log.exception("timer loop failed; retrying")
                next_due = None
            try:
                async with asyncio.timeout(self.settings.poll_interval):
                    await self.clock.sleep_until(next_due, self._wake)
            except TimeoutError:
                # Other processes commit work we hear nothing of: look at the database anyway.
                self._agents_freed = True

    async def idle(self) -> None:
        """Wait until nothing is due now and no executor runs; callers bound it with a timeout."""
        while True:
            self.run_due()
            if not await self.runs.wait_any():
                next_due = self._next_due()
                if next_due is None or next_due > self.clock.now():
                    return
