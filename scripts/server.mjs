#!/usr/bin/env node
// The production HTTP server: Next.js serves every page and API route, except `POST /api/heartbeat`,
// which goes straight to the ingest front (lib/server/heartbeat/front.ts) that the app registers
// when it starts. Heartbeats are most of a fleet's requests; the front answers them with the same
// checks and contract without the router's per-request work. Started by scripts/start.mjs.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "127.0.0.1";
const HEARTBEAT_FRONT = Symbol.for("openclaw-fleet.serveHeartbeat");

// The app starts (lib/server/start.ts: settings, database, migrations) as Next.js prepares, and
// tells us here how that went. Nothing listens until it has succeeded; a failure prints the reason
// (a bad setting is named) and exits with 1.
const started = {};
started.promise = new Promise((resolve, reject) => Object.assign(started, { resolve, reject }));
globalThis[Symbol.for("openclaw-fleet.started")] = started;
// The configuration the build used is in .next/required-server-files.json; it is handed to Next.js as
// its own standalone server.js does, in a checkout and in the Docker image (which has no
// next.config.ts), so the server runs on exactly what was built.
const serverFiles = path.join(root, ".next", "required-server-files.json");
if (existsSync(serverFiles)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(serverFiles, "utf8")).config);
}
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const START_TIMEOUT_MS = 300_000;
const timer = setTimeout(() => started.reject("The app did not finish starting within 5 minutes (database start-up or migrations)."), START_TIMEOUT_MS);
try {
  await started.promise;
  clearTimeout(timer);
} catch (reason) {
  console.error(`\n${reason}\n\nNot started (settings: README, "Settings").\n`);
  process.exit(1);
}

const server = createServer((req, res) => {
  const front = globalThis[HEARTBEAT_FRONT];
  if (front && req.method === "POST" && (req.url === "/api/heartbeat" || req.url?.startsWith("/api/heartbeat?"))) {
    front(req, res).catch((error) => {
      console.error("[heartbeat] front failed", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end('{"error":{"code":"internal","message":"Something went wrong on our side"}}');
    });
    return;
  }
  handle(req, res);
});
// Idle keep-alive connections stay open longer than a proxy's or client's own idle timeout (nginx and
// cloud load balancers use 60 s), so the client, not the server, closes an idle connection: a request
// written just as the server gives up on the socket would otherwise meet a reset.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  console.log(`▲ Ready on http://${hostname}:${port}`);
});

// On SIGINT or SIGTERM: take no new connections and let open requests finish (10 s at most). The
// database pool closes on the same signal (and an embedded PostgreSQL stops; lib/db/client.ts).
let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => setTimeout(() => process.exit(0), 3_000).unref());
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
