import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useSubscription } from "urql";
import { setToken, useToken } from "./auth";
import { useConnection } from "./client";
import { InboxContext, useViewer, type InboxData } from "./context";
import {
  ApproveMutation,
  FixAndContinueMutation,
  IgnoreTaskFailureMutation,
  InputRequiredSubscription,
  RejectInterventionMutation,
  ReassignApprovalMutation,
  RejectMutation,
  ResumeInterventionMutation,
  RetryTaskMutation,
} from "./documents";
import type { ApprovalFieldsFragment, InterventionFieldsFragment } from "./gql/graphql";
import { localToIso, parsePairs, statusClass, when, words } from "./format";
import { useAction } from "./hooks";

export function releasePath(id: string): string {
  return `/releases/${encodeURIComponent(id)}`;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  if (!token) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export function Status({ value, text, testId }: { value: string; text?: string; testId?: string }) {
  return (
    <span className={statusClass(value)} data-testid={testId ?? "status"} data-status={value}>
      {text ?? words(value)}
    </span>
  );
}

export function Refusal({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="refusal" role="alert" data-testid="action-error">
      {message}
    </p>
  );
}

export function Done({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="done" role="status" data-testid="action-done">
      {message}
    </p>
  );
}

function ConnectionBanner() {
  const { state } = useConnection();
  if (state !== "reconnecting") return null;
  return (
    <div className="banner" role="status" aria-live="polite" data-testid="connection-banner">
      Disconnected — reconnecting…
    </div>
  );
}

function useInboxNotifications(data: InboxData) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!data) return;
    const ids = [...data.approvals.map((a) => a.id), ...data.manualInterventions.map((m) => m.id)];
    if (seen.current === null) {
      seen.current = new Set(ids);
      return;
    }
    const fresh = ids.filter((id) => !seen.current?.has(id));
    ids.forEach((id) => seen.current?.add(id));
    if (!fresh.length || typeof Notification === "undefined" || Notification.permission !== "granted") return;
    try {
      new Notification("releasegraph", {
        body: `${fresh.length} new item${fresh.length > 1 ? "s" : ""} waiting for you`,
        tag: "releasegraph-inbox",
      });
    } catch {
      /* notifications not available here */
    }
  }, [data]);
}

function useInputRequired() {
  const [res] = useSubscription({ query: InputRequiredSubscription });
  return res.data?.inputRequired ?? null;
}

