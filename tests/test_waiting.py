"""The one way tests wait: the probe's find comes back at the look that finds it; at the
deadline the wait fails naming what it waited for and what it saw last."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from typing import TypeVar

import pytest

from tests.waiting import lines_until, poll, poll_async

T = TypeVar("T")


def looks(*answers: T) -> Iterator[T]:
    """What a probe gives, one answer per look; what is left was never looked at."""
    return iter(answers)


def test_poll_returns_the_first_find_and_looks_no_more() -> None:
    answers = looks(None, False, "found", "never looked at")

    assert poll(lambda: next(answers), "a find") == "found"
    assert list(answers) == ["never looked at"]


def test_a_find_is_anything_but_none_and_false() -> None:
    assert (poll(lambda: 0, "zero"), poll(lambda: "", "nothing said")) == (0, "")


def test_poll_until_returns_the_first_value_it_holds_of() -> None:
    counts = iter(range(4))

    assert poll(lambda: next(counts), "two", until=lambda count: count >= 2) == 2
    assert list(counts) == [3]


def test_poll_fails_at_the_deadline_naming_what_it_waited_for_and_what_it_saw_last() -> None:
    answers = looks([1], [1, 2], [1, 2, 3])

    with pytest.raises(AssertionError) as failed:
        poll(lambda: next(answers), "four items", until=lambda seen: len(seen) == 4, deadline=0)

    assert str(failed.value) == "not within 0 s: four items; last seen:\n[1]"
    assert list(answers) == [[1, 2], [1, 2, 3]]  # a deadline of 0: one look, no wait


def test_poll_looks_again_until_a_tiny_deadline() -> None:
    with pytest.raises(AssertionError, match=r"^not within 0.05 s: a find; last seen:\nNone$"):
        poll(lambda: None, "a find", deadline=0.05)


def test_what_the_probe_raises_ends_the_wait() -> None:
    def exited() -> None:
        raise RuntimeError("the server exited")

    with pytest.raises(RuntimeError, match="the server exited"):
        poll(exited, "the server ready")


async def test_poll_async_returns_a_coroutine_probes_first_find_and_looks_no_more() -> None:
    answers = looks(None, {"id": 1}, "never looked at")

    async def probe() -> object:
        return next(answers)

    assert await poll_async(probe, "a release") == {"id": 1}
    assert list(answers) == ["never looked at"]


async def test_poll_async_takes_a_plain_probe_and_runs_the_loop_between_looks() -> None:
    done = asyncio.Event()
    asyncio.get_running_loop().call_soon(done.set)

    assert await poll_async(done.is_set, "the event set") is True


async def test_poll_async_fails_at_the_deadline_naming_what_and_the_last_seen() -> None:
    async def statuses() -> dict[str, str]:
        return {"release": "RUNNING"}

    with pytest.raises(AssertionError) as failed:
        await poll_async(
            statuses,
            "the release SUCCEEDED",
            until=lambda seen: seen["release"] == "SUCCEEDED",
            deadline=0.05,
        )

    expected = "not within 0.05 s: the release SUCCEEDED; last seen:\n{'release': 'RUNNING'}"
    assert str(failed.value) == expected


def printing(program: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", program], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def test_lines_until_reads_up_to_the_line_awaited() -> None:
    process = printing("print('one'); print('two', flush=True); input()")
    try:
        lines = lines_until(process, lambda read: read[-1] == "two", "two")
    finally:
        process.kill()
        process.communicate()

    assert lines == ["one", "two"]


def test_lines_until_fails_when_the_process_ends_first() -> None:
    process = printing("print('one')")
    try:
        with pytest.raises(AssertionError, match=r"^the process ended before two: "):
            lines_until(process, lambda read: read[-1] == "two", "two")
    finally:
        process.communicate()
