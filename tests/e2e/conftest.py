"""One real server for the e2e module, with the users of a tokens file; gql as each of them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests import postgres
from tests.e2e.server import GraphQLApi, Server, connect, running

TOKENS = {
    "ada": "ada-e2e-token-0123456789",
    "olivia": "olivia-e2e-token-0123456789",
    "alice": "alice-e2e-token-0123456789",
    "bob": "bob-e2e-token-0123456789",
    "victor": "victor-e2e-token-0123456789",
}
TOKENS_FILE = f"""\
users:
  - {{name: ada, token: {TOKENS["ada"]}, role: ADMIN}}
  - {{name: olivia, token: {TOKENS["olivia"]}, role: OPERATOR}}
  - {{name: alice, token: {TOKENS["alice"]}, role: OPERATOR, groups: [release-managers]}}
  - {{name: bob, token: {TOKENS["bob"]}, role: VIEWER, groups: [release-managers]}}
  - {{name: victor, token: {TOKENS["victor"]}, role: VIEWER}}
"""


@pytest.fixture(scope="module", params=postgres.BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``releasegraph serve`` on a free loopback port, a fresh database and four agents: a
    SQLite file, and again a PostgreSQL database."""
    directory = tmp_path_factory.mktemp("e2e-server")
    (directory / "users.yaml").write_text(TOKENS_FILE)
    users = ("--tokens", str(directory / "users.yaml"))
    with (
        postgres.database(request.param, directory) as url,
        running(directory, *users, "--agents", "4", "--database", url) as s,
    ):
        yield s


@pytest.fixture
async def api(server: Server) -> AsyncIterator[GraphQLApi]:
    """gql over HTTP as ada (admin), olivia (operator), alice and bob (approvers), victor."""
    async with connect(server, TOKENS) as connected:
        yield connected
