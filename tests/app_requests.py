"""What the ``test_app_*`` modules send: the viewer query and its answer, the media types,
a definition and its draft release, and bearer headers."""

from __future__ import annotations

from tests.api import Api

VIEWER = "{ viewer { name } }"
ADA = {"viewer": {"name": "ada"}}
JSON_TYPE = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
DEFINITION = """
name: shop
environments:
  - name: production
    phases:
      - name: deploy
        tasks:
          - {name: deploy, kind: simulate, durationSeconds: 1}
"""
CREATE_DEFINITION = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    ... on CreateReleaseDefinitionPayload { definition { id } }
  }
}"""
CREATE_DRAFT = """
mutation($definition: ID!) {
  createRelease(input: {definitionId: $definition}) {
    ... on CreateReleasePayload { release { id } }
  }
}"""
RELEASE = "query($id: ID!) { release(id: $id) { name status } }"


def bearer(api: Api, user: str = "ada") -> dict[str, str]:
    return {"Authorization": f"Bearer {api.tokens[user]}"}


async def draft_release(api: Api) -> str:
    definition = await api.data(CREATE_DEFINITION, {"source": DEFINITION})
    definition_id = definition["createReleaseDefinition"]["definition"]["id"]
    created = await api.data(CREATE_DRAFT, {"definition": definition_id})
    release_id: str = created["createRelease"]["release"]["id"]
    return release_id
