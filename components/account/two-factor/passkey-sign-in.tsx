"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { safeNext } from "@/lib/safe-next";
import { passkeyProblem, signInWithPasskey } from "./passkey-client";

/** "Sign in with a passkey": a discoverable passkey of this device, no e-mail or password. */
export function PasskeySignIn({ next, step = "passwordless", label = "Sign in with a passkey" }: { next?: string; step?: "passwordless" | "second-factor"; label?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function go() {
    setPending(true);
    setError(null);
    try {
      await signInWithPasskey(step);
      router.push(safeNext(next));
      router.refresh();
    } catch (e) {
      setPending(false);
      setError(passkeyProblem(e));
    }
  }
  return (
    <div className="grid gap-2">
      <Button type="button" variant="secondary" onClick={go} disabled={pending}>
        <KeyRound aria-hidden />
        {pending ? "Waiting for your passkey…" : label}
      </Button>
      {error ? <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </div>
  );
}
