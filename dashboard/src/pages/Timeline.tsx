import { Link, useParams } from "react-router-dom";
import { Refusal, releasePath } from "../components";
import { ReleaseEventsSubscription } from "../documents";
import { when, words } from "../format";
import type { ReleaseEventsSubscription as EventsData } from "../gql/graphql";
import { useStream } from "../hooks";

type Ev = EventsData["releaseEvents"];

function change(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return "";
  if (!from) return words(to);
  return `${words(from)} → ${words(to)}`;
}

export function TimelinePage() {
  const { releaseId = "" } = useParams();
  const stream = useStream({
    doc: ReleaseEventsSubscription,
    variables: (last) => ({ releaseId, after: last ?? 0 }),
    pick: (d) => d.releaseEvents,
    seq: (e: Ev) => e.seq,
    resetKey: releaseId,
  });
  const events = stream.items;
  return (
    <section aria-labelledby="tl-h">
      <p>
        <Link to={releasePath(releaseId)}>← back to the release</Link>
      </p>
      <h1 id="tl-h">Timeline</h1>
      <p className="meta" data-testid="timeline-count" data-last-seq={stream.last ?? 0}>
        {events.length} events{stream.last !== null && <>, last #{stream.last}</>}
      </p>
      <Refusal message={stream.error} />
      <ol className="timeline" data-testid="timeline">
        {events
          .slice()
          .reverse()
          .map((e) => (
            <li key={e.seq} data-testid="event" data-seq={e.seq}>
              <span className="meta">
                #{e.seq} {when(e.at)}
              </span>{" "}
              <strong>{e.entity}</strong> {words(e.kind)} {change(e.fromStatus, e.toStatus)}
              {(e.fromOperationStatus || e.toOperationStatus) && (
                <> ({change(e.fromOperationStatus, e.toOperationStatus)})</>
              )}{" "}
              <span className="meta">by {e.actor}</span>
            </li>
          ))}
      </ol>
    </section>
  );
}
