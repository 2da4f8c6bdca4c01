import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Stripe's API (tests cannot reach Stripe): the official `stripe` client is pointed
 * at it through STRIPE_API_BASE. It checks the documented protocol — `Authorization: Bearer <secret
 * key>`, form-encoded bodies, the required fields of each call — and answers Stripe-shaped JSON for
 * customers, Checkout sessions, billing-portal sessions and the invoice list. Anything else answers
 * Stripe's error shape, so a wrong request fails the test rather than passing by accident.
 */
export type StripeRequest = { method: string; path: string; form: Record<string, string> };
export type StripeStandIn = {
  url: string;
  requests: StripeRequest[];
  invoices: Map<string, object[]>;
  close: () => Promise<void>;
};

let serial = 0;
const id = (prefix: string) => `${prefix}_standin${(++serial).toString().padStart(6, "0")}`;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => resolve(data));
  });
}

const REQUIRED: Record<string, string[]> = {
  "POST /v1/customers": ["metadata[team_id]"],
  "POST /v1/checkout/sessions": ["mode", "customer", "client_reference_id", "line_items[0][price]", "line_items[0][quantity]", "success_url", "cancel_url"],
  "POST /v1/billing_portal/sessions": ["customer", "return_url"],
  "GET /v1/invoices": ["customer"],
};

function answer(route: string, form: Record<string, string>, standIn: StripeStandIn): [number, object] {
  const now = Math.floor(Date.now() / 1000);
  switch (route) {
    case "POST /v1/customers":
      return [200, { id: id("cus"), object: "customer", created: now, email: form.email ?? null, name: form.name ?? null, metadata: { team_id: form["metadata[team_id]"] }, livemode: false }];
    case "POST /v1/checkout/sessions": {
      if (form.mode !== "subscription") return [400, { error: { type: "invalid_request_error", param: "mode", message: "expected a subscription" } }];
      const session = id("cs_test");
      return [200, { id: session, object: "checkout.session", mode: "subscription", customer: form.customer, client_reference_id: form.client_reference_id, status: "open", url: `https://checkout.stripe.test/c/pay/${session}`, livemode: false }];
    }
    case "POST /v1/billing_portal/sessions": {
      const session = id("bps");
      return [200, { id: session, object: "billing_portal.session", customer: form.customer, return_url: form.return_url, url: `https://billing.stripe.test/p/session/${session}`, livemode: false }];
    }
    case "GET /v1/invoices":
      return [200, { object: "list", url: "/v1/invoices", has_more: false, data: standIn.invoices.get(form.customer ?? "") ?? [] }];
    default:
      return [404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${route})` } }];
  }
}

/** Starts the stand-in on a free local port; `secretKey` is the only key it accepts. */
export async function startStripeStandIn(secretKey: string): Promise<StripeStandIn> {
  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const route = `${req.method ?? ""} ${url.pathname}`;
      const send = (status: number, payload: object) => res.writeHead(status, { "content-type": "application/json", "request-id": id("req") }).end(JSON.stringify(payload));
      if (req.headers.authorization !== `Bearer ${secretKey}`) return send(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      const isPost = req.method === "POST";
      if (isPost && !String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) {
        return send(400, { error: { type: "invalid_request_error", message: "expected a form-encoded body" } });
      }
      const form = Object.fromEntries(new URLSearchParams(isPost ? body : url.search));
      standIn.requests.push({ method: req.method ?? "", path: url.pathname, form });
      const missing = (REQUIRED[route] ?? []).find((field) => !form[field]);
      if (missing) return send(400, { error: { type: "invalid_request_error", param: missing, message: `Missing required param: ${missing}.` } });
      const [status, payload] = answer(route, form, standIn);
      send(status, payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const standIn: StripeStandIn = {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    invoices: new Map(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return standIn;
}
