"""``releasegraph serve``: its settings from flags and variables, its users, a real process."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest

from releasegraph.app import AppSettings
from releasegraph.auth import DEMO_USERS, Role
from releasegraph.cli import main, parser
from releasegraph.cli.commands.serve import (
    GENERATED_ADMIN,
    app_settings,
    banner,
    graphql_url,
    token_store,
)
from releasegraph.cli.exits import EXIT_USAGE
from releasegraph.cli.serve_settings import ServeSettings, resolve
from releasegraph.cli.settings import SettingError
from tests.e2e.server import PrintedUser, free_port, printed_users, running, start
from tests.subscriptions.wire import LEGACY_WS, init_message, opened
from tests.waiting import PROCESS_DEADLINE

VIEWER = '{"query": "{ viewer { name role groups } }"}'
TOKENS_FILE = """\
users:
  - {name: carol, displayName: Carol Ops, token: carol-token-0123456789, role: operator,
     groups: [release-managers]}
  - {name: dave, token: dave-token-0123456789abc}
"""


def settings_of(*flags: str, env: dict[str, str] | None = None) -> ServeSettings:
    return resolve(parser().parse_args(["serve", *flags]), env or {})


def test_without_flags_or_variables_the_defaults_hold() -> None:
    assert settings_of() == ServeSettings()


def test_every_setting_comes_from_its_environment_variable() -> None:
    env = {
        "RELEASEGRAPH_HOST": "0.0.0.0",
        "RELEASEGRAPH_PORT": "9000",
        "RELEASEGRAPH_DATABASE": "postgresql://postgres@db/releases",
        "RELEASEGRAPH_AGENTS": "5",
        "RELEASEGRAPH_JOB_LIMIT": "3",
        "RELEASEGRAPH_ALLOWED_ORIGIN": "https://a.example, https://b.example:8443",
        "RELEASEGRAPH_NO_INTROSPECTION": "true",
        "RELEASEGRAPH_DEMO": "1",
        "RELEASEGRAPH_DEMO_INTERVAL": "2.5",
        "RELEASEGRAPH_LOG_LEVEL": "WARNING",
        "RELEASEGRAPH_SHUTDOWN_TIMEOUT": "2.5",
        "RELEASEGRAPH_POOL_SIZE": "4",
    }

    assert settings_of(env=env) == ServeSettings(
        host="0.0.0.0",
        port=9000,
        database="postgresql://postgres@db/releases",
        agents=5,
        job_limit=3,
        allowed_origins=("https://a.example", "https://b.example:8443"),
        introspection=False,
        demo=True,
        demo_interval=2.5,
        log_level="warning",
        shutdown_timeout=2.5,
        pool_size=4,
    )


def test_a_flag_wins_over_its_variable() -> None:
    env = {
        "RELEASEGRAPH_PORT": "9000",
        "RELEASEGRAPH_AGENTS": "5",
        "RELEASEGRAPH_ALLOWED_ORIGIN": "https://a.example",
        "RELEASEGRAPH_NO_INTROSPECTION": "1",
        "RELEASEGRAPH_DEMO": "yes",
        "RELEASEGRAPH_TOKENS": "/from/env.yaml",
    }
    flags = ["--port", "9100", "--agents", "0", "--allowed-origin", "https://c.example"]
    flags += ["https://d.example", "--introspection", "--no-demo", "--tokens", "users.yaml"]

    assert settings_of(*flags, env=env) == ServeSettings(
        port=9100,
        agents=0,
        allowed_origins=("https://c.example", "https://d.example"),
        introspection=True,
        demo=False,
        tokens=Path("users.yaml"),
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("RELEASEGRAPH_PORT", "eighty"),
        ("RELEASEGRAPH_PORT", "70000"),
        ("RELEASEGRAPH_AGENTS", "-1"),
        ("RELEASEGRAPH_ALLOWED_ORIGIN", "example.com"),
        ("RELEASEGRAPH_NO_INTROSPECTION", "maybe"),
        ("RELEASEGRAPH_DEMO_INTERVAL", "0"),
        ("RELEASEGRAPH_LOG_LEVEL", "loud"),
        ("RELEASEGRAPH_SHUTDOWN_TIMEOUT", "0"),
        ("RELEASEGRAPH_POOL_SIZE", "0"),
    ],
)
def test_a_bad_variable_is_refused_by_name(variable: str, value: str) -> None:
    with pytest.raises(SettingError, match=f"^{variable}: "):
        settings_of(env={variable: value})


def test_the_demo_brings_its_own_users() -> None:
    with pytest.raises(SettingError, match="--demo brings its own users"):
        settings_of("--demo", env={"RELEASEGRAPH_TOKENS": "users.yaml"})


@pytest.mark.parametrize(
    "flags", [["--port", "0"], ["--job-limit", "x"], ["--allowed-origin", "ftp://x"]]
)
def test_bad_flags_exit_2(flags: list[str]) -> None:
    assert main(["serve", *flags]) == EXIT_USAGE


def test_a_bad_variable_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELEASEGRAPH_PORT", "eighty")

    assert main(["serve"]) == EXIT_USAGE


def test_without_a_tokens_file_one_admin_token_is_generated_per_start() -> None:
    store, tokens = token_store(ServeSettings())
    _, other_tokens = token_store(ServeSettings())

    assert list(tokens) == ["admin"]
    assert store.authenticate(tokens["admin"]) == GENERATED_ADMIN
    assert GENERATED_ADMIN.role == Role.ADMIN
    assert len(tokens["admin"]) >= 32
    assert other_tokens["admin"] != tokens["admin"]


def test_a_tokens_file_gives_its_users_and_no_token_to_print(tmp_path: Path) -> None:
    (tmp_path / "users.yaml").write_text(TOKENS_FILE)

    store, tokens = token_store(ServeSettings(tokens=tmp_path / "users.yaml"))

    assert tokens == {}
    assert [(u.name, u.role, sorted(u.groups)) for u in store.users()] == [
        ("carol", Role.OPERATOR, ["release-managers"]),
        ("dave", Role.VIEWER, []),
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "cannot read"),
        ("users: [{name: x, token: short}]", r"users\[0\]: token: at least 16 characters"),
        ("just text", "users: expected a list of users"),
    ],
)
def test_an_unusable_tokens_file_is_refused(
    tmp_path: Path, content: str | None, problem: str
) -> None:
    if content is not None:
        (tmp_path / "users.yaml").write_text(content)

    with pytest.raises(SettingError, match=problem):
        token_store(ServeSettings(tokens=tmp_path / "users.yaml"))


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/graphql"),
        ("0.0.0.0", "http://127.0.0.1:8000/graphql"),
        ("::", "http://[::1]:8000/graphql"),
        ("releases.internal", "http://releases.internal:8000/graphql"),
    ],
)
def test_the_graphiql_url_is_one_a_browser_can_open(host: str, url: str) -> None:
    assert graphql_url(ServeSettings(host=host)) == url


def test_the_banner_names_graphiql_and_the_token_once() -> None:
    store, tokens = token_store(ServeSettings())

    text = "\n".join(banner(ServeSettings(), store.users(), tokens))

    assert "Dashboard: http://127.0.0.1:8000/" in text
    assert "GraphiQL: http://127.0.0.1:8000/graphql" in text
    assert printed_users(text) == {"admin": PrintedUser("ADMIN", "-", tokens["admin"])}
    assert text.count(tokens["admin"]) == 2  # the users table, and the curl example


def test_the_demo_banner_lists_every_demo_user_and_what_the_demo_does() -> None:
    settings = ServeSettings(demo=True, demo_interval=5)
    store, tokens = token_store(settings)

    text = "\n".join(banner(settings, store.users(), tokens))

    assert printed_users(text) == {
        u.name: PrintedUser(u.role.value, ",".join(sorted(u.groups)) or "-", tokens[u.name])
        for u in DEMO_USERS
    }
    assert f"Bearer {tokens['alice']}" in text  # the curl example asks as an approver
    assert "Every 5 s the demo starts a release of each definition in examples/demo" in text


# -- a real server ------------------------------------------------------------------------


def test_a_server_prints_a_token_that_works_and_stops_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    with running(tmp_path) as server:
        users = printed_users(server.stdout())
        token = users["admin"].token

        answer = httpx.post(
            server.graphql_url,
            content=VIEWER,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        anonymous = httpx.post(
            server.graphql_url, content=VIEWER, headers={"Content-Type": "application/json"}
        )
        code = server.terminate()

    assert f"GraphiQL: {server.graphql_url}" in server.stdout()
    assert list(users) == ["admin"]
    assert answer.json() == {"data": {"viewer": {"name": "admin", "role": "ADMIN", "groups": []}}}
    assert anonymous.status_code == 401
    assert code == 0
    assert "Application shutdown complete" in server.stderr()


def test_a_server_takes_its_settings_from_the_environment(tmp_path: Path) -> None:
    (tmp_path / "users.yaml").write_text(TOKENS_FILE)
    port = free_port()
    env = {
        "RELEASEGRAPH_PORT": str(port),
        "RELEASEGRAPH_TOKENS": str(tmp_path / "users.yaml"),
        "RELEASEGRAPH_NO_INTROSPECTION": "1",
        "RELEASEGRAPH_DATABASE": f"sqlite:///{tmp_path / 'env.db'}",
    }

    with running(tmp_path / "server", env=env, port=port) as server:
        headers = {
            "Authorization": "Bearer carol-token-0123456789",
            "Content-Type": "application/json",
        }
        viewer = httpx.post(server.graphql_url, content=VIEWER, headers=headers)
        introspection = httpx.post(
            server.graphql_url,
            content='{"query": "{ __schema { types { name } } }"}',
            headers=headers,
        )
        code = server.terminate()

    assert viewer.json() == {
        "data": {"viewer": {"name": "carol", "role": "OPERATOR", "groups": ["release-managers"]}}
    }
    assert introspection.json()["data"] is None
    assert "introspection has been disabled" in introspection.json()["errors"][0]["message"]
    assert printed_users(server.stdout()) == {}  # the file's tokens are never printed
    assert (tmp_path / "env.db").exists()
    assert code == 0


def test_a_server_whose_port_is_taken_exits_3(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        server = start(tmp_path, "--port", str(port), port=port)
        code = server.process.wait(timeout=PROCESS_DEADLINE)

    assert code == 3
    assert "address already in use" in server.stderr()


# -- websockets -----------------------------------------------------------------------------

WEBSOCKET_VARIABLES = {
    "RELEASEGRAPH_PING_INTERVAL": "0.5",
    "RELEASEGRAPH_CONNECTION_INIT_TIMEOUT": "2.5",
    "RELEASEGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION": "7",
    "RELEASEGRAPH_MAX_CONNECTIONS_PER_USER": "3",
    "RELEASEGRAPH_LEGACY_GRAPHQL_WS": "on",
    "RELEASEGRAPH_WS_MAX_SIZE": "65536",
}
WEBSOCKET_SETTINGS = ServeSettings(
    ping_interval=0.5,
    connection_init_timeout=2.5,
    max_subscriptions_per_connection=7,
    max_connections_per_user=3,
    legacy_graphql_ws=True,
    ws_max_size=65536,
)


def test_the_websocket_defaults_are_the_apps_and_a_message_of_1_mib() -> None:
    assert app_settings(ServeSettings()) == AppSettings()
    assert ServeSettings().ws_max_size == 1024 * 1024


def test_every_websocket_setting_comes_from_its_environment_variable() -> None:
    assert settings_of(env=WEBSOCKET_VARIABLES) == WEBSOCKET_SETTINGS


def test_every_websocket_setting_comes_from_its_flag_which_wins_over_its_variable() -> None:
    flags = ["--ping-interval", "0.5", "--connection-init-timeout", "2.5"]
    flags += ["--max-subscriptions-per-connection", "7", "--max-connections-per-user", "3"]
    flags += ["--legacy-graphql-ws", "--ws-max-size", "65536"]
    env = {name: "1" for name in WEBSOCKET_VARIABLES} | {"RELEASEGRAPH_LEGACY_GRAPHQL_WS": "no"}

    assert settings_of(*flags) == WEBSOCKET_SETTINGS
    assert settings_of(*flags, env=env) == WEBSOCKET_SETTINGS
    assert settings_of("--no-legacy-graphql-ws", env=env).legacy_graphql_ws is False


def test_the_app_gets_every_websocket_setting() -> None:
    assert app_settings(WEBSOCKET_SETTINGS) == AppSettings(
        ping_interval=0.5,
        connection_init_timeout=2.5,
        max_subscriptions_per_connection=7,
        max_connections_per_user=3,
        legacy_graphql_ws=True,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("RELEASEGRAPH_PING_INTERVAL", "0"),
        ("RELEASEGRAPH_PING_INTERVAL", "often"),
        ("RELEASEGRAPH_CONNECTION_INIT_TIMEOUT", "-1"),
        ("RELEASEGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION", "0"),
        ("RELEASEGRAPH_MAX_CONNECTIONS_PER_USER", "many"),
        ("RELEASEGRAPH_LEGACY_GRAPHQL_WS", "perhaps"),
        ("RELEASEGRAPH_WS_MAX_SIZE", "1MiB"),
        ("RELEASEGRAPH_WS_MAX_SIZE", "0"),
    ],
)
def test_a_bad_websocket_variable_is_refused_by_name(variable: str, value: str) -> None:
    with pytest.raises(SettingError, match=f"^{variable}: "):
        settings_of(env={variable: value})


@pytest.mark.parametrize(
    "flags",
    [
        ["--ping-interval", "0"],
        ["--connection-init-timeout", "soon"],
        ["--max-subscriptions-per-connection", "0"],
        ["--max-connections-per-user", "-2"],
        ["--ws-max-size", "big"],
    ],
)
def test_bad_websocket_flags_exit_2(flags: list[str]) -> None:
    assert main(["serve", *flags]) == EXIT_USAGE


async def test_a_server_applies_its_websocket_settings(tmp_path: Path) -> None:
    env = {"RELEASEGRAPH_MAX_CONNECTIONS_PER_USER": "1", "RELEASEGRAPH_PING_INTERVAL": "0.2"}
    flags = ["--connection-init-timeout", "0.3", "--ws-max-size", "2000", "--legacy-graphql-ws"]
    flags += ["--max-subscriptions-per-connection", "1"]
    with running(tmp_path, *flags, env=env) as server:
        url = server.graphql_url.replace("http://", "ws://")
        token = printed_users(server.stdout())["admin"].token
        async with opened(url) as silent:
            timed_out = await silent.closed()
        async with opened(url) as socket:
            await socket.init(token)
            pinged = await socket.keepalives(2)
            for number in range(2):
                await socket.subscribe(str(number), "subscription { releaseEvents { seq } }")
            over_limit = await socket.receive()
            async with opened(url) as second:
                await second.send(init_message(token))
                over_cap = await second.closed()
            await socket.send("x" * 2001)
            too_large = await socket.closed()
        async with opened(url, subprotocol=LEGACY_WS) as legacy:
            legacy_protocol = legacy.ws.subprotocol

    assert timed_out == (4408, "Connection initialisation timeout")
    assert 0.15 <= pinged[1] - pinged[0] < 1.0
    assert over_limit == {
        "id": "1",
        "type": "error",
        "payload": [{"message": "Subscription limit reached"}],
    }
    assert over_cap == (4403, "Forbidden")
    assert too_large[0] == 1009
    assert legacy_protocol == LEGACY_WS
