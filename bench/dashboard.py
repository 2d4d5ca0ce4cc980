"""The dashboard in a real browser: live board latency, the page's memory, a big release's render.

Run as ``python bench/dashboard.py [--releases 200] [--latency-seconds 60] [--minutes 10]
[--big-repeats 5]`` (``--help`` for the rest). It prints the machine and its figures and
never passes or fails.

One ``releasegraph serve --agents 0 --tokens FILE`` (``python -m releasegraph.cli serve``)
runs on a free loopback port, on a SQLite file in a temp dir by default (``--database`` for
another, migrated first), with one ADMIN token. The dashboard is the one it serves at ``/``
(the committed build), driven by Playwright in Debian's Chromium (``/usr/bin/chromium``,
headless, ``--no-sandbox``); the token is put in ``sessionStorage["releasegraph.token"]`` by
an init script, so every page opens signed in. Every task is a SERVER-phase ``simulate``
task (the server runs them; no agent). The server's clock and the page's are this machine's
(``CLOCK_REALTIME``); the page's time is ``performance.timeOrigin + performance.now()``, and
its offset from ``Date.now()`` at the end is printed beside the figures.

3a. First render of a big release, quiet server: one release of ``--big-environments`` (10)
   environments x 2 SERVER phases x ``--big-tasks`` (30) tasks = 600 tasks, started (every
   environment runs after release, so each has its attempt and all its tasks), its tasks
   ``simulate`` of ``--big-task-seconds`` (600: the first task of each phase runs, the rest
   wait, nothing changes while it is measured). Each of ``--big-repeats`` times a new tab
   (same browser context: the assets are cached after the first) goes to
   ``/releases/<id>``. "In page" is ``performance.now()`` (from the navigation's start) when
   a MutationObserver, installed at document start, first counts every task row
   (``tr[data-testid=task]``), and "next frame" the ``requestAnimationFrame`` after it;
   "wall" is the benchmark's clock from ``page.goto`` until Playwright has seen them all
   (it includes the CDP round trips); "last /graphql answer" is when the last ``/graphql``
   POST that ended before the rows were all there ended (Resource Timing ``responseEnd``;
   the release query, the viewer's, …): the rest of "in page" is the page's own work
   (the page may also render from the first ``releaseUpdated`` item over its websocket,
   which Resource Timing does not see); and of the biggest of those answers (the release
   query's), its size, when the page asked (``startTime``) and the server's time to the
   first byte (``responseStart - requestStart``). Reported: the first (cold) and the median of the
   rest; the aim is judged on every load.
1. Board latency: ``--releases`` (200) releases of one definition, all started: each has
   ``--environments`` (2) environments (after release, in parallel) of one SERVER phase of
   ``simulate`` tasks of ``--task-seconds`` (5) each, enough of them to run to the end of
   the benchmark; so every environment of every release ends a task every
   ``--task-seconds`` and its release's progress moves (``releases x environments /
   task-seconds`` task ends per second in all). The board (``/``) is open; it shows the 20
   newest releases and follows them with ``releasesUpdated`` (the other releases move too:
   each of their changes wakes the subscription, which sends nothing when none of its 20
   changed). A MutationObserver on the board's list notes, for each row
   (``data-testid=release-row``), the page's time whenever its progress
   (``data-testid=release-progress``, "done/total tasks") changes. A change is one task of
   a shown release ending: its commit time is the ``at`` of its event (``events(releaseId)``,
   entity Task, to an ended status; ``at`` is the server's time of the transaction, stamped
   before its commit, so the figure is an upper bound); the k-th such event of a release is
   visible when its row first shows done >= k. Latency = visible - at, over every task that
   ended in the ``--latency-seconds`` (60) window (after 3 s of warm-up); "missed" are those
   ended more than 2 s before the window's end and never shown. The observer fires when the
   DOM changed, before the browser paints it (a frame, <= 16 ms, later). Split in two: an
   init script wraps the page's ``WebSocket`` so that a listener of its own, added before
   the app's, notes when each ``releasesUpdated`` item reached the page (it parses the
   item: a little work of its own on the page's thread) -- "commit -> item at the page" is
   the server and the socket, "item at the page -> DOM" the page (urql, React). Beside
   them: the server's CPU over the window (``/proc/<pid>/stat``).
2. Memory: the same board stays open, changes still coming, for ``--minutes`` (10); every
   ``--every`` (5) s the page's JS heap is read through CDP (``HeapProfiler.collectGarbage``
   first, then ``Performance.getMetrics``: ``JSHeapUsedSize``, DOM ``Nodes``,
   ``JSEventListeners``): the heap live after a full GC, so growth is what the page keeps.
   Reported: the series' first, middle and last samples, its min/max, the slope of a
   least-squares line (KB per minute; also of the second half alone, past any warm-up),
   and the board's row changes seen in that time. The probes of step 1 drop what they kept
   and only count from here on (kept, their notes alone would grow the heap by ~150 bytes a
   change). "Flat": the whole series' line grows less than 1 MB (or 5 % of the first
   sample) in 10 minutes.
3b. The big release's first render again, with the board's releases still moving (the
   server busy): as 3a.

4. A long log: one release of one AGENT phase (the server's one local agent) whose script
   prints ``--log-lines`` (100,000) numbered lines (``seq``); once the server has them all, each of
   ``--log-repeats`` (3) times a new tab goes to ``/releases/<id>/tasks/<id>``, which opens
   on the last 1,000 lines (``taskLog(afterLine)`` from the task's count less 1,000) and
   renders only those in view. "In page" is ``performance.now()`` (from the navigation's
   start) when its count (``data-testid=log-count``) first says 1,000 lines and the last
   line is in the DOM, "wall" the benchmark's clock from ``page.goto`` until Playwright sees
   it. The aim: under 500 ms.

The load average is printed at the start (machine table), after each step and at the end:
other processes on this shared machine take its cores from the server and the browser.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import shutil
import signal
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from agents import create_release, load_average, migrate, ms, percentile, serving
from machine import installed, machine, print_table
from releasegraph.auth import new_token
from scaleout_cluster import Api, Json, Replica, ReplicaOptions

_PACKAGES = ("starlette", "uvicorn", "strawberry-graphql", "sqlalchemy", "playwright")
_ENDED = {"SUCCEEDED", "CANCELED", "SKIPPED", "IGNORED", "FAILED"}
_BOARD_ROWS = 20  # the board's page (PAGE in dashboard/src/pages/Releases.tsx)
_WARM_UP = 3.0
_EVENTS = """
query Events($releaseId: ID!, $after: Int!) {
  events(releaseId: $releaseId, after: $after, first: 500) {
    seq entity toStatus fromStatus at
  }
}"""

# Installed at document start of every big-release tab: the time the task rows are all there.
_RENDER_PROBE = """
(expected) => {
  window.__rgRender = { rendered: null, frame: null };
  const check = (observer) => {
    if (document.querySelectorAll('tr[data-testid="task"]').length < expected) return;
    window.__rgRender.rendered = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => { window.__rgRender.frame = performance.now(); });
  };
  const observer = new MutationObserver(() => check(observer));
  observer.observe(document, { childList: true, subtree: true });
}
"""

# Run on the open board: note every change of a row's progress, with the page's time.
_BOARD_PROBE = """
() => {
  const list = document.querySelector('[data-testid="release-list"]');
  const installed = performance.timeOrigin + performance.now();
  const state = { changes: [], last: new Map(), installed, keep: true, count: 0 };
  const read = (row) => {
    const text = row.querySelector('[data-testid="release-progress"]')?.textContent ?? "";
    const match = /^(\\d+)\\//.exec(text.trim());
    return match ? Number(match[1]) : null;
  };
  const note = (row, now) => {
    const id = row.getAttribute("data-release-id");
    const done = read(row);
    if (id === null || done === null || state.last.get(id) === done) return;
    state.last.set(id, done);
    state.count += 1;
    if (state.keep) state.changes.push([id, done, now]);
  };
  const now = state.installed;
  list.querySelectorAll('[data-testid="release-row"]').forEach((row) => note(row, now));
  const observer = new MutationObserver((mutations) => {
    const now = performance.timeOrigin + performance.now();
    const rows = new Set();
    for (const m of mutations) {
      const node = m.target.nodeType === Node.ELEMENT_NODE ? m.target : m.target.parentElement;
      const row = node?.closest('[data-testid="release-row"]');
      if (row) rows.add(row);
      m.addedNodes.forEach((added) => {
        if (added.nodeType === Node.ELEMENT_NODE && added.matches('[data-testid="release-row"]'))
          rows.add(added);
      });
    }
    rows.forEach((row) => note(row, now));
  });
  observer.observe(list, { childList: true, subtree: true, characterData: true });
  window.__rgBoard = state;
  return state.installed;
}
"""

# Installed at document start of the board: when each releasesUpdated item reached the page.
_SOCKET_PROBE = """
(() => {
  const state = { arrivals: [], keep: true };
  window.__rgSocket = state;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const now = performance.timeOrigin + performance.now();
        if (!state.keep || typeof event.data !== "string") return;
        if (!event.data.includes('"releasesUpdated"')) return;
        const rows = JSON.parse(event.data).payload?.data?.releasesUpdated ?? [];
        for (const r of rows) state.arrivals.push([r.id, r.progress.done, now]);
      });
    }
  };
})();
"""


@dataclass(kw_only=True)
class Options:
    releases: int
    environments: int
    task_seconds: float
    concurrency: int
    latency_seconds: float
    minutes: float
    every: float
    big_environments: int
    big_tasks: int
    big_task_seconds: float
    big_repeats: int
    log_lines: int
    log_repeats: int
    database: str | None
    timeout: float


# -- definitions and releases ----------------------------------------------------------------------


def _phase(name: str, tasks: int, seconds: float) -> Json:
    return {
        "name": name,
        "runOn": "SERVER",
        "tasks": [
            {"name": f"{name}-{i:03d}", "kind": "simulate", "durationSeconds": seconds}
            for i in range(1, tasks + 1)
        ],
    }


async def create_definition(api: Api, source: Json) -> str:
    result = await api.mutate(
        "createReleaseDefinition",
        {"source": json.dumps(source)},
        "... on CreateReleaseDefinitionPayload { definition { id } }",
    )
    definition_id: str = result["definition"]["id"]
    return definition_id


def moving_definition(options: Options) -> Json:
    """Environments that each end a task every ``--task-seconds`` until the benchmark is over."""
    lasting = 120 + options.latency_seconds + options.minutes * 60 + options.timeout
    tasks = math.ceil(lasting / options.task_seconds)
    return {
        "name": "board",
        "environments": [
            {"name": f"env-{e}", "phases": [_phase("deploy", tasks, options.task_seconds)]}
            for e in range(1, options.environments + 1)
        ],
    }


def big_definition(options: Options) -> Json:
    return {
        "name": "big",
        "environments": [
            {
                "name": f"env-{e:02d}",
                "phases": [
                    _phase(name, options.big_tasks, options.big_task_seconds)
                    for name in ("one", "two")
                ],
            }
            for e in range(1, options.big_environments + 1)
        ],
    }


def stamp(text: str) -> float:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


async def ended_tasks(api: Api, release_id: str) -> list[float]:
    """The ``at`` of each event of a task of the release ending, in their order."""
    ends: list[float] = []
    after = 0
    while True:
        events = (await api.execute(_EVENTS, {"releaseId": release_id, "after": after}))["events"]
        for event in events:
            if (
                event["entity"] == "Task"
                and event["toStatus"] in _ENDED
                and event["fromStatus"] not in _ENDED
            ):
                ends.append(stamp(event["at"]))
        if len(events) < 500:
            return ends
        after = events[-1]["seq"]


# -- the browser -----------------------------------------------------------------------------------


async def signed_in_context(browser: Browser, token: str) -> BrowserContext:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    await context.add_init_script(
        f"sessionStorage.setItem('releasegraph.token', {json.dumps(token)});"
    )
    return context


async def page_clock_offset(page: Page) -> float:
    """``performance.timeOrigin + performance.now()`` minus ``Date.now()``, in seconds."""
    offset: float = await page.evaluate(
        "() => performance.timeOrigin + performance.now() - Date.now()"
    )
    return offset / 1000


def collect_errors(page: Page) -> list[str]:
    """The page's uncaught exceptions and console errors, as they come."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


