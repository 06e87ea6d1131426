/**
 * The `test` and `expect` every spec builds on. An automatic fixture fails any test during which
 * the browser reported a Content Security Policy violation (SECURITY 45): a refused script or
 * style is a page that no longer works as written, whichever spec happens to load it.
 */
import { test as base, expect, type ConsoleMessage } from "@playwright/test";

/** Chromium's wordings: "Refused to execute inline script …", "Executing inline script violates the following Content Security Policy directive …". */
export const CSP_VIOLATION = /Content Security Policy|Refused to (execute|load|apply)/;

export const test = base.extend<{ cspViolations: string[] }>({
  /**
   * Collects violations from every page of the test's browser context (popups included); the test
   * fails at teardown if any arrived. A spec that provokes one on purpose empties the array.
   */
  cspViolations: [
    async ({ context }, provide) => {
      const violations: string[] = [];
      const record = (message: ConsoleMessage) => {
        if (CSP_VIOLATION.test(message.text())) violations.push(`${message.page()?.url() ?? "(no page)"}: ${message.text()}`);
      };
      context.on("console", record);
      await provide(violations);
      context.off("console", record);
      expect(violations, "Content Security Policy violations reported to the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
