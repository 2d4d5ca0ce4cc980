"""Document limits over HTTP: depth, aliases and tokens, by default and as set in AppSettings.

A document over a limit is refused before it runs, with an error naming the limit,
and the next request is served as usual.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from graphql import get_introspection_query

from releasegraph.app import AppSettings
from releasegraph.context import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, DocumentLimits
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.api import JSON, Api, serve_app

VIEWER = "{ viewer { name } }"
ADA = {"viewer": {"name": "ada"}}
NO_RELEASE = {"id": "UmVsZWFzZTpub25l"}
# A cycle of the schema: four levels from a release back to a release.
AROUND = "environments {{ latestAttempt {{ preDeployApprovals {{ release {{ {} }} }} }} }}"


@pytest.fixture
def unstarted(database_url: str, clock: ManualClock) -> Runtime:
    """A runtime for ``serve_app``, which starts it with the app."""
    return Runtime(Settings(database_url=database_url, agents=2), clock=clock)


def _refused(message: str, *locations: JSON) -> JSON:
    error: JSON = {"message": message}
    if locations:
        error["locations"] = list(locations)
    return {"data": None, "errors": [error]}


async def _run(api: Api, query: str, variables: JSON | None = None) -> JSON:
    response = await api.post(query, variables)
    assert response.status_code == 200, response.text
    body: JSON = response.json()
    return body


def _nested(rounds: int) -> str:
    """A release query ``1 + 4 * rounds`` deep."""
    inner = "name"
    for _ in range(rounds):
        inner = AROUND.format(inner)
    return f"query Deep($id: ID!) {{ release(id: $id) {{ {inner} }} }}"


def _nested_fragments(rounds: int) -> str:
    """The same depth as ``_nested``, each round in a fragment of its own."""
    fragments = [
        f"fragment R{n} on Release {{ {AROUND.format(f'...R{n + 1}')} }}" for n in range(rounds)
    ]
    last = f"fragment R{rounds} on Release {{ name }}"
    return "\n".join(["query Deep($id: ID!) { release(id: $id) { ...R0 } }", *fragments, last])


def _aliases(count: int) -> str:
    return "{ " + " ".join(f"a{n}: __typename" for n in range(count)) + " }"


# -- depth ---------------------------------------------------------------------------


@pytest.mark.parametrize("document", [_nested, _nested_fragments])
async def test_a_document_deeper_than_the_maximum_is_refused(
    api: Api, document: Callable[[int], str]
) -> None:
    deep = document(4)  # 17 levels

    result = await _run(api, deep, NO_RELEASE)

    assert result == _refused(
        f"operation 'Deep' is 17 deep; the maximum depth is {MAX_DEPTH}", {"line": 1, "column": 1}
    )
    assert await api.data(VIEWER) == ADA


@pytest.mark.parametrize("document", [_nested, _nested_fragments])
async def test_a_document_within_the_maximum_depth_runs(
    api: Api, document: Callable[[int], str]
) -> None:
    assert await api.data(document(3), NO_RELEASE) == {"release": None}  # 13 levels


async def test_the_maximum_depth_is_a_setting(unstarted: Runtime) -> None:
    settings = AppSettings(limits=DocumentLimits(max_depth=2))
    two = "query Two($id: ID!) { release(id: $id) { environments { name } } }"
    three = "query Three($id: ID!) { release(id: $id) { environments { latestAttempt { id } } } }"
    async with serve_app(unstarted, settings) as api:
        assert await api.data(two, NO_RELEASE) == {"release": None}
        assert await _run(api, three, NO_RELEASE) == _refused(
            "operation 'Three' is 3 deep; the maximum depth is 2", {"line": 1, "column": 1}
        )


async def test_introspection_does_not_count_towards_the_depth(unstarted: Runtime) -> None:
    # GraphiQL's own introspection query is 14 deep.
    settings = AppSettings(limits=DocumentLimits(max_depth=1))
    async with serve_app(unstarted, settings) as api:
        data = await api.data(get_introspection_query())

    assert data["__schema"]["queryType"]["name"] == "Query"


# -- aliases -------------------------------------------------------------------------


async def test_as_many_aliases_as_the_maximum_run(api: Api) -> None:
    data = await api.data(_aliases(MAX_ALIASES))

    assert data == {f"a{n}": "Query" for n in range(MAX_ALIASES)}


async def test_one_alias_over_the_maximum_is_refused(api: Api) -> None:
    result = await _run(api, _aliases(MAX_ALIASES + 1))

    assert result == _refused(f"{MAX_ALIASES + 1} aliases; the maximum is {MAX_ALIASES}")
    assert await api.data(VIEWER) == ADA


async def test_the_aliases_of_a_fragment_count_wherever_it_is_spread(api: Api) -> None:
    fragment = "fragment Many on Query { " + _aliases(16)[2:-2] + " }"
    query = "{ ...Many viewer { name } ... on Query { ...Many } } " + fragment

    result = await _run(api, query)

    assert result == _refused(f"32 aliases; the maximum is {MAX_ALIASES}")


async def test_a_fragment_bomb_is_measured_without_being_expanded(api: Api) -> None:
    # 61 fragments, each spreading the next twice: 2**60 aliased fields once expanded.
    rounds = 60
    fragments = [f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(rounds)]
    bomb = "\n".join(["{ ...F0 }", *fragments, f"fragment F{rounds} on Query {{ a: __typename }}"])

    result = await _run(api, bomb)

    assert result == _refused(f"{2**rounds} aliases; the maximum is {MAX_ALIASES}")
    assert await api.data(VIEWER) == ADA


async def test_the_maximum_of_aliases_is_a_setting(unstarted: Runtime) -> None:
    settings = AppSettings(limits=DocumentLimits(max_aliases=2))
    async with serve_app(unstarted, settings) as api:
        assert await api.data(_aliases(2)) == {"a0": "Query", "a1": "Query"}
        assert await _run(api, _aliases(3)) == _refused("3 aliases; the maximum is 2")


# -- tokens --------------------------------------------------------------------------


def _tokens(count: int) -> str:
    """A document of exactly ``count`` tokens: operations ``query Qn { __typename }`` of five
    tokens each, the first one given the rest as more ``__typename`` fields."""
    operations, rest = divmod(count, 5)
    fields = "__typename " * (1 + rest)
    return " ".join(
        [f"query Q0 {{ {fields}}}", *(f"query Q{n} {{ __typename }}" for n in range(1, operations))]
    )


async def _run_first(api: Api, document: str) -> JSON:
    body = {"query": document, "operationName": "Q0"}
    headers = {"Authorization": f"Bearer {api.tokens['ada']}"}
    response = await api.client.post("/graphql", json=body, headers=headers)
    assert response.status_code == 200, response.text
    result: JSON = response.json()
    return result


async def test_as_many_tokens_as_the_maximum_run(api: Api) -> None:
    result = await _run_first(api, _tokens(MAX_TOKENS))

    assert result == {"data": {"__typename": "Query"}}


async def test_one_token_over_the_maximum_is_refused_while_parsing(api: Api) -> None:
    document = _tokens(MAX_TOKENS + 1)

    result = await _run_first(api, document)

    assert result == _refused(
        f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted.",
        {"line": 1, "column": len(document)},  # the last brace
    )
    assert await api.data(VIEWER) == ADA


async def test_the_maximum_of_tokens_is_a_setting(unstarted: Runtime) -> None:
    settings = AppSettings(limits=DocumentLimits(max_tokens=6))
    async with serve_app(unstarted, settings) as api:
        assert await api.data("{ viewer { name } }") == ADA  # 6 tokens
        assert await _run(api, "{ viewer { name role } }") == _refused(
            "Syntax Error: Document contains more than 6 tokens. Parsing aborted.",
            {"line": 1, "column": 24},
        )
