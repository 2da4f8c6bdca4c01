import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
} from "@simplewebauthn/server";
import { AppError } from "@/lib/api/errors";
import { passkeyRefusal, signedChallenge, type RelyingParty } from "@/lib/auth/webauthn";
import { db, type Tx } from "@/lib/db/client";
import { enforceLimits } from "@/lib/rate-limit";
import type { User } from "@/lib/schemas/auth";
import { createSession, type NewSession } from "../accounts/sessions";
import { toUser } from "../accounts/signup";
import { auditPerson } from "./audit";
import { storeChallenge, takeChallenge } from "./challenges";
import { PENDING_EXPIRED, findPendingSignIn, finishPendingSignIn, type Pending } from "./pending";
import { useRecoveryCode } from "./recovery-codes";
import { TWO_FACTOR_LIMITS, takeTotpCode, wrongCode } from "./step-up";
import { TOTP_CODE } from "./totp";

type Meta = { ip: string; userAgent: string };
type SignedIn = { user: User; session: NewSession };

async function pendingOrThrow(token: string | undefined): Promise<Pending> {
  const pending = await findPendingSignIn(token);
  if (!pending) throw new AppError("unauthorized", PENDING_EXPIRED);
  await enforceLimits([{ key: `2fa:account:${pending.userId}`, rule: TWO_FACTOR_LIMITS.account }]);
  return pending;
}

async function openSession(tx: Tx, userId: string, meta: Meta, gone: string): Promise<SignedIn> {
  const [user] = await tx<{ id: string; email: string; name: string; created_at: Date }[]>`
    select id, email, name, created_at from users where id = ${userId}`;
  if (!user) throw new AppError("unauthorized", gone);
  return { user: toUser(user), session: await createSession(tx, user.id, meta) };
}

/** Ends a pending sign-in with a session, once, in the caller's transaction. */
async function finish(tx: Tx, pending: Pending, meta: Meta): Promise<SignedIn> {
  if (!(await finishPendingSignIn(tx, pending.id))) throw new AppError("unauthorized", PENDING_EXPIRED);
  return openSession(tx, pending.userId, meta, PENDING_EXPIRED);
}

/** The second step with a code: one from the authenticator app (once per time step) or a recovery code (once). */
export async function signInWithCode(pendingToken: string | undefined, code: string, meta: Meta): Promise<SignedIn> {
  const pending = await pendingOrThrow(pendingToken);
  const sql = await db();
  return sql.begin(async (tx) => {
    if (TOTP_CODE.test(code)) {
      if (!(await takeTotpCode(tx, pending.userId, code, { confirmed: true }))) throw wrongCode();
      return finish(tx, pending, meta);
    }
    if (!(await useRecoveryCode(tx, pending.userId, code))) throw wrongCode();
    const signedIn = await finish(tx, pending, meta);
    const [{ left } = { left: 0 }] = await tx<{ left: number }[]>`select count(*)::int as left from recovery_codes where user_id = ${pending.userId} and used_at is null`;
    await auditPerson(tx, { user: signedIn.user, ip: meta.ip }, { action: "two_factor.recovery_code_use", after: { recoveryCodesLeft: left } });
    return signedIn;
  });
}

type CredentialRow = { id: string; user_id: string; credential_id: string; public_key: Buffer; counter: string; transports: string[] };

/** Options for navigator.credentials.get: the pending person's passkeys, or (password-less) any discoverable one. */
export async function passkeySignInOptions(rp: RelyingParty, pendingToken?: string) {
  const sql = await db();
  if (pendingToken === undefined) {
    const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "required" });
    await storeChallenge(options.challenge, "sign_in", {});
    return options;
  }
  const pending = await findPendingSignIn(pendingToken);
  if (!pending) throw new AppError("unauthorized", PENDING_EXPIRED);
  const credentials = await sql<{ credential_id: string; transports: string[] }[]>`
    select credential_id, transports from passkeys where user_id = ${pending.userId}`;
  if (credentials.length === 0) throw new AppError("conflict", "You have no passkey; use a code from your app or a recovery code");
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "preferred",
    allowCredentials: credentials.map((c) => ({ id: c.credential_id, transports: c.transports as never })),
  });
  await storeChallenge(options.challenge, "second_factor", { userId: pending.userId, pendingId: pending.id });
  return options;
}

/** Checks an assertion against the stored key and moves the signature counter on (compare-and-set). */
async function verifyAssertion(tx: Tx, rp: RelyingParty, response: AuthenticationResponseJSON, challenge: string, requireUserVerification: boolean, userId?: string) {
  const [row] = await tx<CredentialRow[]>`
    select id, user_id, credential_id, public_key, counter, transports from passkeys
    where credential_id = ${response.id} ${userId ? tx`and user_id = ${userId}` : tx``} for update`;
  if (!row) throw new AppError("unauthorized", "This passkey is not registered here (or was removed)");
  if (response.response.userHandle && response.response.userHandle !== Buffer.from(row.user_id.replace(/-/g, ""), "hex").toString("base64url")) {
    throw new AppError("unauthorized", "The passkey names another person than the one it is registered to");
  }
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification,
      credential: { id: row.credential_id, publicKey: new Uint8Array(row.public_key), counter: Number(row.counter), transports: row.transports as never },
    });
    if (!result.verified) throw new Error("signature not verified");
    newCounter = result.authenticationInfo.newCounter;
  } catch (error) {
    throw passkeyRefusal(error);
  }
  await tx`update passkeys set counter = ${newCounter}, last_used_at = now() where id = ${row.id}`;
  return row.user_id;
}

/** The second step with a passkey of the pending person. */
export async function signInWithPasskeySecondFactor(pendingToken: string | undefined, rp: RelyingParty, response: AuthenticationResponseJSON, meta: Meta): Promise<SignedIn> {
  const pending = await pendingOrThrow(pendingToken);
  const challenge = signedChallenge(response.response.clientDataJSON);
  await takeChallenge(challenge, "second_factor", { userId: pending.userId, pendingId: pending.id });
  const sql = await db();
  return sql.begin(async (tx) => {
    await verifyAssertion(tx, rp, response, challenge, false, pending.userId);
    return finish(tx, pending, meta);
  });
}

// Password-less attempts per address: each costs a signature check.
export const PASSKEY_LIMITS = { address: { limit: 30, windowS: 15 * 60 } };

/** Password-less: a discoverable passkey that verified the person (PIN or biometrics) opens a session by itself. */
export async function signInWithPasskey(rp: RelyingParty, response: AuthenticationResponseJSON, meta: Meta): Promise<SignedIn> {
  await enforceLimits([{ key: `passkey:address:${meta.ip}`, rule: PASSKEY_LIMITS.address }]);
  const challenge = signedChallenge(response.response.clientDataJSON);
  await takeChallenge(challenge, "sign_in", {});
  const sql = await db();
  return sql.begin(async (tx) => {
    const userId = await verifyAssertion(tx, rp, response, challenge, true);
    return openSession(tx, userId, meta, "This passkey is not registered here (or was removed)");
  });
}
