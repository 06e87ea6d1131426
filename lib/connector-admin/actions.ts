"use server";
/**
 * The connector pages' actions. Here rather than in lib/connectors because updating and deleting
 * reach the token lifecycle and the machine API, which are built on lib/connectors.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getConfig } from "../env";
import { getDb } from "../db";
import { sessionAction } from "../auth/action";
import { connectorIdSchema, connectorSchema, SIGNING_ALGORITHMS } from "../connectors/schema";
import { createConnector, deleteConnector, duplicateConnector } from "../connectors/service";
import { discoverIssuer, discoveryInputSchema } from "../connectors/discovery";
import { generateConnectorKeyPair } from "../connectors/key-pair";
import { jwksUrlOf } from "../connectors/jwks";
import { disconnectConnector } from "../tokens/disconnect";
import { updateConnector } from "./service";

function formSchema() {
  return connectorSchema({ allowLoopback: getConfig().devAllowLoopback });
}

export const createConnectorAction = sessionAction("admin", z.lazy(formSchema), async (input, { actor }) => {
  const config = getConfig();
  const created = await createConnector(getDb(), config.keyRing, actor, input);
  revalidatePath("/connectors");
  return created;
});

export const updateConnectorAction = sessionAction(
  "admin",
  z.object({ id: connectorIdSchema.shape.id, values: z.lazy(formSchema) }),
  async ({ id, values }, { actor }) => {
    const result = await updateConnector(getDb(), getConfig(), actor, id, values);
    revalidatePath("/connectors");
    revalidatePath(`/connectors/${id}`);
    return result;
  },
);

export const duplicateConnectorAction = sessionAction("admin", connectorIdSchema, async ({ id }, { actor }) => {
  const copy = await duplicateConnector(getDb(), actor, id);
  revalidatePath("/connectors");
  return copy;
});

export const deleteConnectorAction = sessionAction("admin", connectorIdSchema, async ({ id }, { actor }) => {
  // SECURITY 6: revoke at the vendor before the ciphertext goes; "deleting" first, so nothing mints a token meanwhile.
  await disconnectConnector(getDb(), getConfig(), actor, id, { deleting: true });
  await deleteConnector(getDb(), actor, id);
  revalidatePath("/connectors");
});

/** Reads the issuer's metadata for the form (nothing is stored); fetched through the outbound guard (SECURITY 12–14). */
export const discoverIssuerAction = sessionAction(
  "admin",
  z.lazy(() => discoveryInputSchema({ allowLoopback: getConfig().devAllowLoopback })),
  async ({ issuerUrl }) => discoverIssuer(issuerUrl, getConfig()),
);

/** Generate key pair: the private key is made and sealed on the server; only the public JWK comes back (SECURITY 44). */
export const generateKeyPairAction = sessionAction(
  "admin",
  z.object({ id: connectorIdSchema.shape.id, alg: z.enum(SIGNING_ALGORITHMS) }),
  async ({ id, alg }, { actor }) => {
    const config = getConfig();
    const publicJwk = await generateConnectorKeyPair(getDb(), config.keyRing, actor, id, alg);
    revalidatePath(`/connectors/${id}`);
    return { publicJwk, jwksUrl: jwksUrlOf(config.publicUrl, id) };
  },
);
