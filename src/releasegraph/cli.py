"""The command line: validate a definition, run one release of it, or work a database.

``run --auto-approve`` answers whatever waits for a person (see ``autoanswer``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlmodel import col, func, or_, select

from releasegraph import cli_options, serve_settings, shutdown
from releasegraph import serve as serving
from releasegraph.autoanswer import answer, waiting_items
from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import EventDraft
from releasegraph.engine.definition import parse_definition
from releasegraph.engine.errors import ValidationError
from releasegraph.engine.spec import DefinitionSpec
from releasegraph.engine.states import (
    ReleaseExecutionStatus,
    ReleaseStatus,
)
from releasegraph.logs import redact
from releasegraph.models import Release, ReleaseDefinitionRow
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from releasegraph.settings import SettingError
from releasegraph.tree import (
    event_line,
    event_record,
    json_default,
    load_logs,
    node_labels,
    release_tree,
)

log = logging.getLogger("releasegraph")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
_EXIT_BY_OUTCOME = {
    ReleaseExecutionStatus.SUCCEEDED: EXIT_OK,
    ReleaseExecutionStatus.PARTIAL_SUCCESS: EXIT_PARTIAL,
    ReleaseExecutionStatus.FAILED: EXIT_FAILED,
    ReleaseExecutionStatus.CANCELED: EXIT_FAILED,
}
_LABELS_KEPT = 100_000
Batch = list[tuple[int, EventDraft]]


class UsageError(Exception):
    """Bad arguments or an unreadable file: exit 2."""


def say(line: str, out: TextIO) -> None:
    try:
        print(line, file=out, flush=True)
    except BrokenPipeError:
        # The reader went away (`| head`): carry on, printing into the void.
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())


class EventPrinter:
    """One line per event: readable, or a JSON object with the event's fields."""

    def __init__(self, runtime: Runtime, *, as_json: bool) -> None:
        self.runtime = runtime
        self.as_json = as_json
        self._labels: dict[str, str] = {}

    def __call__(self, batch: Batch) -> None:
        for seq, event in batch:
            say(self._render(seq, event), sys.stdout)

    def _render(self, seq: int, event: EventDraft) -> str:
        if self.as_json:
            return json.dumps(event_record(seq, event), default=json_default)
        if event.entity_id not in self._labels:
            if len(self._labels) > _LABELS_KEPT:  # a worker runs for long: forget old releases
                self._labels.clear()
            self._labels.update(node_labels(self.runtime.load(event.release_id)))
        return event_line(seq, event, self._labels.get(event.entity_id, event.entity_id))


class Follower:
    """Prints the events of one release and wakes whoever waits for it."""

    def __init__(self, printer: EventPrinter) -> None:
        self.printer = printer
        self.release_id: str | None = None
        self.wake = asyncio.Event()
        self._early: Batch = []

    def __call__(self, batch: Batch) -> None:
        if self.release_id is None:
            self._early += batch  # the release is being created: its id comes next
            return
        mine = [(seq, event) for seq, event in batch if event.release_id == self.release_id]
        if mine:
            self.wake.set()
            self.printer(mine)

    def follow(self, release_id: str) -> None:
        self.release_id = release_id
        early, self._early = self._early, []
        self(early)


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


# -- the commands -----------------------------------------------------------------


def validate(args: argparse.Namespace) -> int:
    try:
        spec = parse_definition(_read(args.file))
    except ValidationError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return EXIT_FAILED
    print(f"ok: {spec.name}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    source = _read(args.file)
    try:
        spec = parse_definition(source)
    except ValidationError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return EXIT_USAGE
    with _database(args.database) as url:
        settings = Settings(database_url=url, agents=args.agents)
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
    return stop.exit_code(_EXIT_BY_OUTCOME.get(state.release.execution_status, EXIT_FAILED))


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


def work(args: argparse.Namespace) -> int:
    settings = Settings(
        database_url=args.database,
        agents=args.agents,
        job_limit=args.job_limit,
        poll_interval=args.poll_interval,
    )
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
                await asyncio.wait_for(wake.wait(), args.poll_interval)
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


@contextlib.contextmanager
def _database(url: str | None) -> Iterator[str]:
    """The given database, or a SQLite file in a directory removed afterwards."""
    if url is not None:
        yield url
        return
    with tempfile.TemporaryDirectory(prefix="releasegraph-") as directory:
        yield f"sqlite:///{Path(directory) / 'releasegraph.db'}"


def _read(file: str) -> str:
    try:
        return Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {file}: {error}") from error


# -- arguments --------------------------------------------------------------------


def export_schema(args: argparse.Namespace) -> int:
    # Only this command needs the GraphQL layer: the others start without loading it.
    from releasegraph.schema.schema import build_schema

    say(build_schema().as_str(), sys.stdout)
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    # The GraphQL layer loads inside ``serving.serve``, only for this command.
    return serving.serve(serve_settings.resolve(args, os.environ), sys.stdout)


def parser() -> argparse.ArgumentParser:
    package = metadata.metadata("releasegraph")
    root = argparse.ArgumentParser(prog="releasegraph", description=package["Summary"])
    root.add_argument("--version", action="version", version=f"%(prog)s {package['Version']}")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("validate", help="check a release definition file")
    cli_options.add_validate_arguments(check)
    check.set_defaults(handler=validate)

    once = sub.add_parser("run", help="run one release of a definition to completion")
    cli_options.add_run_arguments(once)
    once.set_defaults(handler=run)

    worker = sub.add_parser("work", help="carry on the releases of a database")
    cli_options.add_work_arguments(worker)
    worker.set_defaults(handler=work)

    server = sub.add_parser(
        "serve",
        help="serve the GraphQL API (and GraphiQL) at /graphql",
        description=serve_settings.DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve_settings.add_arguments(server)
    server.set_defaults(handler=serve)

    schema = sub.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    schema.set_defaults(handler=export_schema)
    return root


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage, or the help
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args)
    except (UsageError, ArgumentError, SettingError) as error:
        print(f"releasegraph: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SQLAlchemyError as error:
        print(f"releasegraph: database error: {error}", file=sys.stderr)
        return EXIT_FAILED
    return code


if __name__ == "__main__":
    raise SystemExit(main())
