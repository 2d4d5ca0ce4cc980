import { createContext, useContext } from "react";
import { useQuery } from "urql";
import type { Client as WsClient } from "graphql-ws";
import { ViewerQuery } from "./documents";
import type { InputRequiredSubscription } from "./gql/graphql";

export const WsContext = createContext<WsClient | null>(null);

export function useWs(): WsClient {
  const ws = useContext(WsContext);
  if (!ws) throw new Error("no websocket client");
  return ws;
}

export type InboxData = InputRequiredSubscription["inputRequired"] | null;
export const InboxContext = createContext<InboxData>(null);

export function useViewer() {
  const [res] = useQuery({ query: ViewerQuery, requestPolicy: "cache-first" });
  const viewer = res.data?.viewer ?? null;
  const isOperator = viewer?.role === "OPERATOR" || viewer?.role === "ADMIN";
  return { viewer, isOperator, error: res.error, fetching: res.fetching };
}
