import { createServer } from "node:http";
import { expect, test } from "@playwright/test";
import { PASSWORD, apiAs, beat, e2eDatabase, pair } from "./support";

// Alerts in seconds, self-hosted, with nothing but the server's own scheduler: agents with a 5 s
// interval and 2 s grace send one heartbeat each and go quiet. Each must turn stale within 5 s of its
// deadline (last heartbeat + interval + grace), and the first notification reach a local signed
// webhook receiver within 10 s of it. Times are the server's commit times and the receiver's clock.

type Received = { at: number; agents: { id: string }[]; type: string };

test("a quiet agent turns stale within 5 s of its deadline and is notified within 10 s", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const origin = baseURL ?? "";
  const received: Received[] = [];
  const receiver = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(data) as Omit<Received, "at">;
      received.push({ at: Date.now(), agents: body.agents, type: body.type });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address();
  const hook = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  const sql = e2eDatabase();
  try {
    expect((await page.request.post("/api/auth/signup", { data: { email: `quiet-${Date.now()}@example.test`, password: PASSWORD }, headers: { origin } })).status()).toBe(201);
    const api = apiAs(page.request, origin);
    const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Quick" });
    const { channel } = await api<{ channel: { id: string } }>("POST", "/api/alerts/channels", { name: "hook", type: "webhook", config: { url: hook, secret: "a-signing-secret-of-ours" } });
    await api("POST", "/api/alerts/rules", { name: "Quiet", kind: "agent_stale", severity: "critical", channelIds: [channel.id] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: `quick-${i}`, heartbeatIntervalS: 5, graceS: 2 });
      ids.push(agent.id);
      await beat(page.request, await pair(api, page.request, agent.id));
      await page.waitForTimeout(700);
    }

    await expect.poll(() => new Set(received.flatMap((r) => r.agents.map((a) => a.id))).size, { timeout: 45_000, intervals: [250] }).toBe(ids.length);
    const rows = await sql<{ id: string; deadline: Date; changed: Date; status: string }[]>`
      select a.id, a.last_seen_at + make_interval(secs => a.heartbeat_interval_s + a.grace_s) as deadline, e.created_at as changed, a.status::text as status
      from agents a join agent_events e on e.agent_id = a.id and e.from_status = 'online' and e.to_status = 'stale'
      where a.id = any(${ids}::uuid[])`;
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      const staleAfterMs = row.changed.getTime() - row.deadline.getTime();
      const notice = received.find((r) => r.type === "alert.trigger" && r.agents.some((a) => a.id === row.id));
      const notifiedAfterMs = (notice?.at ?? Number.POSITIVE_INFINITY) - row.deadline.getTime();
      console.log(`deadline → stale ${staleAfterMs} ms, → notification received ${notifiedAfterMs} ms`);
      expect(staleAfterMs).toBeGreaterThanOrEqual(0);
      expect(staleAfterMs).toBeLessThanOrEqual(5_000);
      expect(notifiedAfterMs).toBeLessThanOrEqual(10_000);
    }
  } finally {
    await sql.end();
    receiver.close();
  }
});
