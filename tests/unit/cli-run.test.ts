import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { decodeJwt, importJWK, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PairInput } from "@/lib/schemas/agents";
import { HeartbeatBody as ServerHeartbeatBody } from "@/lib/schemas/heartbeat";
import { readConfig } from "@/cli/src/config";
import { pairCommand } from "@/cli/src/pair-command";
import { EARLY_REPORT_MS, runLoop } from "@/cli/src/run-loop";
import { runOnce } from "@/cli/src/run-once";
import type { RunOptions } from "@/cli/src/run-once";
import type { ApplyDeps } from "@/cli/src/policy-apply";

// A fleet server that speaks protocol v1 as ARCHITECTURE.md states it, validating requests with the
// server's own zod schemas, plus a fake gateway and a fake openclaw binary: every part is real HTTP.

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
interface FakeCommand {
  id: string;
  type: string;
  args: Record<string, unknown>;
  ack?: unknown;
}

class FakeFleet {
  server = createServer((req, res) => void this.handle(req, res));
  url = "";
  agents = new Map<string, { jwk: { kty: string; crv: string; x: string }; lastSeq: number; revoked: boolean }>();
  accepted: ServerHeartbeatBody[] = [];
  attempts: { at: number; status: number; seq?: number }[] = [];
  script: Scripted[] = [];
  commands: FakeCommand[] = [];
  jtis = new Set<string>();
  pairRequests = 0;
  intervalS = 30;
  policy: Record<string, unknown> & { version: number } | null = null;
  hintLastSeq = false;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
      return status;
    };
    const error = (status: number, code: string, message: string, details?: unknown) => send(status, { error: { code, message, details } });
    if (req.url === "/api/agents/pair") {
      this.pairRequests += 1;
      const parsed = PairInput.safeParse(JSON.parse(raw.toString()));
      if (!parsed.success) return void error(422, "invalid_request", "Invalid body", parsed.error.issues);
      const input = parsed.data;
      if (input.code !== "GOODCODE1") return void error(404, "not_found", "Unknown or expired pairing code");
      const agentId = randomUUID();
      this.agents.set(agentId, { jwk: input.publicKeyJwk, lastSeq: 0, revoked: false });
      return void send(201, { agentId, fleetId: randomUUID(), heartbeatIntervalS: this.intervalS, audience: "clawfleet" });
    }
    if (req.url !== "/api/heartbeat" || req.method !== "POST") return void error(404, "not_found", "Not found");
    const status = await this.heartbeat(raw, req.headers.authorization ?? "", send, error);
    let seq: number | undefined;
    try {
      seq = (JSON.parse(raw.toString()) as { seq?: number }).seq;
    } catch {
      seq = undefined;
    }
    this.attempts.push({ at: Date.now(), status, seq });
  }

  private async heartbeat(
    raw: Buffer,
    authorization: string,
    send: (status: number, body: unknown, headers?: Record<string, string>) => number,
    error: (status: number, code: string, message: string, details?: unknown) => number,
  ): Promise<number> {
    const scripted = this.script.shift();
    if (scripted) return send(scripted.status, scripted.body ?? { error: { code: "scripted", message: `scripted ${scripted.status}` } }, scripted.headers);
    const token = authorization.replace(/^Bearer /, "");
    let sub: string;
    try {
      sub = String(decodeJwt(token).sub);
    } catch {
      return error(401, "unauthorized", "Malformed token");
    }
    const agent = this.agents.get(sub);
    if (!agent) return error(401, "unauthorized", "Unknown agent");
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await importJWK(agent.jwk, "EdDSA"), { algorithms: ["EdDSA"], audience: "clawfleet", subject: sub }));
    } catch {
      return error(401, "unauthorized", "Bad signature");
    }
    if (agent.revoked) return error(403, "forbidden", "Key revoked");
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > 300) return error(401, "unauthorized", "Token lives too long");
    if (payload.body_sha256 !== createHash("sha256").update(raw).digest("base64url")) return error(401, "unauthorized", "Body hash mismatch");
    if (typeof payload.jti !== "string" || this.jtis.has(payload.jti)) return error(409, "conflict", "Replayed jti");
    this.jtis.add(payload.jti);
    const parsed = ServerHeartbeatBody.safeParse(JSON.parse(raw.toString()));
    if (!parsed.success) return error(422, "invalid_request", "Invalid body", parsed.error.issues);
    const body = parsed.data;
    if (body.seq <= agent.lastSeq) return error(409, "conflict", "Stale seq", this.hintLastSeq ? { lastSeq: agent.lastSeq } : undefined);
    agent.lastSeq = body.seq;
    this.accepted.push(body);
    for (const ack of body.acks) {
      const command = this.commands.find((c) => c.id === ack.commandId);
      if (command) command.ack = ack;
    }
    const policy = this.policy && body.policyVersion < this.policy.version ? { policy: this.policy } : {};
    return send(200, {
      ok: true,
      agentStatus: body.status === "ok" ? "online" : "degraded",
      nextHeartbeatS: this.intervalS,
      ...policy,
      commands: this.commands.filter((c) => !c.ack).map(({ id, type, args }) => ({ id, type, args })),
    });
  }
}

