import { AppError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import type { User } from "@/lib/schemas/auth";
import { toUser } from "./signup";

/** Renames the caller (any text, stored verbatim). */
export async function updateProfile(principal: Principal, input: { name: string }): Promise<User> {
  const sql = await db();
  const [row] = await sql<{ id: string; email: string; name: string; created_at: Date }[]>`
    update users set name = ${input.name}, updated_at = now() where id = ${principal.user.id}
    returning id, email, name, created_at`;
  if (!row) throw new AppError("unauthorized", "The account no longer exists");
  return toUser(row);
}
