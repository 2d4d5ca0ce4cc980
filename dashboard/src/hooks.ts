import { useCallback, useEffect, useRef, useState } from "react";
import { print } from "graphql";
import { useMutation, type AnyVariables, type TypedDocumentNode } from "urql";
import { useConnection } from "./client";
import { useWs } from "./context";

interface MaybeError {
  __typename?: string;
  code?: unknown;
  message?: unknown;
}

/** Runs a mutation whose result is a union of a payload and typed errors; keeps a refusal's message. */
export function useAction<D extends object, V extends AnyVariables>(doc: TypedDocumentNode<D, V>) {
  const [state, exec] = useMutation<D, V>(doc);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    async (variables: V, okText?: string): Promise<D | null> => {
      setError(null);
      setDone(null);
      const r = await exec(variables);
      if (r.error) {
        setError(r.error.message);
        return null;
      }
      const payload = r.data ? (Object.values(r.data)[0] as MaybeError | undefined) : undefined;
      if (payload && typeof payload.message === "string" && payload.code !== undefined) {
        setError(payload.message);
        return null;
      }
      if (okText) setDone(okText);
      return r.data ?? null;
    },
    [exec],
  );
  return { run, error, done, busy: state.fetching };
}

/**
 * A stream subscription (releaseEvents, taskLog) run on the websocket client
 * directly: items are buffered in a ref and rendered at most once a frame;
 * after a reconnection it subscribes again from the last sequence number seen.
 */
export function useStream<D, V extends Record<string, unknown>, T>(options: {
  doc: TypedDocumentNode<D, V>;
  variables: (last: number | null) => V;
  pick: (data: D) => T;
  seq: (item: T) => number;
  resetKey: string;
  enabled?: boolean;
}) {
  const ws = useWs();
  const { epoch } = useConnection();
  const resumeEpoch = epoch <= 1 ? 1 : epoch;
  const itemsRef = useRef<T[]>([]);
  const lastRef = useRef<number | null>(null);
  const keyRef = useRef<string | null>(null);
  const opts = useRef(options);
  opts.current = options;
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const enabled = options.enabled ?? true;
  const { resetKey } = options;

  useEffect(() => {
    if (!enabled) return;
    if (keyRef.current !== resetKey) {
      keyRef.current = resetKey;
      itemsRef.current = [];
      lastRef.current = null;
      setVersion((v) => v + 1);
    }
    const o = opts.current;
    const query = print(o.doc);
    let raf = 0;
    const flush = () => {
      raf = 0;
      setVersion((v) => v + 1);
    };
    setError(null);
    const dispose = ws.subscribe<D>(
      { query, variables: o.variables(lastRef.current) },
      {
        next(result) {
          if (result.errors?.length) setError(result.errors.map((e) => e.message).join("; "));
          if (!result.data) return;
          const item = opts.current.pick(result.data as D);
          const s = opts.current.seq(item);
          if (lastRef.current !== null && s <= lastRef.current) return;
          lastRef.current = s;
          itemsRef.current.push(item);
          if (!raf) raf = requestAnimationFrame(flush);
        },
        error(err) {
          if (Array.isArray(err)) setError(err.map((e: { message?: string }) => e.message).join("; "));
        },
        complete() {},
      },
    );
    return () => {
      dispose();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [ws, resetKey, resumeEpoch, enabled]);

  return { items: itemsRef.current, count: itemsRef.current.length, version, error, last: lastRef.current };
}

export function useInterval(fn: () => void, ms: number) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const t = setInterval(() => ref.current(), ms);
    return () => clearInterval(t);
  }, [ms]);
}
