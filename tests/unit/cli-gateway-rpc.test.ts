import { createHash, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deviceIdOf } from "@/cli/src/gateway-device";
import { deviceAuthPayload } from "@/cli/src/gateway-rpc";
import { GatewayUsageReader } from "@/cli/src/gateway-usage";

const TOKEN = "gateway-token-for-tests";

function device() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = String(publicKey.export({ type: "spki", format: "pem" }));
  return { deviceId: deviceIdOf(publicKeyPem), publicKeyPem, privateKeyPem: String(privateKey.export({ type: "pkcs8", format: "pem" })) };
}

/** A server frame (unmasked); `fin` false leaves the message open for continuation frames. */
function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0, length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65_536) {
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else if (length >= 65_536) {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  head[0] = (fin ? 0x80 : 0) | opcode;
  return Buffer.concat([head, payload]);
}

/** Whole client frames from `buffer` (masked, as clients must send them), and the bytes left over. */
function clientFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (buffer.length - at >= 6) {
    const second = buffer[at + 1] ?? 0;
    expect(second & 0x80).toBe(0x80);
    let length = second & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = buffer.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(buffer.readBigUInt64BE(offset));
      offset += 8;
    }
    if (buffer.length < offset + 4 + length) break;
    const mask = buffer.subarray(offset, offset + 4);
    const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length).map((b, i) => b ^ (mask[i & 3] ?? 0)));
    frames.push({ opcode: (buffer[at] ?? 0) & 0x0f, payload });
    at = offset + 4 + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

type Req = { id: string; method: string; params: Record<string, unknown> };
type Gateway = { url: string; server: Server; connects: Record<string, unknown>[]; pongs: number; sockets: Socket[] };

