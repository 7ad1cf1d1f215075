import { TaegisOptionsError } from "../../errors/TaegisOptionsError.js";
import { escapeHtml, parseFields, sendHtml } from "../http.js";
import type { SandboxState } from "../state.js";
import type { AuthRequest } from "./authRequest.js";
import { approveDeviceCode, denyDeviceCode } from "./deviceCodeDecisions.js";

const page = (title: string, content: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Taegis sandbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}code{font-size:1.4rem}button{margin:.5rem .5rem 0 0}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${content}
</body></html>
`;

function enterCodePage(action: string): string {
  return page(
    "Device login",
    `<form method="get" action="${escapeHtml(action)}">
<label>User code <input name="user_code" autocomplete="off" autofocus></label>
<button type="submit">Continue</button>
</form>`,
  );
}

function decisionPage(action: string, userCode: string, state: SandboxState): string {
  const options = state.users
    .map((user) => `<option value="${escapeHtml(user.username)}">${escapeHtml(user.username)}</option>`)
    .join("");
  return page(
    "Device login",
    `<p>A device asks to sign in with the code</p><p><code>${escapeHtml(userCode)}</code></p>
<form method="post" action="${escapeHtml(action)}" id="approve">
<input type="hidden" name="user_code" value="${escapeHtml(userCode)}">
<input type="hidden" name="action" value="approve">
<label>Sign in as <select name="username">${options}</select></label>
<button type="submit">Approve</button>
</form>
<form method="post" action="${escapeHtml(action)}" id="deny">
<input type="hidden" name="user_code" value="${escapeHtml(userCode)}">
<input type="hidden" name="action" value="deny">
<button type="submit">Deny</button>
</form>`,
  );
}

/**
 * The verification URI, `/universal-auth/device`: GET shows the code with an
 * Approve form (choosing a seeded user) and a Deny form; both POST back here
 * as form fields `user_code`, `action` (`approve` or `deny`) and `username`.
 */
export function handleVerificationPage({ runtime, prefixUrl, req, res, body, query }: AuthRequest): void {
  const action = `${prefixUrl}/universal-auth/device`;
  const { state } = runtime;
  if (req.method === "GET") {
    const userCode = query.get("user_code");
    if (userCode === null || userCode.trim() === "") {
      sendHtml(res, 200, enterCodePage(action));
      return;
    }
    const record = state.findDeviceCodeByUserCode(userCode);
    if (record === undefined) {
      sendHtml(res, 404, page("Unknown code", "<p>No device login has this code. Check the code and try again.</p>"));
    } else if (record.expiresAt <= Date.now()) {
      sendHtml(res, 410, page("Code expired", "<p>This code has expired. Start the login on the device again.</p>"));
    } else if (record.state !== "pending") {
      sendHtml(res, 409, page("Already settled", `<p>This device login is already ${escapeHtml(record.state)}.</p>`));
    } else {
      sendHtml(res, 200, decisionPage(action, record.userCode, state));
    }
    return;
  }
  const fields = parseFields(body, req.headers["content-type"]) ?? {};
  const userCode = typeof fields["user_code"] === "string" ? fields["user_code"] : "";
  const username = typeof fields["username"] === "string" && fields["username"] !== "" ? fields["username"] : undefined;
  try {
    if (fields["action"] === "deny") {
      denyDeviceCode(state, userCode);
      sendHtml(res, 200, page("Device denied", "<p>The device will not be signed in. You can close this window.</p>"));
    } else if (fields["action"] === "approve") {
      approveDeviceCode(state, userCode, username);
      sendHtml(res, 200, page("Device approved", "<p>The device is signed in. You can close this window.</p>"));
    } else {
      sendHtml(res, 400, page("Bad request", "<p>Choose Approve or Deny.</p>"));
    }
  } catch (error) {
    const message = error instanceof TaegisOptionsError ? error.message : "The device login could not be updated.";
    sendHtml(res, 400, page("Cannot update the device login", `<p>${escapeHtml(message)}</p>`));
  }
}
