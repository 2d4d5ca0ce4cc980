"""What ``bench/scaleout.py`` prints: each replica count's figures, the comparison with the
aims, and everything once more as one JSON line."""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg

from machine import print_table
from scaleout_cluster import Cpu
from scaleout_latency import Probes
from scaleout_load import Count
from scaleout_observer import COUNTER_WAIT

LATENCY_AIM = 0.100
"""Cross-replica p99, seconds (Hasura's subscriptions refetch each second)."""
SCALING_AIM = 0.9
"""Two replicas' throughput against one's."""


@dataclass(kw_only=True)
class Options:
    replicas: list[int]
    duration: float
    rounds: int
    warmup: float
    tasks: int
    agents: int
    in_flight: int
    pool_size: int
    probe_interval: float
    idle_probes: int
    idle_interval: float
    sample_interval: float
    postgres: str
    profile: Path | None


@dataclass(kw_only=True)
class Window:
    seconds: float
    count: Count
    replica_cpu: dict[str, Cpu]
    postgres: dict[str, object]
    """The observer's figures (``scaleout_observer.Observer.figures``)."""
    machine_busy: float
    """CPU seconds the whole machine spent busy, every process of every user."""
    bench_cpu: float
    probes: Probes
    healthz: dict[str, list[float]]
    """Answer times of each replica's ``/healthz`` under the load."""

    @property
    def throughput(self) -> float:
        return self.count.succeeded / self.seconds

    def postgres_cpu(self) -> dict[str, float]:
        cpu = self.postgres["cpu"]
        assert isinstance(cpu, dict)
        return {str(kind): float(seconds) for kind, seconds in cpu.items()}


@dataclass(kw_only=True)
class Result:
    label: str
    replicas: list[str]
    idle: Probes
    window: Window
    problems: dict[str, list[str]]


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        sync = conn.execute("SHOW synchronous_commit").fetchone()
    return f"{row[0] if row else '?'} (synchronous_commit {sync[0] if sync else '?'})"


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least ``fraction`` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else math.nan


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def latency(probes: Probes) -> dict[str, float | int]:
    upper = [p.upper for p in probes.probes]
    lower = [p.lower for p in probes.probes]
    return {
        "probes": len(upper),
        "lost": probes.lost,
        "p50_upper": percentile(upper, 0.5),
        "p99_upper": percentile(upper, 0.99),
        "max_upper": max(upper, default=math.nan),
        "p50_lower": percentile(lower, 0.5),
        "p99_lower": percentile(lower, 0.99),
        "mutation_p50": percentile([p.answered - p.sent for p in probes.probes], 0.5),
    }


def latency_row(figures: dict[str, float | int]) -> str:
    return (
        f"p50 {ms(figures['p50_upper'])}, p99 {ms(figures['p99_upper'])}, "
        f"max {ms(figures['max_upper'])} (from the decision); from A's answer: "
        f"p50 {ms(figures['p50_lower'])}, p99 {ms(figures['p99_lower'])}; "
        f"{figures['probes']} probes, {figures['lost']} lost; the mutation took "
        f"{ms(figures['mutation_p50'])} (p50)"
    )


def cpu_figures(result: Result) -> dict[str, float]:
    """CPU seconds over the window by process kind."""
    window = result.window
    figures: dict[str, float] = {}
    for name, cpu in window.replica_cpu.items():
        figures[f"replica {name}"] = cpu.own
    figures["scripts (sh -c true, reaped by the replicas)"] = sum(
        cpu.children for cpu in window.replica_cpu.values()
    )
    postgres = window.postgres_cpu()
    figures["PostgreSQL: backends of the benchmark's database"] = postgres.pop(
        "backends of the benchmark's database", 0.0
    )
    background = {k: v for k, v in postgres.items() if k.startswith("background")}
    figures["PostgreSQL: background processes (whole server)"] = sum(background.values())
    observer_cpu = window.postgres["observer_cpu"]
    assert isinstance(observer_cpu, float)
    figures["benchmark: coordinator, observer and their backends"] = (
        window.bench_cpu
        + observer_cpu
        + postgres.get("observer's own backend", 0.0)
        + postgres.get("benchmark's backends", 0.0)
    )
    figures["PostgreSQL: backends of other databases (other users)"] = postgres.get(
        "backends of other databases", 0.0
    )
    return figures


def server_total(figures: dict[str, float]) -> float:
    """The replicas and the PostgreSQL backends serving them: what a larger machine runs."""
    return (
        sum(v for k, v in figures.items() if k.startswith("replica "))
        + figures["PostgreSQL: backends of the benchmark's database"]
    )


