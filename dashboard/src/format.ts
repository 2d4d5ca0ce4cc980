import type {
  DeploymentOperationStatus,
  DeploymentStatus,
  EnvironmentStatus,
  ReleaseExecutionStatus,
} from "./gql/graphql";

export function words(value: string | null | undefined): string {
  if (!value) return "";
  return value.toLowerCase().replace(/_/g, " ");
}

export function when(value: string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString();
}

export function duration(start: string | null | undefined, end: string | null | undefined): string {
  if (!start) return "";
  const a = new Date(start).getTime();
  const b = end ? new Date(end).getTime() : Date.now();
  if (Number.isNaN(a) || Number.isNaN(b)) return "";
  let s = Math.max(0, Math.round((b - a) / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const txt = h ? `${h}h ${m}m ${s}s` : m ? `${m}m ${s}s` : `${s}s`;
  return end ? txt : `${txt} so far`;
}

export const executionWords: Record<ReleaseExecutionStatus, string> = {
  NOT_STARTED: "not started",
  SCHEDULED: "scheduled",
  RUNNING: "running",
  ON_HOLD: "on hold: waiting for a person",
  SUCCEEDED: "succeeded",
  PARTIAL_SUCCESS: "partially succeeded",
  FAILED: "failed",
  CANCELED: "canceled",
};

export const environmentWords: Record<EnvironmentStatus, string> = {
  NOT_STARTED: "not started",
  SCHEDULED: "scheduled",
  QUEUED: "queued",
  IN_PROGRESS: "in progress",
  SUCCEEDED: "succeeded",
  PARTIALLY_SUCCEEDED: "partially succeeded",
  CANCELED: "canceled",
  REJECTED: "rejected",
  FAILED: "failed",
};

/** The attempt's (status, operationStatus) pair as a sentence a person reads. */
export function attemptSentence(
  status: DeploymentStatus,
  op: DeploymentOperationStatus,
  extra?: { scheduledAt?: string | null; deferredUntil?: string | null },
): string {
  switch (op) {
    case "QUEUED":
      return "queued: waiting for its turn (queueing policy)";
    case "SCHEDULED":
      return extra?.scheduledAt ? `scheduled for ${when(extra.scheduledAt)}` : "scheduled";
    case "PENDING":
      return status === "IN_PROGRESS" ? "deployed; waiting for post-deploy approval" : "waiting for approval";
    case "APPROVED":
      return status === "SUCCEEDED" ? "deployed successfully" : "approved; about to deploy";
    case "REJECTED":
      return status === "FAILED" ? "failed: an approval was rejected" : "rejected";
    case "DEFERRED":
      return extra?.deferredUntil
        ? `approved; deferred until ${when(extra.deferredUntil)}`
        : "approved; deployment deferred";
    case "QUEUED_FOR_AGENT":
      return "queued: no free agent";
    case "QUEUED_FOR_PIPELINE":
      return "queued: the server's parallel job limit is used up";
    case "CANCELED":
      return status === "FAILED" ? "canceled while deploying" : "canceled before it started";
    case "PHASE_IN_PROGRESS":
      return "deploying: a phase is running";
    case "MANUAL_INTERVENTION_PENDING":
      return "waiting for a manual intervention";
    case "PHASE_SUCCEEDED":
      return "deploying: a phase succeeded, going on";
    case "PHASE_PARTIALLY_SUCCEEDED":
      return "partially succeeded";
    case "PHASE_FAILED":
      return "failed: a task failed";
    case "CANCELLING":
      return "cancelling: always-run tasks are finishing";
    case "EVALUATING_GATES":
      return "evaluating gates";
    case "GATES_FAILED":
      return status === "FAILED" ? "failed: gates did not pass" : "gates failed: waiting for an approval to override";
  }
  return `${words(status)}, ${words(op)}`;
}

export function statusClass(value: string | null | undefined): string {
  const v = (value ?? "").toUpperCase();
  if (/SUCCEEDED|APPROVED|ONLINE|SUCCESS/.test(v) && !/PARTIAL/.test(v)) return "st st-ok";
  if (/PARTIAL/.test(v)) return "st st-warn";
  if (/FAIL|REJECT|TIMED_OUT|LOST/.test(v)) return "st st-bad";
  if (/PROGRESS|RUNNING|CANCELLING|EVALUATING/.test(v)) return "st st-run";
  if (/HOLD|PENDING|QUEUED|SCHEDULED|DEFERRED|WAIT/.test(v)) return "st st-wait";
  return "st";
}

/** "a=b" lines to key/value pairs. */
export function parsePairs(text: string): { name: string; value: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf("=");
      return i < 0 ? { name: l, value: "" } : { name: l.slice(0, i).trim(), value: l.slice(i + 1) };
    });
}

/** A datetime-local value as an ISO time with offset (UTC). */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
