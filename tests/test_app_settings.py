"""The app as configured and assembled: CORS origins and introspection from ``AppSettings``,
the GraphQL view on its own, and the limits a subscription's context keeps.

Most of these build their app on the unstarted runtime of the ``unstarted`` fixture
rather than using the ``api`` fixture.
"""

from __future__ import annotations

import httpx
import pytest

from releasegraph.app import AppSettings, GraphQLView
from releasegraph.auth import DEMO_USERS, TokenStore
from releasegraph.context import Context, DocumentLimits
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.api import Api, serve_app
from tests.app_requests import VIEWER, bearer


@pytest.fixture
def unstarted(database_url: str, clock: ManualClock) -> Runtime:
    """A runtime for ``serve_app``, which starts it with the app."""
    return Runtime(Settings(database_url=database_url, agents=2), clock=clock)


# -- the view and the context on their own -------------------------------------------


async def test_the_view_alone_runs_no_operation_without_a_user(unstarted: Runtime) -> None:
    # Behind BearerAuth only the GraphiQL page comes without a user; the view holds to that.
    view = GraphQLView(unstarted, TokenStore({}), AppSettings())
    transport = httpx.ASGITransport(app=view)
    async with httpx.AsyncClient(transport=transport, base_url="http://releasegraph") as client:
        response = await client.post("/graphql", json={"query": VIEWER})

    assert (response.status_code, response.json()) == (
        401,
        {"errors": [{"message": "a valid bearer token is required"}]},
    )
    assert response.headers["www-authenticate"] == 'Bearer realm="releasegraph"'


def test_a_shared_subscription_keeps_the_limits_of_the_app(unstarted: Runtime) -> None:
    limits = DocumentLimits(max_depth=3, max_aliases=4, max_tokens=50)
    context = Context(runtime=unstarted, user=DEMO_USERS[0], limits=limits)

    shared = context.for_subscription()

    assert (shared.limits, shared.user, shared.loaders is context.loaders) == (
        limits,
        DEMO_USERS[0],
        False,
    )


# -- CORS ----------------------------------------------------------------------------

DASHBOARD = "https://dashboard.example"


def _preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }


async def test_a_preflight_from_an_allowed_origin_gets_the_cors_headers(
    unstarted: Runtime,
) -> None:
    async with serve_app(unstarted, AppSettings(allowed_origins=[DASHBOARD])) as api:
        response = await api.client.options("/graphql", headers=_preflight(DASHBOARD))
        actual = await api.client.post(
            "/graphql", json={"query": VIEWER}, headers=bearer(api) | {"Origin": DASHBOARD}
        )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    assert response.headers["access-control-allow-methods"] == "GET, POST"
    assert "authorization" in response.headers["access-control-allow-headers"]
    assert actual.headers["access-control-allow-origin"] == DASHBOARD


async def test_a_preflight_from_another_origin_gets_none(unstarted: Runtime) -> None:
    async with serve_app(unstarted, AppSettings(allowed_origins=[DASHBOARD])) as api:
        response = await api.client.options("/graphql", headers=_preflight("https://evil.example"))
        actual = await api.client.post(
            "/graphql",
            json={"query": VIEWER},
            headers=bearer(api) | {"Origin": "https://evil.example"},
        )

    assert (response.status_code, response.text) == (400, "Disallowed CORS origin")
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in actual.headers


# -- introspection -------------------------------------------------------------------

INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_introspection_is_on_by_default(api: Api) -> None:
    assert await api.data(INTROSPECTION) == {"__schema": {"queryType": {"name": "Query"}}}


async def test_introspection_can_be_turned_off(unstarted: Runtime) -> None:
    async with serve_app(unstarted, AppSettings(introspection=False)) as api:
        response = await api.post(INTROSPECTION)

        assert response.json() == {
            "data": None,
            "errors": [
                {
                    "message": "GraphQL introspection has been disabled,"
                    " but the requested query contained the field '__schema'.",
                    "locations": [{"line": 1, "column": 3}],
                },
                {
                    "message": "GraphQL introspection has been disabled,"
                    " but the requested query contained the field 'queryType'.",
                    "locations": [{"line": 1, "column": 14}],
                },
            ],
        }
        assert await api.data("{ __typename }") == {"__typename": "Query"}
