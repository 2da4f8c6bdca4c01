"use client";

import { BellOff, BellRing } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

type Snooze = { id: string; endsAt: string } | null;

/** How long a snooze lasts: one click here takes the first; bulk snoozes offer each. */
export const SNOOZE_CHOICES = [
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1440, label: "1 day" },
  { minutes: 10080, label: "1 week" },
] as const;

/** Snoozes an agent's (or a whole fleet's) alert notifications for an hour (maintenance), or ends the snooze; says so either way. */
export function SnoozeControl({ scopeId, scopeType = "agent", initial, canManage }: { scopeId: string; scopeType?: "agent" | "fleet"; initial: Snooze; canManage: boolean }) {
  const [snooze, setSnooze] = useState<Snooze>(initial);
  const until = snooze ? new Date(snooze.endsAt).toLocaleTimeString("en", { hour: "2-digit", minute: "2-digit" }) : "";
  async function toggle() {
    try {
      if (snooze) {
        await apiFetch(`/api/silences/${snooze.id}`, { method: "DELETE" });
        setSnooze(null);
        toast.success("Notifications resumed");
      } else {
        const { silence } = await apiFetch<{ silence: { id: string; endsAt: string } }>("/api/silences", { body: { scopeType, scopeId, minutes: SNOOZE_CHOICES[0].minutes, reason: `Snoozed from the ${scopeType} page` } });
        setSnooze(silence);
        toast.success(`Alerts for this ${scopeType} are recorded but not sent for an hour`);
      }
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not change the snooze");
    }
  }
  return (
    <>
      {snooze ? <Badge data-testid="snoozed"><BellOff className="size-3" aria-hidden /> Notifications snoozed until {until}</Badge> : null}
      {canManage ? (
        <Button variant="ghost" onClick={() => void toggle()}>
          {snooze ? <BellRing aria-hidden /> : <BellOff aria-hidden />} {snooze ? "End snooze" : "Snooze alerts 1 h"}
        </Button>
      ) : null}
    </>
  );
}
