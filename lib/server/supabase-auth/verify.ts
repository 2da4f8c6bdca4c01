import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { AppError } from "@/lib/api/errors";

export type SupabaseClaims = JWTPayload & { sub: string; email?: string; session_id?: string; role?: string };
export type VerifierOptions = { issuer: string; jwks: JWTVerifyGetKey; jwtSecret?: string };

const ASYMMETRIC = ["ES256", "RS256", "EdDSA"];
const refused = () => new AppError("unauthorized", "Sign in again: the Supabase session is not valid");

const remoteSets = new Map<string, JWTVerifyGetKey>();

/** The project's signing keys (`<url>/auth/v1/.well-known/jwks.json`), fetched once and cached by jose. */
export function projectJwks(issuer: string): JWTVerifyGetKey {
  let set = remoteSets.get(issuer);
  if (!set) {
    set = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    remoteSets.set(issuer, set);
  }
  return set;
}

/**
 * Verifies a Supabase access token: signed by the project's keys (asymmetric, from its JWKS; HS256
 * only with the legacy secret configured), issued by `<url>/auth/v1` for `authenticated`, unexpired,
 * naming a user. Anything else is refused as signed out.
 */
export async function verifySupabaseToken(token: string, opts: VerifierOptions): Promise<SupabaseClaims> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw refused();
  }
  if (alg === "HS256" && !opts.jwtSecret) throw refused();
  try {
    const common = { issuer: opts.issuer, audience: "authenticated", requiredClaims: ["sub", "exp"], clockTolerance: 5 };
    const { payload } = opts.jwtSecret && alg === "HS256"
      ? await jwtVerify(token, new TextEncoder().encode(opts.jwtSecret), { ...common, algorithms: ["HS256"] })
      : await jwtVerify(token, opts.jwks, { ...common, algorithms: ASYMMETRIC });
    if (typeof payload.sub !== "string" || !/^[0-9a-f-]{36}$/i.test(payload.sub)) throw refused();
    return payload as SupabaseClaims;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Bad signatures, claims and expiry are refusals; a JWKS the project cannot serve is one too,
    // since the token cannot be checked (never trusted unchecked).
    throw refused();
  }
}
