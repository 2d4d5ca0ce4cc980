"""graphql-transport-ws, as Strawberry speaks it, plus what long-lived dashboards need.

- snapshot subscriptions (``releaseUpdated``, ``releasesUpdated``, ``inputRequired``)
  are shared: identical ones run once and their bytes are fanned out (``fanout``);
- the server pings idle sockets so that proxies keep them open;
- each user may hold only so many connections.

Streams (``releaseEvents``, ``taskLog``) run per subscriber: they read the log at
the subscriber's own pace, so a slow one lags behind and uses no more memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from typing import Protocol, cast

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLFormattedError,
    OperationDefinitionNode,
    OperationType,
    parse,
)
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import Message
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from releasegraph.context import Context
from releasegraph.subscriptions.fanout import FanOut, Member, Send, SendNow, group_key
from releasegraph.subscriptions.protocol import SEND_NOW, text_frame_header

SHARED_FIELDS = frozenset({"releaseUpdated", "releasesUpdated", "inputRequired"})


CLOSE_REASON_BYTES = 123
"""The longest reason a websocket close frame can carry."""


class WebSocketAdapter(ASGIWebSocketAdapter):
    """Strawberry's, with close reasons cut to fit a close frame: some quote what the client
    sent (an unknown message type, a duplicate id), and a longer one would fail the close."""

    async def close(self, code: int, reason: str) -> None:
        await super().close(code, reason.encode()[:CLOSE_REASON_BYTES].decode(errors="ignore"))


def chosen_operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    """The operation a request names, or its only one, as GraphQL's GetOperation chooses it;
    graphql-core's GraphQLError when there is none to choose.

    Strawberry would run the first of several unnamed ones, and answers an unknown name with
    an "Unexpected error." (and logs it as one).
    """
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        named = [o for o in operations if o.name and o.name.value == name]
        if not named:
            raise GraphQLError(f"Unknown operation named '{name}'.")
        return named[0]
    if len(operations) != 1:
        raise GraphQLError(
            "Must provide operation name if query contains multiple operations."
            if operations
            else "Must provide an operation."
        )
    return operations[0]


def shared_field(operation: OperationDefinitionNode) -> str | None:
    """The root field of a subscription that may be shared, or None."""
    if operation.operation != OperationType.SUBSCRIPTION:
        return None
    names = [getattr(s, "name", None) for s in operation.selection_set.selections]
    if len(names) != 1 or names[0] is None or names[0].value not in SHARED_FIELDS:
        return None
    return str(names[0].value)


def malformed(message: object) -> bool:
    """Whether a JSON frame lacks the shape its type needs (Strawberry would crash on it)."""
    if not isinstance(message, dict):
        return True
    kind = message.get("type")
    if kind in ("subscribe", "complete") and not isinstance(message.get("id"), str):
        return True
    return kind == "subscribe" and not _is_request(message.get("payload"))


def _is_request(payload: object) -> bool:
    return (
        isinstance(payload, dict)
        and isinstance(payload.get("query"), str)
        and isinstance(payload.get("variables"), dict | None)
        and isinstance(payload.get("operationName"), str | None)
    )


def _payload(result: ExecutionResult) -> str:
    payload: dict[str, object] = {"data": result.data}
    if result.errors:
        payload["errors"] = [e.formatted for e in result.errors]
    return json.dumps(payload, separators=(",", ":"))


async def _serialized(
    results: AsyncGenerator[PreExecutionError | ExecutionResult, None],
) -> AsyncIterator[str]:
    async with contextlib.aclosing(results):
        async for result in results:
            yield _payload(result)


class Host(Protocol):
    """What the handler needs of the view that runs it."""

    fanout: FanOut
    ping_interval: float

    def connection_closed(self, context: Context) -> None: ...


class TransportHandler(BaseGraphQLTransportWSHandler[Context, None]):
    _members: dict[str, Member]
    """Each running shared subscription's member, by operation id."""

    @property
    def host(self) -> Host:
        return cast(Host, self.view)

    async def handle(self) -> None:
        self._members = {}
        pinger = asyncio.create_task(self._ping())
        try:
            await super().handle()
        finally:
            # First of all: a connection that is gone must give its user's slot back.
            self.host.connection_closed(self.context)
            pinger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pinger

    async def cleanup_operation(self, operation_id: str) -> None:
        self._detach(operation_id)
        await super().cleanup_operation(operation_id)

    def forget_id(self, id: str) -> None:
        self._detach(id)
        super().forget_id(id)

    def _detach(self, operation_id: str) -> None:
        """The operation is over for the client, at once: its id is free for another, and
        its member (whose task leaves the group only once it runs again) writes nothing."""
        member = self._members.pop(operation_id, None)
        if member is not None:
            member.detach()

    async def handle_message(self, message: Message) -> None:
        if malformed(message):
            await self.handle_invalid_message("Failed to parse message")
            return
        await super().handle_message(message)

    async def _ping(self) -> None:
        while True:
            await asyncio.sleep(self.host.ping_interval)
            if self.connection_acknowledged:
                try:
                    await self.send_message({"type": "ping"})
                except WebSocketDisconnected:
                    return  # the socket closed under the ping: the handler is ending too

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        try:
            shared = self._shares(operation)
        except GraphQLError as error:
            # An error of this operation only: the socket and its other operations go on.
            await operation.send_initial_errors([error])
            return
        if not shared:
            await super().run_operation(operation)
            return
        key = group_key(
            operation.query, operation.variables, operation.operation_name, self.context.scope
        )
        send, send_now = self._senders(operation)
        with self.host.fanout.join(key, lambda: self._start(operation), send, send_now) as member:
            self._members[operation.id] = member
            try:
                await member.deliver()
            finally:
                if self._members.get(operation.id) is member:
                    del self._members[operation.id]
            if member.errors:
                await operation.send_operation_message(
                    {"id": operation.id, "type": "error", "payload": member.errors}
                )
            else:
                await operation.send_operation_message({"id": operation.id, "type": "complete"})

    def _shares(self, operation: Operation[Context, None]) -> bool:
        """Whether the operation is one that runs once for all its subscribers; a GraphQLError
        if its document does not parse or has no operation to run.

        Found here, before Strawberry runs it: Strawberry closes the whole socket for a syntax
        error (and its parser cache raises one where Strawberry does not catch it).
        The parsed document is not kept: thousands of subscribers would each hold one.
        """
        document = parse(operation.query, max_tokens=self.context.limits.max_tokens)
        return shared_field(chosen_operation(document, operation.operation_name)) is not None

    async def _start(
        self, operation: Operation[Context, None]
    ) -> AsyncGenerator[str, None] | list[GraphQLFormattedError]:
        results = await self.schema.subscribe(
            operation.query,
            variable_values=operation.variables,
            context_value=self.context.for_subscription(),
            operation_name=operation.operation_name,
        )
        first = await anext(results, None)
        if isinstance(first, PreExecutionError):
            await results.aclose()
            return [e.formatted for e in first.errors or []]

        async def rest() -> AsyncGenerator[str, None]:
            if first is not None:
                yield _payload(first)
            async for payload in _serialized(results):
                yield payload

        return rest()

    def _senders(self, operation: Operation[Context, None]) -> tuple[Send, SendNow | None]:
        """How a payload goes out as a ``next`` message: through ASGI, and written at once
        if the server offers it."""
        assert isinstance(self.websocket, ASGIWebSocketAdapter)
        websocket = self.websocket.ws
        head = f'{{"id":{json.dumps(operation.id)},"type":"next","payload":'

        async def send(payload: str) -> None:
            await websocket.send_text(f"{head}{payload}}}")

        extension = websocket.scope.get("extensions", {}).get(SEND_NOW)
        if extension is None:
            return send, None
        write: Callable[[bytes], bool] = extension["write"]
        # Each member's message starts with its own operation id; the payload after it is
        # the group's, encoded once for all.
        start = head.encode()
        framed = len(start) + len(_END)

        def send_now(payload: bytes) -> bool:
            header = text_frame_header(framed + len(payload))
            return write(b"".join((header, start, payload, _END)))

        return send, send_now


_END = b"}"
"""What closes a ``next`` message after its payload."""
