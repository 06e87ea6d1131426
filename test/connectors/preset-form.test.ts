import { describe, expect, it } from "vitest";
import { presetById } from "@/lib/catalog";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { fieldsFromPreset, followPreset, genericFilledValues, presetDifferences, presetFilledValues } from "@/lib/connectors/preset-values";

const schema = connectorSchema({ allowLoopback: false });
const entra = presetById("microsoft-entra-id")!;

function errorsOf(values: ConnectorFormValues): Record<string, string[]> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

/** The form after choosing Microsoft Entra ID on a blank new-connector page. */
function chosen(tenant: string): ConnectorFormValues {
  const start = defaultConnectorValues();
  const filled = presetFilledValues(entra, { tenant });
  return {
    ...start,
    ...followPreset(start, genericFilledValues(), filled),
    name: "Entra",
    clientId: "app-id",
    clientSecret: "s",
    presetId: entra.id,
    presetVersion: entra.version,
    presetVariables: { tenant },
  };
}

describe("a preset in the connector form", () => {
  it("fills the form from the preset, with the template variable still visible while it is empty", () => {
    const values = chosen("");
    expect(values.grantType).toBe("client_credentials");
    expect(values.tokenUrl).toBe("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token");
    expect(values.scopes).toEqual(["https://graph.microsoft.com/.default"]);
  });

  it("refuses to save while a URL still holds {tenant}, naming the variable on the URL and on the variable's field", () => {
    const errors = errorsOf(chosen(""));
    expect(errors.tokenUrl).toEqual(["Enter the Tenant ({tenant}): the Access Token URL still contains {tenant}"]);
    expect(errors.authUrl).toEqual(["Enter the Tenant ({tenant}): the Auth URL still contains {tenant}"]);
    expect(errors["presetVariables.tenant"]).toEqual(["Enter the Tenant"]);
  });

  it("names a placeholder in a generic connector by itself", () => {
    const values = { ...chosen(""), presetId: "", presetVariables: {} };
    expect(errorsOf(values).tokenUrl).toEqual(["Enter {tenant}: the Access Token URL still contains {tenant}"]);
  });

  it("saves once the variable is filled, and refuses a variable value that could change the URL's shape", () => {
    expect(errorsOf(chosen("contoso.onmicrosoft.com"))).toEqual({});
    const sneaky = { ...chosen("contoso"), presetVariables: { tenant: "evil.example/x?" } };
    expect(errorsOf(sneaky)["presetVariables.tenant"]).toEqual(["Use letters, digits, dots, hyphens and underscores only"]);
  });

  it("refills the URLs as the variable is typed, but never a field the admin edited", () => {
    const before = presetFilledValues(entra, { tenant: "conto" });
    const after = presetFilledValues(entra, { tenant: "contoso" });
    const current = { ...chosen("conto"), refreshUrl: "https://custom.example/refresh", authUrl: "https://admin-typed.example/authorize" };
    const updates = followPreset(current, before, after);
    expect(updates.tokenUrl).toBe("https://login.microsoftonline.com/contoso/oauth2/v2.0/token");
    expect(updates).not.toHaveProperty("authUrl");
    expect(updates).not.toHaveProperty("refreshUrl");
  });

  it("switching back to the generic form clears what the preset filled and keeps what the admin typed", () => {
    const current = { ...chosen("contoso"), apiBaseUrl: "https://graph.microsoft.com/beta" };
    const updates = followPreset(current, presetFilledValues(entra, { tenant: "contoso" }), genericFilledValues());
    expect(updates.tokenUrl).toBe("");
    expect(updates.grantType).toBe("authorization_code");
    expect(updates).not.toHaveProperty("apiBaseUrl");
  });

  it("marks the non-empty values that came from the preset, and stops marking a value once edited", () => {
    const values = chosen("contoso");
    const filled = presetFilledValues(entra, { tenant: "contoso" });
    const marks = fieldsFromPreset(values, filled);
    expect(marks.has("tokenUrl")).toBe(true);
    expect(marks.has("scopes")).toBe(true);
    expect(marks.has("refreshUrl")).toBe(false);
    expect(fieldsFromPreset({ ...values, tokenUrl: "https://other.example/token" }, filled).has("tokenUrl")).toBe(false);
  });

  it("compares a saved connector with the current preset field by field", () => {
    const saved = { ...chosen("contoso"), apiBaseUrl: "https://graph.microsoft.com/beta", scopes: ["User.Read.All"] };
    const differences = presetDifferences(saved, entra, { tenant: "contoso" });
    expect(differences.map((d) => d.field)).toEqual(["apiBaseUrl", "scopes"]);
    expect(differences[0]).toEqual({ field: "apiBaseUrl", saved: "https://graph.microsoft.com/beta", preset: "https://graph.microsoft.com/v1.0" });
  });

  it("accepts an API Base URL template only over kept metadata fields, checked with a stand-in origin", () => {
    const base = { ...chosen("contoso"), apiBaseUrl: "{instance_url}/services/data/v61.0" };
    expect(errorsOf(base).apiBaseUrl).toEqual([
      "{instance_url} is not a kept connection metadata field: add it under Connection metadata, or write the URL in full",
    ]);
    const kept = { ...base, metadataFields: [{ source: "token" as const, name: "instance_url", sensitive: false }] };
    expect(errorsOf(kept)).toEqual({});
    expect(errorsOf({ ...kept, apiBaseUrl: "http://{instance_url}/x" }).apiBaseUrl).toEqual(["Only https:// URLs are allowed"]);
  });

  it("refuses an unknown-looking preset id and a metadata field listed twice", () => {
    expect(errorsOf({ ...chosen("contoso"), presetId: "../../etc" }).presetId).toEqual(["Unknown vendor preset"]);
    const twice = {
      ...chosen("contoso"),
      metadataFields: [
        { source: "token" as const, name: "team.id" },
        { source: "token" as const, name: "team.id" },
      ],
    };
    expect(errorsOf(twice)["metadataFields.1.name"]).toEqual(["team.id is listed twice"]);
  });
});
