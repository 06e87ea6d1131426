"use client";

import { TextField } from "./controls";
import { WriteOnlyField } from "./write-only-field";

/**
 * An API key: sealed and write-only (SECURITY 43), placed by the "Add auth data to" rules that
 * follow it, in the header the admin names (ApiKeyHeaderField).
 */
export function ApiKeyField() {
  return (
    <WriteOnlyField
      name="apiKey"
      label="API key"
      setText="An API key is set"
      required
      help="From the vendor's admin console. Stored encrypted and never shown again; sync workers get it from the token endpoint, and the proxy adds it to their calls."
    />
  );
}

/** Kandji: Authorization with the prefix Bearer; many others X-Api-Key with no prefix. */
export function ApiKeyHeaderField() {
  return (
    <TextField
      name="apiKeyHeader"
      label="Header Name"
      required
      help="The request header that carries the key: Authorization for most vendors, or the vendor's own, like X-Api-Key."
    />
  );
}

/** User name and password, both sealed and write-only; sent as Authorization: Basic (RFC 7617). */
export function BasicAuthFields() {
  return (
    <>
      <WriteOnlyField
        name="basicUsername"
        label="User name"
        setText="A user name is set"
        required
        help="Stored encrypted and never shown again. Some vendors take the API key here (Freshservice: the API key as user name, X as password)."
      />
      <WriteOnlyField
        name="basicPassword"
        label="Password"
        setText="A password is set"
        required
        help="Stored encrypted and never shown again. Sent as Authorization: Basic with the user name (RFC 7617)."
      />
    </>
  );
}
