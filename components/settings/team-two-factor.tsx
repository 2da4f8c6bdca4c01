"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Checkbox } from "@/components/ui/checkbox";

/** Owners require two-factor of every member of the team (or stop requiring it). */
export function TeamTwoFactor({ teamId, required, disabled }: { teamId: string; required: boolean; disabled: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [checked, setChecked] = useState(required);
  async function change(value: boolean) {
    setPending(true);
    setError(undefined);
    setChecked(value);
    try {
      await apiFetch(`/api/teams/${teamId}/two-factor`, { method: "PUT", body: { required: value } });
      toast.success(value ? "Two-factor is now required of every member" : "Two-factor is no longer required");
      router.refresh();
    } catch (e) {
      setChecked(!value);
      setError(e instanceof ApiError ? e.message : "Could not save");
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="grid gap-2">
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={checked} disabled={disabled || pending} onChange={(e) => change(e.currentTarget.checked)} aria-describedby="team-two-factor-hint" />
        Require two-factor for every member
      </label>
      <p id="team-two-factor-hint" className="text-xs text-slate-500 dark:text-slate-400">
        {disabled ? "Only owners can change this." : "Members without it are asked to set it up before they reach the dashboard. API tokens keep working."}
      </p>
      {error ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
