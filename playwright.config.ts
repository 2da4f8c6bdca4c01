import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_URL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The production build on a fresh embedded PostgreSQL of its own.
    command: "rm -rf .data/e2e && node scripts/start.mjs",
    url: `${E2E_URL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Alert receivers in the tests are local HTTP servers, which outbound calls otherwise refuse; every
    // spec signs up its own people from one address.
    env: { PORT: String(PORT), HOSTNAME: "127.0.0.1", DATA_DIR: ".data/e2e", EMBEDDED_PG_FAST: "1", ALLOW_PRIVATE_WEBHOOKS: "1", RATE_LIMIT_SIGNUPS_PER_HOUR: "200" },
  },
});
