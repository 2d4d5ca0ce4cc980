"""The pages the server serves for people: the dashboard at ``/`` and GraphiQL at ``/graphql``.

Both are built from ``dashboard/`` (``npm run build``) into ``web/dist/``, which ships inside
the package: every script, style sheet and font comes from the server itself, so the pages
work on a network without internet. The dashboard is one page: each of its addresses
(``/releases/<id>``, ``/inbox``, …) answers the same ``index.html``, and the page shows what
the address names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

DIST = Path(__file__).parent / "dist"
DASHBOARD = "index.html"
GRAPHIQL = "graphiql.html"
PAGES = (
    "/",
    "/signin",
    "/new",
    "/inbox",
    "/agents",
    "/releases/{rest:path}",
    "/approvals/{approval_id}",
    "/interventions/{intervention_id}",
)
"""The dashboard's addresses: each answers the dashboard, which routes by the address."""
POLICY = (
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self' data:;"
    " style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
)
"""Nothing but the server itself: no page of ours loads anything from anywhere else."""


def page(name: str) -> Response:
    """A built page, or 503 saying how to build it (a checkout whose build is missing)."""
    path = DIST / name
    if not path.is_file():
        return PlainTextResponse(
            f"the {name} page is not built: cd dashboard && npm ci && npm run build", 503
        )
    return HTMLResponse(
        path.read_text(encoding="utf-8"),
        headers={"Content-Security-Policy": POLICY, "Cache-Control": "no-cache"},
    )


async def _dashboard(request: Request) -> Response:
    return page(DASHBOARD)


def routes() -> list[BaseRoute]:
    """The dashboard's addresses, and its assets (content-hashed: cached for good)."""
    return [
        *(Route(path, _dashboard, methods=["GET"]) for path in PAGES),
        Mount("/assets", app=_Assets(directory=DIST / "assets", check_dir=False)),
    ]


class _Assets(StaticFiles):
    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
