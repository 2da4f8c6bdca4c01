import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/api/errors";

export type AgentBuild = { version: string; sha256: string; size: number; bytes: Buffer; nodeFlags: string[] };

const CLI_DIR = path.join(process.cwd(), "cli");
const BUILD_FILE = path.join(CLI_DIR, "dist", "clawfleet.mjs");
let cached: { mtimeMs: number; build: AgentBuild } | undefined;

/**
 * The agent's one-file build (cli/dist/clawfleet.mjs, made by cli/build.mjs when the server is
 * built) with its version and SHA-256, read once and again only when the file changes.
 */
export async function agentBuild(): Promise<AgentBuild> {
  const info = await stat(BUILD_FILE).catch(() => null);
  if (!info) throw new AppError("not_found", "The agent build is missing on this server: run `npm run build` (or `node cli/build.mjs`) and try again");
  if (cached?.mtimeMs === info.mtimeMs) return cached.build;
  const [bytes, manifest, flags] = await Promise.all([
    readFile(BUILD_FILE),
    readFile(path.join(CLI_DIR, "package.json"), "utf8"),
    readFile(path.join(CLI_DIR, "node-flags.json"), "utf8"),
  ]);
  const { version } = JSON.parse(manifest) as { version: string };
  const nodeFlags = (JSON.parse(flags) as unknown[]).filter((f): f is string => typeof f === "string" && /^--[a-z0-9-]+(=[0-9]+)?$/.test(f));
  const build = { version, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, bytes, nodeFlags };
  cached = { mtimeMs: info.mtimeMs, build };
  return build;
}
