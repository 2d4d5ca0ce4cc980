"""The Starlette app: GraphQL at /graphql (and GraphiQL), /healthz and /readyz."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

import sqlalchemy as sa
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionResult

from releasegraph.auth import TokenStore, User
from releasegraph.http import DEFAULT_MAX_BODY_BYTES, BearerAuth, BodyLimit
from releasegraph.resolvers.context import Context
from releasegraph.runtime.service import Runtime
from releasegraph.schema.schema import build_schema

GRAPHQL_RESPONSE = "application/graphql-response+json"
_wants_graphql_response: ContextVar[bool] = ContextVar("wants_graphql_response", default=False)
_ANONYMOUS = User(name="anonymous", display_name="Anonymous")


@dataclass(frozen=True, kw_only=True)
class AppSettings:
    allowed_origins: Sequence[str] = ()
    introspection: bool = True
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view, answering as the GraphQL-over-HTTP specification asks."""

    def __init__(self, runtime: Runtime, settings: AppSettings) -> None:
        super().__init__(build_schema(), allowed_origins=list(settings.allowed_origins))
        self.runtime = runtime
        self.introspection = settings.introspection

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        user = request.scope.get("user") or _ANONYMOUS
        return Context(runtime=self.runtime, user=user, introspection=self.introspection)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        _wants_graphql_response.set(GRAPHQL_RESPONSE in request.headers.get("accept", ""))
        return await super().get_sub_response(request)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        # The specification answers a mutation sent with GET with 405, not 400.
        try:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as error:
            if (
                request_adapter.method == "GET"
                and error.status_code == 400
                and "GET" in error.reason
            ):
                raise HTTPException(405, error.reason) from error
            raise

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if _wants_graphql_response.get():
            response.headers["content-type"] = GRAPHQL_RESPONSE
            if isinstance(response_data, dict) and _is_request_error(response_data):
                response.status_code = 400
        return response


def _is_request_error(data: GraphQLHTTPResponse) -> bool:
    """No data and no error tied to a field: the request itself was wrong (parse, validation)."""
    errors = data.get("errors") or []
    return (
        data.get("data") is None
        and bool(errors)
        and all(isinstance(e, dict) and not e.get("path") for e in errors)
    )


def create_app(
    runtime: Runtime, tokens: TokenStore, settings: AppSettings | None = None
) -> Starlette:
    """The app around a runtime that it starts and stops with itself."""
    settings = settings or AppSettings()
    view = GraphQLView(runtime, settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def readyz(request: Request) -> Response:
        try:
            with runtime.read_session() as session:
                session.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError as error:
            return JSONResponse({"ready": False, "reason": str(error)}, status_code=503)
        return JSONResponse({"ready": True})

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
        Route("/healthz", healthz),
        Route("/readyz", readyz),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
