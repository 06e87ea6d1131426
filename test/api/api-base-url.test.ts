/**
 * Filling an API Base URL template from connection metadata (lib/proxy/api-base-url.ts): what a
 * value may be where it stands, and the checks on the result (SECURITY 41).
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/machine-api/api-error";
import { filledApiBaseUrl, isApiBaseUrlTemplate } from "@/lib/proxy/api-base-url";

const PUBLIC = { allowLoopback: false };
const DEV = { allowLoopback: true };

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected a refusal");
}

describe("filledApiBaseUrl", () => {
  it("fills a leading URL without its trailing slash, and plain names inside", () => {
    expect(filledApiBaseUrl("{instance_url}/services/data/v61.0", { instance_url: "https://acme.my.salesforce.com/" }, PUBLIC)).toBe(
      "https://acme.my.salesforce.com/services/data/v61.0",
    );
    expect(filledApiBaseUrl("{api}/v1", { api: "https://eu.api.example.com/base//" }, PUBLIC)).toBe("https://eu.api.example.com/base/v1");
    expect(filledApiBaseUrl("https://quickbooks.api.intuit.com/v3/company/{realmId}", { realmId: 4620816365 }, PUBLIC)).toBe(
      "https://quickbooks.api.intuit.com/v3/company/4620816365",
    );
    expect(filledApiBaseUrl("https://{site}.example.com/{team.id}/api", { site: "acme-eu", "team.id": "T9_x.y~z" }, PUBLIC)).toBe(
      "https://acme-eu.example.com/T9_x.y~z/api",
    );
    expect(filledApiBaseUrl("{u}/v1", { u: "http://127.0.0.1:8080" }, DEV)).toBe("http://127.0.0.1:8080/v1");
  });

  it("names the missing field, never a value", () => {
    const cases: Record<string, string>[] = [{}, { instance_url: "" }, { instance_url: "   " }, { other: "https://x.example.com" }];
    for (const metadata of cases) {
      const error = refusal(() => filledApiBaseUrl("{instance_url}/services", metadata, PUBLIC));
      expect([error.code, error.status, error.body().field]).toEqual(["api_base_url_incomplete", 409, "instance_url"]);
    }
    // An inherited property is no metadata.
    expect(refusal(() => filledApiBaseUrl("https://x.example.com/{constructor}", {}, PUBLIC)).code).toBe("api_base_url_incomplete");
  });

  it("refuses leading values that are not acceptable vendor URLs", () => {
    const cases = [
      ["http://acme.example.com", PUBLIC],
      ["https://10.0.0.5", PUBLIC],
      ["https://[::1]:8443", PUBLIC],
      ["ftp://acme.example.com", DEV],
      ["javascript:alert(1)", DEV],
      ["https://user:pw@acme.example.com", DEV],
      ["https://acme.example.com#frag", DEV],
      ["https://acme.example.com/?x=1", DEV],
      ["https://acme.example.com?", DEV],
      ["acme.example.com", DEV],
      ["//acme.example.com", DEV],
    ] as const;
    for (const [value, rules] of cases) {
      const error = refusal(() => filledApiBaseUrl("{instance_url}/services", { instance_url: value }, rules));
      expect([error.code, error.body().field], value).toEqual(["api_base_url_refused", "instance_url"]);
      expect(error.message).not.toContain(value);
    }
  });

  it("refuses inner values that would change the URL's structure", () => {
    for (const value of [".", "..", "a/b", "a\\b", "x@evil.example", "evil.example:443", "a?b", "a#b", "a%2Fb", "a b", ".hidden", "trailing.", "a..b"]) {
      const error = refusal(() => filledApiBaseUrl("https://{site}.example.com/{site}", { site: value }, PUBLIC));
      expect([error.code, error.body().field], String(value)).toEqual(["api_base_url_refused", "site"]);
    }
  });

  it("checks the filled URL as a whole", () => {
    // The admin's template is fine with a stand-in, but not with this vendor's value in it.
    const error = refusal(() => filledApiBaseUrl("http://{host}/api", { host: "acme" }, PUBLIC));
    expect([error.code, error.body().field]).toEqual(["api_base_url_refused", undefined]);
  });
});

describe("isApiBaseUrlTemplate", () => {
  it("tells templates from plain URLs", () => {
    expect(isApiBaseUrlTemplate("{instance_url}/services/data/v61.0")).toBe(true);
    expect(isApiBaseUrlTemplate("https://api.example.com/{team.id}")).toBe(true);
    expect(isApiBaseUrlTemplate("https://api.example.com/v1")).toBe(false);
  });
});
