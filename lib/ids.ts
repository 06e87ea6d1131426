import { randomUUID } from "node:crypto";

/** Record ids are generated in the app, before insert, so sealed fields can bind to them (SECURITY 7). */
export function newId(): string {
  return randomUUID();
}
