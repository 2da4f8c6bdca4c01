"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { TIERS } from "@/lib/schemas/prices";
import { modelLabel } from "./cost-data";

type ModelRef = { provider: string; model: string };

/** Runs a change, then says so and reloads the page's data, or says why it failed. */
function useModelChange({ provider, model }: ModelRef) {
  const router = useRouter();
  const run = (p: Promise<unknown>, done: string) =>
    void p.then(() => (toast.success(done), router.refresh()), (e: unknown) => toast.error(e instanceof ApiError ? e.message : "Something went wrong"));
  const patch = (change: Record<string, unknown>, done: string) => run(apiFetch("/api/models", { method: "PATCH", body: { provider, model, ...change } }), done);
  return { name: modelLabel(provider, model), run, patch };
}

/** A maintainer's choice of the model's capability tier (what savings advice compares). */
export function TierSelect({ tier, ...ref }: ModelRef & { tier: string | null }) {
  const { name, patch } = useModelChange(ref);
  return (
    <NativeSelect aria-label={`Tier of ${name}`} className="w-32" value={tier ?? ""} onChange={(e) => patch({ tier: e.target.value || null }, `${name}: tier ${e.target.value || "cleared"}`)}>
      <option value="">No tier</option>
      {TIERS.map((t) => <option key={t} value={t}>{t}</option>)}
    </NativeSelect>
  );
}

/** A maintainer's control of whether the model is available (never recommended when not). */
export function AvailabilityToggle({ unavailable, ...ref }: ModelRef & { unavailable: boolean }) {
  const { name, patch } = useModelChange(ref);
  return (
    <Button size="sm" variant="ghost" aria-label={`${unavailable ? "Mark available" : "Mark unavailable"}: ${name}`} onClick={() => patch({ unavailable: !unavailable }, `${name} marked ${unavailable ? "available" : "unavailable"}`)}>
      {unavailable ? "Mark available" : "Mark unavailable"}
    </Button>
  );
}
