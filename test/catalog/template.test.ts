import { describe, expect, it } from "vitest";
import { fillTemplate, placeholdersIn } from "@/lib/catalog/template";

describe("placeholdersIn", () => {
  it("lists placeholder names in order of appearance, each once", () => {
    expect(placeholdersIn("https://{tenant}.example.com/{path}/{tenant}")).toEqual(["tenant", "path"]);
  });

  it("reads dotted names (nested token-response fields)", () => {
    expect(placeholdersIn("{instance_url}/teams/{team.id}")).toEqual(["instance_url", "team.id"]);
  });

  it("ignores braces that do not hold a name", () => {
    expect(placeholdersIn("https://example.com/{}/{1st}/{a-b}/{ x }")).toEqual([]);
  });

  it("finds nothing in plain text", () => {
    expect(placeholdersIn("https://login.salesforce.com/services/oauth2/token")).toEqual([]);
  });
});

describe("fillTemplate", () => {
  it("replaces every occurrence of a filled variable", () => {
    expect(fillTemplate("https://{host}/a/{host}", { host: "acme.example.com" })).toBe("https://acme.example.com/a/acme.example.com");
  });

  it("keeps unfilled placeholders, so the URL still says what is missing", () => {
    expect(fillTemplate("https://{auth_host}/{tenant}/authorize", { auth_host: "impl.workday.com" })).toBe("https://impl.workday.com/{tenant}/authorize");
  });

  it("treats an empty or blank value as unfilled", () => {
    expect(fillTemplate("https://{subdomain}.zendesk.com", { subdomain: "" })).toBe("https://{subdomain}.zendesk.com");
    expect(fillTemplate("https://{subdomain}.zendesk.com", { subdomain: "   " })).toBe("https://{subdomain}.zendesk.com");
  });

  it("trims values and inserts them as typed, leaving checks to the schema", () => {
    expect(fillTemplate("https://{okta_domain}/api/v1", { okta_domain: "  dev-123456.okta.com " })).toBe("https://dev-123456.okta.com/api/v1");
    expect(fillTemplate("https://{host}/x", { host: "a b%2F" })).toBe("https://a b%2F/x");
  });

  it("leaves text without placeholders unchanged", () => {
    expect(fillTemplate("https://slack.com/api", { tenant: "contoso" })).toBe("https://slack.com/api");
  });
});
