"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function PasswordForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setErrors({ confirmPassword: "The two new passwords differ" });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      const res = await apiFetch<{ endedSessions: number }>("/api/me/password", { body: { currentPassword: String(form.get("currentPassword") ?? ""), newPassword } });
      formElement.reset();
      toast.success(res.endedSessions ? `Password changed; ${res.endedSessions} other session${res.endedSessions === 1 ? "" : "s"} ended` : "Password changed");
      router.refresh();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors() : {};
      setErrors(Object.keys(fields).length ? fields : { newPassword: e instanceof ApiError ? e.message : "Could not change the password" });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-3 sm:max-w-md" noValidate>
      <Field id="current-password" label="Current password" error={errors.currentPassword}>{(a) => <Input {...a} name="currentPassword" type="password" autoComplete="current-password" required />}</Field>
      <Field id="new-password" label="New password" hint="At least 10 characters." error={errors.newPassword}>{(a) => <Input {...a} name="newPassword" type="password" autoComplete="new-password" required />}</Field>
      <Field id="confirm-password" label="New password again" error={errors.confirmPassword}>{(a) => <Input {...a} name="confirmPassword" type="password" autoComplete="new-password" required />}</Field>
      <div><Button type="submit" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button></div>
    </form>
  );
}
