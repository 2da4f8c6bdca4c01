// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded server.
import { createPool, resolveDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

async function main() {
  const { url, embedded } = await resolveDatabase();
  const sql = createPool(url, 1);
  try {
    const result = await migrate(sql);
    for (const name of result.applied) console.log(`applied ${name}`);
    console.log(`${result.applied.length} applied, ${result.skipped} already up to date.`);
  } finally {
    await sql.end({ timeout: 5 });
    if (embedded?.owned) await embedded.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
