"""What every mutation shares: a result that is its payload or typed errors, each an ``Error``
with a code, so that one selection, ``... on Error { code message }``, serves them all.

The mutations are read from the schema: a new one is covered without touching this module.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import create_type

from releasegraph.auth import AGENT_FIELDS
from releasegraph.context import Info
from releasegraph.engine import errors as domain
from releasegraph.resolvers.mutations.common import mutation
from releasegraph.schema.errors import ConflictError
from tests.api import JSON, Api
from tests.resolvers.mutations.documents import ONE_TASK, create_release, global_id
from tests.runtime.refusals import snapshot

MUTATIONS = """
{
  __schema {
    mutationType { fields { name type { ofType { name } } args { type { ofType { name } } } } }
  }
}"""
TYPE = """
query($name: String!) {
  __type(name: $name) {
    possibleTypes { name interfaces { name } }
    inputFields { name defaultValue type { kind ofType { name } } }
  }
}"""
REFUSED = """
mutation Refused($input: {input}!) {{
  result: {name}(input: $input) {{ __typename ... on Error {{ code message }} }}
}}"""

BAD_VALUES: dict[str | None, object] = {
    "ID": global_id("Nothing"),
    "String": "",
    "DateTime": "2026-01-02T00:00:00+00:00",
    "Boolean": False,
    "Int": -1,
    None: [],
}
"""A value of each type that required input fields have: an id of a type no mutation takes,
an empty string (no definition's source), a time in the future, false, a negative number
and an empty list (a list's type has no name)."""


def bad_input(input_fields: list[JSON]) -> JSON:
    """Every required field of a mutation's input, each given a value from ``BAD_VALUES``."""
    required = [
        field
        for field in input_fields
        if field["type"]["kind"] == "NON_NULL" and field["defaultValue"] is None
    ]
    return {field["name"]: BAD_VALUES[field["type"]["ofType"]["name"]] for field in required}


async def mutations(api: Api) -> dict[str, tuple[str, str]]:
    """Each mutation's name, with the names of its result type and its input type."""
    data = await api.data(MUTATIONS)
    return {
        field["name"]: (field["type"]["ofType"]["name"], field["args"][0]["type"]["ofType"]["name"])
        for field in data["__schema"]["mutationType"]["fields"]
    }


async def type_named(api: Api, name: str) -> JSON:
    data = await api.data(TYPE, {"name": name})
    named: JSON = data["__type"]
    return named


async def test_every_mutation_returns_its_payload_or_errors_that_implement_error(
    api: Api,
) -> None:
    for name, (result, _) in (await mutations(api)).items():
        members = {
            t["name"]: [i["name"] for i in t["interfaces"]]
            for t in (await type_named(api, result))["possibleTypes"]
        }
        payload = name[0].upper() + name[1:] + "Payload"

        assert result == payload.removesuffix("Payload") + "Result"
        assert members.pop(payload) == []
        assert members, f"{name} declares no error"
        assert all(interfaces == ["Error"] for interfaces in members.values()), members


async def test_one_error_selection_gets_a_typed_error_from_every_mutation(api: Api) -> None:
    await create_release(api, ONE_TASK, start=False)
    before = snapshot(api.runtime)

    for name, (_, input_type) in (await mutations(api)).items():
        document = REFUSED.format(input=input_type, name=name)
        input_fields = (await type_named(api, input_type))["inputFields"]

        result = (await api.data(document, {"input": bad_input(input_fields)}))["result"]

        # The agent protocol's mutations refuse anyone but an agent before they read input.
        expected = (
            ("PermissionDeniedError", "PERMISSION_DENIED")
            if name in AGENT_FIELDS
            else ("ValidationError", "VALIDATION_FAILED")
        )
        assert (result["__typename"], result["code"]) == expected, name
        assert result["message"], name
    assert snapshot(api.runtime) == before


@strawberry.type
class ShipPayload:
    shipped: bool


@strawberry.type
class Query:
    up: bool = True


def ship(info: Info, input: bool) -> ShipPayload:
    """Refused as a conflict when ``input`` is true, else as a validation error."""
    if input:
        raise domain.ConflictError("shipped by someone else")
    raise domain.ValidationError([domain.ValidationIssue("input", "not a ship")])


def test_an_error_a_mutation_declares_is_returned_and_any_other_raised() -> None:
    schema = strawberry.Schema(
        query=Query, mutation=create_type("Mutation", [mutation(ShipPayload, ConflictError)(ship)])
    )
    document = "mutation($in: Boolean!) { ship(input: $in) { __typename ... on Error { code } } }"

    declared = schema.execute_sync(document, {"in": True})
    undeclared = schema.execute_sync(document, {"in": False})

    assert "union ShipResult = ShipPayload | ConflictError" in str(schema)
    assert declared.data == {"ship": {"__typename": "ConflictError", "code": "CONFLICT"}}
    assert undeclared.data is None
    assert [error.message for error in undeclared.errors or []] == ["input: not a ship"]
