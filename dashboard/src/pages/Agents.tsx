import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { Refusal, Status } from "../components";
import { AgentsQuery } from "../documents";
import { when } from "../format";
import type { AgentsQuery as AgentsData } from "../gql/graphql";
import { useInterval } from "../hooks";

type Agent = AgentsData["agents"][number];
type Queued = AgentsData["agentQueue"][number];

export function AgentsPage() {
  const [res, refetch] = useQuery({ query: AgentsQuery });
  useInterval(() => refetch({ requestPolicy: "network-only" }), 5000);
  const pools = new Map<string, Agent[]>();
  for (const a of res.data?.agents ?? []) pools.set(a.pool, [...(pools.get(a.pool) ?? []), a]);
  const queues = new Map<string, Queued[]>();
  for (const q of res.data?.agentQueue ?? []) {
    queues.set(q.phase.pool, [...(queues.get(q.phase.pool) ?? []), q]);
    if (!pools.has(q.phase.pool)) pools.set(q.phase.pool, []);
  }
  return (
    <section aria-labelledby="agents-h">
      <h1 id="agents-h">Agents</h1>
      <Refusal message={res.error?.message ?? null} />
      {res.data && pools.size === 0 && <p>No agents.</p>}
      {[...pools.entries()].map(([pool, agents]) => (
        <section key={pool} aria-label={`Pool ${pool}`} data-testid="pool" data-pool={pool}>
          <h2>
            Pool {pool}{" "}
            <span className="meta">
              {agents.filter((a) => a.status === "ONLINE").length} online, {agents.filter((a) => a.busy).length} busy
            </span>
          </h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Status</th>
                  <th scope="col">Enabled</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Capacity</th>
                  <th scope="col">Current phase</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {agents.map((a) => (
                  <tr key={a.id} data-testid="agent" data-agent={a.name}>
                    <td className="ident">
                      {a.name}
                      {a.capabilities.length > 0 && (
                        <div className="meta">{a.capabilities.map((c) => `${c.name}=${c.value}`).join(", ")}</div>
                      )}
                    </td>
                    <td>
                      <Status value={a.status} testId="agent-status" />
                    </td>
                    <td>{a.enabled ? "yes" : "no (draining)"}</td>
                    <td>
                      {a.remote ? `remote${a.process ? ` (${a.process})` : ""}` : "local"}
                      {a.version && <span className="meta"> v{a.version}</span>}
                    </td>
                    <td>{a.capacity}</td>
                    <td>{a.currentPhase ? `${a.currentPhase.name} (${a.currentPhase.status.toLowerCase()})` : "idle"}</td>
                    <td>{when(a.lastSeen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Waiting for an agent</h3>
          {(queues.get(pool) ?? []).length === 0 ? (
            <p className="meta">Nothing waits.</p>
          ) : (
            <ol data-testid="pool-queue">
              {(queues.get(pool) ?? []).map((q) => (
                <li key={q.phase.id} data-testid="queued-phase">
                  <Link to={`/releases/${encodeURIComponent(q.releaseId)}`}>{q.releaseName}</Link>{" "}
                  {q.environmentName} / {q.phase.name}{" "}
                  <span className="meta">since {when(q.waitingSince)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </section>
  );
}
