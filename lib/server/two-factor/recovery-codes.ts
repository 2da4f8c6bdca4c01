import { createHash, randomInt } from "node:crypto";
import type { Sql, Tx } from "@/lib/db/client";

export const RECOVERY_CODE_COUNT = 10;
// 16 characters of a 32-letter alphabet (80 bits), shown as four groups: too many to guess or to
// search offline, so a plain SHA-256 (bound to the person) is enough at rest, as for other tokens.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i
const GROUPS = 4;
const GROUP = 4;
export const RECOVERY_CODE = /^[a-z0-9]{4}(-?[a-z0-9]{4}){3}$/i;

export function newRecoveryCode(): string {
  const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
  return groups.join("-");
}

/** The stored form: case, spaces and dashes do not matter; the same code of another person hashes apart. */
export function hashRecoveryCode(userId: string, code: string): Buffer {
  const normal = code.toLowerCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(`${userId}:${normal}`).digest();
}

/** Replaces a person's recovery codes with ten new ones, returned once. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx`delete from recovery_codes where user_id = ${userId}`;
  for (const code of codes) await tx`insert into recovery_codes (user_id, code_hash) values (${userId}, ${hashRecoveryCode(userId, code)})`;
  return codes;
}

/** Uses a recovery code: true once per code, false for a wrong or used one. */
export async function useRecoveryCode(tx: Tx | Sql, userId: string, code: string): Promise<boolean> {
  if (!RECOVERY_CODE.test(code.trim())) return false;
  const rows = await tx`
    update recovery_codes set used_at = now()
    where user_id = ${userId} and code_hash = ${hashRecoveryCode(userId, code.trim())} and used_at is null
    returning id`;
  return rows.length === 1;
}
