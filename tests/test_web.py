"""The pages for people: the dashboard at each of its addresses and GraphiQL at /graphql,
both from the package's own build, with nothing loaded from anywhere else."""

from __future__ import annotations

import re

import pytest

from releasegraph import web
from tests.api import Api

ADDRESSES = ["/", "/signin", "/inbox", "/agents", "/new", "/releases/UmVsZWFzZTox/timeline"]


@pytest.mark.parametrize("address", ADDRESSES)
async def test_every_address_of_the_dashboard_answers_the_dashboard(api: Api, address: str) -> None:
    response = await api.client.get(address)

    assert response.status_code == 200
    assert response.text == (web.DIST / web.DASHBOARD).read_text()
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


async def test_a_browser_gets_graphiql_of_the_server_itself(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"accept": "text/html"})

    assert response.status_code == 200
    assert response.text == (web.DIST / web.GRAPHIQL).read_text()


@pytest.mark.parametrize("page", [web.DASHBOARD, web.GRAPHIQL])
async def test_a_page_names_only_assets_of_the_server(api: Api, page: str) -> None:
    html = (web.DIST / page).read_text()
    named = re.findall(r'(?:src|href)="([^"]*)"', html)

    assert named, "a page with no script"
    assert [n for n in named if not n.startswith("/assets/") and n != "data:,"] == []
    for asset in (n for n in named if n.startswith("/assets/")):
        response = await api.client.get(asset)
        assert response.status_code == 200, asset
        assert "immutable" in response.headers["cache-control"]


def test_no_built_file_names_a_place_on_the_internet_to_load() -> None:
    """No CDN: nothing in the build loads a script, a style sheet or a font by URL."""
    loads = re.compile(r"""(?:import\(|src=|href=|url\()\s*["']?(https?:)?//""")
    found = [
        path.name
        for path in (web.DIST / "assets").iterdir()
        if loads.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []


async def test_an_unknown_asset_is_not_found(api: Api) -> None:
    assert (await api.client.get("/assets/nothing.js")).status_code == 404
