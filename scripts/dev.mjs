#!/usr/bin/env node
// `npm run dev`: the Next.js dev server on HOSTNAME:PORT (default 127.0.0.1:3000).
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const args = ["dev", "--port", process.env.PORT || "3000", "--hostname", process.env.HOSTNAME || "127.0.0.1"];
const server = spawn(process.execPath, [nextBin, ...args], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
