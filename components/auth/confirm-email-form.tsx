"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

type State = "reading" | "missing" | "ready" | "done";

/** Reads the one-time secret from the URL fragment and confirms on a click (mail scanners that open links change nothing). */
export function ConfirmEmailForm() {
  const [token, setToken] = useState("");
  const [state, setState] = useState<State>("reading");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState("");

  useEffect(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
    if (found) window.history.replaceState(null, "", window.location.pathname);
    // Reading the fragment needs the browser: it never reaches the server.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setToken(found);
    setState(found ? "ready" : "missing");
  }, []);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const res = await apiFetch<{ email: string }>("/api/auth/confirm-email", { body: { token } });
      setEmail(res.email);
      setState("done");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "The server could not be reached; try again.");
    } finally {
      setPending(false);
    }
  }

  if (state === "reading") return <p aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400">Reading the link…</p>;
  if (state === "missing") {
    return <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">This page needs the whole confirmation link. Ask for a new one from your account page.</p>;
  }
  if (state === "done") {
    return (
      <div className="grid gap-4">
        <p role="status" className="rounded-lg bg-brand-500/10 px-3 py-2 text-sm">Your account now uses {email}. Sign in with it from now on.</p>
        <Button asChild size="lg"><Link href="/dashboard/settings/account">Go to your account</Link></Button>
      </div>
    );
  }
  return (
    <div className="grid gap-4">
      {error ? <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
      <Button type="button" size="lg" disabled={pending} onClick={confirm}>{pending ? "Confirming…" : "Use this address"}</Button>
    </div>
  );
}
