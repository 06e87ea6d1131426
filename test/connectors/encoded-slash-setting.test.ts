/**
 * The connector setting "Allow encoded slashes (%2F) in proxy paths": off unless chosen, stored,
 * shown again in the edit form, audited by name, copied by Duplicate, and what the proxy reads.
 */
import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { testKeyRing } from "../support/test-keys";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector, duplicateConnector } from "@/lib/connectors/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { getConnectorForEdit } from "@/lib/connectors/queries";
import { connectorAccess } from "@/lib/proxy/access";
import { SYSTEM_ACTOR } from "@/lib/events";
import type { Config } from "@/lib/env";

const ring = testKeyRing("k1");
const config = { keyRing: ring, devAllowLoopback: false } as Config;
const schema = connectorSchema({ allowLoopback: false });

function input(overrides: Partial<ConnectorFormValues> = {}) {
  // Without the setting, as a form built before it existed would send.
  const withoutSetting: Partial<ConnectorFormValues> = defaultConnectorValues();
  delete withoutSetting.allowEncodedSlash;
  return schema.parse({
    ...withoutSetting,
    name: "GitLab",
    grantType: "client_credentials",
    tokenUrl: "https://gitlab.example.com/oauth/token",
    apiBaseUrl: "https://gitlab.example.com/api/v4",
    clientId: "client-1",
    clientSecret: "secret-1",
    ...overrides,
  });
}

describeEachDatabase("encoded slash setting", (ctx) => {
  it("is off by default, even when a form leaves it out", async () => {
    expect(defaultConnectorValues().allowEncodedSlash).toBe(false);
    expect(input().allowEncodedSlash).toBe(false);
    const { db } = ctx();
    const { id } = await createConnector(db, ring, SYSTEM_ACTOR, input());
    expect((await getConnectorForEdit(db, id))?.values.allowEncodedSlash).toBe(false);
    expect((await connectorAccess(db, { connectorId: null }, id)).allowEncodedSlash).toBe(false);
  });

  it("is stored, shown in the edit form, audited by name and copied", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, ring, SYSTEM_ACTOR, input({ name: "GitLab 2" }));
    const { changed } = await updateConnector(db, config, SYSTEM_ACTOR, id, input({ name: "GitLab 2", clientSecret: "", allowEncodedSlash: true }));
    expect(changed).toEqual(["allowEncodedSlash"]);
    expect((await getConnectorForEdit(db, id))?.values.allowEncodedSlash).toBe(true);
    expect((await connectorAccess(db, { connectorId: null }, id)).allowEncodedSlash).toBe(true);
    const copy = await duplicateConnector(db, SYSTEM_ACTOR, id);
    expect((await getConnectorForEdit(db, copy.id))?.values.allowEncodedSlash).toBe(true);
  });
});
