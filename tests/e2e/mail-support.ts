import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { waitFor } from "./support";

// Mail in end-to-end tests: an SMTP server in the test process, and an extra production server
// (scripts/server.mjs) on the e2e database that sends to it through SMTP_URL. A test waits for a
// mail to an address and takes a link out of it.
export { startSmtpServer, linkIn, parseMail, type ReceivedMail, type SmtpStandIn } from "../helpers/smtp";

/** Ports for this spec's own servers, away from the e2e server's (E2E_PORT) and other specs'. */
export const mailPorts = (offset = 40) => {
  const base = Number(process.env.E2E_PORT ?? 3210);
  return { smtp: base + offset, app: base + offset + 1 };
};

export type AppServer = { url: string; process: ChildProcess; log: string[]; stop: () => Promise<void> };

/** The e2e server's database and secrets (DATA_DIR .data/e2e), shared by every extra server. */
function e2eSettings() {
  const dir = path.resolve(".data/e2e");
  const port = readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  const password = readFileSync(path.join(dir, "postgres-password"), "utf8").trim();
  const secrets = JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")) as Record<string, string>;
  return { DATABASE_URL: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, ...secrets };
}

/** Starts scripts/server.mjs on 127.0.0.1:`port`, on the e2e database, mailing through `smtpUrl`. */
export async function startAppWithMail(port: number, smtpUrl: string, env: Record<string, string> = {}): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...process.env, NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: url, DATA_DIR: ".data/e2e-mail",
      SCHEDULER: "off", SMTP_URL: smtpUrl, SMTP_FROM: "OpenClaw Fleet <fleet@example.test>", ...e2eSettings(), ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => log.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => log.push(c.toString()));
  await waitFor("the mail server's app", async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${log.join("")}`);
    return (await fetch(`${url}/api/health`).catch(() => null))?.ok ? true : undefined;
  }, 120_000);
  const stop = async () => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid, "SIGTERM");
    await exited;
  };
  return { url, process: child, log, stop };
}
