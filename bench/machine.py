"""What every benchmark prints first: the machine it ran on, as a table like its figures."""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
from collections.abc import Iterable
from importlib import metadata


def machine(**versions: str) -> dict[str, str]:
    """CPU, cores, Python, SQLite, the given ``versions``, platform and load average."""
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
            cpu,
        )
    return {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} (usable: {len(os.sched_getaffinity(0))})",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        **versions,
        "platform": platform.platform(),
        "load average": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }


def installed(packages: Iterable[str]) -> str:
    """``name version`` of each installed distribution, comma-separated."""
    return ", ".join(f"{package} {metadata.version(package)}" for package in packages)


def print_table(title: str, rows: dict[str, str]) -> None:
    """``== title``, then one aligned ``key  value`` line per row, flushed at once."""
    print(f"== {title}", flush=True)
    width = max((len(key) for key in rows), default=0)
    for key, value in rows.items():
        print(f"  {key:<{width}}  {value}", flush=True)
