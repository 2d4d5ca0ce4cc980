import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useQuery, useSubscription } from "urql";
import { Refusal, Status, releasePath } from "../components";
import { TaskChangedSubscription, TaskLogSubscription, TaskQuery, TaskTailQuery } from "../documents";
import type { TaskLogSubscription as TaskLogData } from "../gql/graphql";
import { useStream } from "../hooks";

const ROW = 18;
const OVERSCAN = 20;
type Line = TaskLogData["taskLog"];

export function TaskLogPage() {
  const { releaseId = "", taskId = "" } = useParams();
  const [task, refetchTask] = useQuery({ query: TaskQuery, variables: { id: taskId } });
  // Every change of the release may be one of this task (its status, its line count).
  const [changed] = useSubscription({ query: TaskChangedSubscription, variables: { releaseId } });
  const version = changed.data?.releaseUpdated?.version;
  useEffect(() => {
    if (version !== undefined) refetchTask({ requestPolicy: "network-only" });
  }, [version, refetchTask]);
  const info = task.data?.node?.__typename === "Task" ? task.data.node : null;
  const [mode, setMode] = useState<"first" | "last">("last");
  const [lastN, setLastN] = useState(1000);
  const [follow, setFollow] = useState(true);
  // From the last N lines: they come in one answer (logTail), and the stream goes on after
  // them; from the first line, the stream sends them all.
  const [tail] = useQuery({
    query: TaskTailQuery,
    variables: { id: taskId, last: lastN },
    pause: mode !== "last",
    requestPolicy: "network-only",
  });
  const tailLines: Line[] | null =
    mode === "last" && tail.data?.node?.__typename === "Task" ? tail.data.node.logTail : null;
  const start = mode === "first" ? 0 : (tailLines?.[tailLines.length - 1]?.line ?? 0);

  const stream = useStream({
    doc: TaskLogSubscription,
    variables: (last) => ({ taskId, afterLine: last ?? start }),
    pick: (d) => d.taskLog,
    seq: (l: Line) => l.line,
    resetKey: `${taskId}|${mode}|${lastN}|${start}`,
    enabled: mode === "first" || tailLines !== null || !!tail.error,
  });

  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = box.current;
    if (follow && el) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [stream.version, follow]);

  const lines = useMemo(
    () => (tailLines ? [...tailLines, ...stream.items] : stream.items),
    // stream.items grows in place; its version says when
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tailLines, stream.items, stream.version],
  );
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(lines.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const visible = lines.slice(first, last);

  return (
    <section aria-labelledby="log-h">
      <p>
        <Link to={releasePath(releaseId)}>← back to the release</Link>
      </p>
      <h1 id="log-h">Log of {info ? info.name : "task"}</h1>
      {info && (
        <p>
          <Status value={info.status} testId="task-status" /> · {info.logLineCount} lines so far
        </p>
      )}
      <Refusal message={task.error?.message ?? tail.error?.message ?? stream.error} />
      <form className="filters" aria-label="Log options" onSubmit={(e) => e.preventDefault()}>
        <label className="check">
          <input
            type="checkbox"
            checked={follow}
            onChange={(e) => setFollow(e.target.checked)}
            data-testid="log-follow"
          />
          Follow the tail
        </label>
        <label>
          Start
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as "first" | "last")}
            data-testid="log-start-mode"
          >
            <option value="first">from the first line</option>
            <option value="last">from the last N lines</option>
          </select>
        </label>
        {mode === "last" && (
          <label>
            N
            <input
              type="number"
              min={1}
              value={lastN}
              onChange={(e) => setLastN(Math.max(1, Number(e.target.value) || 1))}
              data-testid="log-last-n"
            />
          </label>
        )}
        <span className="meta" data-testid="log-count">
          {lines.length} lines loaded
        </span>
      </form>
      <div
        ref={box}
        className="log"
        role="log"
        aria-label="Task log"
        tabIndex={0}
        data-testid="log"
        onScroll={(e) => {
          const el = e.currentTarget;
          setScrollTop(el.scrollTop);
          const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW;
          if (follow && !atBottom && el.scrollTop < scrollTop) setFollow(false);
        }}
      >
        <div style={{ height: lines.length * ROW, position: "relative" }}>
          {visible.map((l, i) => (
            <div
              key={l.line}
              className={l.stream === "stderr" ? "line stderr" : "line"}
              style={{ top: (first + i) * ROW, height: ROW }}
              data-testid="log-line"
              data-line={l.line}
            >
              <span className="ln" aria-hidden="true">
                {l.line}
              </span>
              {l.text}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
