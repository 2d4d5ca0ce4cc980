"""A server per test (the app in uvicorn, a hand-moved clock), its witness, its releases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from releasegraph.app import AppSettings
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from releasegraph.subscriptions.protocol import WebSocketProtocol
from tests.subscriptions.wire import JSON, Served, Socket, connected, serving
from tests.support import definition

INIT_TIMEOUT = 0.5
MAX_CONNECTIONS = 3
MAX_SUBSCRIPTIONS = 3
MAX_SIZE = 64 * 1024
ALLOWED_ORIGIN = "https://dashboard.example"
SETTINGS = AppSettings(
    connection_init_timeout=INIT_TIMEOUT,
    max_connections_per_user=MAX_CONNECTIONS,
    max_subscriptions_per_connection=MAX_SUBSCRIPTIONS,
    allowed_origins=(ALLOWED_ORIGIN,),
    ping_interval=60,
)

APPROVED_DEPLOY = definition(
    """
    name: approved
    environments:
      - name: staging
        preDeployApprovals: {approvers: [alice], requiredCount: 1}
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 60}
    """
)
CREATE_DEFINITION = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    ... on CreateReleaseDefinitionPayload { definition { id } }
  }
}"""
CREATE_RELEASE = """
mutation($definition: ID!, $start: Boolean!) {
  createRelease(input: {definitionId: $definition, start: $start}) {
    ... on CreateReleasePayload { release { id } }
  }
}"""
NEWEST_RELEASE = "subscription { releasesUpdated(first: 1) { id } }"


@pytest.fixture
def runtime_settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(database_url=database_url, agents=1, workdir=str(tmp_path))


@pytest.fixture
async def served(runtime_settings: Settings, clock: ManualClock) -> AsyncIterator[Served]:
    """The app with SETTINGS in uvicorn, messages up to MAX_SIZE bytes."""
    async with serving(Runtime(runtime_settings, clock=clock), SETTINGS, ws_max_size=MAX_SIZE) as s:
        yield s


@pytest.fixture
def protocols(monkeypatch: pytest.MonkeyPatch) -> list[WebSocketProtocol]:
    """The server's websocket protocols, as their connections start."""
    started: list[WebSocketProtocol] = []
    run_asgi = WebSocketProtocol.run_asgi

    async def run(self: WebSocketProtocol) -> None:
        started.append(self)
        await run_asgi(self)

    monkeypatch.setattr(WebSocketProtocol, "run_asgi", run)
    return started


async def create_definition(served: Served, source: str = APPROVED_DEPLOY) -> str:
    data = await served.data(CREATE_DEFINITION, {"source": source}, as_user="ada")
    definition_id: str = data["createReleaseDefinition"]["definition"]["id"]
    return definition_id


async def create_release(served: Served, definition_id: str, *, start: bool = False) -> str:
    variables: JSON = {"definition": definition_id, "start": start}
    data = await served.data(CREATE_RELEASE, variables, as_user="olivia")
    release_id: str = data["createRelease"]["release"]["id"]
    return release_id


class Witness:
    """Victor's socket, opened before anything hostile happens, following the newest release."""

    def __init__(self, served: Served, socket: Socket, definition_id: str) -> None:
        self.served = served
        self.socket = socket
        self.definition_id = definition_id

    async def still_served(self) -> None:
        """A new release reaches the witness: its socket and the server still work."""
        release_id = await create_release(self.served, self.definition_id)
        while (await self.socket.next("newest"))["releasesUpdated"] != [{"id": release_id}]:
            pass


@pytest.fixture
async def witness(served: Served) -> AsyncIterator[Witness]:
    definition_id = await create_definition(served)
    async with connected(served, "victor") as socket:
        await socket.subscribe("newest", NEWEST_RELEASE)
        assert await socket.next("newest") == {"releasesUpdated": []}
        yield Witness(served, socket, definition_id)
