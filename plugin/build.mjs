#!/usr/bin/env node
// Builds the gateway plugin into one file, plugin/dist/index.js. The plugin SDK
// (openclaw/plugin-sdk/*) stays an import: the gateway's loader resolves it to its own copy.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const here = import.meta.dirname;
const outfile = path.join(here, "dist", "index.js");
const { version } = JSON.parse(readFileSync(path.join(here, "package.json"), "utf8"));

await build({
  entryPoints: [path.join(here, "src", "index.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  external: ["openclaw", "openclaw/*"],
  legalComments: "none",
  define: { CLAWFLEET_PLUGIN_VERSION: JSON.stringify(version) },
  logLevel: "warning",
});
const sha256 = createHash("sha256").update(readFileSync(outfile)).digest("hex");
console.error(`clawfleet plugin ${version}: ${path.relative(process.cwd(), outfile)} (sha256 ${sha256})`);