async def wait_for_rows(
    page: Page, selector: str, count: int, seconds: float, errors: list[str]
) -> None:
    """Until ``count`` elements match ``selector``; else exit saying what the page shows."""
    try:
        await page.wait_for_function(
            "([s, n]) => document.querySelectorAll(s).length >= n",
            arg=[selector, count],
            timeout=seconds * 1000,
        )
    except PlaywrightTimeoutError:
        rows = await page.locator(selector).count()
        text = (await page.locator("body").inner_text())[:600]
        raise SystemExit(
            f"{page.url}: {rows} of {count} {selector} after {seconds:g} s;"
            f" page errors {errors[:5]}; the page says:\n{text}"
        ) from None


# -- 3. first render of a big release --------------------------------------------------------------


@dataclass
class Render:
    in_page: float
    frame: float
    wall: float
    query: float
    server: float
    size: float
    asked: float


async def render_once(context: BrowserContext, url: str, expected: int, seconds: float) -> Render:
    page = await context.new_page()
    try:
        await page.add_init_script(f"({_RENDER_PROBE})({expected})")
        errors = collect_errors(page)
        started = time.perf_counter()
        await page.goto(url, wait_until="commit")
        await wait_for_rows(page, 'tr[data-testid="task"]', expected, seconds, errors)
        wall = time.perf_counter() - started
        await page.wait_for_function(
            "() => window.__rgRender.frame !== null", timeout=seconds * 1000
        )
        probe: Json = await page.evaluate("window.__rgRender")
        timing: list[float] = await page.evaluate(
            """(rendered) => {
              const posts = performance.getEntriesByType("resource")
                .filter((e) => e.name.endsWith("/graphql") && e.responseEnd <= rendered);
              if (!posts.length) return [-1, -1, -1, -1];
              const biggest = posts.reduce(
                (a, b) => (b.encodedBodySize > a.encodedBodySize ? b : a));
              return [
                Math.max(...posts.map((e) => e.responseEnd)),
                biggest.responseStart - biggest.requestStart,
                biggest.encodedBodySize,
                biggest.startTime,
              ];
            }""",
            probe["rendered"],
        )
        query, server, size, asked = timing
        return Render(
            in_page=probe["rendered"] / 1000,
            frame=probe["frame"] / 1000,
            wall=wall,
            query=query / 1000 if query >= 0 else math.nan,
            server=server / 1000 if server >= 0 else math.nan,
            size=size,
            asked=asked / 1000 if asked >= 0 else math.nan,
        )
    finally:
        await page.close()


