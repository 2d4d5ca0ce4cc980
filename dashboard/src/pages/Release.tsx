import { useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useSubscription } from "urql";
import { ApprovalCard, DagGraph, Done, InterventionCard, Refusal, Status, releasePath } from "../components";
import {
  AbandonReleaseMutation,
  CancelDeploymentMutation,
  ScheduleReleaseMutation,
  DeployEnvironmentMutation,
  ReleaseUpdatedSubscription,
  RetryTaskMutation,
  StartReleaseMutation,
} from "../documents";
import { attemptSentence, duration, environmentWords, executionWords, localToIso, when, words } from "../format";
import type { AttemptFieldsFragment, ReleaseDetailFragment } from "../gql/graphql";
import { useAction } from "../hooks";

type Env = ReleaseDetailFragment["environments"][number];

function latestOf(env: Env): AttemptFieldsFragment | null {
  const id = env.latestAttempt?.id;
  const found = id ? env.attempts.find((a) => a.id === id) : undefined;
  if (found) return found;
  return env.attempts.reduce<AttemptFieldsFragment | null>((m, a) => (!m || a.attempt > m.attempt ? a : m), null);
}

function sentence(a: AttemptFieldsFragment | null): string {
  if (!a) return "not deployed yet";
  return attemptSentence(a.status, a.operationStatus, a);
}

function ReleaseActions({ release }: { release: ReleaseDetailFragment }) {
  const start = useAction(StartReleaseMutation);
  const schedule = useAction(ScheduleReleaseMutation);
  const abandon = useAction(AbandonReleaseMutation);
  const [comment, setComment] = useState("");
  const [at, setAt] = useState("");
  const can = release.viewerCan;
  if (!can.start && !can.schedule && !can.abandon) return null;
  const busy = start.busy || abandon.busy || schedule.busy;
  return (
    <div className="actions" aria-label="Release actions" role="group">
      {can.start && (
        <button
          type="button"
          disabled={busy}
          data-testid="action-start"
          onClick={() => void start.run({ input: { releaseId: release.id } }, "Started.")}
        >
          Start now
        </button>
      )}
      {can.schedule && (
        <>
          <label>
            Start at
            <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="schedule-at" />
          </label>
          <button
            type="button"
            disabled={busy || !at}
            data-testid="action-schedule"
            onClick={() => {
              const startAt = localToIso(at);
              if (startAt) void schedule.run({ input: { releaseId: release.id, startAt } }, "Scheduled.");
            }}
          >
            Schedule
          </button>
        </>
      )}
      {can.abandon && (
        <>
          <label>
            Abandon comment
            <input value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button
            type="button"
            className="danger"
            disabled={busy}
            data-testid="action-abandon"
            onClick={() => {
              if (window.confirm(`Abandon ${release.name}? This is final.`))
                void abandon.run({ input: { releaseId: release.id, comment } }, "Abandoned.");
            }}
          >
            Abandon
          </button>
        </>
      )}
      <Refusal message={start.error ?? schedule.error ?? abandon.error} />
      <Done message={start.done ?? schedule.done ?? abandon.done} />
    </div>
  );
}

function EnvironmentActions({ env }: { env: Env }) {
  const deploy = useAction(DeployEnvironmentMutation);
  const cancel = useAction(CancelDeploymentMutation);
  const [at, setAt] = useState("");
  const busy = deploy.busy || cancel.busy;
  const deployed = env.attempts.length > 0;
  const error = deploy.error ?? cancel.error;
  const done = deploy.done ?? cancel.done;
  if (!env.viewerCan.deploy && !env.viewerCan.cancel && !error && !done) return null;
  return (
    <div className="actions" role="group" aria-label={`Actions for ${env.name}`}>
      {env.viewerCan.deploy && (
        <>
          <label>
            At (optional)
            <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={busy}
            data-testid="action-deploy"
            data-env={env.name}
            onClick={() =>
              void deploy.run(
                { input: { environmentId: env.id, scheduledAt: localToIso(at) } },
                deployed ? "Redeploy requested." : "Deploy requested.",
              )
            }
          >
            {deployed ? "Redeploy" : "Deploy"} {env.name}
          </button>
        </>
      )}
      {env.viewerCan.cancel && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          data-testid="action-cancel"
          data-env={env.name}
          onClick={() => void cancel.run({ input: { environmentId: env.id } }, "Cancel requested.")}
        >
          Cancel deployment of {env.name}
        </button>
      )}
      <Refusal message={error} />
      <Done message={done} />
    </div>
  );
}

