"""ASGI pieces in front of GraphQL: who is asking, what they accept, how much they may send."""

from __future__ import annotations

import json

from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from releasegraph.auth import TokenStore

DEFAULT_MAX_BODY_BYTES = 1_000_000
GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


async def _send_json(
    send: Send, status: int, body: object, headers: list[tuple[bytes, bytes]]
) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def _error(message: str, code: str) -> dict[str, object]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


class BearerAuth:
    """Puts the user of a valid ``Authorization: Bearer`` token in ``scope["user"]``.

    HTTP requests without one get 401, except a browser's GET of the GraphiQL page.
    Websockets pass through: their token travels in ``connection_init``.
    """

    def __init__(self, app: ASGIApp, tokens: TokenStore) -> None:
        self.app = app
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        scheme, _, token = headers.get("authorization", "").partition(" ")
        user = self.tokens.authenticate(token.strip()) if scheme.lower() == "bearer" else None
        if user is None and not _wants_ide(scope, headers):
            await _send_json(
                send,
                401,
                _error("a valid bearer token is required", "UNAUTHENTICATED"),
                [(b"www-authenticate", b'Bearer realm="releasegraph"')],
            )
            return
        scope["user"] = user
        await self.app(scope, receive, send)


def _wants_ide(scope: Scope, headers: Headers) -> bool:
    # Parsed as the view parses it: "%71uery=" is a query too.
    return (
        scope["method"] == "GET"
        and "text/html" in headers.get("accept", "")
        and "query" not in QueryParams(scope.get("query_string", b""))
    )


def response_media_type(accept: str) -> str:
    """``application/graphql-response+json`` if the client ranks it at least as high as
    ``application/json``, else ``application/json`` (also when the client names neither)."""
    quality: dict[str, float] = {}
    for item in accept.split(","):
        media_type, *parameters = (part.strip() for part in item.split(";"))
        quality[media_type.lower()] = _quality(parameters)
    preferred = quality.get(GRAPHQL_RESPONSE, 0.0)
    return GRAPHQL_RESPONSE if preferred > 0 and preferred >= quality.get(JSON, 0.0) else JSON


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with 413, before they are read whole."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        too_large = False

        async def limited() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise BodyTooLargeError
            return message

        try:
            await self.app(scope, limited, send)
        except BodyTooLargeError:
            if too_large:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        # The connection stays open: a client still sending would see a reset, not the 413.
        await _send_json(
            send,
            413,
            _error(f"the request body is over {self.max_bytes} bytes", "PAYLOAD_TOO_LARGE"),
            [],
        )


class BodyTooLargeError(Exception):
    pass
