"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useFormSubmit, useLinkToken } from "./link-token";

/** Reads the one-time secret from the URL fragment, then drops it from the address bar and history. */
export function ResetPasswordForm() {
  const link = useLinkToken();
  const [done, setDone] = useState(false);
  const { pending, error, fields, setFields, run } = useFormSubmit();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setFields({ confirm: "The two passwords differ" });
      return;
    }
    await run(async () => {
      await apiFetch("/api/auth/reset-password", { body: { token: link.token, password } });
      setDone(true);
    });
  }

  if (link.state === "reading") return <p aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400">Reading the link…</p>;
  if (link.state === "missing") {
    return (
      <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">
        This page needs the whole reset link you were given. Ask a team owner or your server&apos;s operator for a new one.
      </p>
    );
  }
  if (done) {
    return (
      <div className="grid gap-4">
        <p role="status" className="rounded-lg bg-brand-500/10 px-3 py-2 text-sm">Your new password is set. Every session of the account was ended.</p>
        <Button asChild size="lg"><Link href="/login">Log in</Link></Button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <Field id="reset-password" label="New password" hint="At least 10 characters." error={fields.password}>
        {(a) => <Input {...a} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="reset-confirm" label="New password again" error={fields.confirm}>
        {(a) => <Input {...a} name="confirm" type="password" autoComplete="new-password" required />}
      </Field>
      {error ? <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
      <Button type="submit" disabled={pending} size="lg">{pending ? "Setting…" : "Set the new password"}</Button>
    </form>
  );
}
