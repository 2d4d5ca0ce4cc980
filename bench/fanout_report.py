"""What the fan-out benchmark prints: the machine, each run's figures beside the bare
broadcast's, the summary, and where the profiled GraphQL server's time went."""

from __future__ import annotations

import contextlib
import math
import os
import platform
import pstats
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from fanout_client import raise_open_files_limit
from fanout_events import Run
from machine import installed

_PACKAGES = ("strawberry-graphql", "graphql-core", "starlette", "uvicorn", "websockets", "httpx")


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least ``fraction`` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else math.nan


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def ms(seconds: float) -> str:
    return "never" if math.isinf(seconds) else f"{seconds * 1000:,.1f} ms"


def mb(size: float) -> str:
    return f"{size / 2**20:,.1f} MB"


def spread(values: Sequence[float]) -> str:
    return (
        f"p50 {ms(percentile(values, 0.5))}  p99 {ms(percentile(values, 0.99))}  "
        f"max {ms(max(values, default=math.nan))}"
    )


def figures(run: Run, count: int, *, warmup: int, idle: float, clients: int) -> dict[str, str]:
    timed = run.deliveries[warmup:]
    latencies = [seconds for d in timed for seconds in d.delivered]
    missed = sum(len(d.latencies) - len(d.delivered) for d in timed)
    server_cpu = mean([d.server_cpu for d in timed])
    return {
        "connected and subscribed": f"{run.connect:.2f} s",
        "server RSS before, subscribed": f"{mb(run.rss_before)} -> {mb(run.rss_subscribed)}",
        "server RSS after the events": mb(run.rss_after),
        "memory per subscriber": f"{(run.rss_subscribed - run.rss_before) / count / 1024:,.1f} kB",
        "until every subscriber has it": spread([d.everyone for d in timed]),
        "each subscriber (all events)": spread(latencies),
        "first subscriber": spread([min(d.delivered, default=math.inf) for d in timed]),
        "trigger answered": spread([d.answered for d in timed]),
        "server CPU while idle": f"{run.idle_cpu:.1%} of a core (pings; over {idle:g} s)",
        "server CPU per event": (
            f"{server_cpu * 1000:,.1f} ms ({server_cpu / count * 1e6:,.1f} us per subscriber)"
        ),
        "client CPU per event": (
            f"{mean([d.client_cpu for d in timed]) * 1000:,.1f} ms (all {clients} client processes)"
        ),
        "rest of the machine per event": (
            f"{mean([d.others_cpu for d in timed]) * 1000:,.1f} ms CPU in "
            f"{mean([d.wall for d in timed]) * 1000:,.0f} ms"
        ),
        "missed": f"{missed:,} of {len(timed) * count:,}",
        "problems seen by clients": "; ".join(sorted(run.problems)) or "none",
        "errors the server logged": run.errors,
    }


def report_count(
    count: int,
    graphql: Run,
    bare: Run,
    *,
    clients: int,
    events: int,
    warmup: int,
    compression: str,
    idle: float,
) -> None:
    sizes = sorted({len(text.encode()) for text in graphql.texts})
    print(
        f"== {count:,} subscribers: {clients} client processes, "
        f"{events} events after {warmup} warm-up, compression "
        f"{compression}, messages of {sizes[0]:,}-{sizes[-1]:,} bytes",
        flush=True,
    )
    left = figures(graphql, count, warmup=warmup, idle=idle, clients=clients)
    right = figures(bare, count, warmup=warmup, idle=idle, clients=clients)
    width = max(len(key) for key in left)
    column = max(len(value) for value in left.values())
    print(f"  {'':<{width}}  {'GraphQL app':<{column}}  bare broadcast")
    for key, value in left.items():
        print(f"  {key:<{width}}  {value:<{column}}  {right[key]}", flush=True)
    ratio = ratios(graphql, bare, warmup)
    print(f"  {'GraphQL / bare':<{width}}  {ratio} (aim: within 3x)", flush=True)