def cpu_rows(result: Result) -> dict[str, str]:
    window = result.window
    completions = max(1, window.count.succeeded)
    figures = cpu_figures(result)
    rows = {
        f"CPU, {kind}": f"{seconds * 1000 / completions:,.2f} ms per completion "
        f"({seconds / window.seconds:.2f} cores)"
        for kind, seconds in figures.items()
    }
    total = server_total(figures)
    rows["CPU, server (replicas + their PostgreSQL backends)"] = (
        f"{total * 1000 / completions:,.2f} ms per completion ({total / window.seconds:.2f} cores)"
    )
    ours = sum(figures.values()) - figures["PostgreSQL: backends of other databases (other users)"]
    cores = os.cpu_count() or 1
    rows["machine"] = (
        f"busy {window.machine_busy / window.seconds:.2f} of {cores} cores; "
        f"{max(0.0, window.machine_busy - ours) / window.seconds:.2f} cores of it not the "
        "benchmark's (other users of this shared machine)"
    )
    return rows


def transaction_rows(result: Result) -> dict[str, str]:
    postgres = result.window.postgres
    rounds, inside = postgres["rounds"], postgres["in_transaction"]
    categories, counter_rounds = postgres["categories"], postgres["counter_rounds"]
    assert isinstance(rounds, int)
    assert isinstance(inside, int)
    assert isinstance(categories, dict)
    assert isinstance(counter_rounds, int)
    rows = {
        "method": (
            f"pg_stat_activity read {rounds:,} times "
            f"({result.window.seconds / max(1, rounds) * 1000:.1f} ms apart); each replica "
            "backend inside a transaction filed by what it does"
        ),
        "replica backends in a transaction": f"{inside / max(1, rounds):.2f} on average",
    }
    for kind, n in categories.items():
        rows[f"  {kind}"] = f"{n / max(1, inside):.1%} of transaction time"
    rows["a writer waits for the counter row"] = (
        f"{counter_rounds / max(1, rounds):.1%} of the time"
    )
    return rows


def counter_share(result: Result) -> float:
    postgres = result.window.postgres
    categories, inside = postgres["categories"], postgres["in_transaction"]
    assert isinstance(categories, dict)
    assert isinstance(inside, int)
    return float(categories.get(COUNTER_WAIT, 0)) / max(1, inside)


def count_rows(result: Result) -> dict[str, str]:
    window, count = result.window, result.window.count
    by_replica = ", ".join(f"{name} {n:,}" for name, n in sorted(count.by_replica.items()))
    return {
        "window": f"{window.seconds:.1f} s",
        "task completions": f"{count.succeeded:,} ({by_replica})",
        "completions per second": f"{window.throughput:,.1f}",
        "other run outcomes": ", ".join(f"{k} {v}" for k, v in count.other_outcomes.items())
        or "none",
        "events committed": f"{count.events:,} ({count.events / window.seconds:,.0f}/s)",
        "database work per completion": database_row(result),
    }


def database_row(result: Result) -> str:
    database = result.window.postgres.get("database")
    assert isinstance(database, dict)
    completions = max(1, result.window.count.succeeded)
    figures = ", ".join(f"{n / completions:,.1f} {name}" for name, n in database.items())
    return f"{figures} (pg_stat_database; the observer's own left out, the feeder's 10/s not)"


def problems_row(result: Result) -> str:
    found = [
        f"{name}: {len(lines)} ({lines[0][:120]})"
        for name, lines in result.problems.items()
        if lines
    ]
    return "; ".join(found) or "none"


def report(options: Options, results: list[Result]) -> None:
    print_table(
        "workload",
        {
            "releases": f"1 environment, 1 agent phase, {options.tasks} script tasks `true` each",
            "load": f"{options.in_flight} unfinished releases kept, created through the "
            "replicas in turn",
            "replicas": f"--agents {options.agents} (local agents are rows named local-1..N: "
            f"the replicas share {options.agents}), --job-limit 0, "
            f"--pool-size {options.pool_size}",
            "timing": f"{options.warmup:g} s warm-up, then {options.duration:g} s measured, "
            f"{options.rounds} round(s) of {options.replicas} replicas, interleaved",
        },
    )
    for number, result in enumerate(results):
        print_table(f"{result.label}, run {number + 1}", result_rows(result))
    merged = {count: merge(runs) for count, runs in by_count(results).items()}
    if options.rounds > 1:
        for result in merged.values():
            print_table(f"{result.label}, all rounds", result_rows(result))
    summary = summarize(merged)
    print_table("against the aims", summary.rows)
    print(f"== load average after the run: {load_average()}", flush=True)
    print(json.dumps(as_json(options, results, merged, summary)), flush=True)


def result_rows(result: Result) -> dict[str, str]:
    pair = f"A -> {result.replicas[-1]}"
    rows = count_rows(result)
    rows |= cpu_rows(result)
    rows[f"latency {pair}, no load"] = latency_row(latency(result.idle))
    rows[f"latency {pair}, under the load"] = latency_row(latency(result.window.probes))
    rows["/healthz answer time under the load (event loop lag)"] = "; ".join(
        f"{name} p50 {ms(percentile(times, 0.5))}, p99 {ms(percentile(times, 0.99))}"
        for name, times in result.window.healthz.items()
    )
    rows |= transaction_rows(result)
    rows["errors in the replicas' logs"] = problems_row(result)
    return rows


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def by_count(results: list[Result]) -> dict[int, list[Result]]:
    grouped: dict[int, list[Result]] = {}
    for result in results:
        grouped.setdefault(len(result.replicas), []).append(result)
    return grouped


