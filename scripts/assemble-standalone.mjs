#!/usr/bin/env node
// Completes Next.js's standalone output (.next/standalone: the server and only the node_modules it
// needs) into what the Docker image runs: the static assets and public files Next.js leaves out,
// the database migrations applied at start, and the production server with its ingest front.
// The Dockerfile runs it after the build, and the image-equivalent test runs it the same way.
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".next", "standalone");
if (!existsSync(path.join(out, ".next", "BUILD_ID"))) {
  console.error("No standalone build in .next/standalone: run `npm run build` first (next.config.ts has output: \"standalone\").");
  process.exit(1);
}
const copy = (from, to = from) => {
  const source = path.join(root, from);
  if (!existsSync(source)) return;
  rmSync(path.join(out, to), { recursive: true, force: true });
  cpSync(source, path.join(out, to), { recursive: true });
};
copy(".next/static");
copy("public");
copy("supabase/migrations");
copy("scripts/server.mjs");
copy("cli/dist");
copy("cli/package.json");
console.log(`Standalone server assembled in ${path.relative(process.cwd(), out) || "."}: node scripts/server.mjs`);
