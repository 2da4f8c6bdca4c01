import { createHash } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/auth/context";
import { loadAgentKey, type AgentKey } from "./keys";

export const AUDIENCE = "clawfleet";
const MAX_LIFETIME_S = 300;
const CLOCK_SKEW_S = 30;

export type VerifiedHeartbeat = { agent: AgentKey; jti: string; expiresAt: Date };

const unauthorized = (message: string) => new AppError("unauthorized", message);

/**
 * Checks the bearer JWT of a heartbeat: EdDSA only, signed by the agent's registered key, for our
 * audience, at most 300 s long, not issued in the future, with a jti, and bound to the raw body.
 */
export async function verifyHeartbeat(authorization: string | null, rawBody: Buffer): Promise<VerifiedHeartbeat> {
  const token = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? "")?.[1];
  if (!token) throw unauthorized("Missing or malformed bearer token");
  let sub: unknown;
  try {
    if (decodeProtectedHeader(token).alg !== "EdDSA") throw unauthorized("Only EdDSA tokens are accepted");
    sub = decodeJwt(token).sub;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unauthorized("Malformed token");
  }
  if (typeof sub !== "string" || !isUuid(sub)) throw unauthorized("Unknown agent");
  let agent = await loadAgentKey(sub);
  if (!agent) throw unauthorized("Unknown agent");
  if (agent.revoked) agent = (await loadAgentKey(sub, true)) ?? agent;
  if (agent.revoked || !agent.key) {
    if (agent.revoked) throw new AppError("forbidden", "This agent's key has been revoked; pair the host again");
    throw unauthorized("This agent is not paired");
  }
  const payload = await verifyWith(token, agent).catch(async (error: unknown) => {
    // The key may have changed since it was cached (re-paired): look again once.
    if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw error;
    const fresh = await loadAgentKey(sub, true);
    if (!fresh?.key) throw fresh?.revoked ? new AppError("forbidden", "This agent's key has been revoked") : error;
    agent = fresh;
    return verifyWith(token, fresh);
  }).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw unauthorized(error instanceof errors.JWTExpired ? "Token expired" : "Invalid token signature or claims");
  });
  const { iat, exp, jti } = payload;
  if (typeof iat !== "number" || typeof exp !== "number") throw unauthorized("iat and exp are required");
  if (exp - iat > MAX_LIFETIME_S) throw unauthorized(`Tokens may live at most ${MAX_LIFETIME_S} s`);
  if (iat > Date.now() / 1000 + CLOCK_SKEW_S) throw unauthorized("Token issued in the future");
  if (typeof jti !== "string" || jti.length < 8 || jti.length > 128) throw unauthorized("jti is required");
  const digest = createHash("sha256").update(rawBody).digest("base64url");
  if (payload.body_sha256 !== digest) throw unauthorized("body_sha256 does not match the body");
  return { agent, jti, expiresAt: new Date(exp * 1000) };
}

async function verifyWith(token: string, agent: AgentKey) {
  if (!agent.key) throw unauthorized("No key");
  const { payload } = await jwtVerify(token, agent.key, {
    algorithms: ["EdDSA"],
    audience: AUDIENCE,
    subject: agent.agentId,
    clockTolerance: CLOCK_SKEW_S,
    requiredClaims: ["iat", "exp", "jti"],
  });
  return payload;
}
