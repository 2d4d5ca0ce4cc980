import { useContext, useState } from "react";
import { ApprovalCard, InterventionCard } from "../components";
import { InboxContext } from "../context";

export function InboxPage() {
  const inbox = useContext(InboxContext);
  const [perm, setPerm] = useState(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
  return (
    <section aria-labelledby="inbox-h">
      <h1 id="inbox-h">Inbox</h1>
      <p data-testid="inbox-total">
        {inbox === null ? "Loading…" : `${inbox.count} waiting for you`}
      </p>
      {perm === "default" && (
        <button
          type="button"
          data-testid="enable-notifications"
          onClick={() => void Notification.requestPermission().then((p) => setPerm(p))}
        >
          Notify me when something new arrives
        </button>
      )}
      {inbox && inbox.approvals.length > 0 && <h2>Approvals</h2>}
      {inbox?.approvals.map((a) => <ApprovalCard key={a.id} approval={a} showRelease />)}
      {inbox && inbox.manualInterventions.length > 0 && <h2>Manual interventions</h2>}
      {inbox?.manualInterventions.map((m) => (
        <InterventionCard key={m.id} mi={m} showRelease />
      ))}
    </section>
  );
}
