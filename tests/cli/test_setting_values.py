"""The values of settings from text: what each takes, and what it says of what it refuses."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest

from releasegraph.cli.setting_values import (
    boolean,
    count,
    log_level,
    origin,
    port,
    positive,
    seconds,
)

Parse = Callable[[str], object]


@pytest.mark.parametrize(
    ("parse", "text", "value"),
    [
        (port, "8000", 8000),
        (count, "0", 0),
        (positive, "1", 1),
        (seconds, "0.25", 0.25),
        (origin, "https://a.example:8443/", "https://a.example:8443"),
        (origin, "*", "*"),
        (boolean, " On ", True),
        (boolean, "", False),
        (log_level, "WARNING", "warning"),
    ],
)
def test_a_value_is_taken(parse: Parse, text: str, value: object) -> None:
    assert parse(text) == value


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (port, "65536", "expected a port 1-65535, got 65536"),
        (port, "eighty", "expected a whole number, got 'eighty'"),
        (count, "-1", "expected a number >= 0, got -1"),
        (positive, "0", "expected a number >= 1, got 0"),
        (seconds, "0", "expected seconds > 0, got '0'"),
        (seconds, "soon", "expected seconds > 0, got 'soon'"),
        (seconds, "nan", "expected seconds > 0, got 'nan'"),
        (origin, "example.com", "expected an origin like https://host:port, got 'example.com'"),
        (boolean, "maybe", "expected 1/0, true/false, yes/no or on/off, got 'maybe'"),
        (log_level, "loud", "expected one of critical, error, warning, info, debug, trace"),
    ],
)
def test_a_value_that_cannot_be_used_is_refused_saying_what_was_expected(
    parse: Parse, text: str, message: str
) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as refusal:
        parse(text)

    assert str(refusal.value).startswith(message)
