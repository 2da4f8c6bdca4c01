import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export type Exited = { code: number | null; stdout: string; stderr: string; listened: boolean };

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true))).once("error", () => resolve(false));
  });

/** Runs a command to its end (or kills it after `timeoutMs`), noting whether anything listened on `port` meanwhile. */
export async function runToExit(args: string[], env: NodeJS.ProcessEnv, port: number, timeoutMs = 60_000): Promise<Exited> {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  let listened = false;
  const watch = setInterval(() => void answers(port).then((up) => (listened ||= up)), 100);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearInterval(watch);
  clearTimeout(timer);
  return { code, stdout, stderr, listened: listened || (await answers(port)) };
}

export type Server = { url: string; process: ChildProcess; startedInMs: number };

/** `npm start` (scripts/start.mjs) on `port` with extra settings, once /api/health answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const began = Date.now();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", EMBEDDED_PG_FAST: "1", ...env },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { url, process: child, startedInMs: Date.now() - began };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error("server did not become healthy within 60 s");
}

/** Stops a server from startServer and waits for it to exit. */
export async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  await exited;
}
