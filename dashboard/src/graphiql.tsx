import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/graphiql.css";
import { TOKEN_KEY, wsUrl } from "./auth";

let token: string | null = null;
try {
  token = window.sessionStorage.getItem(TOKEN_KEY);
} catch {
  token = null;
}

const fetcher = createGraphiQLFetcher({
  url: "/graphql",
  subscriptionUrl: wsUrl(),
  wsConnectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
});

const headers = JSON.stringify(token ? { Authorization: `Bearer ${token}` } : { Authorization: "Bearer " }, null, 2);

const root = document.getElementById("graphiql");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL fetcher={fetcher} headers={headers} defaultEditorToolsVisibility="headers" />
    </StrictMode>,
  );
}
