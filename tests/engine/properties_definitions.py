"""Random release definitions for the property tests of ``test_properties``.

``definitions()`` draws a YAML document of one to three environments, each with random
approvals, gates, queue, trigger and dependencies, and phases of simulated tasks with
now and then a manual intervention or a wait.
"""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

APPROVERS = ("alice", "bob", "group:ops")

flags = st.booleans()
Block = dict[str, object]


@st.composite
def approvals(draw: st.DrawFn) -> Block | None:
    if draw(flags):
        return None
    approvers = draw(st.lists(st.sampled_from(APPROVERS), min_size=1, max_size=2, unique=True))
    return {
        "approvers": approvers,
        "requiredCount": draw(st.integers(0, len(approvers))),
        "order": draw(st.sampled_from(["ANY", "SEQUENTIAL"])),
        "timeoutMinutes": draw(st.sampled_from([None, 1, 2])),
        "creatorCanApprove": draw(flags),
    }


@st.composite
def gates(draw: st.DrawFn) -> Block | None:
    if draw(flags):
        return None
    checks = draw(st.lists(st.integers(0, 3), min_size=1, max_size=2))
    return {
        "stage": draw(st.sampled_from(["PRE_DEPLOY", "POST_DEPLOY"])),
        "samplingIntervalSeconds": draw(st.sampled_from([10, 30, 60])),
        "minimumSuccessSeconds": draw(st.sampled_from([0, 30])),
        "timeoutMinutes": draw(st.sampled_from([1, 2])),
        "onFailure": draw(st.sampled_from(["REJECT", "ASK_APPROVAL"])),
        "checks": [
            {"name": f"c{i}", "kind": "simulate", "failTimes": fails}
            for i, fails in enumerate(checks)
        ],
    }


@st.composite
def simulate_task(draw: st.DrawFn) -> Block:
    return {
        "kind": "simulate",
        "durationSeconds": draw(st.sampled_from([0, 1, 2.5, 3])),
        "failTimes": draw(st.integers(0, 2)),
        "retries": draw(st.integers(0, 1)),
        "continueOnError": draw(flags),
        "alwaysRun": draw(flags),
        "inputs": draw(st.sampled_from([{}, {"x": "1"}])),
    }


@st.composite
def manual_task(draw: st.DrawFn) -> Block:
    return {
        "kind": "manualIntervention",
        "approvers": draw(st.sampled_from([[], ["alice"], ["group:ops"]])),
        "timeoutMinutes": draw(st.sampled_from([None, 1])),
        "onTimeout": draw(st.sampled_from(["RESUME", "REJECT"])),
        "alwaysRun": draw(flags),
    }


@st.composite
def phases(draw: st.DrawFn) -> Block:
    tasks = draw(st.lists(simulate_task(), min_size=1, max_size=3))
    wait = st.just({"kind": "wait", "seconds": 5})
    extra = draw(st.none() | manual_task() | wait)
    if extra is not None:
        tasks.insert(draw(st.integers(0, len(tasks))), extra)
    return {
        "runOn": draw(st.sampled_from(["AGENT", "SERVER"])),
        "tasks": [{"name": f"t{i}", **task} for i, task in enumerate(tasks)],
    }


@st.composite
def environment(draw: st.DrawFn, index: int) -> Block:
    earlier = [f"e{i}" for i in range(index)]
    depends_on = draw(st.lists(st.sampled_from(earlier), unique=True)) if earlier else []
    triggers = ["AFTER_DEPENDENCIES", "MANUAL"] if depends_on else ["AFTER_RELEASE", "MANUAL"]
    return {
        "name": f"e{index}",
        "trigger": draw(st.sampled_from(triggers)),
        "dependsOn": depends_on,
        "critical": draw(flags),
        "onTaskFailure": draw(st.sampled_from(["FAIL", "PROMPT"])),
        "queue": {
            "maxParallel": draw(st.integers(0, 1)),
            "policy": draw(st.sampled_from(["SEQUENTIAL", "LATEST_ONLY"])),
        },
        "preDeployApprovals": draw(approvals()),
        "postDeployApprovals": draw(approvals()),
        "gates": draw(gates()),
        "phases": [
            {"name": f"p{i}", **phase}
            for i, phase in enumerate(draw(st.lists(phases(), min_size=1, max_size=2)))
        ],
    }


@st.composite
def definitions(draw: st.DrawFn) -> str:
    """A release definition as YAML text, the way a person writes one."""
    count = draw(st.integers(1, 3))
    document = {
        "name": "property",
        "allowPartialSuccess": draw(flags),
        "environments": [draw(environment(i)) for i in range(count)],
    }
    return yaml.safe_dump(document, sort_keys=False)
