"""``releasegraph migrate`` as a real process, and the refusal of ``serve`` and ``work`` on a
PostgreSQL database whose schema is out of date."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from releasegraph.runtime import revisions
from tests.postgres import fresh_database
from tests.waiting import PROCESS_DEADLINE


def releasegraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "releasegraph.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=PROCESS_DEADLINE,
        check=False,
    )


def outcome(process: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    return process.returncode, process.stdout.strip(), process.stderr.strip()


def due(url: str) -> str:
    return (
        "the database schema is at revision none (an empty database), the code needs"
        f" {revisions.head()}: run `releasegraph migrate --database {url}`"
    )


def test_migrate_upgrades_a_sqlite_file_once_and_check_says_when_it_is_due(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'releasegraph.db'}"
    head = revisions.head()

    before = releasegraph("migrate", "--check", "--database", url)
    upgrade = releasegraph("migrate", "--database", url)
    after = releasegraph("migrate", "--check", "--database", url)
    again = releasegraph("migrate", "--database", url)

    assert outcome(before) == (1, due(url), "")
    assert outcome(upgrade) == (0, f"upgraded {url} from revision none to {head}", "")
    assert outcome(after) == (0, f"{url} is at revision {head}, as the code needs", "")
    assert outcome(again) == outcome(after)


def test_migrate_takes_the_database_from_its_variable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'from-env.db'}"

    upgrade = releasegraph("migrate", env={"RELEASEGRAPH_DATABASE": url})

    assert outcome(upgrade) == (0, f"upgraded {url} from revision none to {revisions.head()}", "")


def test_serve_and_work_refuse_an_out_of_date_postgres_database_until_it_is_migrated() -> None:
    with fresh_database(migrated=False) as url:
        serve = releasegraph("serve", "--database", url)
        work = releasegraph("work", "--database", url, "--until-done")
        check = releasegraph("migrate", "--check", "--database", url)
        upgrade = releasegraph("migrate", "--database", url)
        work_after = releasegraph("work", "--database", url, "--until-done")

    assert outcome(serve) == (2, "", f"releasegraph: {due(url)}")
    assert outcome(work) == (2, "", f"releasegraph: {due(url)}")
    assert outcome(check) == (1, due(url), "")
    assert outcome(upgrade)[:2] == (0, f"upgraded {url} from revision none to {revisions.head()}")
    assert outcome(work_after)[0] == 0
