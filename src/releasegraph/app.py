"""The Starlette app: GraphQL at /graphql (and GraphiQL), the dashboard at /, /healthz and
/readyz."""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import sqlite3
import urllib.parse
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from releasegraph import web
from releasegraph.auth import TokenStore, User
from releasegraph.cli.serve_settings import ServeSettings
from releasegraph.context import DEFAULT_LIMITS, Context, DocumentLimits
from releasegraph.graphql_schema import build_schema
from releasegraph.http import (
    DEFAULT_MAX_BODY_BYTES,
    GRAPHQL_RESPONSE,
    JSON,
    BearerAuth,
    BodyLimit,
    MediaTypeAdapter,
    RequestJSONError,
    is_utf8_query_string,
    json_body_problem,
    read_json,
    response_media_type,
)
from releasegraph.runtime.service import Runtime
from releasegraph.subscriptions.fanout import FanOut
from releasegraph.subscriptions.handler import TransportHandler, WebSocketAdapter
from releasegraph.subscriptions.legacy import LegacyHandler

log = logging.getLogger(__name__)

_media_type: ContextVar[str] = ContextVar("media_type", default=JSON)
_OPERATIONS_BY_METHOD = {
    "GET": {OperationType.QUERY},
    "POST": {OperationType.QUERY, OperationType.MUTATION},
}
"""What runs over HTTP: Strawberry allows subscriptions too, for streaming transports that
this server does not speak, and would run one as a query that fails."""
_SUBSCRIPTION_OVER_HTTP = "subscriptions are not allowed over HTTP; use a websocket"
_ANONYMOUS = User(name="anonymous", display_name="Anonymous")


@dataclass(frozen=True, kw_only=True)
class AppSettings:
    """A field that is a setting of ``serve`` takes its default from the setting's declaration
    (``serve_settings``)."""

    allowed_origins: Sequence[str] = ServeSettings.allowed_origins
    """Origins whose pages may call the API (CORS, and the websocket handshake)."""
    introspection: bool = ServeSettings.introspection
    """Whether ``__schema`` and ``__type`` may be queried."""
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    """Larger request bodies get 413, before they are read whole."""
    limits: DocumentLimits = DEFAULT_LIMITS
    """Depth, aliases and tokens a GraphQL document may have."""
    legacy_graphql_ws: bool = ServeSettings.legacy_graphql_ws
    """Also speak the legacy ``graphql-ws`` protocol (``graphql-transport-ws`` always)."""
    connection_init_timeout: float = ServeSettings.connection_init_timeout
    """Seconds a websocket has to send ``connection_init`` (else closed with 4408)."""
    ping_interval: float = ServeSettings.ping_interval
    """Seconds between the server's pings on a websocket, so that proxies keep it open."""
    max_subscriptions_per_connection: int = ServeSettings.max_subscriptions_per_connection
    max_connections_per_user: int = ServeSettings.max_connections_per_user