async def measure_render(
    context: BrowserContext, server: Replica, release_id: str, expected: int, options: Options
) -> dict[str, str]:
    url = f"{server.base_url}/releases/{release_id}"
    renders = [
        await render_once(context, url, expected, options.timeout)
        for _ in range(options.big_repeats)
    ]

    def rows(title: str, render: Render) -> dict[str, str]:
        return {
            title: f"in page {ms(render.in_page)} (next frame {ms(render.frame)}),"
            f" wall {ms(render.wall)}",
            f"{title}: /graphql": f"last answer at {ms(render.query)}; the biggest"
            f" ({render.size / 1024:.0f} KB), asked at {ms(render.asked)}, took the server"
            f" {ms(render.server)} to its first byte",
        }

    figures = {
        "release": f"{expected} tasks ({options.big_environments} environments x 2 phases x"
        f" {options.big_tasks})",
        **rows("first (cold)", renders[0]),
    }
    rest = renders[1:]
    if rest:
        median = Render(
            in_page=statistics.median(r.in_page for r in rest),
            frame=statistics.median(r.frame for r in rest),
            wall=statistics.median(r.wall for r in rest),
            query=statistics.median(r.query for r in rest),
            server=statistics.median(r.server for r in rest),
            size=statistics.median(r.size for r in rest),
            asked=statistics.median(r.asked for r in rest),
        )
        figures |= rows(f"median of the other {len(rest)}", median)
        figures["max of the other (in page)"] = ms(max(r.in_page for r in rest))
    worst = max(r.in_page for r in renders)
    figures["aim < 1 s (in page, every load)"] = f"{'met' if worst < 1 else 'NOT met'}"
    figures["load average after"] = load_average()
    return figures


