import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { Redis } from "ioredis";
import { freePort } from "./process";

// Upstash's REST front, stood in for: commands arrive as JSON arrays over HTTP (single, or a list on
// /pipeline) with a bearer token, and run on a real Redis server started here on loopback.


type Reply = string | number | null | Reply[];
const encode = (v: Reply): Reply => (typeof v === "string" ? Buffer.from(v).toString("base64") : Array.isArray(v) ? v.map(encode) : v);

export type UpstashStandIn = { url: string; token: string; redis: Redis; requests: () => number; stop: () => Promise<void> };

export async function startUpstashStandIn(): Promise<UpstashStandIn> {
  const redisPort = await freePort();
  const redisProcess: ChildProcess = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const redis = new Redis({ port: redisPort, host: "127.0.0.1", lazyConnect: true, retryStrategy: (n) => (n > 50 ? null : 100) });
  redis.on("error", () => {}); // refused until the server is up; connect() below retries
  for (let i = 0; i < 50; i++) {
    if (await redis.connect().then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const token = "test-upstash-token";
  // Upstash's scripts carry a shebang flag of its own that plain Redis refuses; it is dropped here,
  // and EVALSHA of the original script's hash runs the adapted script.
  const scripts = new Map<string, string>();
  const adapt = (script: string) => {
    const adapted = script.replace(/^#!lua flags=allow-key-locking\n?/, "#!lua\n");
    scripts.set(createHash("sha1").update(script).digest("hex"), adapted);
    return adapted;
  };
  let count = 0;
  const run = async (command: unknown): Promise<{ result?: Reply; error?: string }> => {
    if (!Array.isArray(command) || typeof command[0] !== "string") return { error: "ERR malformed command" };
    try {
      const [rawName, ...rest] = command as [string, ...unknown[]];
      const name = rawName.toUpperCase();
      const args = rest.map(String);
      if (name === "EVAL" && args[0]) return { result: (await redis.call("EVAL", adapt(args[0]), ...args.slice(1))) as Reply };
      if (name === "SCRIPT" && args[0]?.toUpperCase() === "LOAD" && args[1]) {
        adapt(args[1]);
        return { result: createHash("sha1").update(args[1]).digest("hex") };
      }
      if (name === "EVALSHA" && args[0]) {
        const script = scripts.get(args[0]);
        if (!script) return { error: "NOSCRIPT No matching script. Please use EVAL." };
        return { result: (await redis.call("EVAL", script, ...args.slice(1))) as Reply };
      }
      return { result: (await redis.call(name, ...args)) as Reply };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      count++;
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "Unauthorized" }));
        return;
      }
      const base64 = req.headers["upstash-encoding"] === "base64";
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
      const shape = (r: { result?: Reply; error?: string }) => (r.error ? r : { result: base64 ? encode(r.result ?? null) : r.result });
      const pipeline = req.url?.startsWith("/pipeline") || req.url?.startsWith("/multi-exec");
      const out = pipeline && Array.isArray(body) ? await Promise.all(body.map(async (c) => shape(await run(c)))) : shape(await run(body));
      const failed = !Array.isArray(out) && "error" in out && out.error;
      res.writeHead(failed ? 400 : 200, { "content-type": "application/json" }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    token,
    redis,
    requests: () => count,
    stop: async () => {
      await new Promise((r) => server.close(r));
      redis.disconnect();
      const exited = new Promise((r) => redisProcess.once("exit", r));
      redisProcess.kill("SIGTERM");
      await exited;
    },
  };
}
