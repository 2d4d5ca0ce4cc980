"""A stored definition revision as a typed spec, parsed once (a revision never changes)."""

from __future__ import annotations

import json

from releasegraph.engine.definition import parse_definition
from releasegraph.engine.spec import DefinitionSpec
from releasegraph.models import Release

_SPEC_CACHE_SIZE = 256
_spec_cache: dict[tuple[str, int], DefinitionSpec] = {}


def spec_from_snapshot(snapshot: dict[str, object]) -> DefinitionSpec:
    """A stored definition (``definition_to_dict`` form) as a typed spec."""
    return parse_definition(json.dumps(snapshot))


def cached_spec(definition_id: str, revision: int, snapshot: dict[str, object]) -> DefinitionSpec:
    """A definition revision's spec, parsed once (a revision never changes)."""
    key = (definition_id, revision)
    spec = _spec_cache.get(key)
    if spec is None:
        if len(_spec_cache) >= _SPEC_CACHE_SIZE:
            _spec_cache.pop(next(iter(_spec_cache)))
        spec = _spec_cache[key] = spec_from_snapshot(snapshot)
    return spec


def clear_spec_cache() -> None:
    _spec_cache.clear()


def release_spec(release: Release) -> DefinitionSpec:
    return cached_spec(release.definition_id, release.definition_revision, release.spec)
