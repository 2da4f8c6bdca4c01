"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import type { AuditVerifyResponse } from "@/lib/schemas/audit";

const REASONS = {
  changed: "was changed after it was written",
  removed_before: "follows rows that were removed",
  head_missing: "is missing: the chain ends before the position you recorded",
} as const;

/** Owners: walks the hash chain of the team's audit trail and says where it first breaks. */
export function VerifyChain() {
  const [state, setState] = useState<{ busy: boolean; result?: AuditVerifyResponse; error?: string }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    try {
      setState({ busy: false, result: await apiFetch<AuditVerifyResponse>("/api/audit/verify") });
    } catch (error) {
      setState({ busy: false, error: error instanceof ApiError ? error.message : "Could not verify the chain; try again." });
    }
  };
  const { result } = state;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={run} disabled={state.busy}>{state.busy ? "Verifying…" : "Verify integrity"}</Button>
      <p role="status" aria-live="polite" className="max-w-md text-right text-sm" data-testid="audit-verify">
        {state.error ? <span className="text-red-700 dark:text-red-400">{state.error}</span> : null}
        {result?.ok ? (
          <span className="text-emerald-700 dark:text-emerald-400">
            All {result.checked} entries chain up.{result.head ? ` Newest: #${result.head.chainSeq}, ${result.head.hash.slice(0, 16)}…` : ""}
          </span>
        ) : null}
        {result && !result.ok && result.firstBreak ? (
          <span className="text-red-700 dark:text-red-400">
            Entry #{result.firstBreak.chainSeq}
            {result.firstBreak.action ? ` (${result.firstBreak.action})` : ""} {REASONS[result.firstBreak.reason]}.
          </span>
        ) : null}
      </p>
    </div>
  );
}