# -- 1. board latency ------------------------------------------------------------------------------


async def open_board(context: BrowserContext, server: Replica, shown: int, seconds: float) -> Page:
    page = await context.new_page()
    await page.add_init_script(_SOCKET_PROBE)
    errors = collect_errors(page)
    await page.goto(f"{server.base_url}/")
    await wait_for_rows(page, '[data-testid="release-row"]', shown, seconds, errors)
    return page


def first_at(notes: Sequence[Sequence[Any]]) -> dict[str, list[tuple[int, float]]]:
    """``[release id, done, page time in ms]`` notes as (done, seconds) per release, in order."""
    seen: dict[str, list[tuple[int, float]]] = {}
    for release_id, done, at in notes:
        seen.setdefault(str(release_id), []).append((int(done), float(at) / 1000))
    return seen


@dataclass
class Latencies:
    visible: list[float]
    """Commit -> in the DOM."""
    arrived: list[float]
    """Commit -> its releasesUpdated item reached the page."""
    page: list[float]
    """Arrived -> in the DOM."""
    missed: int
    rows: int


def latencies(
    changes: Sequence[Sequence[Any]],
    arrivals: Sequence[Sequence[Any]],
    ends: dict[str, list[float]],
    window: tuple[float, float],
) -> Latencies:
    """Of the tasks of shown releases that ended in ``window``: the k-th end of a release is
    visible (arrived) when its row first shows (an item first says) done >= k."""
    shown, came = first_at(changes), first_at(arrivals)
    found = Latencies(visible=[], arrived=[], page=[], missed=0, rows=len(shown))
    start, end = window
    for release_id, notes in shown.items():
        for k, ended in enumerate(ends.get(release_id, []), start=1):
            if not start <= ended <= end:
                continue
            visible = next((at for done, at in notes if done >= k), None)
            arrived = next((at for done, at in came.get(release_id, []) if done >= k), None)
            if visible is None:
                if ended < end - 2:
                    found.missed += 1
                continue
            found.visible.append(visible - ended)
            if arrived is not None:
                found.arrived.append(arrived - ended)
                found.page.append(visible - arrived)
    return found


