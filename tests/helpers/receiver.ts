import { createServer, type Server } from "node:http";
import { db } from "@/lib/db/client";
import { deliveryTick } from "@/lib/server/alerts/dispatch";
import { GROUP_WAIT_S } from "@/lib/server/alerts/queue";

export type Hit = { path: string; body: Record<string, unknown> };

/** A local stand-in for Slack recording what it receives. */
export async function slackReceiver() {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", body: JSON.parse(data) as Record<string, unknown> });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { hits, url, close: () => new Promise((r) => server.close(r)) };
}

/** Lets the team's grouping window pass (by moving its alerts' open time back), then delivers. */
export async function deliverNow(teamId: string) {
  const sql = await db();
  await sql`update alerts set opened_at = opened_at - make_interval(secs => ${GROUP_WAIT_S + 1}) where trigger_pending and team_id = ${teamId}`;
  return deliveryTick();
}
