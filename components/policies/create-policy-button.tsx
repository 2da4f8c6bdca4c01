"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

/** Creates the policy of a level (or finds the one it has) and opens its editor. */
export function CreatePolicyButton({ scope, targetId, label, variant = "secondary" }: { scope: "team" | "fleet" | "agent"; targetId?: string; label: string; variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function create() {
    setBusy(true);
    try {
      const res = await apiFetch<{ policy: { id: string } }>("/api/policies", { body: { scope, ...(targetId ? { targetId } : {}) } });
      router.push(`/dashboard/policies/${res.policy.id}`);
    } catch (e) {
      const existing = e instanceof ApiError && e.code === "conflict" ? await existingPolicy(scope, targetId) : null;
      if (existing) router.push(`/dashboard/policies/${existing}`);
      else toast.error(e instanceof ApiError ? e.message : "Could not create the policy");
      setBusy(false);
    }
  }
  return <Button size="sm" variant={variant} disabled={busy} onClick={() => void create()}>{label}</Button>;
}

async function existingPolicy(scope: string, targetId?: string): Promise<string | null> {
  const { policies } = await apiFetch<{ policies: { id: string; scope: string; targetId: string }[] }>("/api/policies");
  return policies.find((p) => p.scope === scope && (scope === "team" || p.targetId === targetId))?.id ?? null;
}