let fleet: FakeFleet;
let dir: string;
let configPath: string;
let gatewayUrl: string;
let openclawBin: string;
let gatewayServer: Server;

beforeAll(async () => {
  gatewayServer = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"version":"2026.9.6"}'));
  await new Promise<void>((resolve) => gatewayServer.listen(0, "127.0.0.1", resolve));
  gatewayUrl = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  gatewayServer.closeAllConnections();
  await new Promise((resolve) => gatewayServer.close(resolve));
});

beforeEach(async () => {
  fleet = new FakeFleet();
  await fleet.start();
  dir = await mkdtemp(path.join(os.tmpdir(), "clawfleet-run-"));
  configPath = path.join(dir, "config", "agent.json");
  openclawBin = path.join(dir, "openclaw");
  await writeFile(openclawBin, `#!/bin/sh\necho "$@" >> ${JSON.stringify(path.join(dir, "openclaw.log"))}\n`);
  await chmod(openclawBin, 0o755);
});
afterEach(async () => {
  await fleet.stop();
  await rm(dir, { recursive: true, force: true });
});

const pair = () => pairCommand({ url: `${fleet.url}/`, code: "GOODCODE1", gatewayUrl, configPath });
const once = (extra: RunOptions = {}) => runOnce({ configPath, openclawBin, sampleWindowMs: 50, ...extra });
const openclawCalls = async () => (await readFile(path.join(dir, "openclaw.log"), "utf8").catch(() => "")).trim().split("\n").filter(Boolean);

