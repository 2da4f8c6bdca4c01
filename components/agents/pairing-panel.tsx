"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

type Code = { code: string; command: string; expiresAt: string };

/** Creates a one-time code and shows the command to run on the host; the page notices the pairing. */
export function PairingPanel({ agentId, paired }: { agentId: string; paired: boolean }) {
  const [code, setCode] = useState<Code | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Pair a host</CardTitle>
          <CardDescription>Run the command on the machine next to the OpenClaw gateway. The code works once, for 10 minutes.</CardDescription>
        </div>
      </CardHeader>
      {code ? (
        <div className="grid gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <code className="flex-1 rounded-lg bg-slate-900/90 px-3 py-2 font-mono text-sm text-slate-100">{code.command}</code>
            <CopyButton value={code.command} label="Copy command" />
          </div>
          <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
            {paired ? "Paired." : `Waiting for the host to pair… (code ${code.code}, valid until ${new Date(code.expiresAt).toLocaleTimeString("en")})`}
          </p>
        </div>
      ) : (
        <Button
          onClick={async () => {
            try {
              setCode(await apiFetch<Code>(`/api/agents/${agentId}/pairing-codes`, { method: "POST" }));
            } catch (e) {
              setError(e instanceof ApiError ? e.message : "Could not create a code");
            }
          }}
        >
          Create pairing code
        </Button>
      )}
      {error ? <p role="alert" className="mt-2 text-sm text-red-600">{error}</p> : null}
    </Card>
  );
}
