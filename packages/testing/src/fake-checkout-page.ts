// The page a Checkout Session's `url` points at, so a browser test can "pay": Pay completes the session and
// redirects to success_url, Cancel redirects to cancel_url (the session stays open, as on Stripe).
import type { FakeCheckoutSession } from "./fake-stripe-objects.js";
import type { FakeStripeState } from "./fake-stripe-state.js";

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const PAGE_PATH = /^\/pay\/([^/]+)(?:\/(complete|cancel))?$/;

export function isCheckoutPagePath(path: string): boolean {
  return PAGE_PATH.test(path);
}

export function checkoutPage(state: FakeStripeState, method: string, path: string): PageResponse {
  const [, id = "", action] = PAGE_PATH.exec(path) ?? [];
  const session = state.sessions.get(id);
  if (session === undefined) return html(404, "<h1>No such Checkout Session</h1>");
  if (method === "GET" && action === undefined) return html(200, sessionPage(session));
  if (method !== "POST" || action === undefined) return html(405, "<h1>Method not allowed</h1>");
  if (action === "cancel") return redirect(session.cancel_url);
  if (session.status !== "open") return html(409, `<h1>This Checkout Session is ${escapeHtml(session.status)}</h1>`);
  state.completeSession(id);
  return redirect(session.success_url?.replaceAll("{CHECKOUT_SESSION_ID}", id) ?? null);
}

function sessionPage(session: FakeCheckoutSession): string {
  const amount = `${(session.amount_total / 100).toFixed(2)} ${(session.currency ?? "").toUpperCase()}`;
  const actions =
    session.status === "open"
      ? `<form method="post" action="/pay/${session.id}/complete"><button type="submit">Pay ${escapeHtml(amount)}</button></form>
<form method="post" action="/pay/${session.id}/cancel"><button type="submit">Cancel</button></form>`
      : `<p>This Checkout Session is ${escapeHtml(session.status)}.</p>`;
  return `<!doctype html><html><head><title>Fake Stripe Checkout</title></head><body>
<h1>Fake Stripe Checkout</h1><p>Amount: <output>${escapeHtml(amount)}</output></p>${actions}</body></html>`;
}

function html(status: number, body: string): PageResponse {
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

function redirect(location: string | null): PageResponse {
  if (location === null) return html(200, "<h1>Done</h1>");
  return { status: 303, headers: { location }, body: "" };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
