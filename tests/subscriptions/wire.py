"""The app in a real uvicorn on a loopback port, and raw graphql-transport-ws clients of it.

Raw ``websockets`` clients send exactly the frames a test writes, hostile ones too, and
see every close code the server sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from starlette.routing import WebSocketRoute
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

from releasegraph.app import AppSettings, GraphQLView, create_app
from releasegraph.auth import demo_store
from releasegraph.runtime.service import Runtime
from releasegraph.subscriptions.protocol import WebSocketProtocol
from tests.waiting import DEADLINE, poll_async

JSON = dict[str, Any]
TRANSPORT_WS = Subprotocol("graphql-transport-ws")
LEGACY_WS = Subprotocol("graphql-ws")


@dataclass
class Served:
    """A running server: where it is, its users' tokens, and the parts a test looks into."""

    port: int
    tokens: dict[str, str]
    view: GraphQLView
    runtime: Runtime

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    async def data(self, query: str, variables: JSON | None = None, *, as_user: str) -> JSON:
        """The ``data`` of an HTTP request that must succeed without errors."""
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}") as client:
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": variables or {}},
                headers={"Authorization": f"Bearer {self.tokens[as_user]}"},
            )
        body = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body
        data: JSON = body["data"]
        return data


@contextlib.asynccontextmanager
async def serving(
    runtime: Runtime, settings: AppSettings, *, ws_max_size: int = 1024 * 1024
) -> AsyncIterator[Served]:
    """``create_app`` in uvicorn on a free loopback port, with the demo users."""
    store, tokens = demo_store()
    app = create_app(runtime, store, settings)
    view = next(r.endpoint for r in app.routes if isinstance(r, WebSocketRoute))
    assert isinstance(view, GraphQLView)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        lifespan="on",
        log_level="warning",
        ws_max_size=ws_max_size,
        # As ``releasegraph serve`` runs it.
        ws=WebSocketProtocol,
        ws_per_message_deflate=False,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        await poll_async(lambda: server.started, "uvicorn started")  # it has no startup event
        port = server.servers[0].sockets[0].getsockname()[1]
        yield Served(port=port, tokens=tokens, view=view, runtime=runtime)
    finally:
        server.should_exit = True
        await task


KEEPALIVES = ({"type": "ping"}, {"type": "ka"})
"""The server's pings, in graphql-transport-ws and in legacy graphql-ws."""


def init_message(token: str) -> JSON:
    return {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}


@dataclass
class Socket:
    """One client connection; ``receive`` skips the server's pings."""

    ws: ClientConnection

    async def send(self, message: JSON | str) -> None:
        await self.ws.send(message if isinstance(message, str) else json.dumps(message))

    async def receive(self) -> JSON:
        async with asyncio.timeout(DEADLINE):
            while True:
                message: JSON = json.loads(await self.ws.recv())
                if message not in KEEPALIVES:
                    return message

    async def keepalives(self, count: int) -> list[float]:
        """When the next ``count`` messages came, each of which must be a ping."""
        times: list[float] = []
        async with asyncio.timeout(DEADLINE):
            while len(times) < count:
                assert json.loads(await self.ws.recv()) in KEEPALIVES
                times.append(time.monotonic())
        return times

    async def init(self, token: str) -> None:
        await self.send(init_message(token))
        assert await self.receive() == {"type": "connection_ack", "payload": None}

    async def subscribe(self, id: str, query: str, variables: JSON | None = None) -> None:
        payload = {"query": query, "variables": variables or {}}
        await self.send({"id": id, "type": "subscribe", "payload": payload})

    async def next(self, id: str) -> JSON:
        """The data of the next result of subscription ``id``."""
        message = await self.receive()
        assert (message["type"], message.get("id")) == ("next", id), message
        assert "errors" not in message["payload"], message
        data: JSON = message["payload"]["data"]
        return data

    async def results(self, count: int) -> dict[str, JSON]:
        """The data of the next ``count`` results, by subscription (in any order between them)."""
        found: dict[str, JSON] = {}
        for _ in range(count):
            message = await self.receive()
            assert message["type"] == "next", message
            assert message["id"] not in found, message
            found[message["id"]] = message["payload"]["data"]
        return found

    async def closed(self) -> tuple[int | None, str | None]:
        """Wait for the server to close the socket: its close code and reason.

        Anything that arrives meanwhile but a ping fails the test.
        """
        with contextlib.suppress(ConnectionClosed):
            message = await self.receive()
            raise AssertionError(f"expected a close, got {message}")
        assert self.ws.close_code is not None
        return self.ws.close_code, self.ws.close_reason

    async def round_trip(self) -> None:
        """A ping of the client answered: whatever the server sent before has arrived."""
        await self.send({"type": "ping"})
        assert await self.receive() == {"type": "pong"}


@contextlib.asynccontextmanager
async def opened(
    server: Served | str,
    *,
    subprotocol: Subprotocol | None = TRANSPORT_WS,
    origin: str | None = None,
) -> AsyncIterator[Socket]:
    """A websocket to ``server`` (or to a ``ws://`` address), not initialised yet."""
    protocols = None if subprotocol is None else [subprotocol]
    async with connect(
        server if isinstance(server, str) else server.url,
        subprotocols=protocols,
        origin=None if origin is None else Origin(origin),
        proxy=None,
        open_timeout=DEADLINE,
        close_timeout=1,
        max_size=None,
    ) as ws:
        yield Socket(ws)


@contextlib.asynccontextmanager
async def connected(served: Served, user: str) -> AsyncIterator[Socket]:
    """An acknowledged graphql-transport-ws connection as ``user``."""
    async with opened(served) as socket:
        await socket.init(served.tokens[user])
        yield socket
