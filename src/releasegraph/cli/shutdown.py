"""Stopping on SIGINT or SIGTERM: gracefully, and within the shutdown timeout whatever happens.

A graceful stop is the runtime's: executors are cancelled and their scripts' process
groups terminated; a run cut short stays in progress in the database, and the next start
records it INTERRUPTED and runs it again (README, "Durability"). A stop that takes longer
than the timeout ends the process as a crash would, after killing the process groups of the
scripts still running; the next start recovers the same way.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from types import FrameType

from releasegraph.runtime.subprocesses import kill_running_groups

SIGNALS = (signal.SIGINT, signal.SIGTERM)


def interrupted(signum: int) -> int:
    """The exit code after a signal, as shells report one: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum


def exit_within(seconds: float, code: int) -> None:
    """End the process with ``code`` in ``seconds`` if it has not ended by then.

    A thread of its own counts down, so a main thread that is stuck cannot hold it up.
    """
    timer = threading.Timer(seconds, _exit_now, args=(code,))
    timer.daemon = True
    timer.start()


def _exit_now(code: int) -> None:
    kill_running_groups()
    os._exit(code)


class Stop:
    """Set by the first SIGINT or SIGTERM, which also starts the countdown to exit.

    Each signal sets ``wake`` too, so that whoever waits on it looks at ``is_set()``.
    """

    def __init__(self, wake: asyncio.Event, timeout: float) -> None:
        self.signum: int | None = None
        self._wake = wake
        self._timeout = timeout
        self._loop = asyncio.get_running_loop()
        # signal.signal, not loop.add_signal_handler: the handler runs even while the loop
        # is stuck in a callback, and the countdown starts all the same.
        for signum in SIGNALS:
            signal.signal(signum, self._handle)

    def is_set(self) -> bool:
        return self.signum is not None

    def exit_code(self, otherwise: int) -> int:
        """The interrupted code once a signal came, else ``otherwise``."""
        return otherwise if self.signum is None else interrupted(self.signum)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum
            exit_within(self._timeout, interrupted(signum))
        if not self._loop.is_closed():  # a signal may come as the process exits
            self._loop.call_soon_threadsafe(self._wake.set)
