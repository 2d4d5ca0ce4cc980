"""The committed schema.graphql is what the code serves: clients code against the file."""

from __future__ import annotations

from pathlib import Path

from releasegraph.graphql_schema import build_schema

SCHEMA_FILE = Path(__file__).parents[2] / "schema.graphql"


def test_the_committed_schema_matches_the_code() -> None:
    committed = SCHEMA_FILE.read_text()

    assert committed == build_schema().as_str() + "\n", (
        "schema.graphql is stale: run `releasegraph export-schema > schema.graphql`"
    )
