"""Where the GraphQL server's time goes: the server under cProfile, by package and function."""

from __future__ import annotations

import pstats
from collections import defaultdict
from pathlib import Path

from api_load import Target, hammer
from api_servers import running
from machine import print_table

_Function = tuple[str, int, str]
_Entry = tuple[int, int, float, float, object]


async def profile(
    database: Path,
    directory: Path,
    token: str,
    target: Target,
    *,
    requests: int,
    top: int,
    gc_threshold: int,
) -> None:
    """The GraphQL server under cProfile for ``requests`` requests, its ``top`` rows printed."""
    out = directory / "graphql.prof"
    async with running("graphql", database, token, gc_threshold, profile_out=out) as server:
        await hammer(server, target, token, clients=1, requests=requests, warmup=0)
    entries: dict[_Function, _Entry] = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    busy = {f: e for f, e in entries.items() if not _idle(f)}
    per_request = 1000 / requests
    packages: defaultdict[str, float] = defaultdict(float)
    for function, entry in busy.items():
        packages[_package(function)] += entry[2]
    total = sum(packages.values())
    print_table(
        f"GraphQL server under cProfile ({requests} requests, idle waits left out): "
        f"{total * per_request:.0f} ms/request, own time by package",
        {
            name: f"{seconds / total:6.1%}  {seconds * per_request:7.1f} ms/request"
            for name, seconds in sorted(packages.items(), key=lambda p: -p[1])[:top]
        },
    )
    hottest = sorted(busy.items(), key=lambda item: -item[1][2])[:top]
    print_table(
        "hottest functions: own ms/request, cumulative ms/request, calls/request",
        {
            f"{_package(f)} {Path(f[0]).name}:{f[1]} {f[2]}": (
                f"{e[2] * per_request:7.2f}  {e[3] * per_request:7.2f}  "
                f"{e[1] * per_request / 1000:9,.0f}"
            )
            for f, e in hottest
        },
    )


def _idle(function: _Function) -> bool:
    return function[0] == "~" and "poll" in function[2]


def _package(function: _Function) -> str:
    filename, _, name = function
    if filename.startswith("<frozen "):
        return filename.removeprefix("<frozen ").removesuffix(">")
    if filename.startswith("<"):
        return "sqlalchemy" if "sqlalchemy" in filename else "generated code"
    if filename == "~":
        return next((m for m in ("sqlite3", "json") if m in name), "builtins")
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if "releasegraph" in parts:
        return "releasegraph"
    library = next((i for i, part in enumerate(parts) if part.startswith("python3")), None)
    return filename if library is None else parts[library + 1].removesuffix(".py")
