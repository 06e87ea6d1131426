import { randomBytes } from "node:crypto";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";

export function testKeyRing(...ids: string[]): KeyRing {
  return parseKeyRing((ids.length ? ids : ["k1"]).map((id) => `${id}:${randomBytes(32).toString("base64")}`).join(","));
}
