"""``releasegraph work``: carry on the releases of a database."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from dataclasses import replace

from sqlmodel import col, func, or_, select

from releasegraph.cli import serve_settings, shutdown
from releasegraph.cli.commands.migrate import require_current_schema
from releasegraph.cli.exits import EXIT_OK
from releasegraph.cli.logs import redact
from releasegraph.cli.printing import Batch, EventPrinter, say
from releasegraph.engine.states import ReleaseStatus
from releasegraph.models import Release
from releasegraph.runtime.service import Runtime


def work(args: argparse.Namespace) -> int:
    require_current_schema(args.database)
    declared = serve_settings.for_command(args, os.environ)
    settings = serve_settings.runtime_settings(
        declared, args.database, agents=args.agents, job_limit=args.job_limit
    )
    settings = replace(settings, poll_interval=args.poll_interval)
    return asyncio.run(_work(Runtime(settings), args))


async def _work(runtime: Runtime, args: argparse.Namespace) -> int:
    printer = EventPrinter(runtime, as_json=False)
    wake = asyncio.Event()

    def listener(batch: Batch) -> None:
        wake.set()
        printer(batch)

    runtime.listeners.append(listener)
    stop = shutdown.Stop(wake, serve_settings.shutdown_timeout(args, os.environ))
    await runtime.start()
    say(f"working on {redact(args.database)} with {args.agents} local agents", sys.stdout)
    try:
        while not stop.is_set() and not (args.until_done and _unfinished(runtime) == 0):
            wake.clear()
            # Another process may finish the last release: look again now and then.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(args.poll_interval):
                    await wake.wait()
    finally:
        await runtime.stop()
    return stop.exit_code(EXIT_OK)


def _unfinished(runtime: Runtime) -> int:
    """Releases still to carry on: started and not completed, or drafts with a schedule."""
    started = (col(Release.status) == ReleaseStatus.ACTIVE) & col(Release.completed_on).is_(None)
    scheduled = (col(Release.status) == ReleaseStatus.DRAFT) & col(
        Release.scheduled_start_time
    ).is_not(None)
    query = select(func.count()).select_from(Release).where(or_(started, scheduled))
    with runtime.session() as session:
        return session.exec(query).one()
