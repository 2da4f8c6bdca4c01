"use client";

import { useState, type FormEvent } from "react";
import { ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** Asks for the password before a sensitive change (turning the app off, new recovery codes). */
export function StepUpForm({ id, action, busyLabel, variant = "secondary", onSubmit }: {
  id: string;
  action: string;
  busyLabel: string;
  variant?: "secondary" | "danger";
  onSubmit: (password: string) => Promise<void>;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setError(undefined);
    try {
      await onSubmit(String(new FormData(form).get("password") ?? ""));
      form.reset();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors().password ?? e.message) : "Something went wrong; try again.");
    } finally {
      setPending(false);
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="min-w-56 flex-1 sm:max-w-xs">
        <Field id={id} label="Your password" error={error}>{(a) => <Input {...a} name="password" type="password" autoComplete="current-password" required />}</Field>
      </div>
      <Button type="submit" variant={variant} disabled={pending}>{pending ? busyLabel : action}</Button>
    </form>
  );
}
