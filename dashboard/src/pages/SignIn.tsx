import { useState } from "react";
import { print } from "graphql";
import { useLocation, useNavigate } from "react-router-dom";
import { setToken } from "../auth";
import { ViewerQuery } from "../documents";
import type { ViewerQuery as ViewerData } from "../gql/graphql";

export function SignInPage() {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";

  async function submit() {
    const token = value.trim();
    if (!token) {
      setError("Enter a token.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: print(ViewerQuery) }),
      });
      if (res.status === 401) {
        setError("That token is not valid.");
        return;
      }
      const body = (await res.json()) as { data?: ViewerData; errors?: { message: string }[] };
      if (!body.data?.viewer) {
        setError(body.errors?.map((e) => e.message).join("; ") || `Sign-in failed (HTTP ${res.status}).`);
        return;
      }
      setToken(token);
      navigate(from.startsWith("/signin") ? "/" : from, { replace: true });
    } catch (e) {
      setError(`Cannot reach the server: ${String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="signin">
      <h1>Sign in to releasegraph</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="token">Token</label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          data-testid="signin-token"
        />
        <button type="submit" disabled={busy} data-testid="signin-submit">
          Sign in
        </button>
        {error && (
          <p role="alert" className="refusal" data-testid="signin-error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
