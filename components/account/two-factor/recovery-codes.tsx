"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** Recovery codes, shown once: the person copies or writes them down before going on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="grid gap-3 rounded-lg border border-amber-500/30 bg-amber-500/5 p-4">
      <p className="text-sm font-medium">Save these recovery codes now: they are shown only once.</p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Each one signs you in once if you lose your phone or passkey. Keep them somewhere safe, like a password manager.
      </p>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm">
        {codes.map((code) => <li key={code}>{code}</li>)}
      </ol>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={codes.join("\n")} label="Copy the codes" />
        <Button type="button" size="sm" onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}
