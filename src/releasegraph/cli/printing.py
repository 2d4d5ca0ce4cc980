"""What ``run`` and ``work`` print: one line per event, readable or JSON."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import TextIO

from releasegraph.cli.tree import event_line, event_record, json_default, node_labels
from releasegraph.engine.context import EventDraft
from releasegraph.runtime.service import Runtime

_LABELS_KEPT = 100_000
Batch = list[tuple[int, EventDraft]]


def say(line: str, out: TextIO) -> None:
    try:
        print(line, file=out, flush=True)
    except BrokenPipeError:
        # The reader went away (`| head`): carry on, printing into the void.
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())


class EventPrinter:
    """One line per event: readable, or a JSON object with the event's fields."""

    def __init__(self, runtime: Runtime, *, as_json: bool) -> None:
        self.runtime = runtime
        self.as_json = as_json
        self._labels: dict[str, str] = {}

    def __call__(self, batch: Batch) -> None:
        for seq, event in batch:
            say(self._render(seq, event), sys.stdout)

    def _render(self, seq: int, event: EventDraft) -> str:
        if self.as_json:
            return json.dumps(event_record(seq, event), default=json_default)
        if event.entity_id not in self._labels:
            if len(self._labels) > _LABELS_KEPT:  # a worker runs for long: forget old releases
                self._labels.clear()
            self._labels.update(node_labels(self.runtime.load(event.release_id)))
        return event_line(seq, event, self._labels.get(event.entity_id, event.entity_id))


class Follower:
    """Prints the events of one release and wakes whoever waits for it."""

    def __init__(self, printer: EventPrinter) -> None:
        self.printer = printer
        self.release_id: str | None = None
        self.wake = asyncio.Event()
        self._early: Batch = []

    def __call__(self, batch: Batch) -> None:
        if self.release_id is None:
            self._early += batch  # the release is being created: its id comes next
            return
        mine = [(seq, event) for seq, event in batch if event.release_id == self.release_id]
        if mine:
            self.wake.set()
            self.printer(mine)

    def follow(self, release_id: str) -> None:
        self.release_id = release_id
        early, self._early = self._early, []
        self(early)
