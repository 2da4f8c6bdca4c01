import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeGatewayPort } from "../helpers/gateway-port";

// A real PostgreSQL server from Debian's packages (not the embedded one), run by an unprivileged
// user as the official image runs it, in a scratch directory of its own.

export type Unprivileged = { uid: number; gid: number; setpriv: string[]; own: (file: string) => void };

/** The `nobody` user, and the `setpriv` arguments that run a command as it. */
export function nobody(): Unprivileged {
  const uid = Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" }));
  const gid = Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" }));
  return { uid, gid, setpriv: ["--reuid", String(uid), "--regid", String(gid), "--clear-groups"], own: (file) => chownSync(file, uid, gid) };
}

export type DebianPostgres = {
  /** `postgres://fleet:…@127.0.0.1:port/fleet` */
  url: string;
  port: number;
  password: string;
  /**
   * Stops the server with `pg_ctl -m immediate` (no shutdown checkpoint: a crash, recovered from the
   * WAL) or `fast`, waits `downMs`, then starts it again; without blocking the caller's event loop.
   */
  restart: (mode: "immediate" | "fast", downMs?: number) => Promise<void>;
  /** One query through psql, its output unaligned. */
  psql: (query: string) => string;
  stop: () => void;
};

/** Starts a cluster with a `fleet` user (password `password`) and a `fleet` database. */
export async function startDebianPostgres(password: string): Promise<DebianPostgres> {
  const bin = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(`${d}/initdb`));
  if (!bin) throw new Error("Debian's PostgreSQL server is not installed (apt-get install postgresql; .ci/run does)");
  const user = nobody();
  const work = mkdtempSync(path.join(tmpdir(), "debian-pg-"));
  execFileSync("chmod", ["755", work]);
  const data = path.join(work, "pg");
  const port = await freeGatewayPort();
  execFileSync("mkdir", ["-p", data]);
  user.own(data);
  const pwfile = path.join(work, "pw");
  writeFileSync(pwfile, password);
  user.own(pwfile);
  const asNobody = (command: string, args: string[]) => execFileSync("setpriv", [...user.setpriv, `${bin}/${command}`, ...args], { stdio: "ignore" });
  const startArgs = () => ["-D", data, "-l", path.join(data, "server.log"), "-w", "-o", `-p ${port} -k ${data} -c listen_addresses=127.0.0.1`, "start"];
  const asNobodyAsync = (command: string, args: string[]) => promisify(execFile)("setpriv", [...user.setpriv, `${bin}/${command}`, ...args]);
  const start = () => asNobody("pg_ctl", startArgs());
  asNobody("initdb", ["-D", data, "-U", "fleet", `--pwfile=${pwfile}`, "-A", "scram-sha-256"]);
  start();
  let running = true;
  const psql = (query: string, database = "fleet") =>
    execFileSync("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "fleet", "-d", database, "-Atc", query], { env: { ...process.env, PGPASSWORD: password }, encoding: "utf8" });
  try {
    psql("create database fleet", "postgres");
  } catch (error) {
    asNobody("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://fleet:${encodeURIComponent(password)}@127.0.0.1:${port}/fleet`,
    port,
    password,
    psql,
    async restart(mode, downMs = 0) {
      await asNobodyAsync("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
      await new Promise((r) => setTimeout(r, downMs));
      await asNobodyAsync("pg_ctl", startArgs());
    },
    stop() {
      if (running) asNobody("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
      rmSync(work, { recursive: true, force: true });
    },
  };
}
