import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jwtVerify, type JWTPayload } from "jose";
import postgres from "postgres";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * A stand-in for Supabase Realtime (no Supabase project is reachable from tests): a local WebSocket
 * server speaking Realtime's Phoenix protocol as @supabase/realtime-js uses it, on the path a project
 * serves (`/realtime/v1/websocket?apikey=…&vsn=1.0.0|2.0.0`): phx_join with `config.private` and
 * `access_token`, phx_reply, heartbeats, phx_leave, access_token updates, and broadcasts.
 *
 * Like Realtime it authorises a private join against the database: the token is verified with the
 * project's JWT secret; then, in a transaction it rolls back, it stores a broadcast message for the
 * topic, takes the token's role with its claims in request.jwt.claims and realtime.topic set, and
 * lets the join through only if RLS lets that role select the message. Public channels are refused,
 * as in a project whose Realtime settings allow private channels only. It is fed from the same
 * database: new rows of realtime.messages (what realtime.send stores) go to the sockets that joined
 * their topic, where Realtime would read them from its replication stream.
 */
/** Each join, and each token update of a joined channel, with the stand-in's answer. */
export type StandInJoin = { topic: string; sub: string | null; ok: boolean; reason?: string };
export type RealtimeStandIn = { url: string; joins: StandInJoin[]; delivered: number; close: () => Promise<void> };

type Frame = { joinRef: string | null; ref: string | null; topic: string; event: string; payload: Record<string, unknown> };
type Joined = { socket: WebSocket; vsn: string; joinRef: string | null; topic: string; claims: JWTPayload };

const POLL_MS = 50;