describe("clawfleet pair", () => {
  it("registers the public key and keeps the private key in a 0600 config", async () => {
    const result = await pair();
    expect(result).toMatchObject({ url: fleet.url, audience: "clawfleet", heartbeatIntervalS: 30, gatewayUrl, configPath });
    expect(result).not.toHaveProperty("privateKeyJwk");
    expect(fleet.agents.get(result.agentId)?.jwk).toEqual(result.publicKeyJwk);
    const config = await readConfig(configPath);
    expect(config).toMatchObject({ agentId: result.agentId, fleetId: result.fleetId, seq: 0, policyVersion: 0 });
    expect(config.privateKeyJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
  });

  it("refuses to replace a pairing without --force, before spending the code", async () => {
    const first = await pair();
    await expect(pair()).rejects.toThrow(/already paired as agent .* pass --force/);
    expect(fleet.pairRequests).toBe(1);
    const second = await pairCommand({ url: fleet.url, code: "GOODCODE1", gatewayUrl, configPath, force: true });
    expect(second.agentId).not.toBe(first.agentId);
    expect((await readConfig(configPath)).agentId).toBe(second.agentId);
  });

  it("reports the server's refusal and leaves no config behind", async () => {
    await expect(pairCommand({ url: fleet.url, code: "WRONGCODE", configPath })).rejects.toThrow(
      "the pairing code is unknown, used or expired: create a new one on the agent's page",
    );
    await expect(stat(configPath)).rejects.toThrow();
  });
});

describe("clawfleet run --once", () => {
  it("sends a signed heartbeat the server's schema accepts, and remembers seq and result", async () => {
    const { agentId } = await pair();
    const result = await once();
    expect(result).toMatchObject({ ok: true, outcome: "ok", seq: 1, httpStatus: 200, agentStatus: "online", sent: 1, spoolSize: 0 });
    const [body] = fleet.accepted;
    expect(body).toMatchObject({
      seq: 1,
      status: "ok",
      gateway: { url: gatewayUrl, reachable: true, healthy: true, version: "2026.9.6" },
      host: { os: process.platform, arch: process.arch },
      usage: [],
      policyVersion: 0,
      acks: [],
    });
    expect(body?.gateway.rttMs).toBeGreaterThan(0);
    expect(body?.metrics.cpuPct).toBeGreaterThanOrEqual(0);
    expect(body?.metrics.memUsedPct).toBeGreaterThan(0);
    const config = await readConfig(configPath);
    expect(config).toMatchObject({ agentId, seq: 1, lastHeartbeat: { status: "ok", httpStatus: 200, agentStatus: "online" } });
    await once();
    expect(fleet.accepted.map((b) => b.seq)).toEqual([1, 2]);
  });

  it("spools heartbeats the server cannot take and sends them, oldest first, once it answers", async () => {
    await pair();
    fleet.script.push({ status: 503 });
    const down = await once();
    expect(down).toMatchObject({ ok: false, outcome: "retry", httpStatus: 503, spooled: true, spoolSize: 1 });
    await fleet.stop();
    expect(await once()).toMatchObject({ ok: false, outcome: "retry", httpStatus: null, spoolSize: 2 });
    expect((await readConfig(configPath)).lastHeartbeat).toMatchObject({ status: "unreachable", httpStatus: null });
    fleet = Object.assign(new FakeFleet(), { agents: fleet.agents, commands: fleet.commands });
    await fleet.start();
    await writeFile(configPath, JSON.stringify({ ...(await readConfig(configPath)), url: fleet.url }));
    const back = await once();
    expect(back).toMatchObject({ ok: true, seq: 3, sent: 3, spoolSize: 0 });
    expect(fleet.accepted.map((b) => b.seq)).toEqual([1, 2, 3]);
  });

  it("drops spooled heartbeats the server refuses for good, and those of an earlier pairing", async () => {
    await pair();
    fleet.script.push({ status: 503 }, { status: 503 });
    await once();
    await once();
    fleet.script.push({ status: 422 });
    const result = await once();
    expect(result).toMatchObject({ ok: true, seq: 3, sent: 2, dropped: 1, spoolSize: 0 });
    expect(fleet.accepted.map((b) => b.seq)).toEqual([2, 3]);
    fleet.script.push({ status: 503 });
    await once();
    await pairCommand({ url: fleet.url, code: "GOODCODE1", gatewayUrl, configPath, force: true });
    expect(await once()).toMatchObject({ ok: true, seq: 1, sent: 1, dropped: 1, spoolSize: 0 });
  });

  it("runs the commands it receives once, and acknowledges them on the next heartbeat", async () => {
    await pair();
    const restart = { id: randomUUID(), type: "restart", args: {} };
    const model = { id: randomUUID(), type: "set_model", args: { model: "anthropic/claude-sonnet-4-5" } };
    const unknown = { id: randomUUID(), type: "self_destruct", args: {} };
    fleet.commands.push(restart, model, unknown);
    const first = await once();
    expect(first.acks).toEqual([
      { commandId: restart.id, status: "done", message: "restarted" },
      { commandId: model.id, status: "done", message: "model set to anthropic/claude-sonnet-4-5" },
      { commandId: unknown.id, status: "failed", message: "unsupported command" },
    ]);
    expect(await openclawCalls()).toEqual(["gateway restart", "models set anthropic/claude-sonnet-4-5"]);
    expect((await readConfig(configPath)).pendingAcks).toHaveLength(3);
    const second = await once();
    expect(fleet.accepted[1]?.acks).toEqual(first.acks);
    expect(second.acks).toEqual([]);
    expect(fleet.commands.every((c) => c.ack)).toBe(true);
    expect((await readConfig(configPath)).pendingAcks).toEqual([]);
    expect(await openclawCalls()).toHaveLength(2);
  });

  it("never runs a command twice when the server delivers it again before the ack arrives", async () => {
    await pair();
    const restart = { id: randomUUID(), type: "restart", args: {} };
    fleet.commands.push(restart);
    await once();
    // The acknowledging heartbeat is lost (spooled); the server delivers the command again meanwhile.
    fleet.script.push({ status: 200, body: { ok: true, agentStatus: "online", nextHeartbeatS: 30, commands: [restart] } });
    await once();
    expect(await openclawCalls()).toEqual(["gateway restart"]);
  });

  it("applies a delivered policy in one config.patch and reports it; a refused revision waits, the previous one stays", async () => {
    await pair();
    const calls: { method: string; params: unknown }[] = [];
    let refuse: string | null = null;
    const policyDeps: ApplyDeps = {
      gateway: async () => ({
        request: async (method, params) => {
          calls.push({ method, params });
          if (method === "config.get") return { hash: `h${calls.length}`, config: { agents: { defaults: { model: "a/b" } } } };
          if (method === "config.patch" && refuse) throw new Error(refuse);
          return {};
        },
        close: () => {},
      }),
      installPlugin: async () => ({ ok: true, version: "1.0.0" }),
    };
    fleet.policy = { version: 4, tools: { deny: ["exec"] }, dailySpendCapUsd: 20 };
    await once({ policyDeps });
    expect(calls.map((c) => c.method)).toEqual(["clawfleet.status", "config.get", "config.patch"]);
    const patch = calls[2]?.params as { raw: string; baseHash: string; replacePaths: string[] };
    expect(patch.baseHash).toBe("h2");
    expect(JSON.parse(patch.raw)).toMatchObject({ tools: { deny: ["exec"] }, plugins: { entries: { clawfleet: { config: { revision: 4, dailySpendCapUsd: 20 } } } } });
    expect(await readConfig(configPath)).toMatchObject({ policyVersion: 4, policy: fleet.policy, policyStatus: { version: 4, status: "applied" } });
    await once({ policyDeps });
    expect(fleet.accepted[1]).toMatchObject({ policyVersion: 4, policyStatus: { version: 4, status: "applied" } });

    refuse = "invalid config: tools.exec.mode: Invalid option";
    fleet.policy = { version: 5, execMode: "full" };
    await once({ policyDeps });
    await once({ policyDeps });
    expect(calls.filter((c) => c.method === "config.patch")).toHaveLength(2);
    expect(fleet.accepted[3]).toMatchObject({ policyVersion: 4, policyStatus: { version: 5, status: "failed", message: refuse } });
    expect(await readConfig(configPath)).toMatchObject({ policyVersion: 4, policy: { version: 4 } });
  });

  it("tries a policy again on the next heartbeat when the gateway was not there to ask", async () => {
    await pair();
    let up = false;
    const policyDeps: ApplyDeps = {
      gateway: async () => {
        if (!up) throw new Error("connect ECONNREFUSED");
        return { request: async (method) => (method === "config.get" ? { hash: "h", config: {} } : {}), close: () => {} };
      },
      installPlugin: async () => ({ ok: false, message: "unused" }),
    };
    fleet.policy = { version: 2, sandboxMode: "all" };
    await once({ policyDeps });
    expect(await readConfig(configPath)).toMatchObject({ policyVersion: 0, policyStatus: { version: 2, status: "failed", message: "cannot reach the gateway: connect ECONNREFUSED" } });
    up = true;
    await once({ policyDeps });
    expect(await readConfig(configPath)).toMatchObject({ policyVersion: 2, policyStatus: { version: 2, status: "applied" } });
  });

  it("moves past a stale seq on 409: to the server's hint, or in growing steps", async () => {
    const { agentId } = await pair();
    const agent = fleet.agents.get(agentId);
    if (!agent) throw new Error("not paired");
    agent.lastSeq = 20;
    expect(await once()).toMatchObject({ ok: true });
    expect(fleet.accepted.at(-1)?.seq).toBeGreaterThan(20);
    fleet.hintLastSeq = true;
    agent.lastSeq = 5_000;
    expect(await once()).toMatchObject({ ok: true, seq: 5_001 });
    expect((await readConfig(configPath)).seq).toBe(5_001);
  });

  it("tells the operator to re-pair on 401 and 403", async () => {
    const { agentId } = await pair();
    const agent = fleet.agents.get(agentId);
    if (!agent) throw new Error("not paired");
    agent.revoked = true;
    const revoked = await once();
    expect(revoked).toMatchObject({ ok: false, outcome: "unauthorized", httpStatus: 403, message: "forbidden: Key revoked", spoolSize: 0 });
    fleet.agents.delete(agentId);
    expect(await once()).toMatchObject({ outcome: "unauthorized", httpStatus: 401 });
    expect((await readConfig(configPath)).lastHeartbeat).toMatchObject({ status: "unauthorized", httpStatus: 401 });
  });

  it("runs the plugins next to the config once and sends their metrics and reports", async () => {
    await pair();
    const plugins = path.join(path.dirname(configPath), "plugins");
    await mkdir(plugins);
    await writeFile(path.join(plugins, "queue.sh"), "#!/bin/sh\necho 'queue_length 12'\n", { mode: 0o755 });
    await writeFile(path.join(plugins, "broken.sh"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    const result = await once();
    expect(result.plugins).toEqual([expect.objectContaining({ name: "broken.sh", ok: false, error: "exit code 1" }), expect.objectContaining({ name: "queue.sh", ok: true })]);
    expect(fleet.accepted[0]).toMatchObject({ custom: { queue_length: 12 }, plugins: result.plugins });
  });

  it("records a 429 as rate limited", async () => {
    await pair();
    fleet.script.push({ status: 429, headers: { "retry-after": "1" } });
    expect(await once()).toMatchObject({ outcome: "retry", httpStatus: 429, spoolSize: 1 });
    expect((await readConfig(configPath)).lastHeartbeat).toMatchObject({ status: "rate_limited", httpStatus: 429 });
  });
});

describe("clawfleet run (loop)", () => {
  it("beats every interval, honours Retry-After, spools meanwhile and stops on abort", { timeout: 20_000 }, async () => {
    fleet.intervalS = 1;
    await pair();
    fleet.script.push({ status: 200, body: { ok: true, agentStatus: "online", nextHeartbeatS: 1, commands: [] } });
    fleet.script.push({ status: 429, headers: { "retry-after": "2" } });
    const controller = new AbortController();
    const stopped = runLoop({ configPath, openclawBin, sampleWindowMs: 20, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5_500));
    controller.abort();
    expect(await stopped).toBe(0);

    const limited = fleet.attempts.findIndex((a) => a.status === 429);
    const next = fleet.attempts[limited + 1];
    const at429 = fleet.attempts[limited]?.at ?? 0;
    expect(limited).toBe(1);
    if (!next) throw new Error("no attempt after the 429");
    expect(next.at - at429).toBeGreaterThanOrEqual(2_000);
    expect(next.at - at429).toBeLessThan(3_500);
    // The heartbeat refused with 429 and the ones due during the backoff all arrive, in order, none lost.
    const seqs = fleet.accepted.map((b) => b.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(3);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 2));
    expect(fleet.attempts.filter((a) => a.at > at429 && a.at < at429 + 1_900)).toEqual([]);
  });

  it("takes the plugins' latest results into each heartbeat, never waiting for a slow plugin", { timeout: 10_000 }, async () => {
    fleet.intervalS = 1;
    await pair();
    const pluginsDir = path.join(dir, "my-plugins");
    await mkdir(pluginsDir);
    await writeFile(path.join(pluginsDir, "fast.sh"), "#!/bin/sh\necho 'fast 1'\n", { mode: 0o755 });
    await writeFile(path.join(pluginsDir, "slow.sh"), "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
    const controller = new AbortController();
    const started = Date.now();
    const stopped = runLoop({ configPath, openclawBin, sampleWindowMs: 300, signal: controller.signal, pluginsDir, pluginTimeoutMs: 3_000 });
    while (fleet.accepted.length < 2) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    expect(await stopped).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_900); // both heartbeats went before the slow plugin's time-out
    expect(fleet.accepted[1]).toMatchObject({ custom: { fast: 1 }, plugins: [expect.objectContaining({ name: "fast.sh", ok: true })] });
  });

  it("reports early after a policy attempt or commands, instead of a whole interval later", { timeout: 15_000 }, async () => {
    fleet.intervalS = 30;
    await pair();
    // An empty revision applies at once (nothing to write to the gateway); the restart runs through openclaw.
    fleet.policy = { version: 7 };
    fleet.commands.push({ id: randomUUID(), type: "restart", args: {} });
    const controller = new AbortController();
    const stopped = runLoop({ configPath, openclawBin, sampleWindowMs: 20, signal: controller.signal });
    while (fleet.accepted.length < 2) await new Promise((r) => setTimeout(r, 20));
    const [first, second] = fleet.attempts.filter((a) => a.status === 200);
    // Nothing new to report after that: the next one waits for the interval.
    await new Promise((r) => setTimeout(r, 2_500));
    controller.abort();
    expect(await stopped).toBe(0);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(EARLY_REPORT_MS - 50);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeLessThan(EARLY_REPORT_MS + 1_500);
    expect(fleet.accepted[1]).toMatchObject({ policyVersion: 7, policyStatus: { version: 7, status: "applied" }, acks: [expect.objectContaining({ status: "done" })] });
    expect(fleet.accepted).toHaveLength(2);
  });

  it("exits with code 3 when the key is revoked", { timeout: 10_000 }, async () => {
    const { agentId } = await pair();
    const agent = fleet.agents.get(agentId);
    if (!agent) throw new Error("not paired");
    agent.revoked = true;
    expect(await runLoop({ configPath, openclawBin, sampleWindowMs: 20 })).toBe(3);
  });
});

describe("clawfleet bin", () => {
  const bin = path.resolve("cli/bin.mjs");
  const cli = (args: string[], onLine?: (line: string, kill: () => void) => void) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args, "--config", configPath], {
        env: { ...process.env, OPENCLAW_BIN: openclawBin },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        for (const line of chunk.toString().split("\n").filter(Boolean)) onLine?.(line, () => child.kill("SIGTERM"));
      });
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });

  it("pairs, sends with --once, shows status, all as JSON", { timeout: 30_000 }, async () => {
    const paired = await cli(["pair", "--url", fleet.url, "--code", "GOODCODE1", "--gateway", gatewayUrl, "--json"]);
    expect(paired.code).toBe(0);
    const { agentId } = JSON.parse(paired.stdout) as { agentId: string };
    expect(fleet.agents.has(agentId)).toBe(true);

    const again = await cli(["pair", "--url", fleet.url, "--code", "GOODCODE1", "--json"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: "already_paired" } });

    const sent = await cli(["run", "--once", "--json"]);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ ok: true, seq: 1, agentStatus: "online" });

    const status = await cli(["status", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      agentId,
      url: fleet.url,
      lastHeartbeat: { status: "ok", httpStatus: 200, agentStatus: "online" },
      spool: { size: 0 },
      gateway: { reachable: true, healthy: true },
    });
    const human = await cli(["status"]);
    expect(human.stdout).toContain(`Agent:          ${agentId}`);
  });

  it("stops cleanly on SIGTERM and exits 3 with a re-pair hint when revoked", { timeout: 30_000 }, async () => {
    const { agentId } = await pair();
    const run = await cli(["run", "--json"], (line, kill) => {
      if ((JSON.parse(line) as { event: string }).event === "heartbeat_ok") kill();
    });
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events).toEqual(["start", "heartbeat_ok", "stopping", "stop"]);
    await expect(stat(`${configPath}.lock`)).rejects.toThrow();

    const agent = fleet.agents.get(agentId);
    if (agent) agent.revoked = true;
    const revoked = await cli(["run", "--once"]);
    expect(revoked.code).toBe(3);
    expect(revoked.stderr).toContain("key revoked or agent deleted: re-pair with clawfleet pair --force");
  });

  it("answers usage errors with exit code 2", { timeout: 20_000 }, async () => {
    const bad = await cli(["run", "--max-spool", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-spool must be a positive integer");
    expect((await cli(["launch"])).code).toBe(2);
  });
});