/** A stand-in for the gateway's WebSocket protocol: the challenge, a checked connect, then `answer` per request. */
async function fakeGateway(answer: (req: Req, socket: Socket) => void): Promise<Gateway> {
  const gateway: Gateway = { url: "", server: createServer(), connects: [], pongs: 0, sockets: [] };
  gateway.server.on("upgrade", (req, socket: Socket) => {
    gateway.sockets.push(socket);
    const accept = createHash("sha1").update(`${String(req.headers["sec-websocket-key"])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const nonce = `nonce-${gateway.connects.length}`;
    socket.write(frame(1, Buffer.from(JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce, ts: 1_700_000_000_000 } }))));
    let pending: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      const { frames, rest } = clientFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) {
        if (f.opcode === 10) gateway.pongs++;
        if (f.opcode === 8) socket.end();
        if (f.opcode !== 1) continue;
        const message = JSON.parse(f.payload.toString("utf8")) as Req;
        if (message.method !== "connect") answer(message, socket);
        else connect(gateway, socket, message, nonce);
      }
    });
  });
  await new Promise<void>((resolve) => gateway.server.listen(0, "127.0.0.1", resolve));
  gateway.url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  return gateway;
}

function connect(gateway: Gateway, socket: Socket, message: Req, nonce: string): void {
  const params = message.params;
  gateway.connects.push(params);
  const auth = params.auth as { token: string };
  const dev = params.device as { id: string; publicKey: string; signature: string; signedAt: number; nonce: string };
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: dev.publicKey }, format: "jwk" });
  const signed = deviceAuthPayload({ deviceId: dev.id, scopes: params.scopes as string[], signedAtMs: dev.signedAt, token: auth.token, nonce, platform: process.platform });
  const valid = dev.nonce === nonce && verify(null, Buffer.from(signed), key, Buffer.from(dev.signature, "base64url"));
  const reply = auth.token === TOKEN && valid
    ? { type: "res", id: message.id, ok: true, payload: { type: "hello-ok", protocol: 4, server: { version: "2026.9.6" } } }
    : { type: "res", id: message.id, ok: false, error: { code: "UNAUTHORIZED", message: "unauthorized: gateway token mismatch" } };
  socket.write(frame(1, Buffer.from(JSON.stringify(reply))));
}

const row = (model: string, input: number) => ({ provider: "anthropic", model, count: 3, totals: { input, output: 20, cacheRead: 5, cacheWrite: 1, totalCost: 0.25, missingCostEntries: 1 } });

let gateways: Gateway[] = [];
afterEach(async () => {
  for (const g of gateways) {
    for (const s of g.sockets) s.destroy();
    await new Promise((resolve) => g.server.close(resolve));
  }
  gateways = [];
});

describe("the gateway usage reader", () => {
  it("signs the connect with its device key and reads each day's per-model usage, fragmented and long messages included", async () => {
    const g = await fakeGateway((req, socket) => {
      // A ping first, then the answer in three fragments, long enough for a 64-bit length.
      socket.write(frame(9, Buffer.from("are you there")));
      const padding = "x".repeat(70_000);
      const text = Buffer.from(JSON.stringify({ type: "res", id: req.id, ok: true, payload: { padding, aggregates: { byModel: [row(`m-${String(req.params.startDate)}`, 1000.4)] } } }));
      socket.write(Buffer.concat([frame(1, text.subarray(0, 10), false), frame(0, text.subarray(10, 200), false), frame(0, text.subarray(200))]));
    });
    gateways.push(g);
    const reader = new GatewayUsageReader({ gatewayUrl: g.url, token: TOKEN, device: device(), version: "2.0.0" });
    const read = await reader.read(["2026-11-30", "2026-12-01"]);
    expect(read).toEqual(["2026-11-30", "2026-12-01"].map((day) => ({
      day, provider: "anthropic", model: `m-${day}`, inputTokens: 1000, outputTokens: 20, cacheReadTokens: 5, cacheWriteTokens: 1, costUsd: 0.25, missingCostEntries: 1, calls: 3,
    })));
    expect(reader.gatewayVersion).toBe("2026.9.6");
    expect(g.connects).toHaveLength(1);
    expect(g.connects[0]).toMatchObject({
      minProtocol: 4, maxProtocol: 4, role: "operator", scopes: ["operator.read"], auth: { token: TOKEN },
      client: { id: "gateway-client", displayName: "clawfleet", version: "2.0.0", mode: "backend", platform: process.platform },
    });
    await vi.waitFor(() => expect(g.pongs).toBe(2));
    // The connection stays open for the next read.
    await reader.read(["2026-12-01"]);
    expect(g.connects).toHaveLength(1);
    reader.close();
  });

  it("fails with the gateway's reason on a refused connect, and connects again once the gateway closed the socket", async () => {
    const g = await fakeGateway((req, socket) => {
      socket.write(frame(1, Buffer.from(JSON.stringify({ type: "res", id: req.id, ok: true, payload: { aggregates: { byModel: [row("m", 1), { model: 42 }] } } }))));
    });
    gateways.push(g);
    const refused = new GatewayUsageReader({ gatewayUrl: g.url, token: "wrong", device: device(), version: "2.0.0" });
    await expect(refused.read(["2026-12-01"])).rejects.toThrow("unauthorized: gateway token mismatch");
    const reader = new GatewayUsageReader({ gatewayUrl: g.url, token: TOKEN, device: device(), version: "2.0.0" });
    // A malformed entry voids the day's list, as before.
    expect(await reader.read(["2026-12-01"])).toEqual([]);
    g.sockets.at(-1)?.end(frame(8, Buffer.from([0x03, 0xe9])));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await reader.read(["2026-12-01"])).toEqual([]);
    expect(g.connects).toHaveLength(3);
    reader.close();
  });

  it("gives up on a gateway that never answers the handshake", async () => {
    const g = await fakeGateway(() => {});
    gateways.push(g);
    g.server.removeAllListeners("upgrade");
    g.server.on("upgrade", (_req, socket: Socket) => g.sockets.push(socket));
    const reader = new GatewayUsageReader({ gatewayUrl: g.url, token: TOKEN, device: device(), version: "2.0.0", timeoutMs: 200 });
    await expect(reader.read(["2026-12-01"])).rejects.toThrow(/no (WebSocket )?handshake with/);
  });
});
