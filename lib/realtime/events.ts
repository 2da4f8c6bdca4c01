import type { AgentStatus } from "@/lib/schemas/agents";

/** What the dashboard hears, whichever transport carries it (SSE here, Supabase Realtime where configured). */
export type HeartbeatEvent = {
  type: "agent.heartbeat";
  agentId: string;
  fleetId: string;
  seq: number;
  status: AgentStatus;
  at: string;
  cpuPct: number | null;
  memUsedPct: number | null;
  memPressurePct: number | null;
  rttMs: number | null;
  healthy: boolean;
};
export type StatusEvent = { type: "agent.status"; agentId: string; fleetId: string; name: string; from: AgentStatus; to: AgentStatus; at: string };
export type ResyncEvent = { type: "resync" };
export type AlertEvent = { type: "alert.changed"; alertId: string; state: string };
/** A bulk action was started, or some of its agents acknowledged their commands (`items`). */
export type BatchEvent = { type: "batch.changed"; batchId: string; action?: string; total?: number; items?: Array<{ agentId: string; status: string }> };
export type LiveEvent = HeartbeatEvent | StatusEvent | ResyncEvent | AlertEvent | BatchEvent;
export type LiveState = "connecting" | "open" | "reconnecting";

/** A transport: starts delivering events and connection states; returns how to stop. */
export type LiveSource = (onEvent: (event: LiveEvent) => void, onState: (state: LiveState) => void) => () => void;

const TYPES = ["agent.heartbeat", "agent.status", "alert.changed", "batch.changed", "resync"] as const;

/** Server-Sent Events from /api/stream; the browser resumes with Last-Event-ID by itself after a drop. */
export const sseSource =
  (url = "/api/stream"): LiveSource =>
  (onEvent, onState) => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(url);
      source.onopen = () => onState("open");
      source.onerror = () => {
        onState("reconnecting");
        // A closed source (e.g. the session ended and the server said 401) is reopened later, gently.
        if (source?.readyState === EventSource.CLOSED && !stopped) retry = setTimeout(open, 5000);
      };
      for (const type of TYPES) {
        source.addEventListener(type, (message) => {
          try {
            onEvent({ ...(JSON.parse((message as MessageEvent<string>).data) as object), type } as LiveEvent);
          } catch {
            // a malformed event is skipped
          }
        });
      }
    };
    onState("connecting");
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  };
