import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HeartbeatBody } from "@/lib/schemas/heartbeat";
import { readConfig } from "@/cli/src/config";
import { pairCommand } from "@/cli/src/pair-command";
import { runLoop } from "@/cli/src/run-loop";
import { runOnce } from "@/cli/src/run-once";

// Each way an operator can get the input wrong, against real sockets: the sentence they read and the exit code.

// A self-signed certificate for 127.0.0.1, valid until 2126; made once with `openssl req -x509 -newkey ec`.
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcNtS69rA4F/p0LBm
U/lr8CIbmpndNHwmwgtMv4sQjsehRANCAATnAkk5tIgNKlVttVroZ5jluRqMnxyd
QS4XOTdnvMTRKONJOkXSR9J7YlVSZ8JjwAHsZ6z/Q9mPCEgUroh6PADn
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUHfduJ6CXMRgDp7N+KaGsD2vOBEcwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMTE1NTkxMFoYDzIxMjYxMTA3
MTU1OTEwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATnAkk5tIgNKlVttVroZ5jluRqMnxydQS4XOTdnvMTRKONJOkXSR9J7
YlVSZ8JjwAHsZ6z/Q9mPCEgUroh6PADno28wbTAdBgNVHQ4EFgQUwICA+rEP8iov
OeurBYzUN2W1WN0wHwYDVR0jBBgwFoAUwICA+rEP8iovOeurBYzUN2W1WN0wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDRwAwRAIgOai0VjsR8D2WWUjetEWv4QLos3DRjThoyhB+VKdsox0CICDz
tXdNvIS4IIBJnQ9Kk8lgkAM23/N18RkteuuGTgMP
-----END CERTIFICATE-----`;

const servers: Server[] = [];
let dir: string;
let configPath: string;

async function listen(handler: RequestListener, tls = false): Promise<string> {
  const server = tls ? createHttpsServer({ key: TLS_KEY, cert: TLS_CERT }, handler) : createHttpServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `${tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closedPort(): Promise<string> {
  const url = await listen(() => {});
  const server = servers.pop();
  await new Promise((resolve) => server?.close(resolve));
  return url;
}

/** A fleet server that pairs any code and takes every heartbeat, checked against the server's schema. */
async function fakeFleet(heartbeats: HeartbeatBody[]): Promise<string> {
  return listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === "/api/agents/pair") return reply(201, { agentId: randomUUID(), fleetId: randomUUID(), heartbeatIntervalS: 1, audience: "clawfleet" });
    heartbeats.push(HeartbeatBody.parse(JSON.parse(Buffer.concat(chunks).toString())));
    reply(200, { ok: true, agentStatus: "degraded", nextHeartbeatS: 1, commands: [] });
  });
}

const pair = (url: string, gatewayUrl = "http://127.0.0.1:18789") => pairCommand({ url, code: "ABCD-EFGH-JKLM", gatewayUrl, configPath });
const answer = (status: number, body: string, type = "application/json"): RequestListener => (_req, res) => res.writeHead(status, { "content-type": type }).end(body);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clawfleet-bad-input-"));
  configPath = path.join(dir, "agent.json");
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await rm(dir, { recursive: true, force: true });
});

describe("clawfleet pair with a wrong --url", () => {
  it("says the server cannot be reached, and why: DNS, refused connection, TLS", async () => {
    await expect(pair("https://fleet.invalid")).rejects.toThrow(/^cannot reach https:\/\/fleet\.invalid: the host name (does not resolve \(ENOTFOUND\)|could not be resolved)/);
    const closed = await closedPort();
    await expect(pair(closed)).rejects.toMatchObject({
      message: `cannot reach ${closed}: connection refused: nothing listens on that port (ECONNREFUSED)`,
      exitCode: 1,
    });
    const plain = (await listen(answer(200, "{}"))).replace("http:", "https:");
    await expect(pair(plain)).rejects.toThrow(`cannot reach ${plain}: TLS handshake failed: the server does not speak TLS on that port (http instead of https?)`);
    const selfSigned = await listen(answer(200, "{}"), true);
    await expect(pair(selfSigned)).rejects.toThrow(new RegExp(`^cannot reach ${selfSigned}: TLS error: self-signed certificate \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)$`));
  });

  it("says when the answer is an HTML page rather than the Fleet API", async () => {
    const login = await listen(answer(200, "<!DOCTYPE html><html><body>Sign in</body></html>", "text/html; charset=utf-8"));
    const expected = `${login} answered with an HTML page, not the OpenClaw Fleet API: is --url the Fleet server?`;
    await expect(pair(login)).rejects.toMatchObject({ message: expected, exitCode: 1 });
    const notFound = await listen(answer(404, "<html><head><title>404</title></head></html>", "text/plain"));
    await expect(pair(notFound)).rejects.toThrow(`${notFound} answered with an HTML page`);
  });
});

