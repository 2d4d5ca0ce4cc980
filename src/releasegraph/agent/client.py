"""The agent's side of the public GraphQL API: one POST per operation, typed errors raised.

The agent speaks only the API every client speaks (``/graphql``, a bearer token), so it
works through the same load balancer, TLS and auth, against any replica.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import httpx

log = logging.getLogger(__name__)

JSON = dict[str, Any]
RETRY_FIRST = 0.2
RETRY_MOST = 5.0


class RefusedError(Exception):
    """The server answered with a typed error (``code``, ``message``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class UnreachableError(Exception):
    """No answer from the server (connection refused or dropped, a 5xx, a timeout)."""


@dataclass(frozen=True, kw_only=True)
class Server:
    url: str
    """The server's base address: ``http://host:port``."""
    token: str
    ca_file: str | None = None

    def client(self) -> httpx.AsyncClient:
        verify: str | bool = self.ca_file if self.ca_file is not None else True
        return httpx.AsyncClient(
            base_url=self.url.rstrip("/"),
            headers={"Authorization": f"Bearer {self.token}"},
            verify=verify,
            timeout=httpx.Timeout(10.0, read=None),
        )


class Api:
    """Calls the agent mutations; ``call`` returns the payload or raises."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, document: str, field: str, variables: JSON, *, read: float = 10) -> JSON:
        """The payload of the mutation ``field``; ``RefusedError`` for a typed error,
        ``UnreachableError`` when no answer came."""
        try:
            response = await self.client.post(
                "/graphql",
                json={"query": document, "variables": variables},
                timeout=httpx.Timeout(10.0, read=read),
            )
        except httpx.HTTPError as error:
            raise UnreachableError(f"{type(error).__name__}: {error}") from None
        if response.status_code >= 500:
            raise UnreachableError(f"HTTP {response.status_code}")
        body = response.json()
        if body.get("errors"):
            first = body["errors"][0]
            code = (first.get("extensions") or {}).get("code", "GRAPHQL_ERROR")
            raise RefusedError(str(code), str(first.get("message")))
        payload: JSON = body["data"][field]
        if "code" in payload and "message" in payload:
            raise RefusedError(payload["code"], payload["message"])
        return payload

    async def persist(
        self, document: str, field: str, variables: JSON, *, read: float = 10
    ) -> JSON:
        """``call``, again and again while the server cannot be reached (0.2 s doubling to
        5 s): a typed refusal still raises."""
        delay = RETRY_FIRST
        while True:
            try:
                return await self.call(document, field, variables, read=read)
            except UnreachableError as error:
                log.warning("server unreachable (%s); again in %.1f s", error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MOST)


ERROR = "... on Error { code message }"

REGISTER = f"""
mutation($input: RegisterAgentInput!) {{
  registerAgent(input: $input) {{
    ... on RegisterAgentPayload {{ leaseSeconds agents {{ name }} }}
    {ERROR}
  }}
}}"""

CLAIM = f"""
mutation($input: ClaimJobInput!) {{
  claimJob(input: $input) {{
    ... on ClaimJobPayload {{
      job {{
        runId token taskName kind script url method leaseSeconds
        environment {{ name value }}
      }}
    }}
    {ERROR}
  }}
}}"""

RENEW = f"""
mutation($input: RenewJobLeaseInput!) {{
  renewJobLease(input: $input) {{ ... on RenewJobLeasePayload {{ stop }} {ERROR} }}
}}"""

APPEND = f"""
mutation($input: AppendJobLogInput!) {{
  appendJobLog(input: $input) {{ ... on AppendJobLogPayload {{ nextLine }} {ERROR} }}
}}"""

REPORT = f"""
mutation($input: ReportJobInput!) {{
  reportJob(input: $input) {{ ... on ReportJobPayload {{ runId }} {ERROR} }}
}}"""