class _WithoutOriginAdvice(logging.Filter):
    """Drops Strawberry's warning about a refused origin: it names its own ``allowed_origins``
    where a person running the server needs the flag (``is_websocket_origin_allowed`` warns)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Rejected WebSocket connection from origin")


_STRAWBERRYS_ORIGIN_ADVICE = _WithoutOriginAdvice()


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view, answering as the GraphQL-over-HTTP specification asks."""

    request_adapter_class = MediaTypeAdapter
    graphql_transport_ws_handler_class = TransportHandler
    graphql_ws_handler_class = LegacyHandler
    websocket_adapter_class = WebSocketAdapter

    def __init__(self, runtime: Runtime, tokens: TokenStore, settings: AppSettings) -> None:
        protocols = (GRAPHQL_TRANSPORT_WS_PROTOCOL,)
        super().__init__(
            build_schema(),
            allowed_origins=list(settings.allowed_origins),
            subscription_protocols=protocols
            + ((GRAPHQL_WS_PROTOCOL,) if settings.legacy_graphql_ws else ()),
            connection_init_wait_timeout=timedelta(seconds=settings.connection_init_timeout),
            max_subscriptions_per_connection=settings.max_subscriptions_per_connection,
            keep_alive=True,  # graphql-ws only; graphql-transport-ws pings in TransportHandler
            keep_alive_interval=settings.ping_interval,
        )
        self.runtime = runtime
        self.tokens = tokens
        self.settings = settings
        self.fanout = FanOut()
        self.ping_interval = settings.ping_interval
        self._connections: Counter[str] = Counter()
        logging.getLogger("strawberry.ws").addFilter(_STRAWBERRYS_ORIGIN_ADVICE)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from the server itself (Strawberry's page loads it from a CDN)."""
        return web.page(web.GRAPHIQL)

    def is_websocket_origin_allowed(self, request: WebSocket, origin: str) -> bool:
        if super().is_websocket_origin_allowed(request, origin):
            return True
        log.warning(
            "refused a websocket from a page of %r; if pages of that origin should connect,"
            " allow it with --allowed-origin ORIGIN or RELEASEGRAPH_ALLOWED_ORIGIN=ORIGIN",
            origin,
        )
        return False

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate a websocket by the token in ``connection_init`` (else 4403)."""
        if context.user is not _ANONYMOUS:  # graphql-ws lets a client initialise again
            raise ConnectionRejectionError({"reason": "the connection is initialised already"})
        user = self.tokens.authenticate(_token_of(context.connection_params or {}))
        if user is None:
            raise ConnectionRejectionError({"reason": "a valid token is required"})
        if self._connections[user.name] >= self.settings.max_connections_per_user:
            raise ConnectionRejectionError({"reason": f"{user.name!r} has too many connections"})
        self._connections[user.name] += 1
        context.user = user
        return None

    def connection_closed(self, context: Context) -> None:
        if context.user is not _ANONYMOUS:
            self._connections[context.user.name] -= 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            if not is_utf8_query_string(scope):
                raise HTTPException(400, "the query string is not UTF-8 once percent-decoded")
            response = await self.run(request)
        except HTTPException as error:
            response = _refusal(request, error)
        await response(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        context = Context(
            runtime=self.runtime,
            user=request.scope.get("user") or _ANONYMOUS,
            introspection=self.settings.introspection,
            limits=self.settings.limits,
        )
        if isinstance(request, Request):
            context.hung_up = request.is_disconnected
        return context

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        _media_type.set(response_media_type(request.headers.get("accept", "")))
        return await super().get_sub_response(request)

    def decode_json(self, data: str | bytes) -> object:
        return read_json(data)

    def parse_json(self, data: str | bytes) -> object:
        try:
            parsed = read_json(data)
        except RequestJSONError as error:
            raise HTTPException(400, error.msg) from error
        except json.JSONDecodeError as error:
            raise HTTPException(400, "Unable to parse request body as JSON") from error
        if not isinstance(parsed, dict | list):  # a list is a batch, refused as such
            raise HTTPException(400, "Expected a JSON object")
        return parsed

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method == "POST":
            problem = json_body_problem(request.headers.get("content-type"))
            if problem is not None:
                raise HTTPException(415, problem)
        parsed = await super().parse_http_body(request)
        # Strawberry checks the query, the variables and the extensions, not the name.
        if isinstance(parsed, GraphQLRequestData) and not isinstance(
            parsed.operation_name, str | None
        ):
            raise HTTPException(
                400,
                "The GraphQL operation's `operationName` must be a string or null, if provided.",
            )
        return parsed

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        # BearerAuth lets only the GraphiQL page through without a user; never an operation.
        if context.user is _ANONYMOUS:
            raise HTTPException(401, "a valid bearer token is required")
        method = request_adapter.method
        try:
            return await self.schema.execute(
                request_data.query,
                variable_values=request_data.variables,
                context_value=context,
                root_value=root_value,
                operation_name=request_data.operation_name,
                allowed_operation_types=_OPERATIONS_BY_METHOD[method],
                operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as error:
            if error.operation_type == OperationType.SUBSCRIPTION:
                raise HTTPException(400, _SUBSCRIPTION_OVER_HTTP) from error
            # The specification answers a mutation sent with GET with 405, not 400.
            raise HTTPException(405, error.as_http_error_reason(method)) from error
        except CannotGetOperationTypeError as error:
            raise HTTPException(400, error.as_http_error_reason()) from error
        except MissingQueryError as error:
            raise HTTPException(400, "No GraphQL query found in the request") from error

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        if _media_type.get() != GRAPHQL_RESPONSE:
            return super().create_response(response_data, sub_response)
        if isinstance(response_data, dict) and _is_request_error(response_data):
            # A request that never ran has no data entry, and a 4xx status.
            response_data = response_data.copy()
            response_data.pop("data", None)
            sub_response.status_code = 400
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = GRAPHQL_RESPONSE
        return response


def _is_request_error(data: GraphQLHTTPResponse) -> bool:
    """No data and no error tied to a field: the request itself was wrong (parse, validation)."""
    errors = data.get("errors") or []
    return (
        data.get("data") is None
        and bool(errors)
        and all(isinstance(e, dict) and not e.get("path") for e in errors)
    )


def _refusal(request: Request, error: HTTPException) -> Response:
    """A request refused before execution, as a GraphQL response with errors only."""
    headers = {}
    if error.status_code == 405:
        headers["allow"] = "POST" if request.method == "GET" else "GET, POST"
    if error.status_code == 401:
        headers["www-authenticate"] = 'Bearer realm="releasegraph"'
    if error.status_code == 415:
        headers["accept"] = JSON  # what a POST body may be (RFC 9110 §15.5.16)
    return JSONResponse(
        {"errors": [{"message": error.reason}]},
        status_code=error.status_code,
        headers=headers,
        media_type=response_media_type(request.headers.get("accept", "")),
    )


def _check_database(runtime: Runtime) -> None:
    """Raise unless the database answers at its address.

    A pooled SQLite connection goes on reading a file deleted under it, so a SQLite
    file is also opened afresh at its path, read-write as the server needs it.
    """
    with runtime.read_session() as session:
        session.execute(sa.text("SELECT 1"))
    path = runtime.read_db.url.database
    if runtime.read_db.dialect.name == "sqlite" and path and path != ":memory:":
        uri = f"file:{urllib.parse.quote(path)}?mode=rw"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master")


YOUNG_GENERATION = 50_000
"""Allocations between collections of the youngest generation (Python's default: 700)."""


def tune_garbage_collector() -> None:
    """A large query allocates some 100k short-lived objects: collect them less often, and
    never rescan what the server allocated to start (measured: a third less CPU per query)."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION, middle, old)


def _token_of(params: dict[str, object]) -> str:
    """``{"authorization": "Bearer T"}`` (any case) or ``{"token": "T"}``."""
    for key, value in params.items():
        if key.lower() == "authorization" and isinstance(value, str):
            scheme, _, bearer = value.partition(" ")
            return bearer.strip() if scheme.lower() == "bearer" else ""
    given = params.get("token")
    return given if isinstance(given, str) else ""


def create_app(
    runtime: Runtime, tokens: TokenStore, settings: AppSettings | None = None
) -> Starlette:
    """The app around a runtime that it starts and stops with itself."""
    settings = settings or AppSettings()
    view = GraphQLView(runtime, tokens, settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    middleware = [
        Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type"],
        ),
    ]
    routes = [
        Route("/graphql", BearerAuth(view, tokens), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", view),
        Route("/healthz", _healthz),
        Route("/readyz", _readyz(runtime)),
        *web.routes(),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


async def _healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


def _readyz(runtime: Runtime) -> Callable[[Request], Awaitable[Response]]:
    """Ready while the runtime's database answers."""

    async def readyz(request: Request) -> Response:
        try:
            await run_in_threadpool(_check_database, runtime)
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as error:
            log.warning("not ready: the database does not answer: %s", error)
            return JSONResponse(
                {"ready": False, "reason": "the database does not answer"}, status_code=503
            )
        return JSONResponse({"ready": True})

    return readyz
