"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

type Code = { code: string; command: string; installCommand: string; expiresAt: string };

function CommandLine({ label, value, copyLabel, testId }: { label: string; value: string; copyLabel: string; testId: string }) {
  return (
    <div className="grid gap-1">
      <p className="text-sm font-medium">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="flex-1 break-all rounded-lg bg-slate-900/90 px-3 py-2 font-mono text-sm text-slate-100">{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </div>
    </div>
  );
}

/** Creates a one-time code and shows the commands to run on the host; the page notices the pairing. */
export function PairingPanel({ agentId, paired }: { agentId: string; paired: boolean }) {
  const [code, setCode] = useState<Code | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Pair a host</CardTitle>
          <CardDescription>
            Run one of these on the machine next to the OpenClaw gateway (Node.js 20 or newer). The code works once, for 10 minutes.
          </CardDescription>
        </div>
      </CardHeader>
      {code ? (
        <div className="grid gap-4">
          <CommandLine label="Install from this server and pair" value={code.installCommand} copyLabel="Copy install command" testId="install-command" />
          <CommandLine label="Or, where clawfleet is installed" value={code.command} copyLabel="Copy pairing command" testId="pair-command" />
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Add <code>--service</code> after the code to keep clawfleet running as a service; the installer checks the download&apos;s SHA-256 and needs nothing from the internet.
          </p>
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
