import { createServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { probeGateway } from "@/cli/src/gateway-probe";

const servers: Server[] = [];

/** A throwaway gateway on 127.0.0.1, closed after each test. */
async function gateway(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("clawfleet gateway probe", () => {
  it("measures a healthy gateway's /health round trip and reads its version", async () => {
    const paths: string[] = [];
    const base = await gateway((req, res) => {
      paths.push(req.url ?? "");
      // A little work, so the round trip is clearly above zero.
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"status":"live","version":"2026.9.6"}'), 5);
    });
    const health = await probeGateway(`${base}/`);
    expect(paths).toEqual(["/health"]);
    expect(health).toMatchObject({ url: base, reachable: true, healthy: true, version: "2026.9.6" });
    expect(health.rttMs).toBeGreaterThan(0);
    expect(health.rttMs).toBeLessThan(2_000);
    expect(health.error).toBeUndefined();
  });

  it("reports a 500 as reachable but unhealthy", async () => {
    const base = await gateway((_req, res) => res.writeHead(500).end("boom"));
    const health = await probeGateway(base);
    expect(health).toMatchObject({ reachable: true, healthy: false, error: "HTTP 500" });
    expect(health.rttMs).toBeGreaterThan(0);
  });

  it("believes a 200 that says it is not ok", async () => {
    const base = await gateway((_req, res) => res.writeHead(200).end('{"ok":false,"status":"degraded"}'));
    expect(await probeGateway(base)).toMatchObject({ reachable: true, healthy: false });
  });

  it("reports a closed port as unreachable", async () => {
    const base = await gateway(() => {});
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    expect(await probeGateway(base)).toMatchObject({ reachable: false, healthy: false, rttMs: null, error: "ECONNREFUSED" });
  });

  it("gives up after the timeout", async () => {
    const base = await gateway((_req, res) => void setTimeout(() => res.writeHead(200).end("{}"), 3_000));
    const started = Date.now();
    const health = await probeGateway(base, 300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(health).toMatchObject({ reachable: false, healthy: false, rttMs: null, error: "no answer within 300 ms" });
  });
});
