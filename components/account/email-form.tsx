"use client";

import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { EmailChange } from "@/lib/schemas/mail";

/** Asks to move the account to a new address; it changes only once the link sent there is opened. */
export function EmailForm({ email }: { email: string }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [change, setChange] = useState<EmailChange | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setErrors({});
    setChange(null);
    try {
      const res = await apiFetch<{ emailChange: EmailChange }>("/api/me/email", { body: { email: String(form.get("email") ?? ""), currentPassword: String(form.get("currentPassword") ?? "") } });
      formElement.reset();
      setChange(res.emailChange);
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors() : {};
      setErrors(Object.keys(fields).length ? fields : { email: e instanceof ApiError ? e.message : "Could not ask for the change" });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">You sign in with <span className="font-medium text-slate-900 dark:text-slate-100">{email}</span>.</p>
      <form onSubmit={submit} className="grid gap-3 sm:max-w-md" noValidate>
        <Field id="email-new" label="New address" error={errors.email}>{(a) => <Input {...a} name="email" type="email" autoComplete="email" required maxLength={254} />}</Field>
        <Field id="email-password" label="Your password" hint="The one you sign in with now." error={errors.currentPassword}>{(a) => <Input {...a} name="currentPassword" type="password" autoComplete="current-password" required />}</Field>
        <div><Button type="submit" disabled={pending}>{pending ? "Sending…" : "Change address"}</Button></div>
      </form>
      {change?.mailed ? (
        <p role="status" className="rounded-lg bg-brand-500/10 px-3 py-2 text-sm">We mailed a link to {change.email}. Your address changes when you open it (within an hour).</p>
      ) : change?.url ? (
        <div role="status" className="grid gap-2 rounded-xl bg-brand-500/10 p-3">
          <p className="text-sm">E-mail is not configured on this server: open this link to confirm {change.email}. It works once, within an hour.</p>
          <div className="flex gap-2">
            <Field id="email-link" label="Confirmation link">{(a) => <Input {...a} readOnly value={change.url ?? ""} onFocus={(e) => e.currentTarget.select()} />}</Field>
            <div className="self-end"><CopyButton value={change.url} /></div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
