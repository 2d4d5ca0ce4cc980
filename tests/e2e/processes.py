"""Several real ``releasegraph`` processes on one database, and what a test sees of them:
the users they share, a websocket feed of the event log from one of them, the rows.

The test reads the database directly, never through the processes under test, and writes
nothing there itself: every change comes from the processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gql import Client, GraphQLRequest
from gql.transport.websockets import WebsocketsTransport
from sqlmodel import Session, col, func, select

from releasegraph.engine.states import RunStatus
from releasegraph.models import Event, Release, Task, TaskRun
from releasegraph.runtime.db import make_engine
from tests.e2e.server import JSON, GraphQLApi, Server, connect, start
from tests.waiting import PROCESS_DEADLINE, poll_async

TOKENS = {
    "ada": "ada-processes-token-0123456789",
    "olivia": "olivia-processes-token-0123456789",
    "victor": "victor-processes-token-0123456789",
}
USERS = f"""\
users:
  - {{name: ada, token: {TOKENS["ada"]}, role: ADMIN}}
  - {{name: olivia, token: {TOKENS["olivia"]}, role: OPERATOR}}
  - {{name: victor, token: {TOKENS["victor"]}, role: VIEWER}}
"""

STARTS = 'echo "$RELEASEGRAPH_RELEASE_ID $RELEASEGRAPH_TASK $RELEASEGRAPH_RUN" >> {marker}'
"""A script's first line: one line per start of a run (release, task, run number)."""


def starts(marker: Path) -> list[tuple[str, str, int]]:
    """Every start the scripts wrote to ``marker``: (release id, task name, run number)."""
    if not marker.exists():
        return []
    found: list[tuple[str, str, int]] = []
    for line in marker.read_text().splitlines():
        release_id, task_name, number = line.split()
        found.append((release_id, task_name, int(number)))
    return found


# -- processes ------------------------------------------------------------------------------


