import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useClient, useQuery, useSubscription } from "urql";
import { Refusal, Status, releasePath } from "../components";
import { useViewer } from "../context";
import { DefinitionsQuery, ReleasesQuery, ReleasesUpdatedSubscription } from "../documents";
import { executionWords, when } from "../format";
import type {
  ReleaseExecutionStatus,
  ReleaseFilter,
  ReleaseOrder,
  ReleaseRowFragment,
  EnvironmentStatus,
} from "../gql/graphql";

const PAGE = 20;
/** The most releases one `releasesUpdated` follows (the server's bound). */
const MAX_WATCHED = 100;
const EXEC: ReleaseExecutionStatus[] = [
  "NOT_STARTED",
  "SCHEDULED",
  "RUNNING",
  "ON_HOLD",
  "SUCCEEDED",
  "PARTIAL_SUCCESS",
  "FAILED",
  "CANCELED",
];
const ENV_STATUS: EnvironmentStatus[] = [
  "NOT_STARTED",
  "SCHEDULED",
  "QUEUED",
  "IN_PROGRESS",
  "SUCCEEDED",
  "PARTIALLY_SUCCEEDED",
  "CANCELED",
  "REJECTED",
  "FAILED",
];
const ORDERS: ReleaseOrder[] = ["CREATED_ON_DESC", "CREATED_ON_ASC", "NAME_ASC", "NAME_DESC"];

function compare(order: ReleaseOrder) {
  return (a: ReleaseRowFragment, b: ReleaseRowFragment): number => {
    let c = 0;
    if (order.startsWith("CREATED_ON")) c = a.createdOn < b.createdOn ? -1 : a.createdOn > b.createdOn ? 1 : 0;
    else c = a.name.localeCompare(b.name);
    if (c === 0) c = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return order.endsWith("DESC") ? -c : c;
  };
}

