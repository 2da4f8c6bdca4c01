"use client";

import Image from "next/image";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RecoveryCodes } from "./recovery-codes";

type Enrolment = { secret: string; otpauthUrl: string; qrCode: string };

/** Sets up an authenticator app: a QR code and the secret as text, on once a code from the app is right. */
export function TotpSetup({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function start() {
    setPending(true);
    setError(undefined);
    try {
      setEnrolment((await apiFetch<{ enrolment: Enrolment }>("/api/me/two-factor/totp", { method: "POST" })).enrolment);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not start; try again.");
    } finally {
      setPending(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(undefined);
    try {
      setCodes((await apiFetch<{ recoveryCodes: string[] }>("/api/me/two-factor/totp/confirm", { body: { code } })).recoveryCodes);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors().code ?? e.message) : "Could not check the code; try again.");
    } finally {
      setPending(false);
    }
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  if (!enrolment) {
    return (
      <div className="grid gap-2">
        <div><Button type="button" onClick={start} disabled={pending}>{pending ? "Starting…" : "Set up an authenticator app"}</Button></div>
        {error ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
      </div>
    );
  }
  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">Scan this code with an authenticator app (1Password, Google Authenticator, Authy…), or type the secret key into it.</p>
      <Image src={enrolment.qrCode} unoptimized alt="QR code for your authenticator app" width={180} height={180} className="rounded-lg bg-white p-2" />
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <Field id="totp-secret" label="Secret key">{(a) => <Input {...a} value={enrolment.secret} readOnly className="font-mono" />}</Field>
        </div>
        <CopyButton value={enrolment.secret} />
      </div>
      <form onSubmit={confirm} className="grid gap-3 sm:max-w-xs" noValidate>
        <Field id="totp-confirm" label="Code from your app" error={error} hint="The 6 digits the app shows for OpenClaw Fleet.">
          {(a) => <Input {...a} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />}
        </Field>
        <div><Button type="submit" disabled={pending}>{pending ? "Checking…" : "Turn on"}</Button></div>
      </form>
    </div>
  );
}
