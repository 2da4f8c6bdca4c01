#!/usr/bin/env node
// Builds the agent into one file that Node 20+ runs with nothing else installed:
// cli/dist/clawfleet.mjs (its dependencies bundled), plus its SHA-256 for the install script.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const here = import.meta.dirname;
const outfile = path.join(here, "dist", "clawfleet.mjs");
const { version } = JSON.parse(readFileSync(path.join(here, "package.json"), "utf8"));

// The agent carries the gateway plugin (plugin/) and installs it into the gateway it watches.
const pluginDir = path.join(here, "..", "plugin");
execFileSync(process.execPath, [path.join(pluginDir, "build.mjs")], { stdio: "inherit" });
const pluginFiles = Object.fromEntries(["package.json", "openclaw.plugin.json", "dist/index.js"].map((f) => [f, readFileSync(path.join(pluginDir, f), "utf8")]));
const pluginVersion = JSON.parse(pluginFiles["package.json"]).version;

// Node's built-in modules are loaded with `require`, never through an ES import: Node 22+ builds an ES
// facade of a built-in by reading every export, which runs lazy getters (node:http's WebSocket loads
// undici, node:tls's rootCertificates parses every CA): about 16 MB resident for nothing.
const builtinsByRequire = {
  name: "builtins-by-require",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.namespace === "builtin" ? { path: args.path, external: true } : { path: args.path, namespace: "builtin" },
    );
    b.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
  },
};

await build({
  entryPoints: [path.join(here, "src", "entry.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "none",
  define: { CLAWFLEET_VERSION: JSON.stringify(version), CLAWFLEET_PLUGIN: JSON.stringify({ version: pluginVersion, files: pluginFiles }) },
  // Bundled CommonJS dependencies may require Node's built-ins.
  banner: { js: '#!/usr/bin/env node\nimport { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  logLevel: "warning",
  plugins: [builtinsByRequire],
});
const sha256 = createHash("sha256").update(readFileSync(outfile)).digest("hex");
writeFileSync(`${outfile}.sha256`, `${sha256}  clawfleet.mjs\n`);
console.error(`clawfleet ${version}: ${path.relative(process.cwd(), outfile)} (sha256 ${sha256})`);
