import { useSyncExternalStore } from "react";
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from "urql";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { setToken, wsUrl } from "./auth";

export type ConnectionState = "connecting" | "connected" | "reconnecting";

interface ConnState {
  state: ConnectionState;
  /** Increases on every successful (re)connection. */
  epoch: number;
}

let conn: ConnState = { state: "connecting", epoch: 0 };
const connListeners = new Set<() => void>();

function setConn(next: ConnState): void {
  conn = next;
  connListeners.forEach((l) => l());
}

export function useConnection(): ConnState {
  return useSyncExternalStore(
    (l) => {
      connListeners.add(l);
      return () => connListeners.delete(l);
    },
    () => conn,
  );
}


export interface Clients {
  client: Client;
  ws: WsClient;
}

export function makeClients(token: string): Clients {
  let everConnected = false;
  const ws = createWsClient({
    url: wsUrl(),
    lazy: false,
    keepAlive: 20_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const ms = Math.min(30_000, 500 * 2 ** Math.min(retries, 6)) * (0.75 + Math.random() / 2);
      await new Promise((r) => setTimeout(r, ms));
    },
    connectionParams: { authorization: `Bearer ${token}` },
    on: {
      connecting: () => {
        setConn({ state: everConnected ? "reconnecting" : "connecting", epoch: conn.epoch });
      },
      connected: () => {
        everConnected = true;
        setConn({ state: "connected", epoch: conn.epoch + 1 });
      },
      closed: () => {
        if (everConnected) setConn({ state: "reconnecting", epoch: conn.epoch });
      },
    },
  });

  const client = new Client({
    url: "/graphql",
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({ headers: { Authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          const status = (error.response as Response | undefined)?.status;
          if (status === 401) setToken(null);
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, ws };
}
