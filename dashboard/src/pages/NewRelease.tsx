import { useEffect, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { DagGraph, Refusal, releasePath } from "../components";
import { CreateReleaseMutation, DefinitionsQuery } from "../documents";
import { localToIso, words } from "../format";
import { useAction } from "../hooks";

interface Pair {
  name: string;
  value: string;
}

export function NewReleasePage() {
  const [params, setParams] = useSearchParams();
  const [defs] = useQuery({ query: DefinitionsQuery });
  const definitionId = params.get("definition") ?? "";
  const def = defs.data?.releaseDefinitions.edges.find((e) => e.node.id === definitionId)?.node ?? null;
  const [description, setDescription] = useState("");
  const [vars, setVars] = useState<Pair[]>([{ name: "", value: "" }]);
  const [when, setWhen] = useState<"now" | "draft" | "scheduled">("now");
  const [at, setAt] = useState("");
  const create = useAction(CreateReleaseMutation);
  const navigate = useNavigate();
  // A definition's variables, with their defaults, start the form: a person changes them.
  const defaults = def?.variables;
  useEffect(() => {
    setVars([...(defaults ?? []).map((v) => ({ name: v.name, value: v.value })), { name: "", value: "" }]);
  }, [defaults]);

  const nodes = useMemo(
    () =>
      (def?.environments ?? []).map((e) => ({
        name: e.name,
        dependsOn: e.dependsOn,
        content: (
          <span className="node-link">
            <strong>{e.name}</strong>
            <span className="meta">{words(e.trigger)}</span>
            {!e.critical && <span className="meta">not critical</span>}
          </span>
        ),
      })),
    [def],
  );

  async function submit() {
    if (!def) return;
    const variables = vars.filter((v) => v.name.trim()).map((v) => ({ name: v.name.trim(), value: v.value }));
    const data = await create.run({
      input: {
        definitionId: def.id,
        description,
        variables: variables.length ? variables : null,
        start: when === "now",
        scheduledStartTime: when === "scheduled" ? localToIso(at) : null,
      },
    });
    if (data?.createRelease.__typename === "CreateReleasePayload") navigate(releasePath(data.createRelease.release.id));
  }

  return (
    <section aria-labelledby="new-h">
      <h1 id="new-h">New release</h1>
      <Refusal message={defs.error?.message ?? null} />
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Definition
          <select
            value={definitionId}
            onChange={(e) => setParams(e.target.value ? { definition: e.target.value } : {}, { replace: true })}
            data-testid="new-definition"
            required
          >
            <option value="">choose…</option>
            {defs.data?.releaseDefinitions.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name} (revision {node.revision})
              </option>
            ))}
          </select>
        </label>
        {def && <DagGraph nodes={nodes} label={`Environments of ${def.name}`} nodeHeight={64} />}
        <label>
          Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} data-testid="new-description" />
        </label>
        <fieldset>
          <legend>Variables (override the definition’s)</legend>
          {vars.map((v, i) => (
            <div key={i} className="pair">
              <label>
                Name {i + 1}
                <input
                  value={v.name}
                  onChange={(e) => setVars(vars.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                  data-testid="new-var-name"
                />
              </label>
              <label>
                Value {i + 1}
                <input
                  value={v.value}
                  onChange={(e) => setVars(vars.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                  data-testid="new-var-value"
                />
              </label>
              <button
                type="button"
                aria-label={`Remove variable ${i + 1}`}
                onClick={() => setVars(vars.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setVars([...vars, { name: "", value: "" }])}>
            Add variable
          </button>
        </fieldset>
        <fieldset>
          <legend>Start</legend>
          <label className="check">
            <input type="radio" name="when" checked={when === "now"} onChange={() => setWhen("now")} data-testid="new-start-now" />
            Start now
          </label>
          <label className="check">
            <input type="radio" name="when" checked={when === "draft"} onChange={() => setWhen("draft")} />
            Keep as a draft
          </label>
          <label className="check">
            <input
              type="radio"
              name="when"
              checked={when === "scheduled"}
              onChange={() => setWhen("scheduled")}
              data-testid="new-start-scheduled"
            />
            Start at a time
          </label>
          {when === "scheduled" && (
            <label>
              Scheduled start
              <input
                type="datetime-local"
                value={at}
                required
                onChange={(e) => setAt(e.target.value)}
                data-testid="new-scheduled-time"
              />
            </label>
          )}
        </fieldset>
        <button type="submit" disabled={!def || create.busy} data-testid="new-create">
          Create release
        </button>
        <Refusal message={create.error} />
      </form>
    </section>
  );
}
