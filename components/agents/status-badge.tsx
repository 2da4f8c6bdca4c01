import { Badge } from "@/components/ui/badge";
import type { Agent } from "@/lib/schemas/agents";

const TONE = { online: "success", degraded: "warning", stale: "warning", offline: "danger", paused: "neutral", pending: "brand" } as const;
const SYMBOL = { online: "●", degraded: "▲", stale: "◐", offline: "■", paused: "❚❚", pending: "○" } as const;

/** Status in words and shape as well as colour. */
export function StatusBadge({ status }: { status: Agent["status"] }) {
  return (
    <Badge tone={TONE[status]}>
      <span aria-hidden>{SYMBOL[status]}</span>
      {status}
    </Badge>
  );
}
