"""Whether both servers answer the same document, checked before anything is timed."""

from __future__ import annotations

import json
from collections.abc import Iterable

from api_load import Target, fetch
from api_servers import Server


async def compare(
    servers: dict[str, Server], targets: dict[str, Target], token: str
) -> dict[str, str]:
    """Whether both answers are the same document, and how large it is."""
    answers = {name: await fetch(servers[name], t, token) for name, t in targets.items()}
    documents = {name: json.loads(answer) for name, answer in answers.items()}
    difference = first_difference(documents["GraphQL"], documents["plain"])
    objects, values = _count(documents["GraphQL"])
    return {
        "same JSON": "yes" if difference is None else f"NO, first difference at {difference}",
        "answer": f"{objects:,} objects, {values:,} fields (keys) in all",
        "response size": ", ".join(f"{name} {len(a):,} bytes" for name, a in answers.items()),
    }


def first_difference(left: object, right: object, path: str = "") -> str | None:
    """The path of the first place two JSON documents differ, or None."""
    if isinstance(left, dict) and isinstance(right, dict):
        if list(left) != list(right):
            return f"{path or '.'}: keys {sorted(set(left) ^ set(right))}"
        pairs: Iterable[tuple[str, object, object]] = ((k, left[k], right[k]) for k in left)
    elif isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return f"{path}: {len(left)} vs {len(right)} items"
        pairs = ((str(i), a, b) for i, (a, b) in enumerate(zip(left, right, strict=True)))
    else:
        return None if left == right else f"{path}: {left!r} vs {right!r}"
    for key, a, b in pairs:
        found = first_difference(a, b, f"{path}.{key}")
        if found is not None:
            return found
    return None


def _count(document: object) -> tuple[int, int]:
    """Objects and keys in a JSON document."""
    if isinstance(document, dict):
        inner = [_count(value) for value in document.values()]
        return 1 + sum(o for o, _ in inner), len(document) + sum(k for _, k in inner)
    if isinstance(document, list):
        inner = [_count(value) for value in document]
        return sum(o for o, _ in inner), sum(k for _, k in inner)
    return 0, 0
