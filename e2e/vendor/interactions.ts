// The end-user part of the authorization code flow. oidc-provider stops at /interaction/:uid
// whenever it needs a login or a consent and waits for interactionFinished(); these handlers
// either show a form for it (autoApprove off, for Playwright) or answer it at once (autoApprove
// on, for tests that follow redirects without a browser).
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { InteractionDetails } from "oidc-provider";
import { renderConsentPage, renderLoginPage } from "./interaction-pages";
import { parseBody, readBody } from "./request-body";

/** The account that autoApprove signs in, and the login form's prefilled username. */
export const DEFAULT_ACCOUNT_ID = "alice";

const INTERACTION_PATH = /^\/interaction\/([^/]+)(?:\/(login|consent))?$/;

/** Where oidc-provider sends the browser; must match the routes handled below. */
export function interactionUrl(uid: string): string {
  return `/interaction/${uid}`;
}

export type InteractionHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/** Returns a handler that serves interaction routes and reports false for any other path. */
export function createInteractionHandler(provider: Provider, { autoApprove }: { autoApprove: boolean }): InteractionHandler {
  return async (req, res, url) => {
    const match = INTERACTION_PATH.exec(url.pathname);
    if (!match) return false;
    const [, uid = "", action] = match;
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) {
        sendText(res, 400, "this interaction is not the one in progress in this browser");
      } else if (req.method === "GET" && action === undefined) {
        await (autoApprove ? approve(provider, req, res, details, DEFAULT_ACCOUNT_ID) : showPrompt(res, details));
      } else if (req.method === "POST" && action === details.prompt.name) {
        await submitForm(provider, req, res, details);
      } else {
        sendText(res, 400, `cannot ${req.method ?? "?"} ${url.pathname} while the ${details.prompt.name} prompt is open`);
      }
    } catch (error) {
      // Typically SessionNotFound: the interaction cookie is missing or the interaction expired.
      sendText(res, 400, `interaction failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return true;
  };
}

async function approve(provider: Provider, req: IncomingMessage, res: ServerResponse, details: InteractionDetails, accountId: string): Promise<void> {
  if (details.prompt.name === "login") {
    // mergeWithLastSubmission false: a fresh login replaces any earlier result.
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  } else if (details.prompt.name === "consent") {
    const grantId = await grantEverythingRequested(provider, details);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  } else {
    sendText(res, 400, `unsupported prompt ${details.prompt.name}`);
  }
}

function showPrompt(res: ServerResponse, details: InteractionDetails): void {
  const clientId = details.params.client_id ?? "unknown client";
  if (details.prompt.name === "login") {
    sendHtml(res, renderLoginPage({ uid: details.uid, clientId }));
  } else if (details.prompt.name === "consent") {
    const scopes = details.params.scope?.split(" ").filter(Boolean) ?? [];
    sendHtml(res, renderConsentPage({ uid: details.uid, clientId, scopes }));
  } else {
    sendText(res, 400, `unsupported prompt ${details.prompt.name}`);
  }
}

async function submitForm(provider: Provider, req: IncomingMessage, res: ServerResponse, details: InteractionDetails): Promise<void> {
  const form = parseBody(await readBody(req), req.headers["content-type"]);
  if (details.prompt.name === "login") {
    const username = form.username?.trim();
    if (!username) {
      sendText(res, 400, "a username is required");
      return;
    }
    await approve(provider, req, res, details, username);
  } else if (form.decision === "allow") {
    await approve(provider, req, res, details, details.session?.accountId ?? DEFAULT_ACCOUNT_ID);
  } else {
    // RFC 6749 §4.1.2.1: the resource owner denied the request -> error=access_denied.
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "the user denied the authorization request" },
      { mergeWithLastSubmission: false },
    );
  }
}

/** Creates or extends the user's grant with every scope, claim and resource scope still missing. */
async function grantEverythingRequested(provider: Provider, details: InteractionDetails): Promise<string> {
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (!accountId || !clientId) throw new Error("consent needs a signed-in user and a client");

  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(" "));
  }
  return grant.save();
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}
