"""Frames whose JSON the server reads as it reads a request's (``releasegraph.http.read_json``):
nested too deep, NaN, integers longer than Python converts, lone surrogates, NUL characters.
Each used to raise inside the connection (RecursionError, ValueError) or pass a value no UTF-8
encodes, or PostgreSQL's text cannot hold; each now closes the connection with 4400, logs no
traceback, and the server serves on.
"""

from __future__ import annotations

import logging

import pytest

from tests.subscriptions.conftest import Witness
from tests.subscriptions.wire import Served, connected

EVENTS = "subscription($v: Int!) { releaseEvents(after: $v) { seq } }"


def _subscribe(value: str) -> str:
    payload = f'{{"query": "{EVENTS}", "variables": {{"v": {value}}}}}'
    return f'{{"id": "1", "type": "subscribe", "payload": {payload}}}'


@pytest.mark.parametrize(
    "value",
    ["[" * 20_000 + "]" * 20_000, "NaN", "9" * 5000, '"\\ud800"', '"\\u0000"'],
    ids=["RecursionError-nested", "nan", "ValueError-digits", "lone-surrogate", "nul"],
)
async def test_a_frame_the_server_cannot_read_safely_closes_with_4400(
    served: Served, witness: Witness, caplog: pytest.LogCaptureFixture, value: str
) -> None:
    with caplog.at_level(logging.DEBUG):
        async with connected(served, "alice") as socket:
            await socket.send(_subscribe(value))

            assert await socket.closed() == (4400, "WebSocket message must be valid JSON")
        await witness.still_served()

    assert "Traceback" not in caplog.text
