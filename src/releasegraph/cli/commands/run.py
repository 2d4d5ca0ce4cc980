"""``releasegraph run FILE``: run one release of a definition to completion.

``--auto-approve`` answers whatever waits for a person (see ``autoanswer``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from sqlmodel import col, select

from releasegraph.cli import serve_settings, shutdown
from releasegraph.cli.autoanswer import answer, waiting_items
from releasegraph.cli.commands.migrate import require_current_schema
from releasegraph.cli.exits import EXIT_BY_OUTCOME, EXIT_FAILED, EXIT_USAGE, read_file
from releasegraph.cli.printing import EventPrinter, Follower, say
from releasegraph.cli.tree import json_default, load_logs, release_tree
from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.definition import parse_definition
from releasegraph.engine.errors import ValidationError
from releasegraph.engine.spec import DefinitionSpec
from releasegraph.models import ReleaseDefinitionRow
from releasegraph.runtime.service import Runtime


def run(args: argparse.Namespace) -> int:
    source = read_file(args.file)
    try:
        spec = parse_definition(source)
    except ValidationError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return EXIT_USAGE
    with _database(args.database) as url:
        require_current_schema(url)
        declared = serve_settings.for_command(args, os.environ)
        settings = serve_settings.runtime_settings(declared, url, agents=args.agents)
        return asyncio.run(_run(Runtime(settings), args, source, spec))


async def _run(
    runtime: Runtime, args: argparse.Namespace, source: str, spec: DefinitionSpec
) -> int:
    follower = Follower(EventPrinter(runtime, as_json=args.json))
    runtime.listeners.append(follower)
    stop = shutdown.Stop(follower.wake, serve_settings.shutdown_timeout(args, os.environ))
    await runtime.start()
    try:
        definition_id = _save_definition(runtime, source, spec.name, actor=args.actor)
        release_id = runtime.create_release(
            commands.CreateRelease(
                actor=args.actor, definition_id=definition_id, variables=dict(args.var), start=True
            )
        )
        follower.follow(release_id)
        notes = sys.stderr if args.json else sys.stdout
        auto = args.actor if args.auto_approve else None
        state = await drive(runtime, follower, stop, auto=auto, notes=notes)
        with runtime.session() as session:
            tree = release_tree(state, load_logs(session, release_id))
    finally:
        await runtime.stop()
    say(
        json.dumps(tree, separators=(",", ":"), default=json_default)
        if args.json
        else json.dumps(tree, indent=2, default=json_default),
        sys.stdout,
    )
    return stop.exit_code(EXIT_BY_OUTCOME.get(state.release.execution_status, EXIT_FAILED))


def _save_definition(runtime: Runtime, source: str, name: str, *, actor: str) -> str:
    """Create the definition, or make this source the next revision of the one so named."""
    with runtime.session() as session:
        query = select(ReleaseDefinitionRow.id).where(col(ReleaseDefinitionRow.name) == name)
        existing = session.exec(query).first()
    if existing is None:
        return runtime.create_definition(
            commands.CreateReleaseDefinition(actor=actor, source=source)
        ).id
    return runtime.update_definition(
        commands.UpdateReleaseDefinition(actor=actor, definition_id=existing, source=source)
    ).id


async def drive(
    runtime: Runtime, follower: Follower, stop: shutdown.Stop, *, auto: str | None, notes: TextIO
) -> ReleaseState:
    """Wait for the release to complete, answering (``auto``: as whom) or announcing waits."""
    assert follower.release_id is not None
    announced: set[str] = set()
    retried: set[str] = set()
    while True:
        follower.wake.clear()
        state = runtime.load(follower.release_id)
        if state.release.completed_on is not None or stop.is_set():
            return state
        if not state.attempts:  # only ever true of a release whose environments are all manual
            say("nothing to run: no environment of the release starts by itself", notes)
            return state
        for item in waiting_items(state, retried):
            if item.id in announced:
                continue
            if auto is not None and answer(runtime, follower.release_id, item, auto):
                if item.retry_of is not None:
                    retried.add(item.retry_of)
                break  # the answer changed the release: look again
            announced.add(item.id)
            say(f"waiting for {' or '.join(item.who) or 'anyone'}: {item.what}", notes)
        else:
            await follower.wake.wait()


@contextlib.contextmanager
def _database(url: str | None) -> Iterator[str]:
    """The given database, or a SQLite file in a directory removed afterwards."""
    if url is not None:
        yield url
        return
    with tempfile.TemporaryDirectory(prefix="releasegraph-") as directory:
        yield f"sqlite:///{Path(directory) / 'releasegraph.db'}"