describe("clawfleet pair with a bad code", () => {
  const CODE_REFUSED = "the pairing code is unknown, used or expired: create a new one on the agent's page";

  it("explains 404, 410 and a 422 about the code the same way, and leaves no config behind", async () => {
    // The bodies the Fleet server sends (lib/api/errors.ts).
    const unknown = { error: { code: "not_found", message: "This pairing code is unknown, used or expired; create a new one" } };
    const malformed = { error: { code: "invalid_request", message: "The request is invalid", details: [{ path: "code", message: "Too small" }] } };
    for (const [status, body] of [[404, unknown], [410, { error: { code: "gone", message: "gone" } }], [422, malformed]] as const) {
      await expect(pair(await listen(answer(status, JSON.stringify(body))))).rejects.toMatchObject({ message: CODE_REFUSED, exitCode: 1 });
    }
    await expect(readFile(configPath)).rejects.toThrow();
  });

  it("reports other refusals as the server words them", async () => {
    const other = { error: { code: "invalid_request", message: "The request is invalid", details: [{ path: "host.hostname", message: "Invalid" }] } };
    await expect(pair(await listen(answer(422, JSON.stringify(other))))).rejects.toThrow("pairing refused (HTTP 422): invalid_request: The request is invalid");
  });
});

describe("clawfleet run with the gateway down or slow", () => {
  it("reports a gateway that refuses connections as degraded, and the heartbeat still goes out", async () => {
    const heartbeats: HeartbeatBody[] = [];
    await pair(await fakeFleet(heartbeats), await closedPort());
    const result = await runOnce({ configPath, sampleWindowMs: 50 });
    expect(result).toMatchObject({ ok: true, gateway: { reachable: false, healthy: false, error: "ECONNREFUSED" } });
    expect(heartbeats.map((h) => [h.status, h.gateway.reachable])).toEqual([["degraded", false]]);
  });

  it("keeps heartbeating, degraded, while the gateway accepts connections but never answers", { timeout: 20_000 }, async () => {
    const heartbeats: HeartbeatBody[] = [];
    await pair(await fakeFleet(heartbeats), await listen(() => {}));
    const controller = new AbortController();
    const started = performance.now();
    const loop = runLoop({ configPath, sampleWindowMs: 50, signal: controller.signal });
    while (heartbeats.length < 2 && performance.now() - started < 15_000) await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await loop).toBe(0);
    expect(heartbeats.slice(0, 2).map((h) => [h.status, h.gateway.reachable, h.gateway.rttMs])).toEqual([
      ["degraded", false, null],
      ["degraded", false, null],
    ]);
    // Each round waits for the 2 s probe time-out, no longer.
    expect(performance.now() - started).toBeLessThan(8_000);
    expect((await readConfig(configPath)).lastHeartbeat).toMatchObject({ status: "ok", agentStatus: "degraded" });
  });
});

describe("clawfleet with a bad config file", () => {
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve("cli/bin.mjs"), ...args, "--config", configPath]).then(
      () => ({ code: 0, stdout: "", stderr: "" }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it("names the file and what is wrong when it is not JSON, empty or of the wrong shape", async () => {
    await writeFile(configPath, '{"url": "https://fleet.example.com", "privateKeyJwk": {"d": "SECRET"', { mode: 0o600 });
    const notJson = await cli(["status"]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(new RegExp(`^clawfleet: ${configPath} is not valid JSON( \\(error at character \\d+\\))?; fix it or re-pair with clawfleet pair --force\\n$`));
    expect(notJson.stderr).not.toContain("SECRET");
    await writeFile(configPath, "");
    await expect(readConfig(configPath)).rejects.toThrow(`${configPath} is empty; fix it or re-pair with clawfleet pair --force`);
    await writeFile(configPath, JSON.stringify({ url: "https://fleet.example.com", agentId: 42 }));
    await expect(readConfig(configPath)).rejects.toThrow(`${configPath} is not a clawfleet agent config (agentId: Invalid input: expected string, received number)`);
  });

  it("refuses a config other users can read or write, with exit code 5", { timeout: 20_000 }, async () => {
    await pair(await fakeFleet([]));
    await chmod(configPath, 0o644);
    const readable = await cli(["status"]);
    expect(readable.code).toBe(5);
    expect(readable.stderr).toBe(`clawfleet: ${configPath} is readable by other users (mode 0644): run chmod 600 ${configPath}\n`);
    await chmod(configPath, 0o620);
    const json = await cli(["run", "--once", "--json"]);
    expect(json.code).toBe(5);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: "unsafe_config", message: `${configPath} is writable by other users (mode 0620): run chmod 600 ${configPath}` },
    });
    await chmod(configPath, 0o600);
    expect((await readConfig(configPath)).url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
