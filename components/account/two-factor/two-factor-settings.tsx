"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import type { TwoFactorStatus } from "@/lib/schemas/two-factor";
import { RecoveryCodes } from "./recovery-codes";
import { StepUpForm } from "./step-up-form";
import { TotpSetup } from "./totp-setup";

/** The account page's authenticator app and recovery codes. */
export function TwoFactorSettings({ status }: { status: TwoFactorStatus }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const done = () => {
    setCodes(null);
    router.refresh();
  };

  return (
    <div className="grid gap-5">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        Two-factor sign-in is <Badge tone={status.enabled ? "success" : "neutral"}>{status.enabled ? "on" : "off"}</Badge>
        {status.requiredBy.length ? <span className="text-slate-600 dark:text-slate-400">Required by {status.requiredBy.map((t) => t.name).join(", ")}.</span> : null}
      </p>
      <section aria-labelledby="totp-heading" className="grid gap-3">
        <h3 id="totp-heading" className="text-sm font-semibold">Authenticator app</h3>
        {status.totp ? (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">On: signing in with your password asks for a code from the app.</p>
            <StepUpForm
              id="totp-disable-password"
              action="Turn off the app"
              busyLabel="Turning off…"
              variant="danger"
              onSubmit={async (password) => {
                await apiFetch("/api/me/two-factor/totp/disable", { body: { password } });
                toast.success("Authenticator app turned off");
                router.refresh();
              }}
            />
          </>
        ) : (
          <TotpSetup onDone={done} />
        )}
      </section>
      {status.enabled ? (
        <section aria-labelledby="recovery-heading" className="grid gap-3">
          <h3 id="recovery-heading" className="text-sm font-semibold">Recovery codes</h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {status.recoveryCodesLeft === 1 ? "1 code left." : `${status.recoveryCodesLeft} codes left.`} New codes replace all the old ones.
          </p>
          {codes ? (
            <RecoveryCodes codes={codes} onDone={done} />
          ) : (
            <StepUpForm
              id="recovery-password"
              action="Make new recovery codes"
              busyLabel="Making…"
              onSubmit={async (password) => setCodes((await apiFetch<{ recoveryCodes: string[] }>("/api/me/two-factor/recovery-codes", { body: { password } })).recoveryCodes)}
            />
          )}
        </section>
      ) : null}
    </div>
  );
}