function RetryButton({ taskId, name }: { taskId: string; name: string }) {
  const retry = useAction(RetryTaskMutation);
  return (
    <>
      <button
        type="button"
        disabled={retry.busy}
        data-testid="action-retry-task"
        onClick={() => void retry.run({ input: { taskId } }, "Retry requested.")}
        aria-label={`Retry task ${name}`}
      >
        Retry
      </button>
      <Refusal message={retry.error} />
      <Done message={retry.done} />
    </>
  );
}

function Attempt({ a, release, latest }: { a: AttemptFieldsFragment; release: ReleaseDetailFragment; latest: boolean }) {
  const approvals = [...a.preDeployApprovals, ...a.postDeployApprovals];
  return (
    <div className="attempt" data-testid="attempt" data-attempt={a.attempt}>
      <h4>
        Attempt {a.attempt} ({words(a.reason)}) —{" "}
        <span data-testid="attempt-sentence">{attemptSentence(a.status, a.operationStatus, a)}</span>
      </h4>
      <div className="meta">
        <span data-testid="attempt-status" data-status={a.status} data-operation-status={a.operationStatus}>
          {words(a.status)} / {words(a.operationStatus)}
        </span>{" "}
        · requested by {a.requestedBy} · queued {when(a.queuedOn)}
        {a.startedOn && <> · started {when(a.startedOn)}</>}
        {a.completedOn && <> · completed {when(a.completedOn)}</>}
        {a.startedOn && <> · {duration(a.startedOn, a.completedOn)}</>}
        {a.lastModifiedBy !== a.requestedBy && <> · last changed by {a.lastModifiedBy}</>}
      </div>
      {a.statusReason && (
        <p className="reason" data-testid="attempt-reason">
          {a.statusReason}
        </p>
      )}
      {approvals.map((ap) => (
        <ApprovalCard key={ap.id} approval={ap} />
      ))}
      {a.gates.map((g) => (
        <div key={g.id} className="card gate" data-testid="gate">
          {g.stage === "PRE_DEPLOY" ? "Pre-deploy" : "Post-deploy"} gates: <Status value={g.status} /> · {g.samples}{" "}
          samples
          {g.lastResults.length > 0 && (
            <> · {g.lastResults.map((r) => `${r.name} ${r.passed ? "passed" : "failed"}`).join(", ")}</>
          )}
          {g.nextSampleAt && <> · next check {when(g.nextSampleAt)}</>}
        </div>
      ))}
      {a.phases.map((p) => (
        <div key={p.id} className="phase" data-testid="phase" data-phase={p.name}>
          <h5>
            Phase {p.name} ({p.runOn === "AGENT" ? `agent pool ${p.pool}` : "server"}): <Status value={p.status} />
            {p.agent && <> on {p.agent}</>}
            {p.startedOn && <span className="meta"> · {duration(p.startedOn, p.completedOn)}</span>}
          </h5>
          {p.manualInterventions.map((mi) => (
            <InterventionCard key={mi.id} mi={mi} />
          ))}
          <div className="table-scroll">
            <table className="tasks">
              <caption className="sr-only">Tasks of phase {p.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Status</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Runs (outcome, exit code, agent)</th>
                  <th scope="col">Log</th>
                </tr>
              </thead>
              <tbody>
                {p.tasks.map((t) => (
                  <tr key={t.id} data-testid="task" data-task={t.name}>
                    <td>
                      {t.name} <span className="meta">{t.kind}</span>
                      {t.carriedOver && <span className="meta"> (carried over)</span>}
                    </td>
                    <td>
                      <Status value={t.status} testId="task-status" />
                      {latest && t.viewerCan.retry && !p.manualInterventions.some((m) => m.status === "PENDING" && m.task.id === t.id) && (
                        <RetryButton taskId={t.id} name={t.name} />
                      )}
                    </td>
                    <td>{duration(t.startedOn, t.completedOn)}</td>
                    <td>
                      <ul className="runs">
                        {t.runs.map((r) => (
                          <li key={r.id} data-testid="task-run">
                            #{r.number}: <Status value={r.status} testId="run-status" />
                            {r.exitCode !== null && r.exitCode !== undefined && <> · exit {r.exitCode}</>}
                            {r.agent && <> · {r.agent}</>} · {duration(r.startedOn, r.completedOn)}
                            {r.error && <span className="error-text"> · {r.error}</span>}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <Link
                        to={`${releasePath(release.id)}/tasks/${encodeURIComponent(t.id)}`}
                        aria-label={`Log of ${t.name} (${t.logLineCount} lines)`}
                        data-testid="task-log-link"
                      >
                        log ({t.logLineCount})
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </div>
  );
}

export function ReleasePage() {
  const { releaseId = "" } = useParams();
  // The subscription sends the whole release at once, then again on each change: no query
  // first, which would have the server build the same tree twice.
  const [live] = useSubscription({ query: ReleaseUpdatedSubscription, variables: { id: releaseId } });
  const release = live.data?.releaseUpdated ?? null;

  const nodes = useMemo(
    () =>
      (release?.environments ?? []).map((env) => {
        const a = latestOf(env);
        return {
          name: env.name,
          dependsOn: env.dependsOn,
          content: (
            <a href={`#env-${encodeURIComponent(env.name)}`} className="node-link">
              <strong>{env.name}</strong>
              <Status value={env.status} text={environmentWords[env.status]} testId="env-status" />
              <span className="node-sentence" data-testid="env-sentence">
                {sentence(a)}
              </span>
              <span className="meta">
                {env.trigger === "MANUAL" ? "manual" : env.trigger === "AFTER_RELEASE" ? "after release" : "after deps"}
                {a && <> · attempt {a.attempt}</>}
                {!env.critical && <> · not critical</>}
              </span>
            </a>
          ),
        };
      }),
    [release],
  );

  if (!release) {
    if (!live.error) return <p>Loading…</p>;
    return <Refusal message={live.error.message} />;
  }

  return (
    <article aria-labelledby="release-h" data-testid="release" data-release-id={release.id}>
      <h1 id="release-h">{release.name}</h1>
      <p>
        <Status value={release.executionStatus} text={executionWords[release.executionStatus]} testId="release-status" />{" "}
        {release.status !== "ACTIVE" && <Status value={release.status} testId="release-lifecycle" />}{" "}
        <span data-testid="release-progress">
          {release.progress.done}/{release.progress.total} tasks
        </span>
        {release.inputRequiredCount > 0 && (
          <span className="badge" data-testid="release-input-required">
            {release.inputRequiredCount} waiting for input
          </span>
        )}
      </p>
      <p className="meta">
        {release.definition.name} · created by {release.createdBy} on {when(release.createdOn)}
        {release.scheduledStartTime && <> · starts {when(release.scheduledStartTime)}</>}
        {release.startedOn && <> · started {when(release.startedOn)}</>}
        {release.completedOn && <> · completed {when(release.completedOn)}</>}
      </p>
      {release.description && <p>{release.description}</p>}
      <nav aria-label="Release pages" className="subnav">
        <Link to={`${releasePath(release.id)}/timeline`} data-testid="timeline-link">
          Timeline
        </Link>
      </nav>
      {(release.variables.length > 0 || release.artifacts.length > 0) && (
        <details>
          <summary>Variables and artifacts</summary>
          <ul className="kv">
            {release.variables.map((v) => (
              <li key={`v-${v.name}`}>
                {v.name} = {v.value}
              </li>
            ))}
            {release.artifacts.map((v) => (
              <li key={`a-${v.name}`}>
                artifact {v.name} = {v.value}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ReleaseActions release={release} />
      <h2>Environments</h2>
      <DagGraph nodes={nodes} label={`Environments of ${release.name}`} />
      {release.environments.map((env) => {
        const latest = latestOf(env);
        const attempts = [...env.attempts].sort((x, y) => y.attempt - x.attempt);
        return (
          <section
            key={env.id}
            id={`env-${encodeURIComponent(env.name)}`}
            className="environment"
            data-testid="environment"
            data-env={env.name}
            aria-label={`Environment ${env.name}`}
          >
            <h3>
              {env.name}: <Status value={env.status} text={environmentWords[env.status]} testId="env-status" />{" "}
              <span className="node-sentence">{sentence(latest)}</span>
            </h3>
            {env.dependsOn.length > 0 && <p className="meta">after {env.dependsOn.join(", ")}</p>}
            {env.nextScheduledTime && <p className="meta">next scheduled {when(env.nextScheduledTime)}</p>}
            <EnvironmentActions env={env} />
            {attempts.map((a, i) =>
              i === 0 ? (
                <Attempt key={a.id} a={a} release={release} latest />
              ) : (
                <details key={a.id}>
                  <summary>Attempt {a.attempt}: {sentence(a)}</summary>
                  <Attempt a={a} release={release} latest={false} />
                </details>
              ),
            )}
          </section>
        );
      })}
    </article>
  );
}
