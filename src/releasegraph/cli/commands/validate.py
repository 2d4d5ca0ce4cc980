"""``releasegraph validate FILE``: check a release definition file."""

from __future__ import annotations

import argparse
import sys

from releasegraph.cli.exits import EXIT_FAILED, EXIT_OK, read_file
from releasegraph.engine.definition import parse_definition
from releasegraph.engine.errors import ValidationError


def validate(args: argparse.Namespace) -> int:
    try:
        spec = parse_definition(read_file(args.file))
    except ValidationError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return EXIT_FAILED
    print(f"ok: {spec.name}")
    return EXIT_OK
