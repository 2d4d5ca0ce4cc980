"""HTTP requests run as tasks, and a gate's HTTP check.

The engine decides when a run is over and the runtime cancels the request to end
it; the only timeout kept here is the request's own.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class HttpResult:
    status_code: int | None
    """None when no response arrived."""
    error: str | None
    """Why no response arrived."""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


async def run_http(url: str, *, method: str = "GET", timeout_seconds: float = 30.0) -> HttpResult:
    """Send one request; a failure to get any response is reported, not raised."""
    try:
        async with httpx.AsyncClient(timeout=timeout_seconds) as client:
            response = await client.request(method, url)
    except httpx.TimeoutException as exc:
        return HttpResult(None, f"timeout after {timeout_seconds:g}s ({type(exc).__name__})")
    except httpx.ConnectError as exc:
        return HttpResult(None, f"connection failed: {exc}")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return HttpResult(None, f"{type(exc).__name__}: {exc}")
    return HttpResult(response.status_code, None)


async def check_http(url: str, *, timeout_seconds: float = 10.0) -> bool:
    """A gate check: True iff the URL answers with a 2xx status."""
    result = await run_http(url, timeout_seconds=timeout_seconds)
    return result.succeeded
