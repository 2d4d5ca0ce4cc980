"""``releasegraph migrate``: bring the database's schema to the revision of the code;
``--check`` only says whether that is due (exit 1 when it is).

Also the look at the schema that ``serve``, ``run`` and ``work`` take before they start
(see ``runtime/revisions.py``): the SQLite file is upgraded, an out-of-date PostgreSQL
database refused with the command that upgrades it.
"""

from __future__ import annotations

import argparse
import os
import sys

from sqlalchemy.engine import Engine

from releasegraph.cli import serve_settings
from releasegraph.cli.exits import EXIT_FAILED, EXIT_OK, UsageError
from releasegraph.cli.logs import redact
from releasegraph.cli.printing import say
from releasegraph.runtime import revisions
from releasegraph.runtime.db import make_engine
from releasegraph.runtime.revisions import OutdatedSchemaError


def migrate(args: argparse.Namespace) -> int:
    url = serve_settings.for_command(args, os.environ).database
    engine = make_engine(url)
    try:
        return _check(engine, url) if args.check else _upgrade(engine, url)
    finally:
        engine.dispose()


def _upgrade(engine: Engine, url: str) -> int:
    before, after = revisions.upgrade(engine)
    if before == after:
        say(f"{redact(url)} is at revision {after}, as the code needs", sys.stdout)
    else:
        say(f"upgraded {redact(url)} from revision {before or 'none'} to {after}", sys.stdout)
    return EXIT_OK


def _check(engine: Engine, url: str) -> int:
    try:
        revisions.require_current(engine)
    except OutdatedSchemaError as error:
        say(_refusal(error, url), sys.stdout)
        return EXIT_FAILED
    say(f"{redact(url)} is at revision {revisions.head()}, as the code needs", sys.stdout)
    return EXIT_OK


def require_current_schema(url: str) -> None:
    """Before a command starts on ``url``: ``revisions.prepare``, whose refusal is a usage
    error (exit 2) that says what to run."""
    engine = make_engine(url)
    try:
        revisions.prepare(engine)
    except OutdatedSchemaError as error:
        raise UsageError(_refusal(error, url)) from None
    finally:
        engine.dispose()


def _refusal(error: OutdatedSchemaError, url: str) -> str:
    return f"{error}: run `releasegraph migrate --database {redact(url)}`"
