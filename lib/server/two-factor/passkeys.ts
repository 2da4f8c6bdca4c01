import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import type { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { isUuid, type Principal } from "@/lib/auth/context";
import { describeDevice } from "@/lib/auth/device";
import { requireSignedIn } from "@/lib/auth/session-only";
import { passkeyRefusal, signedChallenge, type RelyingParty } from "@/lib/auth/webauthn";
import { db } from "@/lib/db/client";
import type { Passkey, RegistrationCredential } from "@/lib/schemas/two-factor";
import { auditPerson } from "./audit";
import { storeChallenge, takeChallenge } from "./challenges";
import { replaceRecoveryCodes } from "./recovery-codes";
import { hasSecondFactor } from "./status";

export const MAX_PASSKEYS = 20;
type PasskeyRow = { id: string; name: string; created_at: Date; last_used_at: Date | null; backed_up: boolean };
const toPasskey = (r: PasskeyRow): Passkey => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null, backedUp: r.backed_up });

/** A person's WebAuthn user handle: the 16 bytes of their id (no e-mail address on the authenticator). */
export const userHandle = (userId: string) => new Uint8Array(Buffer.from(userId.replace(/-/g, ""), "hex"));

/** Options for navigator.credentials.create: a discoverable credential, so it can sign in without a password too. */
export async function passkeyRegistrationOptions(principal: Principal, rp: RelyingParty) {
  requireSignedIn(principal);
  const sql = await db();
  const existing = await sql<{ credential_id: string; transports: string[] }[]>`
    select credential_id, transports from passkeys where user_id = ${principal.user.id}`;
  if (existing.length >= MAX_PASSKEYS) throw new AppError("conflict", `At most ${MAX_PASSKEYS} passkeys; remove one first`);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: principal.user.email,
    userDisplayName: principal.user.name || principal.user.email,
    userID: userHandle(principal.user.id),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  await storeChallenge(options.challenge, "register", { userId: principal.user.id });
  return options;
}

/** Checks what the authenticator made and keeps its public key; the first second factor comes with recovery codes. */
export async function registerPasskey(
  principal: Principal,
  rp: RelyingParty,
  input: { response: z.infer<typeof RegistrationCredential>; name?: string },
  userAgent: string,
): Promise<{ passkey: Passkey; recoveryCodes?: string[] }> {
  requireSignedIn(principal);
  const userId = principal.user.id;
  const response = input.response as unknown as RegistrationResponseJSON;
  const challenge = signedChallenge(response.response.clientDataJSON);
  await takeChallenge(challenge, "register", { userId });
  let info;
  try {
    const result = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: false });
    if (!result.verified) throw new Error("not verified");
    info = result.registrationInfo;
  } catch (error) {
    throw passkeyRefusal(error, "invalid_request");
  }
  const name = input.name ?? describeDevice(userAgent).slice(0, 100);
  const sql = await db();
  return sql.begin(async (tx) => {
    const first = !(await hasSecondFactor(tx, userId));
    const [row] = await tx<PasskeyRow[]>`
      insert into passkeys (user_id, credential_id, public_key, counter, transports, name, backed_up)
      values (${userId}, ${info.credential.id}, ${Buffer.from(info.credential.publicKey)}, ${info.credential.counter},
        ${info.credential.transports ?? []}, ${name}, ${info.credentialBackedUp})
      on conflict (credential_id) do nothing
      returning id, name, created_at, last_used_at, backed_up`;
    if (!row) throw new AppError("conflict", "This passkey is already registered");
    const [{ count } = { count: 0 }] = await tx<{ count: number }[]>`select count(*)::int as count from passkeys where user_id = ${userId}`;
    if (count > MAX_PASSKEYS) throw new AppError("conflict", `At most ${MAX_PASSKEYS} passkeys; remove one first`);
    await auditPerson(tx, principal, { action: "two_factor.passkey_add", after: { id: row.id, name } });
    const [codes] = await tx`select 1 from recovery_codes where user_id = ${userId} and used_at is null limit 1`;
    return { passkey: toPasskey(row), ...(first && !codes ? { recoveryCodes: await replaceRecoveryCodes(tx, userId) } : {}) };
  });
}

/** The person's passkeys, newest first. */
export async function listPasskeys(principal: Principal): Promise<Passkey[]> {
  requireSignedIn(principal);
  const sql = await db();
  const rows = await sql<PasskeyRow[]>`
    select id, name, created_at, last_used_at, backed_up from passkeys where user_id = ${principal.user.id} order by created_at desc, id`;
  return rows.map(toPasskey);
}

/** Renames one of the person's own passkeys; anyone else's id answers 404. */
export async function renamePasskey(principal: Principal, id: string, name: string): Promise<Passkey> {
  requireSignedIn(principal);
  if (!isUuid(id)) throw notFound("Passkey");
  const sql = await db();
  const [row] = await sql<PasskeyRow[]>`
    update passkeys set name = ${name} where id = ${id} and user_id = ${principal.user.id}
    returning id, name, created_at, last_used_at, backed_up`;
  if (!row) throw notFound("Passkey");
  return toPasskey(row);
}

/** Removes one of the person's own passkeys; with no second factor left, the recovery codes go too. */
export async function removePasskey(principal: Principal, id: string): Promise<void> {
  requireSignedIn(principal);
  if (!isUuid(id)) throw notFound("Passkey");
  const userId = principal.user.id;
  const sql = await db();
  await sql.begin(async (tx) => {
    const [row] = await tx<{ name: string }[]>`delete from passkeys where id = ${id} and user_id = ${userId} returning name`;
    if (!row) throw notFound("Passkey");
    if (!(await hasSecondFactor(tx, userId))) await tx`delete from recovery_codes where user_id = ${userId}`;
    await auditPerson(tx, principal, { action: "two_factor.passkey_remove", before: { id, name: row.name } });
  });
}
