"""``releasegraph export-schema``: print the GraphQL schema (SDL)."""

from __future__ import annotations

import argparse
import sys

from releasegraph.cli.exits import EXIT_OK
from releasegraph.cli.printing import say


def export_schema(args: argparse.Namespace) -> int:
    # Only this command needs the GraphQL layer: the others start without loading it.
    from releasegraph.graphql_schema import build_schema

    say(build_schema().as_str(), sys.stdout)
    return EXIT_OK
