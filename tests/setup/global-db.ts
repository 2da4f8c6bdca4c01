import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { assertLocalDatabase } from "./assert-local-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}

/** One PostgreSQL for the whole run: TEST_DATABASE_URL, or a throw-away embedded cluster. */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "fleet-test-"));
  let stop = async () => {};
  let url = process.env.TEST_DATABASE_URL;
  if (url) {
    assertLocalDatabase(url);
  } else {
    const server = await startEmbeddedPostgres({ dataDir, fast: true });
    url = server.url;
    stop = server.stop;
  }
  project.provide("databaseUrl", url);
  project.provide("dataDir", dataDir);
  return async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
