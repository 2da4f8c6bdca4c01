import Stripe from "stripe";
import { AppError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { billingEnabled } from "./plans";

let client: { key: string; stripe: Stripe } | undefined;

export const billingOff = () => new AppError("conflict", "Billing is off on this server (self-hosted): nothing is limited");

/** The Stripe client for the configured key (and STRIPE_API_BASE, when set); billing must be on. */
export function stripe(): Stripe {
  const settings = env();
  const secret = settings.STRIPE_SECRET_KEY;
  if (!billingEnabled(settings) || !secret) throw billingOff();
  const key = `${secret}|${settings.STRIPE_API_BASE ?? ""}`;
  if (client?.key === key) return client.stripe;
  const base = settings.STRIPE_API_BASE ? new URL(settings.STRIPE_API_BASE) : undefined;
  const stripe = new Stripe(secret, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "OpenClaw Fleet" },
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === "http:" ? 80 : 443), protocol: base.protocol === "http:" ? "http" : "https" } : {}),
  });
  client = { key, stripe };
  return stripe;
}

/** Calls Stripe; its failures become one message for the client (the detail is logged, not leaked). */
export async function callStripe<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error(`[billing] Stripe ${what} failed:`, error instanceof Error ? error.message : error);
    throw new AppError("internal", `The payment provider did not answer the ${what}; try again shortly`);
  }
}
