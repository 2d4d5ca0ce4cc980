"""Readers for the fields of one mapping of a release definition document.

A reader never raises: it records what is wrong and returns a usable
fallback, so that one pass over the document reports every problem at once.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeGuard, TypeVar

from releasegraph.engine.errors import ValidationIssue

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

E = TypeVar("E", bound=enum.StrEnum)

Raw = Mapping[str, object]

_YEAR_IN_SECONDS = 365 * 24 * 60 * 60

MAXIMUM: Mapping[str, int] = {
    "maxParallel": 1_000,
    "requiredCount": 1_000,
    "retries": 100,
    "failTimes": 1_000,
    "timeoutMinutes": _YEAR_IN_SECONDS // 60,
    "timeoutSeconds": _YEAR_IN_SECONDS,
    "seconds": _YEAR_IN_SECONDS,
    "durationSeconds": _YEAR_IN_SECONDS,
    "samplingIntervalSeconds": _YEAR_IN_SECONDS,
    "minimumSuccessSeconds": _YEAR_IN_SECONDS,
}
"""The largest value of each numeric field, wherever it appears: counts past any use, and
durations of a year. A larger one is a mistake, and some would fail only later: a release
started with a timeout of 10**30 minutes raised OverflowError (timedelta), one whose failing
task had 10**20 retries ran it until stopped."""


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def camel_case(snake: str) -> str:
    first, *rest = snake.split("_")
    return first + "".join(word.capitalize() for word in rest)


def document_keys(spec_type: type[DataclassInstance]) -> frozenset[str]:
    """The document spells every spec field in camelCase, and has no other keys."""
    return frozenset(camel_case(field.name) for field in dataclasses.fields(spec_type))


def describe(value: object) -> str:
    """A value as the document's author wrote it, for "got ..." messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def as_mapping(value: object) -> dict[str, object] | None:
    if not isinstance(value, dict):
        return None
    # YAML allows keys of any type; as text they can still be reported as unknown.
    return {str(key): item for key, item in value.items()}