def merge(results: list[Result]) -> Result:
    """The runs of one replica count as one: sums, and every probe."""
    windows = [r.window for r in results]
    postgres: dict[str, object] = {}
    for window in windows:
        for key, value in window.postgres.items():
            postgres[key] = _add(postgres.get(key), value)
    names = results[0].replicas
    return Result(
        label=results[0].label,
        replicas=names,
        idle=Probes([p for r in results for p in r.idle.probes], sum(r.idle.lost for r in results)),
        window=Window(
            seconds=sum(w.seconds for w in windows),
            count=Count(
                succeeded=sum(w.count.succeeded for w in windows),
                other_outcomes=_sum_counts(w.count.other_outcomes for w in windows),
                by_replica=_sum_counts(w.count.by_replica for w in windows),
                events=sum(w.count.events for w in windows),
            ),
            replica_cpu={
                name: sum((w.replica_cpu[name] for w in windows), Cpu(0.0, 0.0)) for name in names
            },
            postgres=postgres,
            machine_busy=sum(w.machine_busy for w in windows),
            bench_cpu=sum(w.bench_cpu for w in windows),
            probes=Probes(
                [p for w in windows for p in w.probes.probes], sum(w.probes.lost for w in windows)
            ),
            healthz={name: [t for w in windows for t in w.healthz[name]] for name in names},
        ),
        problems={name: [line for r in results for line in r.problems[name]] for name in names},
    )


def _sum_counts(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for count in counts:
        total.update(count)
    return dict(total)


def _add(total: object, value: object) -> object:
    """Numbers add up, and so do dictionaries of them, key by key."""
    if total is None:
        return value
    if isinstance(total, dict) and isinstance(value, dict):
        return {k: _add(total.get(k), v) for k, v in value.items()} | {
            k: v for k, v in total.items() if k not in value
        }
    assert isinstance(total, int | float)
    assert isinstance(value, int | float)
    return total + value


@dataclass
class Summary:
    rows: dict[str, str]
    ratio: float | None


def summarize(merged: dict[int, Result]) -> Summary:
    rows: dict[str, str] = {}
    ratio = None
    one, two = merged.get(1), merged.get(2)
    if one is not None and two is not None:
        ratio = two.window.throughput / one.window.throughput
        verdict = "met" if ratio >= SCALING_AIM else "NOT met"
        rows["throughput, 2 replicas / 1"] = (
            f"{ratio:.2f}x ({two.window.throughput:,.1f}/s against {one.window.throughput:,.1f}/s;"
            f" aim >= {SCALING_AIM}: {verdict})"
        )
    for count, result in merged.items():
        per = server_total(cpu_figures(result)) * 1000 / max(1, result.window.count.succeeded)
        rows[f"server CPU, {count} replica(s)"] = f"{per:,.1f} ms per completion"
        if count < 2:
            continue
        loaded, idle = latency(result.window.probes), latency(result.idle)
        verdict = "met" if loaded["p99_upper"] < LATENCY_AIM else "NOT met"
        rows[f"cross-replica p99, {count} replicas"] = (
            f"{ms(loaded['p99_upper'])} under the load, {ms(idle['p99_upper'])} without "
            f"(aim < {ms(LATENCY_AIM)} under the load: {verdict})"
        )
        rows[f"counter row, {count} replicas"] = (
            f"{counter_share(result):.1%} of the replicas' transaction time waits for it"
        )
    return Summary(rows, ratio)


def as_json(
    options: Options, results: list[Result], merged: dict[int, Result], summary: Summary
) -> dict[str, object]:
    return {
        "benchmark": "scaleout",
        "options": {k: v for k, v in vars(options).items() if k not in ("postgres", "profile")},
        "runs": [result_json(r) for r in results],
        "merged": {str(count): result_json(r) for count, r in merged.items()},
        "throughput_ratio": summary.ratio,
    }


def result_json(r: Result) -> dict[str, object]:
    return {
        "replicas": len(r.replicas),
        "completions": r.window.count.succeeded,
        "seconds": round(r.window.seconds, 2),
        "per_second": round(r.window.throughput, 1),
        "by_replica": r.window.count.by_replica,
        "other_outcomes": r.window.count.other_outcomes,
        "events": r.window.count.events,
        "cpu_ms_per_completion": {
            kind: round(seconds * 1000 / max(1, r.window.count.succeeded), 3)
            for kind, seconds in cpu_figures(r).items()
        },
        "latency_idle_s": latency(r.idle),
        "latency_load_s": latency(r.window.probes),
        "healthz_s": {
            name: {"p50": percentile(times, 0.5), "p99": percentile(times, 0.99)}
            for name, times in r.window.healthz.items()
        },
        "transactions": r.window.postgres,
        "counter_wait_share": counter_share(r),
        "machine_busy_cores": round(r.window.machine_busy / r.window.seconds, 2),
        "log_problems": {name: len(lines) for name, lines in r.problems.items()},
    }
