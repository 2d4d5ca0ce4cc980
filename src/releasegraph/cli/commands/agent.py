"""``releasegraph agent``: run the work of AGENT phases on this machine."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket

from releasegraph.agent.client import Server
from releasegraph.agent.main import AgentConfig, run_agent
from releasegraph.cli.exits import UsageError

TOKEN_VARIABLE = "RELEASEGRAPH_AGENT_TOKEN"


def add_agent_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--server", required=True, metavar="URL", help="the server's base address")
    add(
        "--token",
        metavar="TOKEN",
        help=f"a token of a user with role AGENT (default: ${TOKEN_VARIABLE})",
    )
    add("--pool", default="default", metavar="NAME", help="the pool it serves (default: default)")
    add(
        "--name",
        default=socket.gethostname(),
        metavar="NAME",
        help="its name, unique on the server (default: the host name)",
    )
    add("--capacity", type=int, default=1, metavar="N", help="jobs at once (default: 1)")
    add(
        "--capability",
        action="append",
        default=[],
        type=_capability,
        metavar="KEY=VALUE",
        help="what it offers to phases' demands; repeat for more",
    )
    add("--ca-file", metavar="PEM", help="certificates to trust for an https server")
    add("--workdir", metavar="DIR", help="working directory of scripts (default: the current)")
    parser.set_defaults(handler=agent)


def _capability(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value.strip()


def agent(args: argparse.Namespace) -> int:
    token = args.token or os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise UsageError(f"give --token or set {TOKEN_VARIABLE}")
    if not args.server.startswith(("http://", "https://")):
        raise UsageError(f"--server: expected http://host:port or https://…, got {args.server!r}")
    # What each slot runs and what the server refused, as the agent's operator needs it.
    logging.getLogger("releasegraph.agent").setLevel(logging.INFO)
    config = AgentConfig(
        server=Server(url=args.server, token=token, ca_file=args.ca_file),
        name=args.name,
        pool=args.pool,
        capacity=args.capacity,
        capabilities=dict(args.capability),
        workdir=args.workdir,
    )
    return asyncio.run(run_agent(config))
