// Validates the settings (lib/env.ts) before anything starts: a missing or malformed one stops the
// process with a message naming it and exit code 1, instead of a server that answers 500s.
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(import.meta.dirname, "..");

export async function checkSettings() {
  const { env } = await tsImport(path.join(root, "lib", "env.ts"), import.meta.url);
  try {
    env();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n\nNot started: fix the settings named above (README, "Settings").\n`);
    process.exit(1);
  }
}
