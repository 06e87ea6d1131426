/**
 * The token reads the connector page's server components make (components/tokens), bound to this
 * process's database. Components import no database (lint/layers.mjs), so they call these; the
 * queries keep taking the database as an argument, so tests run them on SQLite and PostgreSQL.
 */
import "server-only";
import { getDb } from "../db";
import { getEventOutcome, getTokenSummary, type ConnectorTokenState, type EventOutcome, type TokenSummaryOptions } from "./queries";

/** What is known about the connector's token; never the token itself (SECURITY 10). */
export function readTokenSummary(connectorId: string, options: TokenSummaryOptions): Promise<ConnectorTokenState> {
  return getTokenSummary(getDb(), connectorId, options);
}

/** The outcome of one flow, for the banner shown after a redirect or button press. */
export function readEventOutcome(connectorId: string, eventId: string): Promise<EventOutcome | null> {
  return getEventOutcome(getDb(), connectorId, eventId);
}
