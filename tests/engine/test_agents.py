"""Agents, decided in memory: demands against capabilities, and a remote agent that is lost."""

from __future__ import annotations

from datetime import timedelta

from releasegraph.engine.commands import RunFinished, RunInterrupted, Tick
from releasegraph.engine.context import SYSTEM
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import RunStatus, TaskStatus
from releasegraph.models import TaskRun
from tests.engine.memory import Memory

SCRIPT = "{name: s, kind: script, run: deploy.sh, retries: 0}"


def agent_phase(*, demands: str = "{}", agents: tuple[str, ...] = ("agent-1",)) -> str:
    return f"""
        name: agents
        environments:
          - name: prod
            phases: [{{name: p, runOn: AGENT, demands: {demands}, tasks: [{SCRIPT}]}}]
        """


def started(source: str, agents: tuple[str, ...], caps: dict[str, dict[str, str]]) -> Memory:
    memory = Memory.started(source, agents=())
    memory.agents = agents
    memory.capabilities = caps
    memory.do(Tick(actor=SYSTEM))
    return memory


def lose(memory: Memory, run: TaskRun) -> None:
    """The remote agent holding ``run`` stops renewing: its lease expires."""
    run.lease_owner = f"agent:{run.agent_name}:token"
    run.lease_expires_at = memory.now
    memory.agents = tuple(a for a in memory.agents if a != run.agent_name)
    memory.now += timedelta(seconds=1)
    memory.do(RunInterrupted(actor=SYSTEM, run_id=run.id))


def test_a_phase_takes_the_agent_whose_capabilities_meet_its_demands() -> None:
    caps = {"win": {"os": "windows"}, "tux": {"os": "linux", "arch": "arm64"}}
    memory = started(agent_phase(demands="{os: linux}"), ("win", "tux"), caps)

    assert memory.state.phases[0].agent_name == "tux"
    assert memory.pair() == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


def test_a_phase_no_online_agent_can_serve_says_so_until_one_comes() -> None:
    memory = started(agent_phase(demands="{os: linux}"), ("win",), {"win": {"os": "windows"}})
    waiting = (memory.pair(), memory.attempt().status_reason)

    memory.agents = ("win", "tux")
    memory.capabilities["tux"] = {"os": "linux"}
    memory.do(Tick(actor=SYSTEM))

    assert waiting == (
        (St.NOT_DEPLOYED, Op.QUEUED_FOR_AGENT),
        "no online agent in pool 'default' meets demands os=linux",
    )
    assert memory.state.phases[0].agent_name == "tux"
    assert memory.attempt().status_reason is None


def test_a_busy_agent_that_could_serve_gives_no_reason() -> None:
    memory = started(agent_phase(), ("agent-1",), {})
    memory.do(Tick(actor=SYSTEM))

    assert memory.attempt().status_reason is None


def test_a_lost_run_is_recorded_lost_and_runs_again_on_another_agent_at_once() -> None:
    memory = started(agent_phase(), ("a1", "a2"), {})
    task = memory.task("s")
    (first,) = memory.runs(task)

    lose(memory, first)

    lost, again = memory.runs(task)
    assert (lost.status, lost.error) == (RunStatus.LOST, "agent a1 stopped renewing its lease")
    assert (again.status, again.agent_name) == (RunStatus.IN_PROGRESS, "a2")
    assert memory.state.phases[0].agent_name == "a2"
    assert memory.pair() == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


def test_a_lost_run_does_not_count_against_retries() -> None:
    memory = started(agent_phase(), ("a1", "a2"), {})
    task = memory.task("s")
    lose(memory, memory.runs(task)[0])

    memory.do(RunFinished(actor=SYSTEM, run_id=memory.runs(task)[1].id, succeeded=True))

    assert task.status == TaskStatus.SUCCEEDED
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_a_lost_run_with_no_other_agent_waits_for_one() -> None:
    memory = started(agent_phase(), ("a1",), {})
    task = memory.task("s")

    lose(memory, memory.runs(task)[0])
    waiting, queued_since = memory.pair(), memory.state.phases[0].waiting_since
    memory.agents = ("a3",)
    memory.do(Tick(actor=SYSTEM))

    assert waiting == (St.IN_PROGRESS, Op.QUEUED_FOR_AGENT)
    assert queued_since == memory.state.phases[0].started_on
    assert [(r.status, r.agent_name) for r in memory.runs(task)] == [
        (RunStatus.LOST, "a1"),
        (RunStatus.IN_PROGRESS, "a3"),
    ]
    assert memory.pair() == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


def test_a_task_that_loses_every_agent_fails_at_the_bound() -> None:
    memory = started(agent_phase(), ("a1", "a2", "a3"), {})
    memory.lost_run_limit = 2
    task = memory.task("s")

    lose(memory, memory.runs(task)[0])
    lose(memory, memory.runs(task)[1])

    assert [r.status for r in memory.runs(task)] == [RunStatus.LOST, RunStatus.LOST]
    assert task.status == TaskStatus.FAILED
    assert "2 runs lost or interrupted, the task fails" in (memory.runs(task)[1].error or "")
    assert memory.pair() == (St.FAILED, Op.PHASE_FAILED)


def test_a_run_whose_remote_lease_is_alive_is_not_lost() -> None:
    memory = started(agent_phase(), ("a1", "a2"), {})
    (run,) = memory.runs(memory.task("s"))
    run.lease_owner = "agent:a1:token"
    run.lease_expires_at = memory.now + timedelta(seconds=30)

    memory.do(RunInterrupted(actor=SYSTEM, run_id=run.id))

    assert [(r.status, r.lease_owner) for r in memory.runs(memory.task("s"))] == [
        (RunStatus.IN_PROGRESS, "agent:a1:token")
    ]