def scalar_text(value: object) -> str | None:
    """Variables and inputs are text; numbers and booleans are taken as written."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return None


class Issues:
    def __init__(self) -> None:
        self.items: list[ValidationIssue] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(ValidationIssue(path, message))

    def reported(self, path: str) -> bool:
        return any(issue.path == path for issue in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


class Fields:
    """One mapping of the document at ``path``; its unknown keys are reported on creation.

    Absent and ``null`` mean the same: the field takes its default.
    """

    def __init__(self, raw: Raw, path: str, issues: Issues, *, known: Collection[str]) -> None:
        self.path = path
        self.issues = issues
        self._raw = raw
        for key in raw:
            if key not in known:
                issues.add(join(path, key), "unknown field")

    def at(self, key: str) -> str:
        return join(self.path, key)

    def report(self, key: str, message: str) -> None:
        self.issues.add(self.at(key), message)

    def get(self, key: str) -> object:
        return self._raw.get(key)

    def _wrong_type(self, key: str, expected: str, value: object) -> None:
        self.report(key, f"expected {expected}, got {describe(value)}")

    def name(self) -> str:
        value = self.get("name")
        if value is None:
            self.report("name", "required")
            return ""
        if not isinstance(value, str):
            self._wrong_type("name", "a string", value)
            return ""
        if not value.strip():
            self.report("name", "must not be empty")
        return value

    def optional_string(self, key: str) -> str | None:
        value = self.get(key)
        if value is None or isinstance(value, str):
            return value
        self._wrong_type(key, "a string", value)
        return None

    def string(self, key: str, default: str) -> str:
        value = self.optional_string(key)
        return default if value is None else value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self._wrong_type(key, "a boolean", value)
        return default

    def count(self, key: str, default: int) -> int:
        value = self.get(key)
        if value is None:
            return default
        # bool is an int in Python, but `retries: true` is a mistake in the document.
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong_type(key, "an integer", value)
            return default
        if value < 0:
            self.report(key, f"must not be negative, got {value}")
        return value if self._within_maximum(key, value) else default

    def optional_number(self, key: str, *, positive: bool = False) -> float | None:
        value = self.get(key)
        if value is None:
            return None
        if not _is_number(value):
            self._wrong_type(key, "a number", value)
            return None
        if positive and value <= 0:
            self.report(key, f"must be greater than 0, got {describe(value)}")
        elif value < 0:
            self.report(key, f"must not be negative, got {describe(value)}")
        # Checked first: an integer of 400 digits is too large for a float (OverflowError).
        return float(value) if self._within_maximum(key, value) else None

    def number(self, key: str, default: float, *, positive: bool = False) -> float:
        value = self.optional_number(key, positive=positive)
        return default if value is None else value

    def _within_maximum(self, key: str, value: float) -> bool:
        if value <= MAXIMUM[key]:
            return True
        self.report(key, f"must be at most {MAXIMUM[key]}, got {describe(value)}")
        return False

    def choice(self, key: str, allowed: Sequence[str]) -> str | None:
        """The value if it is one of ``allowed``; None when absent or reported."""
        value = self.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self._wrong_type(key, "a string", value)
            return None
        if value not in allowed:
            self.report(key, f"unknown {key} {value!r} (allowed: {', '.join(allowed)})")
            return None
        return value

    def required_choice(self, key: str, allowed: Sequence[str]) -> str | None:
        if self.get(key) is None:
            self.report(key, "required")
        return self.choice(key, allowed)

    def enum(self, key: str, enum_type: type[E], default: E) -> E:
        value = self.choice(key, [member.value for member in enum_type])
        return default if value is None else enum_type(value)

    def strings(self, key: str, *, noun: str | None = None) -> tuple[str, ...]:
        """A list of non-empty strings; with ``noun`` an empty list is an issue."""
        result: list[str] = []
        for path, item in self._items(key, noun=noun):
            if not isinstance(item, str):
                self.issues.add(path, f"expected a string, got {describe(item)}")
            elif not item.strip():
                self.issues.add(path, "must not be empty")
            else:
                result.append(item)
        return tuple(result)

    def string_map(self, key: str) -> dict[str, str]:
        result: dict[str, str] = {}
        for name, value in (self.child_raw(key) or {}).items():
            text = scalar_text(value)
            if text is None:
                self.issues.add(
                    join(self.at(key), name), f"expected a string, got {describe(value)}"
                )
            else:
                result[name] = text
        return result

    def child_raw(self, key: str) -> Raw | None:
        value = self.get(key)
        if value is None:
            return None
        mapping = as_mapping(value)
        if mapping is None:
            self._wrong_type(key, "a mapping", value)
        return mapping

    def child(self, key: str, *, known: Collection[str]) -> Fields | None:
        """An optional nested block; None when absent, null or not a mapping."""
        raw = self.child_raw(key)
        return None if raw is None else Fields(raw, self.at(key), self.issues, known=known)

    def children(
        self, key: str, *, known: Collection[str], noun: str, required: bool = True
    ) -> Iterator[Fields]:
        """The mappings of a list, each read before the next one is looked at.

        With ``required`` the list must hold at least one ``noun``.
        """
        for path, item in self._items(key, noun=noun if required else None):
            raw = as_mapping(item)
            if raw is None:
                self.issues.add(path, f"expected a mapping, got {describe(item)}")
            else:
                yield Fields(raw, path, self.issues, known=known)

    def _items(self, key: str, *, noun: str | None) -> list[tuple[str, object]]:
        value = self.get(key)
        if value is not None and not isinstance(value, list):
            self._wrong_type(key, "a list", value)
            return []
        items: list[object] = value or []
        if not items and noun is not None:
            self.report(key, f"must contain at least one {noun}")
        return [(f"{self.at(key)}[{index}]", item) for index, item in enumerate(items)]


def _is_number(value: object) -> TypeGuard[int | float]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    # Every integer is finite; one past a float's range would overflow the test.
    return isinstance(value, int) or math.isfinite(value)
