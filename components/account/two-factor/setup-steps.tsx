"use client";

import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { AddPasskey } from "./passkey-list";
import { TotpSetup } from "./totp-setup";

/** The set-up page's two ways to a second factor, and a way out. */
export function SetupSteps() {
  const router = useRouter();
  const done = () => router.refresh();
  return (
    <div className="grid gap-6">
      <section aria-labelledby="setup-app" className="grid gap-3">
        <h2 id="setup-app" className="text-sm font-semibold">An authenticator app</h2>
        <TotpSetup onDone={done} />
      </section>
      <section aria-labelledby="setup-passkey" className="grid gap-3">
        <h2 id="setup-passkey" className="text-sm font-semibold">Or a passkey on this device</h2>
        <AddPasskey onAdded={done} />
      </section>
      <Button
        type="button"
        variant="link"
        onClick={async () => {
          await apiFetch("/api/auth/logout", { method: "POST" }).catch(() => {});
          router.push("/login");
          router.refresh();
        }}
      >
        Log out
      </Button>
    </div>
  );
}
