import { randomUUID } from "node:crypto";
import type { GatewayDevice } from "./gateway-device";
import { publicKeyRaw, signPayload } from "./gateway-device";
import { isRecord } from "./guards";
import { WsConnection } from "./ws-client";

const PROTOCOL_VERSION = 4;
const MAX_PAYLOAD = 25 * 1024 * 1024;
const CLIENT = { id: "gateway-client", mode: "backend", role: "operator" } as const;

export type GatewayRpcOptions = {
  gatewayUrl: string;
  token: string;
  device: GatewayDevice;
  version: string;
  scopes: string[];
  timeoutMs: number;
  /** The connection ended (the gateway went away, or close() was called). */
  onClose?: () => void;
};

type Pending = { resolve: (payload: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** OpenClaw's device-auth payload (v3) the connect request's signature covers; metadata in ASCII lower case. */
export function deviceAuthPayload(p: { deviceId: string; scopes: string[]; signedAtMs: number; token: string; nonce: string; platform: string }): string {
  const lower = (value: string) => value.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
  return ["v3", p.deviceId, CLIENT.id, CLIENT.mode, CLIENT.role, p.scopes.join(","), String(p.signedAtMs), p.token, p.nonce, lower(p.platform), ""].join("|");
}

/**
 * A connection to the gateway's WebSocket protocol (v4): the server's `connect.challenge`, the
 * `connect` request signed with this agent's device key (operator role, the given scopes), then
 * requests answered by id.
 */
export class GatewayRpc {
  private readonly pending = new Map<string, Pending>();
  private ws: WsConnection | null = null;
  private closed = false;
  private challenged: (payload: unknown) => void = () => {};
  private abandoned: (error: Error) => void = () => {};
  serverVersion: string | undefined;

  private constructor(private readonly options: GatewayRpcOptions) {}

  static async connect(options: GatewayRpcOptions): Promise<GatewayRpc> {
    const rpc = new GatewayRpc(options);
    const seconds = options.timeoutMs / 1000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no handshake with the gateway within ${seconds} s`)), options.timeoutMs);
    });
    try {
      return await Promise.race([rpc.handshake(), deadline]);
    } catch (error) {
      rpc.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  request(method: string, params: unknown, timeoutMs = this.options.timeoutMs): Promise<unknown> {
    const ws = this.ws;
    if (!ws || this.closed) return Promise.reject(new Error("gateway connection closed"));
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`gateway request timeout for ${method} after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ type: "req", id, method, params }));
    });
  }

  close(): void {
    this.ws?.close();
    this.ended(new Error("gateway connection closed"));
  }

  private async handshake(): Promise<GatewayRpc> {
    const challenge = new Promise<unknown>((resolve, reject) => {
      this.challenged = resolve;
      this.abandoned = reject;
    });
    // Awaited only once the socket is open; a failure before that must not go unhandled.
    challenge.catch(() => {});
    const ws = await WsConnection.open(this.options.gatewayUrl.replace(/^http/, "ws"), { timeoutMs: this.options.timeoutMs, maxPayload: MAX_PAYLOAD }, {
      message: (text) => this.receive(text),
      closed: (error) => this.ended(error),
    });
    this.ws = ws;
    // Given up on (timed out) while the socket was being opened.
    if (this.closed) ws.close();
    const hello = await this.request("connect", this.connectParams(await challenge));
    const server = isRecord(hello) && isRecord(hello.server) ? hello.server : {};
    this.serverVersion = typeof server.version === "string" ? server.version : undefined;
    return this;
  }

  private connectParams(challenge: unknown): Record<string, unknown> {
    const nonce = isRecord(challenge) && typeof challenge.nonce === "string" ? challenge.nonce.trim() : "";
    if (!nonce) throw new Error("gateway connect challenge missing nonce");
    const signedAtMs = isRecord(challenge) ? challenge.ts : undefined;
    if (typeof signedAtMs !== "number" || !Number.isSafeInteger(signedAtMs) || signedAtMs < 0) throw new Error("gateway connect challenge timestamp invalid");
    const { device, token, scopes, version } = this.options;
    const platform = process.platform;
    const payload = deviceAuthPayload({ deviceId: device.deviceId, scopes, signedAtMs, token, nonce, platform });
    return {
      minProtocol: PROTOCOL_VERSION,
      maxProtocol: PROTOCOL_VERSION,
      client: { id: CLIENT.id, displayName: "clawfleet", version, platform, mode: CLIENT.mode },
      caps: [],
      auth: { token },
      role: CLIENT.role,
      scopes,
      device: { id: device.deviceId, publicKey: publicKeyRaw(device.publicKeyPem), signature: signPayload(device.privateKeyPem, payload), signedAt: signedAtMs, nonce },
    };
  }

  private receive(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(frame)) return;
    if (frame.type === "event" && frame.event === "connect.challenge") this.challenged(frame.payload);
    if (frame.type !== "res" || typeof frame.id !== "string") return;
    const pending = this.pending.get(frame.id);
    if (!pending) return;
    this.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.ok === true) pending.resolve(frame.payload);
    else pending.reject(new Error(isRecord(frame.error) && typeof frame.error.message === "string" ? frame.error.message : "request failed"));
  }

  private ended(error: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.abandoned(error);
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
    this.options.onClose?.();
  }
}