def launch(directory: Path, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
    """``releasegraph ARGS`` in ``directory``, its output in a file (also returned); none of
    the developer's RELEASEGRAPH_* settings reach it."""
    directory.mkdir(parents=True, exist_ok=True)
    output = directory / f"{args[0]}.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELEASEGRAPH_")}
    with output.open("wb") as sink:  # a file, not a pipe: nobody must read for it to go on
        process = subprocess.Popen(
            [sys.executable, "-m", "releasegraph.cli", *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=directory,
            env={**env, "PYTHONUNBUFFERED": "1"},
        )
    return process, output


@contextlib.contextmanager
def servers(directory: Path, count: int, *args: str) -> Iterator[list[Server]]:
    """``count`` ready ``releasegraph serve ARGS`` with the users of ``USERS``; at the end each
    is woken if stopped, and stopped (killed after PROCESS_DEADLINE)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "users.yaml").write_text(USERS)
    users = ("--tokens", str(directory / "users.yaml"))
    started: list[Server] = []
    try:
        for number in range(1, count + 1):
            started.append(start(directory / f"serve-{number}", *users, *args))
        for server in started:
            server.wait_ready()
        yield started
    finally:
        for server in started:
            with contextlib.suppress(ProcessLookupError):
                server.process.send_signal(signal.SIGCONT)
                server.process.send_signal(signal.SIGTERM)
        for server in started:
            stop(server.process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Wait for ``process`` to end after SIGTERM; kill it if it takes too long."""
    try:
        process.wait(timeout=PROCESS_DEADLINE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def log_of(server: Server) -> str:
    return server.stdout() + server.stderr()


@contextlib.asynccontextmanager
async def operator(server: Server) -> AsyncIterator[GraphQLApi]:
    """gql over HTTP to ``server`` as ada (admin) and olivia (operator)."""
    async with connect(server, {k: TOKENS[k] for k in ("ada", "olivia")}) as api:
        yield api


async def create_definition(api: GraphQLApi, source: str) -> str:
    created = await api.act(
        "createReleaseDefinition",
        {"source": source},
        as_user="ada",
        select="... on CreateReleaseDefinitionPayload { definition { id } }",
    )
    definition_id: str = created["definition"]["id"]
    return definition_id


async def create_release(api: GraphQLApi, definition_id: str, **input: object) -> None:
    """A release of the definition (olivia), made as ``input`` says (start, schedule …)."""
    await api.act("createRelease", {"definitionId": definition_id, **input}, as_user="olivia")


# -- the event log as a subscriber on a websocket sees it -----------------------------------

FEED = "subscription Feed($after: Int!) { releaseEvents(after: $after) { seq kind } }"


@dataclass
class Feed:
    """Every event one subscription of ``releaseEvents`` has received, gathered by a task."""

    events: list[JSON] = field(default_factory=list)
    task: asyncio.Task[None] | None = None

    async def until_seq(self, seq: int, *, deadline: float) -> list[JSON]:
        """The events received once one numbered ``seq`` or later has come."""

        def received() -> list[JSON]:
            if self.task is not None and self.task.done():
                self.task.result()  # the subscription ended: raise what ended it
                raise AssertionError(f"the subscription ended before event {seq}")
            return self.events

        return await poll_async(
            received,
            f"event {seq} on the feed",
            until=lambda got: bool(got) and got[-1]["seq"] >= seq,
            deadline=deadline,
        )


@contextlib.asynccontextmanager
async def feed(server: Server, user: str, *, after: int = 0) -> AsyncIterator[Feed]:
    """``releaseEvents(after:)`` on a graphql-transport-ws websocket to ``server``."""
    transport = WebsocketsTransport(
        url=server.graphql_url.replace("http://", "ws://"),
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        init_payload={"authorization": f"Bearer {TOKENS[user]}"},
        connect_args={"proxy": None},
    )
    gathered = Feed()
    async with Client(transport=transport, fetch_schema_from_transport=False) as session:

        async def gather() -> None:
            request = GraphQLRequest(FEED, variable_values={"after": after})
            async for data in session.subscribe(request):
                gathered.events.append(data["releaseEvents"])

        gathered.task = asyncio.create_task(gather())
        try:
            yield gathered
        finally:
            gathered.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await gathered.task


# -- the rows -------------------------------------------------------------------------------


class Database:
    """The test's own read-only look at the database the processes share."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url, pool_size=2)

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return Session(self.engine)

    def running_scripts(self, pid: int) -> list[TaskRun]:
        """Runs in progress whose script has started, leased to the process ``pid``."""
        query = select(TaskRun).where(
            col(TaskRun.status) == RunStatus.IN_PROGRESS,
            col(TaskRun.pid).is_not(None),
            col(TaskRun.lease_owner).like(f"%:{pid}:%"),
        )
        with self.session() as session:
            return list(session.exec(query))

    def running_script(self, pid: int) -> TaskRun | None:
        """A run in progress whose script has started, leased to the process ``pid``."""
        return next(iter(self.running_scripts(pid)), None)

    def run(self, run_id: str) -> TaskRun:
        with self.session() as session:
            run = session.get(TaskRun, run_id)
            assert run is not None, run_id
            return run

    def releases(self) -> list[Release]:
        with self.session() as session:
            return list(session.exec(select(Release).order_by(col(Release.created_on))))

    def unfinished(self) -> int:
        """Releases not completed yet."""
        query = select(func.count()).select_from(Release).where(col(Release.completed_on).is_(None))
        with self.session() as session:
            return session.exec(query).one()

    def runs(self) -> list[tuple[Task, TaskRun]]:
        """Every run with its task, in the order of their start."""
        query = (
            select(Task, TaskRun)
            .join(TaskRun, col(TaskRun.task_id) == col(Task.id))
            .order_by(col(TaskRun.started_on), col(TaskRun.number))
        )
        with self.session() as session:
            return [(task, run) for task, run in session.exec(query)]

    def events(self, *, kind: str | None = None) -> list[Event]:
        query = select(Event).order_by(col(Event.seq))
        if kind is not None:
            query = query.where(col(Event.kind) == kind)
        with self.session() as session:
            return list(session.exec(query))
