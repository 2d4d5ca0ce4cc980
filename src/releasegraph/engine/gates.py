"""Gates: checks sampled at an interval until they pass together long enough, or time out."""

from __future__ import annotations

from datetime import timedelta

from releasegraph.engine.context import Ctx
from releasegraph.engine.spec import GateCheckSpec, GatesSpec
from releasegraph.engine.states import ApprovalStage, GateStatus
from releasegraph.engine.status import set_status
from releasegraph.models import DeploymentAttempt, Gate


def create_gate(
    ctx: Ctx, attempt: DeploymentAttempt, stage: ApprovalStage, spec: GatesSpec
) -> Gate:
    gate = Gate(
        **ctx.in_attempt(attempt.release_id, attempt.id),
        stage=stage,
        status=GateStatus.PENDING,
        started_on=ctx.now,
        next_sample_at=ctx.now,
        timeout_at=ctx.now + timedelta(minutes=spec.timeout_minutes),
    )
    ctx.add(gate, ctx.state.gates)
    set_status(ctx, gate, GateStatus.IN_PROGRESS, stage=stage.value)
    return gate


def simulated_check_passes(check: GateCheckSpec, sample: int) -> bool:
    """A ``simulate`` check fails its first ``failTimes`` samples (``sample`` counts from 1)."""
    return sample > check.fail_times


def step_gate(ctx: Ctx, gate: Gate, spec: GatesSpec) -> bool:
    """Time the gate out, or take a sample when one is due; True if anything changed."""
    if gate.status != GateStatus.IN_PROGRESS:
        return False
    if gate.timeout_at is not None and gate.timeout_at <= ctx.now:
        _complete(ctx, gate, GateStatus.FAILED)
        return True
    if gate.next_sample_at is None or gate.next_sample_at > ctx.now:
        return False
    gate.next_sample_at = ctx.now + timedelta(seconds=spec.sampling_interval_seconds)
    if all(check.kind == "simulate" for check in spec.checks):
        sample = gate.samples + 1
        record_sample(
            ctx, gate, spec, {c.name: simulated_check_passes(c, sample) for c in spec.checks}
        )
    else:
        ctx.effects.sample_gates.append(gate.id)
    return True


def record_sample(ctx: Ctx, gate: Gate, spec: GatesSpec, results: dict[str, bool]) -> None:
    """Take one sample's results; the gate passes once all checks pass for the minimum time."""
    if gate.status != GateStatus.IN_PROGRESS:
        return
    gate.samples += 1
    gate.last_results = dict(results)
    passed = all(results.get(check.name, False) for check in spec.checks)
    ctx.event(
        entity="Gate",
        entity_id=gate.id,
        kind="gate.sampled",
        data={"sample": gate.samples, "results": dict(results), "passed": passed},
    )
    if not passed:
        gate.succeeding_since = None
        return
    gate.succeeding_since = gate.succeeding_since or ctx.now
    if ctx.now - gate.succeeding_since >= timedelta(seconds=spec.minimum_success_seconds):
        _complete(ctx, gate, GateStatus.SUCCEEDED)


def _complete(ctx: Ctx, gate: Gate, status: GateStatus) -> None:
    gate.completed_on = ctx.now
    gate.next_sample_at = None
    set_status(ctx, gate, status)


def cancel_gate(ctx: Ctx, gate: Gate) -> None:
    if gate.status in (GateStatus.PENDING, GateStatus.IN_PROGRESS):
        _complete(ctx, gate, GateStatus.CANCELED)
