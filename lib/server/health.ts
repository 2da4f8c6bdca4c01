import { db } from "@/lib/db/client";

/** True when a trivial query answers within two seconds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const sql = await db();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref());
    await Promise.race([sql`select 1`, timeout]);
    return true;
  } catch {
    return false;
  }
}
