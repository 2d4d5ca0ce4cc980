"""A real ``releasegraph serve`` process for tests (a free loopback port, its output in files),
and a gql client of it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.client import AsyncClientSession
from gql.transport.httpx import HTTPXAsyncTransport

from tests.waiting import PROCESS_DEADLINE, poll

JSON = dict[str, Any]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    directory: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql"

    def stdout(self) -> str:
        return (self.directory / "stdout.txt").read_text()

    def stderr(self) -> str:
        return (self.directory / "stderr.txt").read_text()

    def wait_ready(self) -> None:
        poll(self._ready, f"/readyz of {self.base_url}", deadline=PROCESS_DEADLINE)

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(
                f"the server exited with {self.process.returncode}:\n{self.stderr()}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{self.base_url}/readyz", timeout=1).status_code == 200:
                return True
        return False

    def terminate(self) -> int:
        """SIGTERM, and the exit code once it has stopped (killed if it takes too long)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=PROCESS_DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"no exit within {PROCESS_DEADLINE} s of SIGTERM") from None


def _environment(extra: dict[str, str]) -> dict[str, str]:
    # The developer's own RELEASEGRAPH_* settings must not reach the server under test.
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELEASEGRAPH_")}
    return {**env, "PYTHONUNBUFFERED": "1", **extra}


def start(
    directory: Path, *args: str, env: dict[str, str] | None = None, port: int | None = None
) -> Server:
    """``releasegraph serve ARGS`` with its output in files of ``directory``.

    Without ``port``, on a free port; with it, ``args`` or ``env`` must name that port.
    Without a ``--database`` (flag or variable), on a SQLite file in ``directory``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    env = env or {}
    defaults: list[str] = []
    if port is None:
        port = free_port()
        defaults += ["--port", str(port)]
    if "--database" not in args and "RELEASEGRAPH_DATABASE" not in env:
        defaults += ["--database", f"sqlite:///{directory / 'releasegraph.db'}"]
    command = [sys.executable, "-m", "releasegraph.cli", "serve", *defaults, *args]
    with (directory / "stdout.txt").open("wb") as out, (directory / "stderr.txt").open("wb") as err:
        process = subprocess.Popen(
            command, stdout=out, stderr=err, env=_environment(env), cwd=directory
        )
    return Server(process=process, port=port, directory=directory)


@contextlib.contextmanager
def running(
    directory: Path, *args: str, env: dict[str, str] | None = None, port: int | None = None
) -> Iterator[Server]:
    """A started and ready server (see ``start``), stopped at the end whatever happens."""
    server = start(directory, *args, env=env, port=port)
    try:
        server.wait_ready()
        yield server
    finally:
        if server.process.poll() is None:
            server.process.send_signal(signal.SIGTERM)
            try:
                server.process.wait(timeout=PROCESS_DEADLINE)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()


@dataclass(frozen=True)
class PrintedUser:
    role: str
    groups: str
    token: str


_USER_LINE = re.compile(r"^  (\S+) +(VIEWER|OPERATOR|ADMIN) +(\S+) +(\S+)$", re.MULTILINE)


def printed_users(stdout: str) -> dict[str, PrintedUser]:
    """The users with tokens of the start banner: name → role, groups and token."""
    return {
        name: PrintedUser(role=role, groups=groups, token=token)
        for name, role, groups, token in _USER_LINE.findall(stdout)
    }


# -- talking to it with gql ---------------------------------------------------------------------

_MUTATIONS = "query Mutations { __schema { mutationType { fields { name } } } }"


@dataclass
class GraphQLApi:
    """A connected gql session per user, and the mutations the server offers."""

    sessions: dict[str, AsyncClientSession]
    mutations: frozenset[str]

    async def query(self, document: str, variables: JSON, *, as_user: str) -> JSON:
        request = GraphQLRequest(document, variable_values=variables)
        data: JSON = await self.sessions[as_user].execute(request)
        return data

    async def act(self, mutation: str, input: JSON, *, as_user: str, select: str = "") -> JSON:
        """Run ``mutation``; it must answer with its payload, not a typed error.

        A mutation the server does not offer yet skips the test from this step on.
        """
        if mutation not in self.mutations:
            pytest.skip(f"mutation {mutation} is not in the API yet")
        name = mutation[0].upper() + mutation[1:]
        document = (
            f"mutation Act($input: {name}Input!) {{ result: {mutation}(input: $input) {{"
            f" __typename ... on Error {{ code message }} {select} }} }}"
        )
        result: JSON = (await self.query(document, {"input": input}, as_user=as_user))["result"]
        assert result["__typename"] == f"{name}Payload", result
        return result


@contextlib.asynccontextmanager
async def connect(server: Server, tokens: dict[str, str]) -> AsyncIterator[GraphQLApi]:
    """gql over HTTP (httpx) to ``server``, as each user of ``tokens`` (name → token)."""
    async with contextlib.AsyncExitStack() as stack:
        sessions: dict[str, AsyncClientSession] = {}
        for name, token in tokens.items():
            transport = HTTPXAsyncTransport(
                url=server.graphql_url, headers={"Authorization": f"Bearer {token}"}, timeout=10
            )
            client = Client(transport=transport, fetch_schema_from_transport=False)
            sessions[name] = await stack.enter_async_context(client)
        any_user = next(iter(sessions.values()))
        data = await any_user.execute(GraphQLRequest(_MUTATIONS))
        names = frozenset(f["name"] for f in data["__schema"]["mutationType"]["fields"])
        yield GraphQLApi(sessions=sessions, mutations=names)
