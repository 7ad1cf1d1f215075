/**
 * `taegis-sdk/sandbox`: a local Taegis-compatible server for tests, the
 * quickstart and offline integration work. See docs/sandbox.md.
 */
export { startSandbox } from "./startSandbox.js";
export type {
  Sandbox,
  SandboxAlertStatus,
  SandboxEnvironment,
  SandboxFault,
  SandboxInvestigationStatus,
  SandboxMetrics,
  SandboxOptions,
  SandboxRequestRecord,
  SandboxSeed,
  SandboxSeedAlert,
  SandboxSeedEvent,
  SandboxSeedInvestigation,
  SandboxSeedTenant,
  SandboxSeedUser,
  SandboxUser,
} from "./types.js";
