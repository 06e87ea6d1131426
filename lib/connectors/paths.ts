/**
 * Where each part of a connector lives in the console. The connector page is four tabs, each its
 * own URL so a link can point at one. Links to a tab, and the redirects that carry an outcome
 * (`?event=`) or a one-time note, build their path here.
 */
export const CONNECTOR_TABS = {
  overview: { label: "Overview", segment: "" },
  configuration: { label: "Configuration", segment: "/configuration" },
  test: { label: "Test", segment: "/test" },
  history: { label: "History", segment: "/history" },
} as const;

export type ConnectorTab = keyof typeof CONNECTOR_TABS;

/**
 * `/connectors/{id}` (Overview) or `/connectors/{id}/{tab}`, with an optional query
 * (`{ event }` for an outcome on Overview, `{ created: "1" }` for a one-time note).
 */
export function connectorPath(id: string, tab: ConnectorTab = "overview", query?: Record<string, string>): string {
  const path = `/connectors/${encodeURIComponent(id)}${CONNECTOR_TABS[tab].segment}`;
  const search = query ? new URLSearchParams(query).toString() : "";
  return search ? `${path}?${search}` : path;
}
