"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

/** Asks the server for a Stripe page (Checkout or the portal) and sends the browser there. */
function useRedirect(path: string, failure: string) {
  const [busy, setBusy] = useState(false);
  async function go(body?: unknown) {
    setBusy(true);
    try {
      const { url } = await apiFetch<{ url: string }>(path, { method: "POST", body: body ?? {} });
      window.location.assign(url);
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : failure);
      setBusy(false);
    }
  }
  return { busy, go };
}

export function UpgradeButton({ plan, name, primary }: { plan: string; name: string; primary: boolean }) {
  const { busy, go } = useRedirect("/api/billing/checkout", "Could not open Stripe Checkout");
  return (
    <Button variant={primary ? "primary" : "secondary"} disabled={busy} onClick={() => go({ plan })}>
      {busy ? "Opening Checkout…" : `Upgrade to ${name}`}
    </Button>
  );
}

export function ManageBillingButton() {
  const { busy, go } = useRedirect("/api/billing/portal", "Could not open the billing portal");
  return (
    <Button variant="secondary" disabled={busy} onClick={() => go()}>
      {busy ? "Opening…" : "Manage billing"}
    </Button>
  );
}
