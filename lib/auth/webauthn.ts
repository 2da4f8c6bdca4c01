import { AppError } from "@/lib/api/errors";
import { publicOrigin } from "./request";

export type RelyingParty = { id: string; name: string; origin: string };

/**
 * This server as a WebAuthn relying party: its RP ID is the host name people reach it at (APP_URL,
 * else the request's public origin), and assertions must come from exactly that origin.
 */
export function relyingParty(req: Request): RelyingParty {
  const origin = publicOrigin(req);
  return { id: new URL(origin).hostname, name: "OpenClaw Fleet", origin };
}

/** The challenge a browser signed, read from the clientDataJSON it sent (verified in full by the library). */
export function signedChallenge(clientDataJSON: string): string {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    if (typeof data.challenge === "string" && /^[A-Za-z0-9_-]{16,200}$/.test(data.challenge)) return data.challenge;
  } catch {
    // Falls through to the error below.
  }
  throw new AppError("invalid_request", "The passkey's answer is malformed", [{ path: "response", message: "clientDataJSON is not valid" }]);
}

/** The library's refusals, as messages a person (and a security reviewer) can act on. */
export function passkeyRefusal(error: unknown, code: "unauthorized" | "invalid_request" = "unauthorized"): AppError {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  let message = "The passkey could not be verified";
  if (/origin/i.test(reason)) message = "The passkey answered for another site (wrong origin)";
  else if (/rp ?id/i.test(reason)) message = "The passkey belongs to another site (wrong RP ID)";
  else if (/counter/i.test(reason)) message = "The passkey's signature counter went backwards; it may have been copied, so it is refused";
  else if (/user verification|user presence/i.test(reason)) message = "The passkey did not verify you (PIN or biometrics required)";
  else if (/signature/i.test(reason)) message = "The passkey's signature is not valid";
  return new AppError(code, message, code === "invalid_request" ? [{ path: "response", message: reason }] : { reason });
}

export const CHALLENGE_REFUSED = "The passkey answered a challenge this server did not issue, or one already used or expired; try again";
