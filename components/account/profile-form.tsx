"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      await apiFetch("/api/me", { method: "PATCH", body: { name: String(form.get("name") ?? "") } });
      toast.success("Name saved");
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors().name ?? e.message) : "Could not save the name");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
      <Field id="account-name" label="Name" error={error}>{(a) => <Input {...a} name="name" defaultValue={name} maxLength={100} autoComplete="name" required />}</Field>
      <Field id="account-email" label="Email" hint="Change it under E-mail address below.">{(a) => <Input {...a} value={email} readOnly />}</Field>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save name"}</Button>
    </form>
  );
}
