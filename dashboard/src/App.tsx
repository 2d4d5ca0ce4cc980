import { useEffect, useMemo } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { Provider } from "urql";
import { useToken } from "./auth";
import { makeClients } from "./client";
import { Layout, RequireAuth } from "./components";
import { WsContext } from "./context";
import { AgentsPage } from "./pages/Agents";
import { ApprovalPage, InterventionPage } from "./pages/NodePages";
import { InboxPage } from "./pages/Inbox";
import { NewReleasePage } from "./pages/NewRelease";
import { ReleasePage } from "./pages/Release";
import { ReleasesPage } from "./pages/Releases";
import { SignInPage } from "./pages/SignIn";
import { TaskLogPage } from "./pages/TaskLog";
import { TimelinePage } from "./pages/Timeline";

function Authenticated({ token }: { token: string }) {
  const clients = useMemo(() => makeClients(token), [token]);
  useEffect(() => () => void clients.ws.dispose(), [clients]);
  return (
    <Provider value={clients.client}>
      <WsContext.Provider value={clients.ws}>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/" element={<ReleasesPage />} />
            <Route path="/new" element={<NewReleasePage />} />
            <Route path="/inbox" element={<InboxPage />} />
            <Route path="/agents" element={<AgentsPage />} />
            <Route path="/releases/:releaseId" element={<ReleasePage />} />
            <Route path="/releases/:releaseId/timeline" element={<TimelinePage />} />
            <Route path="/releases/:releaseId/tasks/:taskId" element={<TaskLogPage />} />
            <Route path="/approvals/:approvalId" element={<ApprovalPage />} />
            <Route path="/interventions/:interventionId" element={<InterventionPage />} />
            <Route path="*" element={<p>No such page.</p>} />
          </Route>
        </Routes>
      </WsContext.Provider>
    </Provider>
  );
}

function Root() {
  const token = useToken();
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route
        path="*"
        element={<RequireAuth>{token ? <Authenticated key={token} token={token} /> : null}</RequireAuth>}
      />
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Root />
    </BrowserRouter>
  );
}
