"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useFormSubmit } from "./link-token";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const { pending, error, fields, run } = useFormSubmit();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      const res = await apiFetch<{ message: string }>("/api/auth/forgot-password", { body: { email: String(form.get("email") ?? "") } });
      setSent(res.message);
    });
  }

  if (sent) return <p role="status" className="rounded-lg bg-brand-500/10 px-3 py-2 text-sm">{sent} Check your inbox (and the spam folder).</p>;
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <Field id="forgot-email" label="Email" error={fields.email}>{(a) => <Input {...a} name="email" type="email" autoComplete="email" required />}</Field>
      {error && !fields.email ? <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
      <Button type="submit" disabled={pending} size="lg">{pending ? "Sending…" : "Mail me a reset link"}</Button>
    </form>
  );
}