def ratios(graphql: Run, bare: Run, warmup: int) -> str:
    def everyone(run: Run, fraction: float) -> float:
        return percentile([d.everyone for d in run.deliveries[warmup:]], fraction)

    def server_cpu(run: Run) -> float:
        return mean([d.server_cpu for d in run.deliveries[warmup:]])

    return (
        f"until every subscriber has it: p50 x{everyone(graphql, 0.5) / everyone(bare, 0.5):.2f}"
        f", p99 x{everyone(graphql, 0.99) / everyone(bare, 0.99):.2f}; "
        f"server CPU x{server_cpu(graphql) / server_cpu(bare):.2f}"
    )


def report_summary(runs: dict[int, tuple[Run, Run]], warmup: int) -> None:
    print(
        "== summary (aims: 10,000 subscribers in under 2 GB, p99 until every subscriber has "
        "it under 250 ms, within 3x of the bare broadcast)"
    )
    print(
        f"  {'subscribers':>11}  {'server RSS':>11}  {'per sub.':>9}  "
        f"{'p99 to all':>11}  {'bare p99':>11}  ratio"
    )
    for count, (graphql, _) in runs.items():
        p99 = [percentile([d.everyone for d in r.deliveries[warmup:]], 0.99) for r in runs[count]]
        per = (graphql.rss_subscribed - graphql.rss_before) / count / 1024
        print(
            f"  {count:>11,}  {mb(graphql.rss_subscribed):>11}  {per:>6.1f} kB  "
            f"{ms(p99[0]):>11}  {ms(p99[1]):>11}  x{p99[0] / p99[1]:.2f}",
            flush=True,
        )


_Function = tuple[str, int, str]
_Entry = tuple[int, int, float, float, object]


def report_profile(path: Path, count: int, *, events: int, top: int) -> None:
    """Where the GraphQL server's time went during the profiled events, per event."""
    entries: dict[_Function, _Entry] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    busy = {f: e for f, e in entries.items() if not (f[0] == "~" and "poll" in f[2])}
    per_event = 1000 / events
    packages: defaultdict[str, float] = defaultdict(float)
    for function, entry in busy.items():
        packages[_package(function)] += entry[2]
    total = sum(packages.values())
    print(
        f"== GraphQL server under cProfile, {events} events to {count:,} subscribers "
        f"(slower than unprofiled): {total * per_event:,.0f} ms CPU/event, own CPU time by package"
    )
    for name, seconds in sorted(packages.items(), key=lambda p: -p[1])[:top]:
        print(f"  {name:<40}  {seconds / total:6.1%}  {seconds * per_event:8.1f} ms/event")
    print("== hottest functions: own ms/event, cumulative ms/event, calls/event")
    for function, entry in sorted(busy.items(), key=lambda item: -item[1][2])[:top]:
        name = f"{_package(function)} {Path(function[0]).name}:{function[1]} {function[2]}"
        print(
            f"  {name[:90]:<90}  {entry[2] * per_event:8.1f}  {entry[3] * per_event:8.1f}  "
            f"{entry[1] / events:9,.0f}",
            flush=True,
        )


def _package(function: _Function) -> str:
    filename, _, name = function
    if filename == "~":
        return next((m for m in ("json", "zlib", "socket", "select") if m in name), "builtins")
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if "releasegraph" in parts:
        return "releasegraph"
    library = next((i for i, part in enumerate(parts) if part.startswith("python3")), None)
    return filename if library is None else parts[library + 1].removesuffix(".py")


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
            cpu,
        )
    somaxconn = Path("/proc/sys/net/core/somaxconn").read_text().strip()
    raise_open_files_limit()
    return {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} (usable: {len(os.sched_getaffinity(0))})",
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GB",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": installed(_PACKAGES),
        "server": "uvicorn, asyncio loop, releasegraph's WebSocketProtocol (websockets-sansio)",
        "open files": f"{os.sysconf('SC_OPEN_MAX')} per process; somaxconn {somaxconn}",
        "releasegraph": source_version(),
        "platform": platform.platform(),
        "load average": load_average(),
    }


def source_version() -> str:
    """The commit of the code measured, "-dirty" when files differ from it."""
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return described.stdout.strip()


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())
