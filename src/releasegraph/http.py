"""ASGI pieces in front of GraphQL: who is asking, what they accept, how much and what
they may send."""

from __future__ import annotations

import abc
import json
import math
import re
import sys
from itertools import accumulate
from typing import NoReturn
from urllib.parse import unquote_to_bytes

from cross_web import StarletteRequestAdapter, parse_content_type
from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from releasegraph.auth import TokenStore

DEFAULT_MAX_BODY_BYTES = 1_000_000
MAX_JSON_DEPTH = 32
"""How deep arrays and objects may nest in a request's JSON, the request object counted:
deeper JSON is refused before it is parsed (Python's parser recurses once a level)."""
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


class HttpOnly(abc.ABC):
    """A middleware for HTTP requests: websockets and lifespan messages pass through."""

    app: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    @abc.abstractmethod
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one HTTP request (``scope["type"] == "http"``)."""


class BearerAuth(HttpOnly):
    """Puts the user of a valid ``Authorization: Bearer`` token in ``scope["user"]``.

    HTTP requests without one get 401, except a browser's GET of the GraphiQL page.
    Websockets pass through: their token travels in ``connection_init``.
    """

    def __init__(self, app: ASGIApp, tokens: TokenStore) -> None:
        self.app = app
        self.tokens = tokens

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
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


def json_body_problem(content_type: str | None) -> str | None:
    """Why a POST body of this ``Content-Type`` is not read, or None for ``application/json``
    in UTF-8: the type and subtype exactly (in any case), then the parameters (RFC 9110 §8.3),
    so that ``application/jsonx`` is not JSON."""
    if not content_type:
        return f"the request has no Content-Type; a POST body must be {JSON}"
    media_type, parameters = parse_content_type(content_type)
    if media_type != JSON:
        return f"unsupported Content-Type {media_type!r}; a POST body must be {JSON}"
    charset = parameters.get("charset", "utf-8")
    if charset.lower() != "utf-8":
        return f"unsupported charset {charset!r}; a POST body must be {JSON} in utf-8"
    return None


class MediaTypeAdapter(StarletteRequestAdapter):
    """Strawberry's request, giving the ``Content-Type`` as its media type alone, in lower case.

    Strawberry reads a POST body as JSON if that contains "application/json" (in that case);
    the view reads the whole header (type, subtype, parameters) before, with
    ``json_body_problem``.
    """

    @property
    def content_type(self) -> str | None:
        header = super().content_type
        return None if header is None else parse_content_type(header)[0]


class BodyLimit(HttpOnly):
    """Refuses request bodies over ``max_bytes`` with 413, before they are read whole."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = Headers(scope=scope).get("content-length")
        # ASCII digits only: "²" is a digit to isdigit(), and no number to int().
        if (
            declared is not None
            and declared.isascii()
            and declared.isdigit()
            and int(declared) > self.max_bytes
        ):
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


class RequestJSONError(json.JSONDecodeError):
    """JSON that a request may not send; ``msg`` names the problem. A ``JSONDecodeError``, so
    that whatever refuses malformed JSON (Strawberry's websocket reader too) refuses it."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem, "", 0)


def read_json(data: str | bytes) -> object:
    """A request's JSON; a ``RequestJSONError`` where parsing it, or using what it gives, would
    raise instead: bytes that are not UTF-8, nesting deeper than ``MAX_JSON_DEPTH``, NaN and
    Infinity, numbers out of range, strings with a lone surrogate (``"\\ud800"``) or a NUL
    character (``"\\u0000"``: PostgreSQL text cannot hold one)."""
    text = _utf8(data)
    if _nested_too_deep(text):
        raise RequestJSONError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    if "\\u0000" in text and _NUL_ESCAPE.search(text):
        raise RequestJSONError("a JSON string with a NUL character (\\u0000)")
    value: object = json.loads(
        text, parse_constant=_no_constant, parse_int=_integer, parse_float=_finite
    )
    if _has_lone_surrogate(value):
        raise RequestJSONError("a JSON string with a lone surrogate (\\ud800 to \\udfff)")
    return value


def _utf8(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")  # RFC 8259: a parser may ignore a byte order mark
    except UnicodeDecodeError as error:
        raise RequestJSONError(
            f"JSON that is not UTF-8: {error.reason} at byte {error.start}"
        ) from None


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
"""A JSON string, or the rest of the text after an unclosed quote: either way one pass,
where a closing quote that must be found would rescan from every escaped quote (a
quadratic cost a small hostile body could run to hours)."""
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_NESTING = {"[": 1, "{": 1, "]": -1, "}": -1}
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")
"""NUL in JSON text: only in a string, escaped (a raw control character is no JSON), and
not where the backslash is itself escaped ("\\\\u0000" is a backslash, then "u0000")."""


def _nested_too_deep(text: str) -> bool:
    """Whether arrays and objects nest deeper than ``MAX_JSON_DEPTH`` in ``text`` (brackets in
    strings aside); counting first, as most requests have fewer brackets than that at all."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    brackets = _NOT_A_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_NESTING.__getitem__, brackets)), default=0) > MAX_JSON_DEPTH


def _no_constant(name: str) -> NoReturn:
    raise RequestJSONError(f"{name} is not JSON")


def _integer(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:  # more digits than the interpreter converts
        limit = sys.get_int_max_str_digits()
        raise RequestJSONError(
            f"a JSON integer of {len(digits)} digits; at most {limit} are read"
        ) from None


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise RequestJSONError(f"a JSON number beyond the range of a double: {text[:20]}")
    return number


def _has_lone_surrogate(value: object) -> bool:
    """Whether a string in ``value`` holds a surrogate on its own, which no UTF-8 encodes."""
    try:
        json.dumps(value, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return True
    return False


def is_utf8_query_string(scope: Scope) -> bool:
    """Whether the query string is UTF-8 once percent-decoded (Starlette would put U+FFFD
    in place of what is not, and run the request with values the client never sent)."""
    raw = unquote_to_bytes(scope.get("query_string", b"").replace(b"+", b" "))
    try:
        raw.decode()
    except UnicodeDecodeError:
        return False
    return True
