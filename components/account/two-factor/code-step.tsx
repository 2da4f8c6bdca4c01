"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeNext } from "@/lib/safe-next";
import { PasskeySignIn } from "./passkey-sign-in";

/** The second step of signing in: a code from the app, a recovery code, or a passkey. */
export function CodeStep({ next, totp, passkey }: { next?: string; totp: boolean; passkey: boolean }) {
  const router = useRouter();
  const [recovery, setRecovery] = useState(!totp);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(undefined);
    try {
      await apiFetch("/api/auth/two-factor", { body: { code } });
      router.push(safeNext(next));
      router.refresh();
    } catch (e) {
      setPending(false);
      if (e instanceof ApiError && e.status === 401) setError(`${e.message}.`);
      else setError(e instanceof ApiError ? (e.fieldErrors().code ?? e.message) : "The server could not be reached; try again.");
    }
  }

  return (
    <div className="grid gap-4">
      {passkey ? <PasskeySignIn next={next} step="second-factor" label="Use a passkey" /> : null}
      <form onSubmit={submit} className="grid gap-4" noValidate>
        <Field
          id="two-factor-code"
          label={recovery ? "Recovery code" : "Code from your app"}
          error={error}
          hint={recovery ? "One of the codes you saved when you set up two-factor; each works once." : "The 6-digit code your authenticator app shows now."}
        >
          {(a) =>
            recovery ? (
              <Input {...a} key="recovery" name="code" autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={19} required />
            ) : (
              <Input {...a} key="totp" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required autoFocus />
            )
          }
        </Field>
        <Button type="submit" size="lg" disabled={pending}>{pending ? "Checking…" : "Verify"}</Button>
      </form>
      {totp ? (
        <Button type="button" variant="link" onClick={() => { setRecovery((v) => !v); setError(undefined); }}>
          {recovery ? "Use a code from your app instead" : "Use a recovery code instead"}
        </Button>
      ) : null}
    </div>
  );
}
