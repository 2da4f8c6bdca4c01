"use client";

import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { useFormSubmit, useLinkToken } from "./link-token";

/** Reads the one-time secret from the URL fragment and confirms on a click (mail scanners that open links change nothing). */
export function ConfirmEmailForm() {
  const link = useLinkToken();
  const [email, setEmail] = useState<string | null>(null);
  const { pending, error, run } = useFormSubmit();

  async function confirm() {
    await run(async () => {
      const res = await apiFetch<{ email: string }>("/api/auth/confirm-email", { body: { token: link.token } });
      setEmail(res.email);
    });
  }

  if (link.state === "reading") return <p aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400">Reading the link…</p>;
  if (link.state === "missing") {
    return <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">This page needs the whole confirmation link. Ask for a new one from your account page.</p>;
  }
  if (email !== null) {
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
