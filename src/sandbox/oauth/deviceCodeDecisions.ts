import { TaegisOptionsError } from "../../errors/TaegisOptionsError.js";
import type { DeviceCodeRecord, SandboxState } from "../state.js";

function pendingCode(state: SandboxState, userCode: string): DeviceCodeRecord {
  const record = state.findDeviceCodeByUserCode(userCode);
  if (record === undefined) {
    throw new TaegisOptionsError("invalid_option", "userCode", "No device code has this user code: use the user_code of a device authorization of this sandbox.");
  }
  if (record.state !== "pending") {
    throw new TaegisOptionsError("invalid_option", "userCode", `This device code is no longer pending (it is ${record.state}).`);
  }
  if (record.expiresAt <= Date.now()) {
    throw new TaegisOptionsError("invalid_option", "userCode", "This device code has expired: start a new device authorization.");
  }
  return record;
}

/**
 * Approves a pending device code as `username` (default: the first seeded user).
 * @throws TaegisOptionsError for an unknown, expired or settled code, or an unknown user.
 */
export function approveDeviceCode(state: SandboxState, userCode: string, username?: string): void {
  const record = pendingCode(state, userCode);
  const user = username === undefined ? state.users[0] : state.findUser(username);
  if (user === undefined) {
    throw new TaegisOptionsError("invalid_option", "username", `No seeded user is named ${JSON.stringify(username)}.`);
  }
  record.state = "approved";
  record.username = user.username;
}

/**
 * Denies a pending device code: its next poll answers `access_denied`.
 * @throws TaegisOptionsError for an unknown, expired or settled code.
 */
export function denyDeviceCode(state: SandboxState, userCode: string): void {
  pendingCode(state, userCode).state = "denied";
}