async def measure_board(
    page: Page, admin: Api, server: Replica, options: Options, rate: float
) -> dict[str, str]:
    cpu_before = server.cpu()
    installed_at: float = await page.evaluate(_BOARD_PROBE) / 1000
    start = installed_at + _WARM_UP
    await asyncio.sleep(_WARM_UP + options.latency_seconds)
    end = start + options.latency_seconds
    cpu = server.cpu() - cpu_before
    changes: list[list[Any]] = await page.evaluate("window.__rgBoard.changes")
    arrivals: list[list[Any]] = await page.evaluate("window.__rgSocket.arrivals")
    shown = {str(change[0]) for change in changes}
    ends = {release_id: await ended_tasks(admin, release_id) for release_id in shown}
    found = latencies(changes, arrivals, ends, (start, end))
    offset = await page_clock_offset(page)
    p99 = percentile(found.visible, 0.99) if found.visible else math.inf
    return {
        "releases moving": f"{options.releases} x {options.environments} environments, a task"
        f" ends every {options.task_seconds:g} s in each: {rate:.0f} task ends/s in all",
        "rows followed": f"{found.rows} (the board's newest {_BOARD_ROWS})",
        "window": f"{options.latency_seconds:g} s after {_WARM_UP:g} s of warm-up",
        "commit -> in the DOM": distribution(found.visible),
        "of which commit -> item at page": distribution(found.arrived),
        "and item at page -> DOM": distribution(found.page),
        "missed": f"{found.missed} (ended, never shown)",
        "aim p99 < 500 ms": "met" if p99 < 0.5 else "NOT met",
        "server CPU": f"{cpu.own:.1f} s in {options.latency_seconds + _WARM_UP:g} s"
        f" ({cpu.own * 100 / (options.latency_seconds + _WARM_UP):.0f} % of a core)",
        "page clock - Date.now()": ms(offset),
        "load average after": load_average(),
    }


