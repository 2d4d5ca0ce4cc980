"""The release of the fan-out benchmark: how it is built, and what its subscribers send.

Its two environments wait for an approval nobody gives, so no task ever runs and the
release changes only when the benchmark makes it change (``fanout_events``).
"""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from releasegraph import models
from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

DEFINITION = json.dumps(
    {
        "name": "fanout",
        "environments": [
            {
                "name": "staging",
                "preDeployApprovals": {"approvers": ["ada"]},
                "phases": [{"name": "deploy", "tasks": [{"name": "deploy", "kind": "simulate"}]}],
            },
            {
                "name": "production",
                "trigger": "MANUAL",
                "preDeployApprovals": {"approvers": ["ada"]},
                "phases": [{"name": "deploy", "tasks": [{"name": "deploy", "kind": "simulate"}]}],
            },
        ],
    }
)
"""Both environments wait for an approval nobody gives: no task ever runs."""

RELEASE_UPDATED = """
subscription ReleaseUpdated($id: ID!) {
  releaseUpdated(id: $id) {
    id name number status executionStatus version modifiedBy modifiedOn inputRequiredCount
    progress { done total percent }
    environments {
      id name status
      latestAttempt {
        id attempt status operationStatus requestedBy queuedOn
        preDeployApprovals { id approver status canApprove }
        phases { id name status tasks { id name status } }
      }
    }
  }
}"""
"""What a release page shows; every subscriber sends exactly this."""


def global_id(type_name: str, node_id: str) -> str:
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


@dataclass(frozen=True, kw_only=True)
class Built:
    release_id: str
    environment_id: str
    """Of the MANUAL environment that the events deploy and cancel."""


async def build(database: Path) -> Built:
    runtime = Runtime(Settings(database_url=f"sqlite:///{database}"))
    await runtime.start()
    try:
        definition = runtime.create_definition(
            CreateReleaseDefinition(actor="bench", source=DEFINITION)
        )
        release_id = runtime.create_release(
            CreateRelease(actor="bench", definition_id=definition.id, start=True)
        )
        await asyncio.wait_for(runtime.idle(), 30)
        with runtime.read_session() as session:
            environment_id = session.exec(
                select(models.ReleaseEnvironment.id).where(
                    col(models.ReleaseEnvironment.release_id) == release_id,
                    col(models.ReleaseEnvironment.name) == "production",
                )
            ).one()
        return Built(release_id=release_id, environment_id=environment_id)
    finally:
        await runtime.stop()
