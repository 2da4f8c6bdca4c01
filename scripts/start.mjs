#!/usr/bin/env node
// `npm start`: builds when the build is missing or older than the sources, then serves it.
// PORT and HOSTNAME are honoured (default 127.0.0.1:3000). Without DATABASE_URL the server
// starts an embedded PostgreSQL with its data under .data/.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { checkSettings } from "./check-settings.mjs";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "public", "supabase", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

// A bad setting stops here, before a build or a listening port.
await checkSettings();

// The agent's one-file build, served to hosts by /install.sh (cli/build.mjs, well under a second);
// it carries the gateway plugin (plugin/), so the plugin's sources count too.
const agentSources = ["cli/src", "cli/package.json", "plugin/src", "plugin/package.json", "plugin/openclaw.plugin.json"];
const agentBuilt = newestMtime(path.join(root, "cli", "dist", "clawfleet.mjs"));
if (agentBuilt < Math.max(...agentSources.map((s) => newestMtime(path.join(root, s)))) || process.env.FORCE_BUILD === "1") {
  const agent = spawnSync(process.execPath, [path.join(root, "cli", "build.mjs")], { cwd: root, stdio: "inherit" });
  if (agent.status !== 0) process.exit(agent.status ?? 1);
}

const buildId = path.join(root, ".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
if (builtAt < sourcesAt || process.env.FORCE_BUILD === "1") {
  console.log(builtAt ? "Sources changed since the last build; building…" : "No build yet; building (once, about a minute)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT || "3000";
const hostname = process.env.HOSTNAME || "127.0.0.1";
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", PORT: port, HOSTNAME: hostname },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", async (code, signal) => {
  await stopEmbeddedPostgres();
  process.exit(code ?? (signal ? 0 : 1));
});

// Whatever way the server ended, the embedded PostgreSQL it started stops with it (fast shutdown).
async function stopEmbeddedPostgres() {
  if (process.env.DATABASE_URL) return;
  const pidFile = path.join(path.resolve(root, process.env.DATA_DIR || ".data"), "postgres", "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
}