export function Layout() {
  const token = useToken();
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const inbox = useInputRequired();
  useInboxNotifications(inbox);
  const count = inbox?.count ?? 0;
  useEffect(() => {
    document.title = count > 0 ? `(${count}) releasegraph` : "releasegraph";
  }, [count]);
  if (!token) return <Navigate to="/signin" replace />;
  return (
    <InboxContext.Provider value={inbox}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          releasegraph
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Releases
          </NavLink>
          <NavLink to="/new">New release</NavLink>
          <NavLink to="/inbox">
            Inbox{" "}
            <span className="count" data-testid="inbox-count" aria-label={`${count} waiting`}>
              {count}
            </span>
          </NavLink>
          <NavLink to="/agents">Agents</NavLink>
          <a href="/graphql">GraphiQL</a>
        </nav>
        <div className="who" data-testid="viewer">
          {viewer ? (
            <>
              <span data-testid="viewer-name" title={viewer.displayName}>
                {viewer.displayName || viewer.name}
              </span>{" "}
              <span className="role" data-testid="viewer-role">
                {words(viewer.role)}
              </span>
              {viewer.groups.length > 0 && (
                <span className="groups" data-testid="viewer-groups">
                  {" "}
                  ({viewer.groups.join(", ")})
                </span>
              )}
            </>
          ) : (
            <span>…</span>
          )}
          <button
            type="button"
            data-testid="sign-out"
            onClick={() => {
              setToken(null);
              navigate("/signin");
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </InboxContext.Provider>
  );
}

export interface GraphNode {
  name: string;
  dependsOn: readonly string[];
  content: ReactNode;
}

const NODE_W = 230;
const GAP_X = 56;
const GAP_Y = 20;

/** Environments in columns by dependency depth, with arrows for dependsOn. */
export function DagGraph({ nodes, label, nodeHeight = 124 }: { nodes: GraphNode[]; label: string; nodeHeight?: number }) {
  const NODE_H = nodeHeight;
  const layout = useMemo(() => {
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const depth = new Map<string, number>();
    const visit = (name: string, stack: Set<string>): number => {
      const known = depth.get(name);
      if (known !== undefined) return known;
      if (stack.has(name)) return 0;
      stack.add(name);
      const n = byName.get(name);
      let d = 0;
      for (const dep of n?.dependsOn ?? []) if (byName.has(dep)) d = Math.max(d, visit(dep, stack) + 1);
      stack.delete(name);
      depth.set(name, d);
      return d;
    };
    nodes.forEach((n) => visit(n.name, new Set()));
    const rows = new Map<number, number>();
    const pos = new Map<string, { x: number; y: number }>();
    for (const n of nodes) {
      const col = depth.get(n.name) ?? 0;
      const row = rows.get(col) ?? 0;
      rows.set(col, row + 1);
      pos.set(n.name, { x: col * (NODE_W + GAP_X), y: row * (NODE_H + GAP_Y) });
    }
    const cols = Math.max(1, ...[...rows.keys()].map((c) => c + 1));
    const maxRows = Math.max(1, ...rows.values());
    return { pos, width: cols * NODE_W + (cols - 1) * GAP_X, height: maxRows * NODE_H + (maxRows - 1) * GAP_Y };
  }, [nodes, NODE_H]);

  return (
    <div className="graph-scroll" role="group" aria-label={label}>
      <div className="graph" style={{ width: layout.width, height: layout.height }}>
        <svg width={layout.width} height={layout.height} aria-hidden="true" className="edges">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
            </marker>
          </defs>
          {nodes.flatMap((n) =>
            n.dependsOn.map((dep) => {
              const a = layout.pos.get(dep);
              const b = layout.pos.get(n.name);
              if (!a || !b) return null;
              const x1 = a.x + NODE_W;
              const y1 = a.y + NODE_H / 2;
              const x2 = b.x - 2;
              const y2 = b.y + NODE_H / 2;
              const mx = (x1 + x2) / 2;
              return (
                <path
                  key={`${dep}->${n.name}`}
                  d={`M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.5"
                  markerEnd="url(#arrow)"
                  data-testid="graph-edge"
                  data-from={dep}
                  data-to={n.name}
                />
              );
            }),
          )}
        </svg>
        {nodes.map((n) => {
          const p = layout.pos.get(n.name) ?? { x: 0, y: 0 };
          return (
            <div
              key={n.name}
              className="node"
              style={{ left: p.x, top: p.y, width: NODE_W, height: NODE_H }}
              data-testid="env-node"
              data-env={n.name}
            >
              {n.content}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function ApprovalCard({ approval, showRelease }: { approval: ApprovalFieldsFragment; showRelease?: boolean }) {
  const approve = useAction(ApproveMutation);
  const reject = useAction(RejectMutation);
  const reassign = useAction(ReassignApprovalMutation);
  const [comment, setComment] = useState("");
  const [defer, setDefer] = useState("");
  const [to, setTo] = useState("");
  const a = approval;
  const busy = approve.busy || reject.busy || reassign.busy;
  return (
    <div className="card approval" data-testid="approval" data-approval-id={a.id}>
      <div>
        <strong>{a.stage === "PRE_DEPLOY" ? "Pre-deploy" : "Post-deploy"} approval</strong>
        {a.gateOverride && " (override of failed gates)"} for <span className="env">{a.environmentName}</span> by{" "}
        <span className="ident">{a.approver}</span>: <Status value={a.status} testId="approval-status" />
        {showRelease && (
          <>
            {" "}
            in <Link to={releasePath(a.release.id)}>{a.release.name}</Link>
          </>
        )}{" "}
        <Link to={`/approvals/${encodeURIComponent(a.id)}`} aria-label={`Open approval for ${a.environmentName}`}>
          open
        </Link>
      </div>
      <div className="meta">
        created {when(a.createdOn)}
        {a.timeoutAt && <> · times out {when(a.timeoutAt)}</>}
        {a.deferUntil && <> · deferred until {when(a.deferUntil)}</>}
        {a.approvedBy && <> · answered by {a.approvedBy}</>}
        {a.reassignedFrom && <> · reassigned from {a.reassignedFrom}</>}
        {a.comment && <> · “{a.comment}”</>}
      </div>
      {a.canApprove && (
        <form
          className="actions"
          onSubmit={(e) => {
            e.preventDefault();
            void approve.run(
              { input: { approvalId: a.id, comment, deferUntil: a.stage === "PRE_DEPLOY" ? localToIso(defer) : null } },
              "Approved.",
            );
          }}
        >
          <label>
            Comment
            <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="approval-comment" />
          </label>
          {a.stage === "PRE_DEPLOY" && (
            <label>
              Deploy no earlier than
              <input
                type="datetime-local"
                value={defer}
                onChange={(e) => setDefer(e.target.value)}
                data-testid="approval-defer"
              />
            </label>
          )}
          <button type="submit" disabled={busy} data-testid="action-approve">
            Approve
          </button>
          <button
            type="button"
            disabled={busy}
            data-testid="action-reject"
            onClick={() => void reject.run({ input: { approvalId: a.id, comment } }, "Rejected.")}
          >
            Reject
          </button>
          <label>
            Reassign to (a user, or group:NAME)
            <input value={to} onChange={(e) => setTo(e.target.value)} data-testid="approval-reassign-to" />
          </label>
          <button
            type="button"
            disabled={busy || !to.trim()}
            data-testid="action-reassign"
            onClick={() => void reassign.run({ input: { approvalId: a.id, to: to.trim(), comment } }, "Reassigned.")}
          >
            Reassign
          </button>
        </form>
      )}
      <Refusal message={approve.error ?? reject.error ?? reassign.error} />
      <Done message={approve.done ?? reject.done ?? reassign.done} />
    </div>
  );
}

export function InterventionCard({ mi, showRelease }: { mi: InterventionFieldsFragment; showRelease?: boolean }) {
  const resume = useAction(ResumeInterventionMutation);
  const rejectMi = useAction(RejectInterventionMutation);
  const retry = useAction(RetryTaskMutation);
  const ignore = useAction(IgnoreTaskFailureMutation);
  const fix = useAction(FixAndContinueMutation);
  const [comment, setComment] = useState("");
  const [values, setValues] = useState("");
  const [fixInputs, setFixInputs] = useState("");
  const [fixVars, setFixVars] = useState("");
  const pending = mi.status === "PENDING";
  const failure = mi.kind === "FAILURE";
  const actions = [resume, rejectMi, retry, ignore, fix];
  const busy = actions.some((x) => x.busy);
  const error = actions.map((x) => x.error).find(Boolean) ?? null;
  const done = actions.map((x) => x.done).find(Boolean) ?? null;
  return (
    <div className="card intervention" data-testid="intervention" data-intervention-id={mi.id}>
      <div>
        <strong>{failure ? "Failed task waits for a decision" : "Manual intervention"}</strong> at task{" "}
        <span className="ident">{mi.task.name}</span>: <Status value={mi.status} testId="intervention-status" />
        {showRelease && (
          <>
            {" "}
            in <Link to={releasePath(mi.release.id)}>{mi.release.name}</Link>
          </>
        )}{" "}
        <Link to={`/interventions/${encodeURIComponent(mi.id)}`} aria-label={`Open intervention at ${mi.task.name}`}>
          open
        </Link>
      </div>
      {mi.instructions && (
        <p className="instructions" data-testid="intervention-instructions">
          {mi.instructions}
        </p>
      )}
      <div className="meta">
        {mi.approvers.length > 0 ? <>for {mi.approvers.join(", ")}</> : <>for operators</>} · created{" "}
        {when(mi.createdOn)}
        {mi.timeoutAt && <> · times out {when(mi.timeoutAt)}</>}
        {mi.actedBy && <> · answered by {mi.actedBy}</>}
        {mi.resolution && <> · {mi.resolution}</>}
        {mi.comment && <> · “{mi.comment}”</>}
        {mi.values.length > 0 && <> · {mi.values.map((v) => `${v.name}=${v.value}`).join(", ")}</>}
      </div>
      {pending && mi.canAct && (
        <form
          className="actions"
          onSubmit={(e) => {
            e.preventDefault();
            const vals = parsePairs(values);
            void resume.run(
              { input: { manualInterventionId: mi.id, comment, values: vals.length ? vals : null } },
              "Resumed.",
            );
          }}
        >
          <label>
            Comment
            <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="intervention-comment" />
          </label>
          {!failure && (
            <label>
              Values (name=value per line)
              <textarea rows={2} value={values} onChange={(e) => setValues(e.target.value)} />
            </label>
          )}
          {!failure && (
            <button type="submit" disabled={busy} data-testid="action-resume">
              Resume
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            data-testid="action-reject-intervention"
            onClick={() => void rejectMi.run({ input: { manualInterventionId: mi.id, comment } }, "Rejected.")}
          >
            {failure ? "Fail the attempt" : "Reject"}
          </button>
        </form>
      )}
      {pending && failure && (mi.task.viewerCan.retry || mi.task.viewerCan.ignore || mi.task.viewerCan.fixAndContinue) && (
        <div className="actions">
          {mi.task.viewerCan.retry && (
            <button
              type="button"
              disabled={busy}
              data-testid="action-retry"
              onClick={() => void retry.run({ input: { taskId: mi.task.id } }, "Retrying.")}
            >
              Retry
            </button>
          )}
          {mi.task.viewerCan.ignore && (
            <button
              type="button"
              disabled={busy}
              data-testid="action-ignore"
              onClick={() => void ignore.run({ input: { taskId: mi.task.id } }, "Ignored.")}
            >
              Ignore
            </button>
          )}
          {mi.task.viewerCan.fixAndContinue && (
          <details>
            <summary>Fix and continue…</summary>
            <form
              className="actions"
              onSubmit={(e) => {
                e.preventDefault();
                const inputs = parsePairs(fixInputs);
                const variables = parsePairs(fixVars);
                void fix.run(
                  {
                    input: {
                      taskId: mi.task.id,
                      inputs: inputs.length ? inputs : null,
                      variables: variables.length ? variables : null,
                    },
                  },
                  "Running again with the changes.",
                );
              }}
            >
              <label>
                Task inputs (name=value per line)
                <textarea
                  rows={3}
                  value={fixInputs}
                  placeholder={mi.task.inputs.map((i) => `${i.name}=${i.value}`).join("\n")}
                  onChange={(e) => setFixInputs(e.target.value)}
                />
              </label>
              <label>
                Release variables (name=value per line)
                <textarea rows={3} value={fixVars} onChange={(e) => setFixVars(e.target.value)} />
              </label>
              <button type="submit" disabled={busy} data-testid="action-fix-and-continue">
                Fix and continue
              </button>
            </form>
          </details>
          )}
        </div>
      )}
      <Refusal message={error} />
      <Done message={done} />
    </div>
  );
}