def distribution(values: Sequence[float]) -> str:
    if not values:
        return "none"
    return (
        f"p50 {ms(percentile(values, 0.5))}, p90 {ms(percentile(values, 0.9))},"
        f" p99 {ms(percentile(values, 0.99))}, max {ms(max(values))}, min {ms(min(values))}"
        f" (n={len(values)})"
    )


# -- 2. memory -------------------------------------------------------------------------------------


async def measure_memory(page: Page, options: Options) -> dict[str, str]:
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    # From here on the probes only count: what they kept would grow the heap measured.
    await page.evaluate(
        """() => { window.__rgBoard.keep = false; window.__rgBoard.changes = [];
                   window.__rgSocket.keep = false; window.__rgSocket.arrivals = []; }"""
    )
    changes_before: int = await page.evaluate("window.__rgBoard.count")
    samples: list[tuple[float, float, int, int]] = []
    started = time.monotonic()
    end = started + options.minutes * 60
    while True:
        await cdp.send("HeapProfiler.collectGarbage")
        metrics = await cdp.send("Performance.getMetrics")
        values = {m["name"]: m["value"] for m in metrics["metrics"]}
        samples.append(
            (
                (time.monotonic() - started) / 60,
                values["JSHeapUsedSize"] / 2**20,
                int(values["Nodes"]),
                int(values["JSEventListeners"]),
            )
        )
        if time.monotonic() >= end:
            break
        await asyncio.sleep(min(options.every, max(0.0, end - time.monotonic())))
    changes_after: int = await page.evaluate("window.__rgBoard.count")
    await cdp.detach()

    def at(sample: tuple[float, float, int, int]) -> str:
        minute, heap, nodes, listeners = sample
        return f"{heap:.2f} MB, {nodes} DOM nodes, {listeners} listeners (minute {minute:.1f})"

    heaps = [s[1] for s in samples]
    slope = least_squares([s[0] for s in samples], heaps)
    half = samples[len(samples) // 2 :]
    late = least_squares([s[0] for s in half], [s[1] for s in half])
    flat = abs(slope) * 10 < max(1.0, 0.05 * heaps[0])  # < 1 MB (or 5 %) per 10 min
    return {
        "samples": f"{len(samples)}, every {options.every:g} s for {options.minutes:g} min"
        " (JS heap used after a full GC)",
        "start": at(samples[0]),
        "middle": at(samples[len(samples) // 2]),
        "end": at(samples[-1]),
        "min / max": f"{min(heaps):.2f} / {max(heaps):.2f} MB",
        "slope": f"{slope * 1000:+.1f} KB/min (least squares; over the second half"
        f" {late * 1000:+.1f} KB/min)",
        "board row changes meanwhile": str(changes_after - changes_before),
        "aim flat (< 1 MB or 5 % per 10 min)": "met" if flat else "NOT met",
        "load average after": load_average(),
    }


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> float:
    if len(xs) < 2:
        return 0.0
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


# -- main ------------------------------------------------------------------------------------------


async def start_all(admin: Api, definition_id: str, count: int, concurrency: int) -> list[str]:
    limit = asyncio.Semaphore(concurrency)

    async def one() -> str:
        async with limit:
            return await create_release(admin, definition_id, start=True)

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def measure(options: Options, directory: Path) -> None:
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    database_url = options.database or f"sqlite:///{directory / 'releasegraph.db'}"
    token = new_token()
    tokens = directory / "users.yaml"
    tokens.write_text(f"users:\n  - {{name: bench, token: {token}, role: ADMIN}}\n")
    await asyncio.to_thread(migrate, database_url)
    replica_options = ReplicaOptions(
        database_url=database_url, tokens=tokens, agents=1, pool_size=10, directory=directory
    )
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("no chromium on PATH (Debian's chromium package)")
    async with (
        serving(replica_options) as server,
        Api(server, token) as admin,
        async_playwright() as playwright,
    ):
        browser = await playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox"], headless=True
        )
        try:
            print_table("browser", {"chromium": f"{chromium} {browser.version}"})
            context = await signed_in_context(browser, token)
            big = await create_definition(admin, big_definition(options))
            big_release = await create_release(admin, big, start=True)
            expected = options.big_environments * 2 * options.big_tasks
            if options.big_repeats:
                figures = await measure_render(context, server, big_release, expected, options)
                print_table("3a. first render of a big release, quiet server", figures)

            moving = await create_definition(admin, moving_definition(options))
            created = time.monotonic()
            await start_all(admin, moving, options.releases, options.concurrency)
            print_table(
                "setup",
                {
                    "releases started": f"{options.releases} in {time.monotonic() - created:.1f} s"
                    f" ({options.concurrency} createRelease in flight)",
                    "load average after": load_average(),
                },
            )
            rate = options.releases * options.environments / options.task_seconds
            board = await open_board(
                context, server, min(_BOARD_ROWS, options.releases), options.timeout
            )
            figures = await measure_board(board, admin, server, options, rate)
            print_table("1. board: task end committed -> visible in the DOM", figures)
            if options.minutes:
                print_table("2. board page memory", await measure_memory(board, options))
            if options.big_repeats:
                figures = await measure_render(context, server, big_release, expected, options)
                print_table("3b. first render of the big release, board releases moving", figures)
            if options.log_repeats:
                figures = await measure_log(context, admin, server, options)
                print_table("4. the last 1,000 lines of a long log", figures)
            await context.close()
        finally:
            await browser.close()
        problems = server.problems()
        print_table(
            "logged problems",
            {"lines": str(len(problems)), **{f"#{i + 1}": p for i, p in enumerate(problems[:5])}},
        )
    print(f"== load average after the run: {load_average()}", flush=True)


# -- 4. a long log ---------------------------------------------------------------------------

_LOG_SHOWN = 1000
"""The lines the task page opens on (its default "last N")."""
_LOG_PROBE = """
([shown, last]) => {
  const count = document.querySelector('[data-testid="log-count"]');
  const lines = [...document.querySelectorAll('[data-testid="log-line"]')];
  return count !== null && count.textContent.startsWith(`${shown} lines`)
    && lines.some((line) => line.textContent.includes(last))
    ? performance.now() : null;
}
"""


async def long_log(admin: Api, lines: int, seconds: float) -> tuple[str, str]:
    """A release whose one script printed ``lines`` lines, all stored: its and the task's ids."""
    definition = await create_definition(
        admin,
        {
            "name": "long-log",
            "environments": [
                {
                    "name": "logs",
                    "phases": [
                        {
                            "name": "print",
                            "runOn": "AGENT",
                            "tasks": [
                                {
                                    "name": "print",
                                    "kind": "script",
                                    "run": f"seq -f 'line %g' {lines}",
                                }
                            ],
                        }
                    ],
                }
            ],
        },
    )
    release_id = await create_release(admin, definition, start=True)
    query = (
        "query($id: ID!) { release(id: $id) { environments { latestAttempt { phases {"
        " tasks { id status logLineCount } } } } } }"
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = await admin.execute(query, {"id": release_id})
        envs = data["release"]["environments"]
        attempt = envs[0]["latestAttempt"] if envs else None
        tasks = attempt["phases"][0]["tasks"] if attempt else []
        if tasks and tasks[0]["status"] == "SUCCEEDED" and tasks[0]["logLineCount"] == lines:
            return release_id, tasks[0]["id"]
        await asyncio.sleep(0.5)
    raise SystemExit(f"the long log was not stored within {seconds:g} s")


async def measure_log(
    context: BrowserContext, admin: Api, server: Replica, options: Options
) -> dict[str, str]:
    stored = time.monotonic()
    release_id, task_id = await long_log(admin, options.log_lines, options.timeout)
    url = f"{server.base_url}/releases/{quote(release_id, safe='')}/tasks/{quote(task_id, safe='')}"
    in_page: list[float] = []
    wall: list[float] = []
    for _ in range(options.log_repeats):
        page = await context.new_page()
        errors = collect_errors(page)
        started = time.monotonic()
        await page.goto(url)
        try:
            handle = await page.wait_for_function(
                _LOG_PROBE,
                arg=[_LOG_SHOWN, str(options.log_lines)],
                timeout=options.timeout * 1000,
            )
        except PlaywrightTimeoutError:
            problem = f"{url}: the last lines never showed; page errors {errors[:5]}"
            raise SystemExit(problem) from None
        wall.append(time.monotonic() - started)
        in_page.append(float(await handle.json_value()) / 1000)
        rendered = await page.locator('[data-testid="log-line"]').count()
        await page.close()
    return {
        "log": f"{options.log_lines:,} lines, stored in {time.monotonic() - stored:.1f} s"
        f" (script on the local agent)",
        "in page (first, then each)": ", ".join(ms(v) for v in in_page),
        "wall (first, then each)": ", ".join(ms(v) for v in wall),
        "log lines in the DOM": f"{rendered} (of {_LOG_SHOWN} loaded)",
        "aim: under 500 ms": "met" if max(in_page) < 0.5 else "NOT met",
        "load average after": load_average(),
    }


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=200, help="moving releases (board)")
    parser.add_argument(
        "--environments", type=int, default=2, help="environments of each moving release"
    )
    parser.add_argument(
        "--task-seconds", type=float, default=5, help="each moving task's simulated duration"
    )
    parser.add_argument(
        "--concurrency", type=int, default=8, help="createRelease requests in flight"
    )
    parser.add_argument(
        "--latency-seconds", type=float, default=60, help="board latency window (s)"
    )
    parser.add_argument(
        "--minutes", type=float, default=10, help="memory sampling, minutes (0: skip)"
    )
    parser.add_argument("--every", type=float, default=5, help="seconds between heap samples")
    parser.add_argument(
        "--big-environments", type=int, default=10, help="environments of the big release"
    )
    parser.add_argument(
        "--big-tasks", type=int, default=30, help="tasks of each of its phases (2 per env)"
    )
    parser.add_argument(
        "--big-task-seconds", type=float, default=600, help="its tasks' simulated duration"
    )
    parser.add_argument(
        "--big-repeats", type=int, default=5, help="loads of the big release each time (0: skip)"
    )
    parser.add_argument(
        "--log-lines", type=int, default=100_000, help="lines of the long log (step 4)"
    )
    parser.add_argument(
        "--log-repeats", type=int, default=3, help="loads of the long log (0: skip)"
    )
    parser.add_argument("--database", help="database URL (default: SQLite file in a temp dir)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a step may take")
    return Options(**vars(parser.parse_args()))


def main() -> None:
    options = parse_options()
    print_table("machine", machine(packages=installed(_PACKAGES)))
    with tempfile.TemporaryDirectory(prefix="releasegraph-dashboard-") as tmp:
        try:
            asyncio.run(measure(options, Path(tmp)))
        except asyncio.CancelledError:
            raise SystemExit("stopped (SIGTERM); every process it started is stopped") from None


if __name__ == "__main__":
    main()
