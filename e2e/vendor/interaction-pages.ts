// The vendor's login, consent and error pages: plain HTML forms with real labels and buttons so
// Playwright can drive them by role and name (getByLabel("Username"), getByRole("button", ...)).
// No scripts, styles or external assets: they must render in an offline browser.

export function renderLoginPage({ uid, clientId }: { uid: string; clientId: string }): string {
  return page(
    "Sign in to Test Vendor",
    `<p>Sign in to continue to <strong>${escapeHtml(clientId)}</strong>.</p>
    <form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
      <label for="username">Username</label>
      <input id="username" name="username" type="text" value="alice" autocomplete="username" required>
      <button type="submit">Sign in</button>
    </form>`,
  );
}

export function renderConsentPage({ uid, clientId, scopes }: { uid: string; clientId: string; scopes: string[] }): string {
  const scopeList = scopes.length ? `<ul>${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join("")}</ul>` : "<p>No specific scopes were requested.</p>";
  return page(
    "Authorize access",
    `<p><strong>${escapeHtml(clientId)}</strong> is asking for access to your account.</p>
    <h2>Requested scopes</h2>
    ${scopeList}
    <form method="post" action="/interaction/${encodeURIComponent(uid)}/consent">
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>`,
  );
}

export function renderErrorPage(fields: Record<string, unknown>): string {
  const rows = Object.entries(fields)
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(String(value))}</dd>`)
    .join("");
  return page("Test Vendor error", `<dl>${rows}</dl>`);
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
${content}
</main></body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
