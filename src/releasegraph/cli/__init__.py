"""The command line: validate a definition, run one release of it, work a database, serve the
API, export its schema, or migrate a database. Each command is a module of ``commands``."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import metadata

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from releasegraph.cli import options, serve_settings
from releasegraph.cli.commands.agent import add_agent_arguments
from releasegraph.cli.commands.export_schema import export_schema
from releasegraph.cli.commands.migrate import migrate
from releasegraph.cli.commands.run import run
from releasegraph.cli.commands.serve import serve
from releasegraph.cli.commands.validate import validate
from releasegraph.cli.commands.work import work
from releasegraph.cli.exits import EXIT_FAILED, EXIT_USAGE, UsageError
from releasegraph.cli.settings import SettingError


def parser() -> argparse.ArgumentParser:
    package = metadata.metadata("releasegraph")
    root = argparse.ArgumentParser(prog="releasegraph", description=package["Summary"])
    root.add_argument("--version", action="version", version=f"%(prog)s {package['Version']}")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, help, add_arguments, handler in (
        ("validate", "check a release definition file", options.add_validate_arguments, validate),
        ("run", "run one release of a definition to completion", options.add_run_arguments, run),
        ("work", "carry on the releases of a database", options.add_work_arguments, work),
    ):
        command = sub.add_parser(name, help=help)
        add_arguments(command)
        command.set_defaults(handler=handler)

    server = sub.add_parser(
        "serve",
        help="serve the GraphQL API (and GraphiQL) at /graphql",
        description=serve_settings.DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve_settings.add_arguments(server)
    server.set_defaults(handler=serve)

    remote = sub.add_parser("agent", help="run the work of AGENT phases for a server")
    add_agent_arguments(remote)

    sub.add_parser("export-schema", help="print the GraphQL schema (SDL)").set_defaults(
        handler=export_schema
    )

    migration = sub.add_parser(
        "migrate",
        help="bring the database's schema to this version's",
        description="Bring the database's schema to this version's revision (Alembic)."
        " --database also comes from RELEASEGRAPH_DATABASE, as for serve.",
    )
    options.add_migrate_arguments(migration)
    migration.set_defaults(handler=migrate)
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
