/**
 * The history reads the connector page's server components make (components/history), bound to
 * this process's database. Components import no database (lint/layers.mjs), so they call these;
 * the queries keep taking the database as an argument, so tests run them on SQLite and PostgreSQL.
 */
import "server-only";
import { getDb } from "../db";
import { listConnectorEvents, refreshStats, type HistoryEvent, type RefreshStats } from "./queries";

/** The connector's newest `limit` events, newest first. */
export function readConnectorEvents(connectorId: string, limit: number): Promise<HistoryEvent[]> {
  return listConnectorEvents(getDb(), connectorId, { limit });
}

/** Refreshes per day for the chart, the last STATS_DAYS days up to `now`. */
export function readRefreshStats(connectorId: string, now: Date): Promise<RefreshStats> {
  return refreshStats(getDb(), connectorId, now);
}
