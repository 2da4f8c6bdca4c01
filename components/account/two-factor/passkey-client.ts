import { startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { ApiError, apiFetch } from "@/components/api-client";

/** A person-readable reason when the browser's passkey prompt fails (cancelled, timed out, unsupported). */
export function passkeyProblem(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return "The passkey prompt was cancelled or timed out; try again.";
  if (name === "InvalidStateError") return "This passkey is already registered to your account.";
  if (name === "NotSupportedError" || name === "SecurityError") return "This browser or address cannot use passkeys here.";
  return error instanceof Error && error.message ? error.message : "The passkey did not work; try again.";
}

/** Registers a passkey of this device: options from the server, the browser's prompt, the answer back. */
export async function addPasskey(name?: string) {
  const { options } = await apiFetch<{ options: PublicKeyCredentialCreationOptionsJSON }>("/api/me/passkeys/options", { method: "POST" });
  const response = await startRegistration({ optionsJSON: options });
  return apiFetch<{ passkey: { id: string; name: string }; recoveryCodes?: string[] }>("/api/me/passkeys", { body: { response, ...(name ? { name } : {}) } });
}

/** Signs in with a passkey: alone (password-less) or as the second step of a pending sign-in. */
export async function signInWithPasskey(step: "passwordless" | "second-factor") {
  const base = step === "passwordless" ? "/api/auth/passkey" : "/api/auth/two-factor/passkey";
  const { options } = await apiFetch<{ options: PublicKeyCredentialRequestOptionsJSON }>(`${base}/options`, { method: "POST" });
  const response = await startAuthentication({ optionsJSON: options });
  return apiFetch<{ user: { id: string } }>(base, { body: { response } });
}
