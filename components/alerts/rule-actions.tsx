"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

/** Enable or disable, and delete, one rule. */
export function RuleActions({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const router = useRouter();
  const run = (p: Promise<unknown>, done: string) =>
    p.then(() => (toast.success(done), router.refresh()), (e: unknown) => toast.error(e instanceof ApiError ? e.message : "Something went wrong"));
  return (
    <div className="flex justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={() => void run(apiFetch(`/api/alerts/rules/${id}`, { method: "PATCH", body: { enabled: !enabled } }), enabled ? "Rule disabled" : "Rule enabled")}>
        {enabled ? "Disable" : "Enable"}
      </Button>
      <Button size="sm" variant="ghost" aria-label={`Delete ${name}`} onClick={() => window.confirm(`Delete the rule “${name}” and its alerts?`) && void run(apiFetch(`/api/alerts/rules/${id}`, { method: "DELETE" }), "Rule deleted")}>
        <Trash2 aria-hidden />
      </Button>
    </div>
  );
}
