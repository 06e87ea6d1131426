import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { testKeyRing } from "../support/test-keys";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector, deleteConnector, duplicateConnector } from "@/lib/connectors/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { getConnectorForEdit } from "@/lib/connectors/queries";
import { listConnectors } from "@/lib/connector-admin/queries";
import { unsealField } from "@/lib/secrets/sealed-fields";
import { SYSTEM_ACTOR } from "@/lib/events";
import type { Config } from "@/lib/env";

const ring = testKeyRing("k1");
const config = { keyRing: ring, devAllowLoopback: false } as Config;
const schema = connectorSchema({ allowLoopback: false });
const SECRET = "very-secret-value-123";

function input(overrides: Partial<ConnectorFormValues> = {}) {
  return schema.parse({
    ...defaultConnectorValues(),
    name: "Acme CRM",
    authUrl: "https://auth.acme.example/authorize",
    tokenUrl: "https://auth.acme.example/token",
    clientId: "client-1",
    clientSecret: SECRET,
    scopes: ["read", "offline_access"],
    extras: {
      auth: { headers: [], params: [{ name: "access_type", value: "offline" }] },
      token: {
        headers: [
          { name: "X-Tenant", value: "t1" },
          { name: "X-Trace", value: "on" },
        ],
        params: [{ name: "audience", value: "api" }],
      },
      refresh: { headers: [], params: [] },
    },
    ...overrides,
  });
}

describeEachDatabase("connector service", (ctx) => {
  let id = "";

  it("creates a connector with its extras in order and the secret sealed to the row", async () => {
    const { db } = ctx();
    ({ id } = await createConnector(db, ring, SYSTEM_ACTOR, input()));
    const stored = await db.connector.findUniqueOrThrow({ where: { id } });
    expect(stored.clientSecretEnc).not.toContain(SECRET);
    expect(unsealField(ring, "Connector.clientSecret", id, stored.clientSecretEnc!)).toBe(SECRET);
    const edit = await getConnectorForEdit(db, id);
    expect(edit?.hasClientSecret).toBe(true);
    expect(edit?.values.clientSecret).toBe("");
    expect(edit?.values.extras.token.headers).toEqual([
      { name: "X-Tenant", value: "t1", secret: false },
      { name: "X-Trace", value: "on", secret: false },
    ]);
    expect(edit?.values.extras.auth.params).toEqual([{ name: "access_type", value: "offline", secret: false }]);
    expect(edit?.values.scopes).toEqual(["read", "offline_access"]);
    expect(JSON.stringify(edit)).not.toContain(SECRET);
  });

  it("refuses a duplicate name on the name field", async () => {
    const { db } = ctx();
    await expect(createConnector(db, ring, SYSTEM_ACTOR, input())).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
  });

  it("keeps the secret when an edit leaves it blank, records changed field names only, and bumps the version", async () => {
    const { db } = ctx();
    const before = await db.connector.findUniqueOrThrow({ where: { id } });
    const { changed } = await updateConnector(db, config, SYSTEM_ACTOR, id, input({ clientSecret: "", tokenUrl: "https://auth.acme.example/v2/token" }));
    expect(changed).toEqual(["tokenUrl"]);
    const after = await db.connector.findUniqueOrThrow({ where: { id } });
    expect(after.clientSecretEnc).toBe(before.clientSecretEnc);
    expect(after.configVersion).toBe(before.configVersion + 1);

    await updateConnector(db, config, SYSTEM_ACTOR, id, input({ clientSecret: "replaced-secret", tokenUrl: "https://auth.acme.example/v2/token" }));
    const replaced = await db.connector.findUniqueOrThrow({ where: { id } });
    expect(unsealField(ring, "Connector.clientSecret", id, replaced.clientSecretEnc!)).toBe("replaced-secret");
    const events = await db.event.findMany({ where: { connectorId: id, type: "connector.updated" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => JSON.parse(e.detail).changed)).toEqual([["tokenUrl"], ["clientSecret"]]);
    expect(events.map((e) => e.detail).join()).not.toMatch(/replaced-secret|very-secret/);
  });

  it("duplicates everything except the secret and tokens", async () => {
    const { db } = ctx();
    await db.token.create({ data: { id: `${id}-t`, connectorId: id, accessTokenEnc: "sealed" } });
    const copy = await duplicateConnector(db, SYSTEM_ACTOR, id);
    expect(copy.name).toBe("Acme CRM (copy)");
    const again = await duplicateConnector(db, SYSTEM_ACTOR, id);
    expect(again.name).toBe("Acme CRM (copy 2)");
    const original = await getConnectorForEdit(db, id);
    const duplicate = await getConnectorForEdit(db, copy.id);
    expect(duplicate?.hasClientSecret).toBe(false);
    expect({ ...duplicate?.values, name: "" }).toEqual({ ...original?.values, name: "" });
    expect(await db.token.count({ where: { connectorId: copy.id } })).toBe(0);
    expect((await listConnectors(db)).map((c) => [c.name, c.vendorHost, c.hasToken])).toEqual([
      ["Acme CRM", "auth.acme.example", true],
      ["Acme CRM (copy 2)", "auth.acme.example", false],
      ["Acme CRM (copy)", "auth.acme.example", false],
    ]);
  });

  it("client credentials needs a secret", async () => {
    const { db } = ctx();
    await expect(createConnector(db, ring, SYSTEM_ACTOR, input({ name: "Machine", grantType: "client_credentials", clientSecret: "" }))).rejects.toMatchObject({
      field: "clientSecret",
    });
  });

  it("deletes the connector with its extras and tokens, keeping the audit trail", async () => {
    const { db } = ctx();
    await deleteConnector(db, SYSTEM_ACTOR, id);
    expect(await db.connector.findUnique({ where: { id } })).toBeNull();
    expect(await db.connectorExtra.count({ where: { connectorId: id } })).toBe(0);
    expect(await db.token.count({ where: { connectorId: id } })).toBe(0);
    expect(await db.event.count({ where: { type: "connector.deleted" } })).toBe(1);
  });
});