export function ReleasesPage() {
  const [params, setParams] = useSearchParams();
  const { viewer } = useViewer();
  const client = useClient();
  const definitionId = params.get("definition") ?? "";
  const status = (params.get("status") ?? "") as ReleaseExecutionStatus | "";
  const environment = params.get("environment") ?? "";
  const envStatus = (params.get("envStatus") ?? "") as EnvironmentStatus | "";
  const mine = params.get("mine") === "1";
  const order = (params.get("order") as ReleaseOrder | null) ?? "CREATED_ON_DESC";

  const filter = useMemo<ReleaseFilter>(
    () => ({
      definitionId: definitionId || null,
      executionStatus: status ? [status] : null,
      environmentName: environment || null,
      environmentStatus: envStatus ? [envStatus] : null,
      createdBy: mine && viewer ? viewer.name : null,
    }),
    [definitionId, status, environment, envStatus, mine, viewer],
  );
  const filterKey = JSON.stringify([filter, order]);

  const [rows, setRows] = useState<ReleaseRowFragment[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null, reset: boolean) => {
      setLoading(true);
      setError(null);
      const r = await client
        .query(ReleasesQuery, { first: PAGE, after, filter, orderBy: order }, { requestPolicy: "network-only" })
        .toPromise();
      setLoading(false);
      if (r.error || !r.data) {
        setError(r.error?.message ?? "Could not load releases.");
        return;
      }
      const conn = r.data.releases;
      const nodes = conn.edges.map((e) => e.node);
      setRows((old) => {
        const map = new Map((reset ? [] : old).map((x) => [x.id, x]));
        nodes.forEach((n) => map.set(n.id, n));
        return [...map.values()].sort(compare(order));
      });
      setTotal(conn.totalCount);
      setCursor(conn.pageInfo.endCursor ?? null);
      setMore(conn.pageInfo.hasNextPage);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, filterKey],
  );

  useEffect(() => {
    if (mine && !viewer) return;
    void load(null, true);
  }, [load, mine, viewer]);

  // Every row loaded stays live (up to the server's bound): "Load more" widens the watch.
  const watched = Math.min(MAX_WATCHED, Math.max(PAGE, Math.ceil(rows.length / PAGE) * PAGE));
  const [live] = useSubscription({
    query: ReleasesUpdatedSubscription,
    variables: { filter, first: watched },
    pause: mine && !viewer,
  });
  useEffect(() => {
    const updated = live.data?.releasesUpdated;
    if (!updated) return;
    setRows((old) => {
      const map = new Map(old.map((x) => [x.id, x]));
      const fresh = new Set(updated.map((r) => r.id));
      let delta = 0;
      // The snapshot is the newest `watched` matching releases: a row newer than its oldest
      // (or any row, when it holds fewer) that it lacks no longer matches the filter.
      const newest = [...updated].sort(compare("CREATED_ON_DESC"));
      const oldest = newest[newest.length - 1];
      for (const r of old) {
        if (fresh.has(r.id)) continue;
        if (updated.length < watched || (oldest && compare("CREATED_ON_DESC")(r, oldest) < 0)) {
          map.delete(r.id);
          delta--;
        }
      }
      for (const r of updated) {
        if (!map.has(r.id)) delta++;
        map.set(r.id, r);
      }
      if (delta) setTotal((t) => (t === null ? t : Math.max(0, t + delta)));
      return [...map.values()].sort(compare(order));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live.data]);

  const [defs] = useQuery({ query: DefinitionsQuery });

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <section aria-labelledby="releases-h">
      <h1 id="releases-h">Releases</h1>
      <form className="filters" aria-label="Filter releases" onSubmit={(e) => e.preventDefault()}>
        <label>
          Definition
          <select
            value={definitionId}
            onChange={(e) => setParam("definition", e.target.value)}
            data-testid="filter-definition"
          >
            <option value="">any</option>
            {defs.data?.releaseDefinitions.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setParam("status", e.target.value)} data-testid="filter-status">
            <option value="">any</option>
            {EXEC.map((s) => (
              <option key={s} value={s}>
                {executionWords[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Environment
          <input
            value={environment}
            onChange={(e) => setParam("environment", e.target.value)}
            placeholder="name"
            data-testid="filter-environment"
          />
        </label>
        <label>
          Environment status
          <select
            value={envStatus}
            onChange={(e) => setParam("envStatus", e.target.value)}
            data-testid="filter-environment-status"
          >
            <option value="">any</option>
            {ENV_STATUS.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase().replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={mine}
            onChange={(e) => setParam("mine", e.target.checked ? "1" : "")}
            data-testid="filter-mine"
          />
          Mine
        </label>
        <label>
          Order
          <select value={order} onChange={(e) => setParam("order", e.target.value)} data-testid="filter-order">
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {o.toLowerCase().replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Refusal message={error} />
      <p className="meta" data-testid="releases-total">
        {total === null ? "Loading…" : `${rows.length} of ${total} shown`}
      </p>
      <ul className="releases" data-testid="release-list">
        {rows.map((r) => (
          <li key={r.id} className="release-row" data-testid="release-row" data-release-id={r.id} data-name={r.name}>
            <div className="row-main">
              <Link to={releasePath(r.id)} className="release-name" data-testid="release-link">
                {r.name}
              </Link>
              <span className="def">{r.definition.name}</span>
              <Status value={r.executionStatus} text={executionWords[r.executionStatus]} testId="release-status" />
              {r.status !== "ACTIVE" && <Status value={r.status} testId="release-lifecycle" />}
              {r.inputRequiredCount > 0 && (
                <span className="badge" data-testid="release-input-required">
                  {r.inputRequiredCount} waiting for input
                </span>
              )}
            </div>
            <div className="row-sub">
              <progress
                max={Math.max(1, r.progress.total)}
                value={r.progress.done}
                aria-label={`Progress of ${r.name}`}
              />
              <span data-testid="release-progress">
                {r.progress.done}/{r.progress.total} tasks ({Math.round(r.progress.percent)}%)
              </span>
              <span className="meta">
                by {r.createdBy} on {when(r.createdOn)}
              </span>
            </div>
            <div className="envs">
              {r.environments.map((e) => (
                <Status key={e.id} value={e.status} text={`${e.name}: ${e.status.toLowerCase().replace(/_/g, " ")}`} testId="release-env-status" />
              ))}
            </div>
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" onClick={() => void load(cursor, false)} disabled={loading} data-testid="load-more">
          Load more
        </button>
      )}
    </section>
  );
}
