"""Waiting in tests for what happens on the real clock: one deadline, one poll, sync and async.

Everything a test can move by hand goes through the injected clock; this is for the rest —
subprocesses, sockets, a real server — where a test must look again until it sees what it
waits for. A deadline only bounds a failing test: a passing one returns as soon as it sees.
"""

from __future__ import annotations

import asyncio
import inspect
import pprint
import subprocess
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, overload

T = TypeVar("T")

DEADLINE = 20.0
"""Seconds any one wait may take before the test fails. Generous, as only a failing test
waits it out: a loaded machine must never turn a pass into a race."""

PROCESS_DEADLINE = 30.0
"""Seconds for a new ``releasegraph`` process to get where a test waits for it (ready,
printing a line, finished), or to stop: a fresh interpreter first imports the whole app and
opens its database, and a stop may take the default 10 s shutdown timeout."""

INTERVAL = 0.02
"""Seconds between two looks."""


def _found(value: object) -> bool:
    """Whether a probe that gives None or False while there is nothing yet has found it."""
    return value is not None and value is not False


@overload
def poll(probe: Callable[[], T | None], what: str, *, deadline: float = DEADLINE) -> T: ...


@overload
def poll(
    probe: Callable[[], T], what: str, *, until: Callable[[T], bool], deadline: float = DEADLINE
) -> T: ...


def poll(
    probe: Callable[[], object],
    what: str,
    *,
    until: Callable[[Any], bool] = _found,
    deadline: float = DEADLINE,
) -> object:
    """``probe()`` again and again until ``until`` holds of what it gives (by default: until
    it gives neither None nor False), and that; ``what`` is what the test waits for."""
    end = time.monotonic() + deadline
    while not until(seen := probe()):
        _check(end, deadline, what, seen)
        time.sleep(INTERVAL)
    return seen


@overload
async def poll_async(
    probe: Callable[[], Awaitable[T | None]], what: str, *, deadline: float = DEADLINE
) -> T: ...


@overload
async def poll_async(
    probe: Callable[[], Awaitable[T]],
    what: str,
    *,
    until: Callable[[T], bool],
    deadline: float = DEADLINE,
) -> T: ...


@overload
async def poll_async(
    probe: Callable[[], T | None], what: str, *, deadline: float = DEADLINE
) -> T: ...


@overload
async def poll_async(
    probe: Callable[[], T], what: str, *, until: Callable[[T], bool], deadline: float = DEADLINE
) -> T: ...


async def poll_async(
    probe: Callable[[], object],
    what: str,
    *,
    until: Callable[[Any], bool] = _found,
    deadline: float = DEADLINE,
) -> object:
    """``poll`` for a test on the event loop: the loop runs while it waits; ``probe`` may be a
    coroutine function."""
    end = time.monotonic() + deadline
    while not until(seen := await _look(probe)):
        _check(end, deadline, what, seen)
        await asyncio.sleep(INTERVAL)
    return seen


async def _look(probe: Callable[[], object]) -> object:
    seen = probe()
    return await seen if inspect.isawaitable(seen) else seen


def _check(end: float, deadline: float, what: str, seen: object) -> None:
    if time.monotonic() >= end:
        raise AssertionError(f"not within {deadline} s: {what}; last seen:\n{pprint.pformat(seen)}")


def lines_until(
    process: subprocess.Popen[str], done: Callable[[list[str]], bool], what: str
) -> list[str]:
    """Lines of ``process``'s stdout, read one at a time until ``done`` holds of those read,
    within PROCESS_DEADLINE; the process must not end meanwhile.

    A read waits for its line, so the deadline is checked between lines.
    """
    stdout = process.stdout
    assert stdout is not None
    lines: list[str] = []

    def one_more() -> list[str]:
        assert process.poll() is None, f"the process ended before {what}: {lines}"
        lines.append(stdout.readline().rstrip("\n"))
        return lines

    return poll(one_more, what, until=done, deadline=PROCESS_DEADLINE)
