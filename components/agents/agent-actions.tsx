"use client";

import { KeyRound, Pause, Play, RotateCw } from "lucide-react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import type { Agent } from "@/lib/schemas/agents";

export function AgentActions({ agent, canPair, canCommand, onDone }: { agent: Agent; canPair: boolean; canCommand: boolean; onDone?: () => void }) {
  async function act(path: string, body: unknown, done: string, method = "POST") {
    try {
      await apiFetch(path, { method, body });
      toast.success(done);
      onDone?.();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Something went wrong");
    }
  }
  return (
    <>
      {canCommand && agent.paired ? (
        <Button variant="secondary" onClick={() => void act(`/api/agents/${agent.id}/commands`, { type: "restart", args: {} }, "Restart queued; the agent picks it up with its next heartbeat")}>
          <RotateCw aria-hidden /> Restart gateway
        </Button>
      ) : null}
      {canPair ? (
        <Button variant="secondary" onClick={() => void act(`/api/agents/${agent.id}`, { paused: agent.status !== "paused" }, agent.status === "paused" ? "Monitoring resumed" : "Paused for maintenance", "PATCH")}>
          {agent.status === "paused" ? <Play aria-hidden /> : <Pause aria-hidden />} {agent.status === "paused" ? "Resume" : "Pause"}
        </Button>
      ) : null}
      {canPair && agent.paired ? (
        <Button variant="ghost" onClick={() => void act(`/api/agents/${agent.id}/revoke-key`, undefined, "Key revoked; the agent must pair again")}>
          <KeyRound aria-hidden /> Revoke key
        </Button>
      ) : null}
    </>
  );
}
