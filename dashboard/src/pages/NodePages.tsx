import { useParams } from "react-router-dom";
import { useQuery } from "urql";
import { ApprovalCard, InterventionCard, Refusal } from "../components";
import { ApprovalNodeQuery, InterventionNodeQuery } from "../documents";

export function ApprovalPage() {
  const { approvalId = "" } = useParams();
  const [res] = useQuery({ query: ApprovalNodeQuery, variables: { id: approvalId } });
  const node = res.data?.node;
  return (
    <section aria-labelledby="ap-h">
      <h1 id="ap-h">Approval</h1>
      <Refusal message={res.error?.message ?? (res.data && node?.__typename !== "Approval" ? "No such approval." : null)} />
      {node?.__typename === "Approval" && <ApprovalCard approval={node} showRelease />}
    </section>
  );
}

export function InterventionPage() {
  const { interventionId = "" } = useParams();
  const [res] = useQuery({ query: InterventionNodeQuery, variables: { id: interventionId } });
  const node = res.data?.node;
  return (
    <section aria-labelledby="mi-h">
      <h1 id="mi-h">Manual intervention</h1>
      <Refusal
        message={res.error?.message ?? (res.data && node?.__typename !== "ManualIntervention" ? "No such intervention." : null)}
      />
      {node?.__typename === "ManualIntervention" && <InterventionCard mi={node} showRelease />}
    </section>
  );
}