export async function startRealtimeStandIn(opts: { anonKey: string; jwtSecret: string; databaseUrl: string }): Promise<RealtimeStandIn> {
  const sql = postgres(opts.databaseUrl, { max: 2, onnotice: () => {} });
  const secret = new TextEncoder().encode(opts.jwtSecret);
  const joined = new Set<Joined>();
  const standIn: RealtimeStandIn = { url: "", joins: [], delivered: 0, close: async () => {} };

  const verify = async (token: unknown) => {
    if (typeof token !== "string") throw new Error("InvalidJWTToken: no access token");
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"], requiredClaims: ["exp", "role"] }).catch((error: unknown) => {
      throw new Error(`InvalidJWTToken: ${error instanceof Error ? error.message : String(error)}`);
    });
    return payload;
  };

  // Realtime's read check: store a message for the topic, then select it as the token's role.
  const mayRead = async (topic: string, claims: JWTPayload) =>
    sql.begin(async (tx) => {
      const [message] = await tx<{ id: string }[]>`insert into realtime.messages (topic, extension) values (${topic}, 'broadcast') returning id`;
      await tx`select set_config('role', ${String(claims.role)}, true), set_config('realtime.topic', ${topic}, true),
        set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('request.headers', '{}', true)`;
      const rows = await tx`select id from realtime.messages where topic = ${topic} and extension = 'broadcast' and id = ${message?.id ?? null}`;
      throw new Rollback(rows.length > 0);
    }).catch((outcome: unknown) => {
      if (outcome instanceof Rollback) return outcome.allowed;
      throw outcome;
    });

  const send = (socket: WebSocket, vsn: string, frame: Frame) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(vsn === "2.0.0" ? JSON.stringify([frame.joinRef, frame.ref, frame.topic, frame.event, frame.payload]) : JSON.stringify({ join_ref: frame.joinRef, ref: frame.ref, topic: frame.topic, event: frame.event, payload: frame.payload }));
  };
  const reply = (socket: WebSocket, vsn: string, f: Frame, status: "ok" | "error", response: Record<string, unknown>) =>
    send(socket, vsn, { joinRef: f.joinRef, ref: f.ref, topic: f.topic, event: "phx_reply", payload: { status, response } });

  const refuse = (member: Joined, message: string) => {
    joined.delete(member);
    send(member.socket, member.vsn, { joinRef: member.joinRef, ref: null, topic: member.topic, event: "system", payload: { message, status: "error", extension: "system", channel: member.topic.replace(/^realtime:/, "") } });
    send(member.socket, member.vsn, { joinRef: member.joinRef, ref: null, topic: member.topic, event: "phx_close", payload: {} });
  };

  const join = async (socket: WebSocket, vsn: string, f: Frame) => {
    const subtopic = f.topic.replace(/^realtime:/, "");
    const config = (f.payload.config ?? {}) as { private?: boolean };
    let claims: JWTPayload | null = null;
    try {
      if (!config.private) throw new Error("PrivateOnly: This project only allows private channels");
      claims = await verify(f.payload.access_token);
      if (!(await mayRead(subtopic, claims))) throw new Error(`Unauthorized: You do not have permissions to read from this Channel topic: ${subtopic}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      standIn.joins.push({ topic: subtopic, sub: claims?.sub ?? null, ok: false, reason });
      return reply(socket, vsn, f, "error", { reason });
    }
    standIn.joins.push({ topic: subtopic, sub: claims.sub ?? null, ok: true });
    joined.add({ socket, vsn, joinRef: f.joinRef, topic: f.topic, claims });
    reply(socket, vsn, f, "ok", { postgres_changes: [] });
  };

  // A new token is checked as a join is: a person removed from the team meanwhile is closed out.
  const refreshToken = async (f: Frame, member: Joined | undefined) => {
    if (!member) return;
    const topic = member.topic.replace(/^realtime:/, "");
    let claims: JWTPayload | null = null;
    try {
      claims = await verify(f.payload.access_token);
      if (!(await mayRead(topic, claims))) throw new Error(`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`);
      member.claims = claims;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      standIn.joins.push({ topic, sub: claims?.sub ?? null, ok: false, reason });
      refuse(member, reason);
    }
  };

  const handle = async (socket: WebSocket, vsn: string, f: Frame) => {
    const member = [...joined].find((j) => j.socket === socket && j.topic === f.topic);
    if (f.topic === "phoenix" && f.event === "heartbeat") return reply(socket, vsn, f, "ok", {});
    if (f.event === "phx_join") return join(socket, vsn, f);
    if (f.event === "access_token") return refreshToken(f, member);
    if (f.event === "phx_leave") {
      if (member) joined.delete(member);
      reply(socket, vsn, f, "ok", {});
      return send(socket, vsn, { joinRef: f.joinRef, ref: null, topic: f.topic, event: "phx_close", payload: {} });
    }
    reply(socket, vsn, f, "error", { reason: `${f.event} is not supported by the stand-in` });
  };

  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const vsn = url.searchParams.get("vsn") ?? "1.0.0";
    if (url.pathname !== "/realtime/v1/websocket" || url.searchParams.get("apikey") !== opts.anonKey || !["1.0.0", "2.0.0"].includes(vsn)) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on("message", (data, isBinary) => {
        if (isBinary) return; // client broadcasts (binary pushes) are not part of what the app does
        const frame = decode(data.toString(), vsn);
        if (frame) void handle(ws, vsn, frame).catch(() => reply(ws, vsn, frame, "error", { reason: "stand-in failure" }));
      });
      ws.on("close", () => {
        for (const member of joined) if (member.socket === ws) joined.delete(member);
      });
    });
  });

  // The feed: messages stored since the stand-in started, each delivered once, in the order stored.
  const seen = new Set<string>();
  let since = (await sql<{ now: string }[]>`select localtimestamp::text as now`)[0]?.now ?? "epoch";
  let stopped = false;
  const poll = async () => {
    const rows = await sql<{ id: string; topic: string; event: string | null; payload: unknown; private: boolean; at: string }[]>`
      select id, topic, event, payload, private, inserted_at::text as at from realtime.messages
      where extension = 'broadcast' and inserted_at >= ${since}::timestamp - interval '30 seconds' order by inserted_at, id`;
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      for (const member of joined) {
        if (member.topic !== `realtime:${row.topic}` || !row.private) continue;
        standIn.delivered++;
        deliver(member, row.event ?? "", row.payload);
      }
    }
    const newest = rows.at(-1)?.at;
    if (newest && newest > since) since = newest;
  };
  const loop = async () => {
    while (!stopped) {
      await poll().catch(() => {});
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const polling = loop();

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.close = async () => {
    stopped = true;
    await polling;
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sql.end({ timeout: 2 });
  };
  return standIn;
}

class Rollback extends Error {
  constructor(readonly allowed: boolean) {
    super("rollback");
  }
}

function decode(text: string, vsn: string): Frame | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (vsn === "2.0.0" && Array.isArray(parsed)) {
      const [joinRef, ref, topic, event, payload] = parsed as [string | null, string | null, string, string, Record<string, unknown>];
      return { joinRef, ref, topic, event, payload: payload ?? {} };
    }
    const m = parsed as { join_ref?: string | null; ref?: string | null; topic: string; event: string; payload?: Record<string, unknown> };
    return { joinRef: m.join_ref ?? null, ref: m.ref ?? null, topic: m.topic, event: m.event, payload: m.payload ?? {} };
  } catch {
    return null;
  }
}

/** A broadcast as Realtime pushes it: for vsn 2.0.0 the binary user-broadcast frame, else JSON. */
function deliver(member: Joined, event: string, payload: unknown) {
  if (member.socket.readyState !== member.socket.OPEN) return;
  if (member.vsn !== "2.0.0") {
    member.socket.send(JSON.stringify({ join_ref: null, ref: null, topic: member.topic, event: "broadcast", payload: { type: "broadcast", event, payload } }));
    return;
  }
  const topic = Buffer.from(member.topic);
  const name = Buffer.from(event);
  const body = Buffer.from(JSON.stringify(payload));
  // kind 4 (user broadcast), topic, event and metadata lengths, encoding 1 (JSON); then the parts.
  const header = Buffer.from([4, topic.length, name.length, 0, 1]);
  member.socket.send(Buffer.concat([header, topic, name, body]), { binary: true });
}
