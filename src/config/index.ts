export { resolveConfigPath, CONFIG_PATH_VARIABLE, type ConfigLocationOptions } from "./resolveConfigPath.js";
export {
  ConfigStore,
  configStoreFor,
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_STALE_LOCK_MS,
  type ConfigStoreOptions,
  type ConfigTransaction,
} from "./ConfigStore.js";
export { configValue, setConfigValue, deleteConfigValue, type ConfigSections } from "./configSections.js";
export type { ConfigFs } from "./ConfigFs.js";
export { writeToConfig, readConfig, removeFromConfig, type ConfigOptions } from "./publicApi.js";
